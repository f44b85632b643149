import type { BilingualText } from '../catalog/definition.ts';
import { type CompiledIndicator, compileIndicator, pointsText, scoreIndicator } from './compile-indicator.ts';
import type { PointsModel, ScoreBand } from './evaluation-model.ts';
import type { GroupResult, PointsScore } from './evaluation-result.ts';
import {
  addRatios,
  compareRatios,
  decimalRatio,
  divideRatios,
  multiplyRatios,
  type Ratio,
  roundedText,
  whole,
  ZERO,
} from './exact-ratio.ts';
import { type EnterpriseProfile, type EnterpriseStage, enterpriseStages } from './profile.ts';

/**
 * The platform's tech score (科保科技分) in the shape of the innovation-points system (创新积分制, MOST
 * national trial 2024; scoring.md): indicators in groups (technology, operations, auxiliary), each scored
 * by bands; a group contributes weight × 100 × its points / its maximum, with weights that depend on the
 * enterprise's stage. The total (0–100) is rounded HALF_UP to two decimals once, and the band (A–D) is read
 * from that rounded score — the figure the enterprise sees is the figure that was compared.
 */

const STAGE_WORDS: Record<EnterpriseStage, BilingualText> = {
  startup: { zh: '初创期', en: 'start-up' },
  growth: { zh: '成长期', en: 'growth' },
  mature: { zh: '成熟期', en: 'mature' },
};

interface CompiledGroup {
  readonly key: string;
  readonly names: BilingualText;
  readonly weights: Readonly<Record<EnterpriseStage, Ratio>>;
  readonly weightTexts: Readonly<Record<EnterpriseStage, string>>;
  readonly indicators: readonly CompiledIndicator[];
  readonly max: Ratio;
}

interface CompiledPoints {
  readonly groups: readonly CompiledGroup[];
  readonly bands: readonly { band: ScoreBand; from: Ratio }[];
}

const compiled = new WeakMap<PointsModel, CompiledPoints>();

function compiledModel(model: PointsModel): CompiledPoints {
  let found = compiled.get(model);
  if (found === undefined) {
    found = {
      groups: model.groups.map((group) => {
        const indicators = group.indicators.map(compileIndicator);
        return {
          key: group.key,
          names: group.names,
          weights: Object.fromEntries(
            enterpriseStages.map((stage) => [stage, decimalRatio(group.weights[stage])]),
          ) as Record<EnterpriseStage, Ratio>,
          weightTexts: group.weights,
          indicators,
          max: indicators.reduce((total, indicator) => addRatios(total, indicator.max), ZERO),
        };
      }),
      bands: model.scoreBands.map(({ band, from }) => ({ band, from: decimalRatio(from) })),
    };
    compiled.set(model, found);
  }
  return found;
}

const HUNDRED = whole(100);

/** weight × 100 × points / max; a group with no maximum (refused by validation) contributes nothing. */
function weighted(weight: Ratio, points: Ratio, max: Ratio): Ratio {
  return divideRatios(multiplyRatios(multiplyRatios(weight, HUNDRED), points), max) ?? ZERO;
}

/**
 * Scores a profile at `stage`, else the profile's own stage, else the model's default stage (and then
 * 'stage' is listed as missing, since the weights depend on it).
 */
export function scorePoints(
  profile: EnterpriseProfile,
  model: PointsModel,
  stage?: EnterpriseStage,
): PointsScore {
  const rules = compiledModel(model);
  const used = stage ?? profile.stage ?? model.defaultStage;
  const missing: string[] = stage === undefined && profile.stage === undefined ? ['stage'] : [];
  const indicators: PointsScore['indicators'] = [];
  const groups: GroupResult[] = [];
  let total = ZERO;
  let best = ZERO;
  for (const group of rules.groups) {
    const scores = group.indicators.map((indicator) => scoreIndicator(indicator, profile));
    const points = scores.reduce((sum, scored) => addRatios(sum, scored.points), ZERO);
    const upper = scores.reduce((sum, scored) => addRatios(sum, scored.upper), ZERO);
    const weight = group.weights[used];
    const contribution = weighted(weight, points, group.max);
    total = addRatios(total, contribution);
    best = addRatios(best, weighted(weight, upper, group.max));
    for (const scored of scores) {
      indicators.push(scored.result);
      for (const field of scored.missing) if (!missing.includes(field)) missing.push(field);
    }
    groups.push({
      key: group.key,
      names: group.names,
      weight: group.weightTexts[used],
      points: pointsText(points),
      max: pointsText(group.max),
      weighted: roundedText(contribution, 2),
    });
  }
  const score = roundedText(total, 2);
  const rounded = decimalRatio(score);
  const band = rules.bands.find((candidate) => compareRatios(rounded, candidate.from) >= 0)?.band ?? 'D';
  const stageWords = STAGE_WORDS[used];
  const weights = groups.map((group) => ({
    zh: `${group.names.zh} ${group.weight}`,
    en: `${group.names.en} ${group.weight}`,
  }));
  const notes: BilingualText[] = [
    {
      zh: `科技分 ${score}，分档 ${band}；按${stageWords.zh}权重计：${weights.map((w) => w.zh).join('、')}。`,
      en: `Tech score ${score}, band ${band}; weighted for the ${stageWords.en} stage: ${weights.map((w) => w.en).join(', ')}.`,
    },
  ];
  if (stage === undefined && profile.stage === undefined)
    notes.push({
      zh: `画像未填写发展阶段，按模型默认的${stageWords.zh}计分。`,
      en: `The profile gives no stage; the model's default (${stageWords.en}) was used.`,
    });
  if (missing.some((field) => field !== 'stage'))
    notes.push({
      zh: `缺失字段记 0 分（${missing.join('、')}）；补全后最高可得 ${roundedText(best, 2)} 分。`,
      en: `Missing fields score 0 (${missing.join(', ')}); filled in, the score could reach ${roundedText(best, 2)}.`,
    });
  return {
    modelCode: model.code,
    modelVersion: model.version,
    kind: 'points',
    score,
    band,
    stage: used,
    groups,
    indicators,
    missing,
    notes,
  };
}
