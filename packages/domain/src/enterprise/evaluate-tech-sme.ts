import type { BilingualText } from '../catalog/definition.ts';
import { type CompiledGate, checkGate, compileGate } from './compile-gate.ts';
import { type CompiledIndicator, compileIndicator, pointsText, scoreIndicator } from './compile-indicator.ts';
import type { TechSmeModel } from './evaluation-model.ts';
import type { TechSmeEvaluation } from './evaluation-result.ts';
import { addRatios, compareRatios, decimalRatio, isZero, type Ratio, ZERO } from './exact-ratio.ts';
import type { EnterpriseProfile } from './profile.ts';

/**
 * The tech-SME evaluation (科技型中小企业评价, 国科发政〔2017〕115号 as revised by 国科发政〔2022〕67号;
 * tables in scoring.md and catalog/evaluation/tech-sme.yaml): size gates, then indicators scored by bands.
 * It qualifies when every gate is met, the score reaches the minimum (60) and no `nonZero` indicator
 * (tech staff) scored 0 — the rule "科技人员指标得分不得为 0 分".
 *
 * A missing input scores 0 and leaves its gate undecided (not met); the result says whether filling it in
 * could turn the answer, by scoring every missing input at its best band.
 */

interface CompiledTechSme {
  readonly gates: readonly CompiledGate[];
  readonly indicators: readonly CompiledIndicator[];
  readonly minScore: Ratio;
  readonly nonZero: ReadonlySet<string>;
}

const compiled = new WeakMap<TechSmeModel, CompiledTechSme>();

function compiledModel(model: TechSmeModel): CompiledTechSme {
  let found = compiled.get(model);
  if (found === undefined) {
    found = {
      gates: model.gates.map(compileGate),
      indicators: model.indicators.map(compileIndicator),
      minScore: decimalRatio(model.qualification.minScore),
      nonZero: new Set(model.qualification.nonZero),
    };
    compiled.set(model, found);
  }
  return found;
}

export function evaluateTechSme(profile: EnterpriseProfile, model: TechSmeModel): TechSmeEvaluation {
  const rules = compiledModel(model);
  const gates = rules.gates.map((gate) => checkGate(gate, profile));
  const scores = rules.indicators.map((indicator) => scoreIndicator(indicator, profile));
  const missing = [...new Set([...gates, ...scores].flatMap((checked) => checked.missing))];
  const score = scores.reduce((total, scored) => addRatios(total, scored.points), ZERO);
  const upper = scores.reduce((total, scored) => addRatios(total, scored.upper), ZERO);
  const zeroed = scores.filter((scored) => rules.nonZero.has(scored.result.key));

  const reasons: BilingualText[] = [];
  for (const { result } of gates) {
    if (result.passed === false)
      reasons.push({
        zh: `${result.names.zh}应${result.limit.zh}，实为 ${result.input}`,
        en: `${result.names.en} must be ${result.limit.en}, is ${result.input}`,
      });
    if (result.passed === null)
      reasons.push({
        zh: `${result.names.zh}缺失，门槛无法判断`,
        en: `${result.names.en} is missing, so the gate is undecided`,
      });
  }
  const minText = pointsText(rules.minScore);
  if (compareRatios(score, rules.minScore) < 0)
    reasons.push({
      zh: `得分 ${pointsText(score)} 低于 ${minText} 分`,
      en: `the score ${pointsText(score)} is below ${minText}`,
    });
  for (const { result, points } of zeroed)
    if (isZero(points)) reasons.push({ zh: `${result.names.zh}得分为 0`, en: `${result.names.en} scored 0` });

  const qualified = reasons.length === 0;
  const gateFailed = gates.some(({ result }) => result.passed === false);
  const missingCouldChange =
    !qualified &&
    missing.length > 0 &&
    !gateFailed &&
    compareRatios(upper, rules.minScore) >= 0 &&
    zeroed.every((scored) => !isZero(scored.upper));

  const notes: BilingualText[] = [
    qualified
      ? {
          zh: `符合科技型中小企业评价条件：得分 ${pointsText(score)}（不低于 ${minText} 分），门槛均满足。`,
          en: `Qualifies as a tech SME: score ${pointsText(score)} (at least ${minText}), every gate met.`,
        }
      : {
          zh: `不符合科技型中小企业评价条件：${reasons.map((reason) => reason.zh).join('；')}。`,
          en: `Does not qualify as a tech SME: ${reasons.map((reason) => reason.en).join('; ')}.`,
        },
  ];
  if (missing.length > 0) {
    const why: BilingualText = gateFailed
      ? { zh: '已有门槛未满足', en: 'a gate already fails' }
      : compareRatios(upper, rules.minScore) < 0
        ? {
            zh: `补全后最高 ${pointsText(upper)} 分，仍低于 ${minText} 分`,
            en: `at best ${pointsText(upper)} points, still below ${minText}`,
          }
        : { zh: '必须得分的指标无法得分', en: 'an indicator that must score cannot' };
    notes.push(missingNote(missing, qualified, missingCouldChange, upper, why));
  }
  return {
    modelCode: model.code,
    modelVersion: model.version,
    kind: 'tech_sme',
    score: pointsText(score),
    qualified,
    gates: gates.map((gate) => gate.result),
    indicators: scores.map((scored) => scored.result),
    missing,
    missingCouldChange,
    notes,
  };
}

function missingNote(
  missing: string[],
  qualified: boolean,
  couldChange: boolean,
  upper: Ratio,
  why: BilingualText,
): BilingualText {
  const [zh, en] = [missing.join('、'), missing.join(', ')];
  if (qualified)
    return {
      zh: `缺失字段（${zh}）不影响结论：已符合条件。`,
      en: `The missing fields (${en}) cannot change the outcome: it already qualifies.`,
    };
  if (couldChange)
    return {
      zh: `补全缺失字段（${zh}）可能改变结论：补全后最高可得 ${pointsText(upper)} 分。`,
      en: `Filling in the missing fields (${en}) could change the outcome: at best ${pointsText(upper)} points.`,
    };
  return {
    zh: `缺失字段（${zh}）不能改变结论：${why.zh}。`,
    en: `The missing fields (${en}) cannot change the outcome: ${why.en}.`,
  };
}
