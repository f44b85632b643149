import type { BilingualText } from '../catalog/definition.ts';
import { bandWords, belowWords, type Edge, inputText } from './band-words.ts';
import type { IndicatorDefinition } from './evaluation-model.ts';
import type { IndicatorResult } from './evaluation-result.ts';
import {
  addRatios,
  compareRatios,
  decimalRatio,
  exactText,
  maxRatio,
  minRatio,
  type Ratio,
  roundedText,
  ZERO,
} from './exact-ratio.ts';
import { type MeasureDefinition, type MeasureName, measures } from './measures.ts';
import type { EnterpriseProfile } from './profile.ts';

/**
 * Indicators compiled once per model version: edges parsed to exact ratios and every band's words built,
 * so scoring a profile is a few bigint comparisons (an import re-evaluates 100,000 profiles).
 */

interface CompiledBand extends Edge {
  readonly points: Ratio;
  readonly words: BilingualText;
}

interface CompiledPart {
  readonly name: MeasureName;
  readonly measure: MeasureDefinition;
  readonly bands: readonly CompiledBand[];
  readonly below: BilingualText;
  /** The most this part can earn: what a missing input might have been worth. */
  readonly top: Ratio;
}

export interface CompiledIndicator {
  readonly key: string;
  readonly names: BilingualText;
  readonly max: Ratio;
  readonly combine: 'best' | 'sum';
  readonly parts: readonly CompiledPart[];
  readonly estimate?: BilingualText;
}

/** An indicator's result with what the evaluators add up: its points, and its points were nothing missing. */
export interface IndicatorScore {
  readonly result: IndicatorResult;
  readonly points: Ratio;
  /** The most it could score if the missing inputs were as good as possible. */
  readonly upper: Ratio;
  readonly missing: readonly string[];
}

/** Points as an exact decimal string; edges and points are decimals, so their sums always have one. */
export function pointsText(value: Ratio): string {
  return exactText(value) ?? roundedText(value, 2);
}

export function compileIndicator(definition: IndicatorDefinition): CompiledIndicator {
  const parts = definition.parts.map((part): CompiledPart => {
    const measure: MeasureDefinition = measures[part.measure];
    const edges = part.bands.map((band) => ({
      threshold: decimalRatio(band.from ?? band.above ?? ''),
      inclusive: band.from !== undefined,
      points: decimalRatio(band.points),
    }));
    const bands = edges.map((edge, index) => ({ ...edge, words: bandWords(measure.unit, edges, index) }));
    const top = bands.reduce((most, band) => maxRatio(most, band.points), ZERO);
    return { name: part.measure, measure, bands, below: belowWords(measure.unit, edges.at(-1) as Edge), top };
  });
  return {
    key: definition.key,
    names: definition.names,
    max: decimalRatio(definition.max),
    combine: definition.combine ?? 'best',
    parts,
    ...(definition.estimate === undefined ? {} : { estimate: definition.estimate }),
  };
}

interface PartScore {
  readonly part: CompiledPart;
  readonly input: string;
  readonly words: BilingualText;
  readonly points: Ratio;
  readonly upper: Ratio;
  readonly missing: readonly string[];
  readonly reason?: BilingualText;
}

const MISSING_WORDS = { zh: '缺失', en: 'missing' };
const UNDEFINED_WORDS = { zh: '无法计算', en: 'not computable' };

function reaches(band: CompiledBand, value: Ratio): boolean {
  const order = compareRatios(value, band.threshold);
  return band.inclusive ? order >= 0 : order > 0;
}

function scorePart(part: CompiledPart, profile: EnterpriseProfile): PartScore {
  const measured = part.measure.measure(profile);
  if (measured.kind === 'missing') {
    return {
      part,
      input: 'missing',
      words: MISSING_WORDS,
      points: ZERO,
      upper: part.top,
      missing: measured.fields,
    };
  }
  if (measured.kind === 'undefined') {
    return {
      part,
      input: 'n/a',
      words: UNDEFINED_WORDS,
      points: ZERO,
      upper: ZERO,
      missing: [],
      reason: measured.reason,
    };
  }
  const input = inputText(part.measure.unit, measured.value);
  // Bands are listed best first with falling edges: the first one reached is the one that applies.
  const band = part.bands.find((candidate) => reaches(candidate, measured.value));
  if (band === undefined) return { part, input, words: part.below, points: ZERO, upper: ZERO, missing: [] };
  return { part, input, words: band.words, points: band.points, upper: band.points, missing: [] };
}

const missingNote = (fields: readonly string[]): BilingualText => ({
  zh: `缺少：${fields.join('、')}（记 0 分）`,
  en: `missing: ${fields.join(', ')} (scored 0)`,
});

export function scoreIndicator(indicator: CompiledIndicator, profile: EnterpriseProfile): IndicatorScore {
  const scores = indicator.parts.map((part) => scorePart(part, profile));
  const missing = [...new Set(scores.flatMap((score) => score.missing))];
  let points: Ratio;
  let upper: Ratio;
  let band: BilingualText;
  let note: BilingualText | undefined;
  if (scores.length === 1) {
    const [only] = scores as [PartScore];
    points = minRatio(only.points, indicator.max);
    upper = minRatio(only.upper, indicator.max);
    band = only.words;
    note = only.reason ?? (missing.length > 0 ? missingNote(missing) : undefined);
  } else if (indicator.combine === 'best') {
    const best = scores.reduce(better);
    points = minRatio(best.points, indicator.max);
    upper = minRatio(
      scores.reduce((most, score) => maxRatio(most, score.upper), ZERO),
      indicator.max,
    );
    band = labelled(best);
    note = partsNote({ zh: '取较高者', en: 'the better of' }, scores);
  } else {
    const sum = (pick: (score: PartScore) => Ratio) =>
      scores.reduce((total, score) => addRatios(total, pick(score)), ZERO);
    points = minRatio(
      sum((score) => score.points),
      indicator.max,
    );
    upper = minRatio(
      sum((score) => score.upper),
      indicator.max,
    );
    const joined = scores.map(labelled);
    band = { zh: joined.map((words) => words.zh).join('；'), en: joined.map((words) => words.en).join('; ') };
    const max = pointsText(indicator.max);
    note = partsNote({ zh: `各项相加（上限 ${max} 分）`, en: `the sum of (at most ${max})` }, scores);
  }
  const result: IndicatorResult = {
    key: indicator.key,
    names: indicator.names,
    input: scores.map((score) => score.input).join(' | '),
    band,
    points: pointsText(points),
    max: pointsText(indicator.max),
    ...(note === undefined ? {} : { note }),
    ...(indicator.estimate === undefined ? {} : { estimate: indicator.estimate }),
  };
  return { result, points, upper, missing };
}

/** The better part; on a tie the first listed, unless only the other has a value to show. */
function better(a: PartScore, b: PartScore): PartScore {
  const order = compareRatios(b.points, a.points);
  if (order !== 0) return order > 0 ? b : a;
  return a.input === 'missing' && b.input !== 'missing' ? b : a;
}

function labelled(score: PartScore): BilingualText {
  const { names } = score.part.measure;
  return { zh: `${names.zh}：${score.words.zh}`, en: `${names.en}: ${score.words.en}` };
}

function partsNote(lead: BilingualText, scores: readonly PartScore[]): BilingualText {
  const line = (score: PartScore, zh: boolean) => {
    const { names } = score.part.measure;
    const input =
      score.input === 'missing'
        ? zh
          ? '缺失'
          : 'missing'
        : score.input === 'n/a'
          ? zh
            ? '无法计算'
            : 'not computable'
          : score.input;
    return zh
      ? `${names.zh} ${input} → ${pointsText(score.points)} 分`
      : `${names.en} ${input} → ${pointsText(score.points)}`;
  };
  return {
    zh: `${lead.zh}：${scores.map((score) => line(score, true)).join('；')}`,
    en: `${lead.en}: ${scores.map((score) => line(score, false)).join('; ')}`,
  };
}
