import type { BilingualText } from '../catalog/definition.ts';
import { amountWords, inputText } from './band-words.ts';
import {
  type CompiledGate,
  checkGate,
  compileGate,
  type GateCheck,
  joinNotes,
  meetsLimit,
  missingGateNote,
} from './compile-gate.ts';
import { type CompiledIndicator, compileIndicator, pointsText, scoreIndicator } from './compile-indicator.ts';
import type { HighTechModel } from './evaluation-model.ts';
import type { GateResult, HighTechCheck } from './evaluation-result.ts';
import { addRatios, compareRatios, decimalRatio, type Ratio, ZERO } from './exact-ratio.ts';
import { measures } from './measures.ts';
import type { EnterpriseProfile } from './profile.ts';

/**
 * The high-tech enterprise criteria check (高新技术企业认定管理办法, 国科发火〔2016〕32号, art. 11; tables in
 * scoring.md and catalog/evaluation/high-tech.yaml). The measurable criteria are checked exactly; the
 * innovation-capability score (创新能力评价), which the official procedure gives by expert review, is
 * estimated from the profile and every estimated indicator says so. The answer is a self-check, never a
 * certificate: only a certificate in the profile's qualifications makes an enterprise high-tech.
 */

interface CompiledFloor {
  /** Revenue up to and including this amount; undefined for the last floor. */
  readonly upTo?: Ratio;
  readonly minRatio: Ratio;
  readonly words: BilingualText;
}

interface CompiledHighTech {
  readonly rd: {
    key: string;
    names: BilingualText;
    note?: BilingualText;
    floors: readonly CompiledFloor[];
    all: BilingualText;
  };
  readonly criteria: readonly CompiledGate[];
  readonly indicators: readonly CompiledIndicator[];
  readonly above: Ratio;
  readonly notAssessed: readonly BilingualText[];
}

const compiled = new WeakMap<HighTechModel, CompiledHighTech>();

/**
 * Floor i applies to revenue above floor i−1's edge and up to its own, edge included — the official
 * "5,000万元（含）以下 / 5,000万元至2亿元（含）/ 2亿元以上".
 */
function compileFloors(model: HighTechModel): CompiledFloor[] {
  const floors = model.rdIntensity.floors;
  return floors.map((floor, index) => {
    const upTo = floor.revenueUpTo === undefined ? undefined : decimalRatio(floor.revenueUpTo);
    const previous = floors[index - 1]?.revenueUpTo;
    const low = previous === undefined ? undefined : amountWords('money', decimalRatio(previous));
    const high = upTo === undefined ? undefined : amountWords('money', upTo);
    const minimum = amountWords('ratio', decimalRatio(floor.minRatio));
    const range =
      low === undefined && high !== undefined
        ? { zh: `营业收入 ${high.zh}（含）以下`, en: `revenue up to ${high.en}` }
        : low !== undefined && high !== undefined
          ? {
              zh: `营业收入 ${low.zh}（不含）至 ${high.zh}（含）`,
              en: `revenue over ${low.en} up to ${high.en}`,
            }
          : low !== undefined
            ? { zh: `营业收入 ${low.zh}以上`, en: `revenue over ${low.en}` }
            : { zh: '任何营业收入', en: 'any revenue' };
    return {
      ...(upTo === undefined ? {} : { upTo }),
      minRatio: decimalRatio(floor.minRatio),
      words: { zh: `不低于 ${minimum.zh}（${range.zh}）`, en: `at least ${minimum.en} (${range.en})` },
    };
  });
}

function compiledModel(model: HighTechModel): CompiledHighTech {
  let found = compiled.get(model);
  if (found === undefined) {
    const floors = compileFloors(model);
    const { key, names, note } = model.rdIntensity;
    found = {
      rd: {
        key,
        names,
        floors,
        ...(note === undefined ? {} : { note }),
        all: {
          zh: floors.map((floor) => floor.words.zh).join('；'),
          en: floors.map((floor) => floor.words.en).join('; '),
        },
      },
      criteria: model.criteria.map(compileGate),
      indicators: model.innovation.indicators.map(compileIndicator),
      above: decimalRatio(model.innovation.above),
      notAssessed: model.notAssessed ?? [],
    };
    compiled.set(model, found);
  }
  return found;
}

/** R&D / revenue against the floor of the enterprise's revenue band. */
function checkRdIntensity(rd: CompiledHighTech['rd'], profile: EnterpriseProfile): GateCheck {
  const base = { key: rd.key, names: rd.names };
  const revenue = measures.revenue.measure(profile);
  const intensity = measures.rdToRevenue.measure(profile);
  const floor =
    revenue.kind === 'value'
      ? rd.floors.find(
          (candidate) => candidate.upTo === undefined || compareRatios(revenue.value, candidate.upTo) <= 0,
        )
      : undefined;
  const limit = floor?.words ?? rd.all;
  const withNote = (result: Omit<GateResult, 'note'>, note?: BilingualText): GateResult => {
    const joined = joinNotes(note, rd.note);
    return joined === undefined ? result : { ...result, note: joined };
  };
  if (intensity.kind === 'missing') {
    const result = withNote(
      { ...base, input: 'missing', limit, passed: null },
      missingGateNote(intensity.fields),
    );
    return { result, missing: intensity.fields };
  }
  if (intensity.kind === 'undefined' || floor === undefined) {
    const reason = intensity.kind === 'undefined' ? intensity.reason : undefined;
    return { result: withNote({ ...base, input: 'n/a', limit, passed: false }, reason), missing: [] };
  }
  const passed = meetsLimit(intensity.value, floor.minRatio, false);
  const input = inputText('ratio', intensity.value);
  return { result: withNote({ ...base, input, limit, passed }), missing: [] };
}

export function checkHighTech(profile: EnterpriseProfile, model: HighTechModel): HighTechCheck {
  const rules = compiledModel(model);
  const gates = [
    checkRdIntensity(rules.rd, profile),
    ...rules.criteria.map((gate) => checkGate(gate, profile)),
  ];
  const scores = rules.indicators.map((indicator) => scoreIndicator(indicator, profile));
  const missing = [...new Set([...gates, ...scores].flatMap((checked) => checked.missing))];
  const score = scores.reduce((total, scored) => addRatios(total, scored.points), ZERO);
  const upper = scores.reduce((total, scored) => addRatios(total, scored.upper), ZERO);

  const criteriaMet = gates.every(({ result }) => result.passed === true);
  const passes = compareRatios(score, rules.above) > 0;
  const qualified = criteriaMet && passes;
  const gateFailed = gates.some(({ result }) => result.passed === false);
  const missingCouldChange =
    !qualified && missing.length > 0 && !gateFailed && compareRatios(upper, rules.above) > 0;

  const scoreText = pointsText(score);
  const aboveText = pointsText(rules.above);
  const unmet = gates.filter(({ result }) => result.passed !== true).map(({ result }) => result.names);
  const notes: BilingualText[] = [
    qualified
      ? {
          zh: `画像显示符合高新技术企业认定条件，创新能力估算 ${scoreText} 分（须高于 ${aboveText} 分）。`,
          en: `The profile meets the high-tech criteria; estimated innovation score ${scoreText} (must exceed ${aboveText}).`,
        }
      : {
          zh: `画像显示尚不符合高新技术企业认定条件：${[
            ...unmet.map((names) => `${names.zh}未满足或无法判断`),
            ...(passes ? [] : [`创新能力估算 ${scoreText} 分，未高于 ${aboveText} 分`]),
          ].join('；')}。`,
          en: `The profile does not yet meet the high-tech criteria: ${[
            ...unmet.map((names) => `${names.en} not met or undecided`),
            ...(passes ? [] : [`estimated innovation score ${scoreText} does not exceed ${aboveText}`]),
          ].join('; ')}.`,
        },
    {
      zh: `创新能力评价（${scores.map((scored) => scored.result.names.zh).join('、')}）是依据企业画像的估算，官方得分由专家评审给出；结论仅供自评，不代替认定。`,
      en: `The innovation score (${scores.map((scored) => scored.result.names.en).join(', ')}) is estimated from the profile; the official score comes from an expert review. This is a self-check, not a certification.`,
    },
  ];
  if (rules.notAssessed.length > 0)
    notes.push({
      zh: `未评估（画像无法判断）：${rules.notAssessed.map((item) => item.zh).join('；')}。`,
      en: `Not assessed (the profile cannot show it): ${rules.notAssessed.map((item) => item.en).join('; ')}.`,
    });
  if (missingCouldChange)
    notes.push({
      zh: `补全缺失字段（${missing.join('、')}）可能改变结论：创新能力估算最高 ${pointsText(upper)} 分。`,
      en: `Filling in the missing fields (${missing.join(', ')}) could change the outcome: at best ${pointsText(upper)} points.`,
    });
  return {
    modelCode: model.code,
    modelVersion: model.version,
    kind: 'high_tech',
    score: scoreText,
    criteriaMet,
    qualified,
    gates: gates.map((gate) => gate.result),
    indicators: scores.map((scored) => scored.result),
    missing,
    missingCouldChange,
    notes,
  };
}
