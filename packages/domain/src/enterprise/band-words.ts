import type { BilingualText } from '../catalog/definition.ts';
import { formatYuanGrouped } from '../money/index.ts';
import { compareRatios, exactText, percentText, type Ratio, roundedText, whole } from './exact-ratio.ts';
import type { MeasureUnit } from './measures.ts';

/**
 * Band edges and measured values in words, so a result explains itself ("25%（含）至 30%（不含）").
 * Built once when a model is compiled, never per profile.
 */

const WAN = whole(10_000);
const YI = whole(100_000_000);

function moneyZh(value: Ratio): string {
  const inYi = exactText({ num: value.num, den: value.den * YI.num });
  if (compareRatios(value, YI) >= 0 && inYi !== undefined) return `${inYi}亿元`;
  const inWan = exactText({ num: value.num, den: value.den * WAN.num });
  if (compareRatios(value, WAN) >= 0 && inWan !== undefined) return `${inWan}万元`;
  return `${exactText(value) ?? roundedText(value, 2)}元`;
}

function moneyEn(value: Ratio): string {
  const fen = (value.num * 100n) / value.den;
  return `${formatYuanGrouped(fen).replace(/\.00$/, '')} yuan`;
}

/** A band edge or a limit in words: "30%", "4", "2亿元" / "200,000,000 yuan". */
export function amountWords(unit: MeasureUnit, value: Ratio): BilingualText {
  if (unit === 'ratio') {
    const text = percentText(value);
    return { zh: text, en: text };
  }
  if (unit === 'money') return { zh: moneyZh(value), en: moneyEn(value) };
  const text = exactText(value) ?? roundedText(value, 2);
  return { zh: text, en: text };
}

/** A measured value as text for the result's `input`: "18.5%", "12", "35000000.00". */
export function inputText(unit: MeasureUnit, value: Ratio): string {
  if (unit === 'ratio') return percentText(value);
  if (unit === 'money') return roundedText(value, 2);
  return exactText(value) ?? roundedText(value, 2);
}

export interface Edge {
  readonly threshold: Ratio;
  /** true for `from` (the edge belongs to the band), false for `above`. */
  readonly inclusive: boolean;
}

const isWhole = (value: Ratio) => value.num % value.den === 0n;

/** The words of band `index` of bands listed best first: its lower edge, and the edge of the band above. */
export function bandWords(unit: MeasureUnit, edges: readonly Edge[], index: number): BilingualText {
  const lower = edges[index] as Edge;
  const upper = edges[index - 1];
  const lo = amountWords(unit, lower.threshold);
  if (upper === undefined) {
    return lower.inclusive
      ? { zh: `${lo.zh} 及以上`, en: `${lo.en} or more` }
      : { zh: `高于 ${lo.zh}`, en: `more than ${lo.en}` };
  }
  // The band above takes its own edge when that edge is `from`; an `above` edge is left to this band.
  const upperIncluded = !upper.inclusive;
  if (
    unit === 'count' &&
    lower.inclusive &&
    !upperIncluded &&
    isWhole(lower.threshold) &&
    isWhole(upper.threshold)
  ) {
    const first = lower.threshold.num / lower.threshold.den;
    const last = upper.threshold.num / upper.threshold.den - 1n;
    return first === last
      ? { zh: `${first}`, en: `exactly ${first}` }
      : { zh: `${first} 至 ${last}`, en: `${first} to ${last}` };
  }
  const up = amountWords(unit, upper.threshold);
  const mark = (included: boolean) =>
    included ? { zh: '（含）', en: 'incl.' } : { zh: '（不含）', en: 'excl.' };
  const [a, b] = [mark(lower.inclusive), mark(upperIncluded)];
  return { zh: `${lo.zh}${a.zh}至 ${up.zh}${b.zh}`, en: `${lo.en} (${a.en}) to ${up.en} (${b.en})` };
}

/** The words for a value below every band (it scores 0). */
export function belowWords(unit: MeasureUnit, lowest: Edge): BilingualText {
  if (unit === 'count' && lowest.inclusive && isWhole(lowest.threshold)) {
    const last = lowest.threshold.num / lowest.threshold.den - 1n;
    if (last === 0n) return { zh: '无（0）', en: 'none (0)' };
    return { zh: `${last} 及以下`, en: `${last} or fewer` };
  }
  const edge = amountWords(unit, lowest.threshold);
  return lowest.inclusive
    ? { zh: `低于 ${edge.zh}`, en: `below ${edge.en}` }
    : { zh: `${edge.zh} 及以下`, en: `${edge.en} or less` };
}

/** A gate's limit in words: "不超过 500" / "at most 500". */
export function limitWords(unit: MeasureUnit, limit: Ratio, atMost: boolean): BilingualText {
  const words = amountWords(unit, limit);
  return atMost
    ? { zh: `不超过 ${words.zh}`, en: `at most ${words.en}` }
    : { zh: `不低于 ${words.zh}`, en: `at least ${words.en}` };
}
