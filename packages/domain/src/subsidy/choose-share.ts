import type { Facts } from '../catalog/facts.ts';
import { ExactDecimal } from '../money/index.ts';
import type { CompiledProgramme } from './compile-programme.ts';
import type { SubsidyRefusal, SubsidyStep } from './decision.ts';
import type { SubsidyProgramme, SubsidyTier } from './programme.ts';
import { percent } from './words.ts';

export interface ChosenShare {
  /** The share to apply, null when none could be chosen (then `refusal` or `missing` says why). */
  share: string | null;
  steps: SubsidyStep[];
  refusal: SubsidyRefusal | null;
  missing: string[];
  /** The tier chosen, whose caps replace the programme's. */
  tier: SubsidyTier | null;
}

/**
 * The share of the eligible premium: the flat rate, the year's step in byYear, or the first tier that
 * applies (by score band or condition) with its rate or year's step; then each bonus whose condition
 * holds adds its points (a bonus that cannot be decided is not counted), and the total stops at 1.
 */
export function chooseShare(
  programme: SubsidyProgramme,
  compiled: CompiledProgramme,
  facts: Facts,
  yearIndex: number,
): ChosenShare {
  const steps: SubsidyStep[] = [];
  const missing: string[] = [];
  const refused = (refusal: SubsidyRefusal | null): ChosenShare => ({
    share: null,
    steps,
    refusal,
    missing,
    tier: null,
  });
  const { share } = programme;
  let base: string | undefined;
  let tier: SubsidyTier | null = null;
  if (share.tiers !== undefined) {
    for (const candidate of compiled.tiers) {
      const result = candidate.applies(facts, missing);
      if (result === 'true') {
        tier = candidate.tier;
        break;
      }
      if (result === 'unknown') {
        // An earlier tier might apply once the fact is known: never guess a tier.
        steps.push({
          rule: 'tier',
          result: 'unknown',
          zh: `无法判断是否适用${tierName(candidate.tier).zh}`,
          en: `Cannot tell whether the tier ${tierName(candidate.tier).en} applies`,
        });
        return refused(null);
      }
    }
    if (tier === null) {
      const band = facts['enterprise.scoreBand'];
      const byBand =
        share.tiers.some((candidate) => candidate.band !== undefined) && typeof band === 'string';
      steps.push({
        rule: 'tier',
        result: 'fail',
        zh: `没有适用的补贴档${byBand ? `（评价分档 ${band}）` : ''}`,
        en: `No tier applies${byBand ? ` (score band ${band})` : ''}`,
      });
      return refused({
        reason: 'subsidy.no_tier',
        zh: '企业不属于本项目的任何补贴档',
        en: 'The enterprise falls in none of the programme’s tiers',
      });
    }
    const name = tierName(tier);
    const flat = tier.rate;
    steps.push({
      rule: 'tier',
      result: 'pass',
      ...(flat === undefined
        ? { zh: `适用${name.zh}`, en: `Tier: ${name.en}` }
        : {
            value: flat,
            zh: `适用${name.zh}：补贴比例 ${percent(flat)}`,
            en: `Tier: ${name.en}, share ${percent(flat)}`,
          }),
    });
    base = flat ?? yearStep(tier.byYear ?? [], yearIndex, steps);
  } else if (share.byYear !== undefined) {
    base = yearStep(share.byYear, yearIndex, steps);
  } else {
    base = share.rate ?? '0';
    steps.push({
      rule: 'share',
      value: base,
      zh: `补贴比例 ${percent(base)}`,
      en: `Share ${percent(base)}`,
    });
  }

  let total = new ExactDecimal(base);
  for (const { bonus, holds } of compiled.bonuses) {
    const result = holds(facts, []);
    const counted = result === 'true';
    if (counted) total = total.plus(bonus.points);
    steps.push({
      rule: 'bonus',
      reason: bonus.reason,
      result: counted ? 'pass' : result === 'false' ? 'fail' : 'unknown',
      value: bonus.points,
      zh: `${bonus.message.zh}：${counted ? `加 ${percent(bonus.points)}` : result === 'false' ? '不适用' : '无法确认，不加'}`,
      en: `${bonus.message.en}: ${counted ? `plus ${percent(bonus.points)}` : result === 'false' ? 'does not apply' : 'not established, not added'}`,
    });
  }
  if (compiled.bonuses.length > 0 || total.gt(1)) {
    const capped = total.gt(1);
    if (capped) total = new ExactDecimal(1);
    steps.push({
      rule: 'share',
      value: total.toString(),
      zh: `补贴比例 ${percent(total.toString())}${capped ? '（以 100% 为限）' : ''}`,
      en: `Share ${percent(total.toString())}${capped ? ' (at most 100%)' : ''}`,
    });
  }
  return { share: total.toString(), steps, refusal: null, missing, tier };
}

/** The share of the year index: year 1 is the first entry; years past the list keep the last one. */
function yearStep(byYear: readonly string[], yearIndex: number, steps: SubsidyStep[]): string {
  const position = Math.min(yearIndex, byYear.length);
  const value = byYear[position - 1] ?? '0';
  const shares = byYear.map(percent).join(' / ');
  steps.push({
    rule: 'year_step',
    value,
    zh: `逐年退坡（${shares}）：第 ${yearIndex} 年度补贴比例 ${percent(value)}`,
    en: `Stepping down by year (${shares}): year ${yearIndex} takes ${percent(value)}`,
  });
  return value;
}

function tierName(tier: SubsidyTier): { zh: string; en: string } {
  if (tier.names !== undefined) return { zh: `“${tier.names.zh}”档`, en: tier.names.en };
  if (tier.band !== undefined) return { zh: `评价分档 ${tier.band} 档`, en: `score band ${tier.band}` };
  return { zh: '通用档', en: 'general' };
}
