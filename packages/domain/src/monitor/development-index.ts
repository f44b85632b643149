import type { BilingualText } from '../catalog/definition.ts';
import { ExactDecimal } from '../money/index.ts';
import { ahpExact, entropyExact, fixed, IndexMethodologyError } from './index-weights.ts';

/*
 * The 科技保险发展指数 (tech-insurance development index, Wuhan 实施方案 三(四); domain README §5), computed
 * as docs/index-methodology.md describes: indicators grouped in sub-indices, each indicator normalised to
 * its base year = 100 (value / base × 100; base / value × 100 for an indicator where less is better),
 * a sub-index the weighted sum of its indicators, the composite the weighted sum of the sub-indices.
 * Weights are fixed, from AHP matrices, or from the data by the entropy method.
 *
 * Missing data: a value missing in a later year is carried forward from the last year that has it (and
 * flagged); an indicator without a usable base-year value is left out of every year, its sub-index's
 * weights renormalised over the indicators left (a sub-index left empty is left out, and the sub-index
 * weights renormalised). Years before the base year are refused. For an indicator where less is better,
 * a value of 0 (no claims, so no claim speed) counts as missing.
 *
 * Deterministic: decimal arithmetic with 50 significant digits, no floating point; every figure of the
 * result is rounded HALF_UP to 6 decimals once, from the unrounded values. The result echoes the
 * methodology and the input, so computeIndex(result.methodology, result.inputs) reproduces it exactly.
 */

export type IndexDirection = 'positive' | 'negative';

export interface IndexIndicator {
  /** snake_case key, unique across the methodology. */
  key: string;
  names: BilingualText;
  /** positive: more is better; negative: less is better (normalised as base / value). */
  direction: IndexDirection;
  /** What the value is measured in, e.g. 'yuan', 'count', 'ratio', 'days', 'hhi'. */
  unit: string;
  definition: BilingualText;
}

export interface IndexSubIndex {
  key: string;
  names: BilingualText;
  indicators: IndexIndicator[];
}

/** A pairwise comparison: "3", "1/3", "0.5" (or a number). */
export type AhpEntry = string | number;

export type IndexWeighting =
  | { method: 'entropy' }
  | {
      method: 'ahp';
      /** Comparisons of the sub-indices, rows and columns in the methodology's order. */
      subIndices: AhpEntry[][];
      /** Per sub-index key, comparisons of its indicators in order; optional for a single indicator. */
      indicators: Record<string, AhpEntry[][]>;
    }
  | {
      method: 'fixed';
      /** Weight of each sub-index, decimal strings adding up to 1. */
      subIndices: Record<string, string>;
      /** Weight of each indicator within its sub-index, adding up to 1 in each sub-index. */
      indicators: Record<string, string>;
    };

export interface IndexMethodology {
  /** Names this methodology (indicators, base year, weights): a stored result says which it used. */
  version: string;
  baseYear: number;
  subIndices: IndexSubIndex[];
  weighting: IndexWeighting;
}

/** One year's values by indicator key: decimal strings (exact) or numbers; null or absent = missing. */
export type IndexYearValues = Record<string, string | number | null | undefined>;

export interface IndexInput {
  methodology: IndexMethodology;
  years: Record<string, IndexYearValues>;
}

export type IndexExclusionReason = 'missing_in_base_year' | 'zero_in_base_year';

export interface IndexIndicatorResult {
  /** The value used (after carrying forward), as a decimal string. */
  value: string;
  /** The year the value was carried from, or null when it is the year's own. */
  carriedFrom: number | null;
  /** Base year = 100. */
  normalised: string;
  /** The indicator's weight in the composite (its sub-index's weight × its weight within it). */
  weight: string;
}

export interface IndexYearResult {
  year: number;
  composite: string;
  subIndices: Record<string, string>;
  indicators: Record<string, IndexIndicatorResult>;
}

export interface IndexWeightsResult {
  method: IndexWeighting['method'];
  subIndices: Record<string, string>;
  indicators: Record<string, { withinSubIndex: string; overall: string }>;
  /** AHP: λmax, CI and CR of each matrix (sub-indices, and each sub-index's indicators). */
  consistency?: {
    subIndices: AhpConsistencyResult;
    indicators: Record<string, AhpConsistencyResult>;
  };
  /** Entropy: each indicator's entropy e and divergence d = 1 − e. */
  entropy?: Record<string, { entropy: string; divergence: string }>;
}

export interface AhpConsistencyResult {
  lambdaMax: string;
  consistencyIndex: string;
  consistencyRatio: string;
}

export interface IndexResult {
  methodology: IndexMethodology;
  /** The input years as given, values as decimal strings (numbers written in decimal form) or null. */
  inputs: Record<string, Record<string, string | null>>;
  weights: IndexWeightsResult;
  excluded: { indicator: string; reason: IndexExclusionReason }[];
  years: IndexYearResult[];
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const HUNDRED = new ExactDecimal(100);
const ZERO = new ExactDecimal(0);
const ONE = new ExactDecimal(1);

function fail(
  code: ConstructorParameters<typeof IndexMethodologyError>[0],
  path: string,
  zh: string,
  en: string,
): never {
  throw new IndexMethodologyError(code, path, zh, en);
}

function checkMethodology(methodology: IndexMethodology): void {
  const m = '/methodology';
  if (typeof methodology !== 'object' || methodology === null)
    fail('index.methodology', m, '缺少方法', 'The methodology is missing');
  if (
    typeof methodology.version !== 'string' ||
    methodology.version.length === 0 ||
    methodology.version.length > 60
  )
    fail(
      'index.methodology',
      `${m}/version`,
      '应有方法版本（1 至 60 个字符）',
      'A methodology has a version (1 to 60 characters)',
    );
  if (!Number.isSafeInteger(methodology.baseYear))
    fail('index.methodology', `${m}/baseYear`, '基期应为年份整数', 'The base year is a whole year');
  if (!Array.isArray(methodology.subIndices) || methodology.subIndices.length === 0)
    fail('index.methodology', `${m}/subIndices`, '至少应有一个分指数', 'There is at least one sub-index');
  const keys = new Set<string>();
  methodology.subIndices.forEach((sub, s) => {
    const at = `${m}/subIndices/${s}`;
    if (typeof sub?.key !== 'string' || !KEY.test(sub.key) || keys.has(sub.key))
      fail(
        'index.methodology',
        `${at}/key`,
        '分指数代码应为唯一的 snake_case',
        'A sub-index key is a unique snake_case key',
      );
    keys.add(sub.key);
    if (!Array.isArray(sub.indicators) || sub.indicators.length === 0)
      fail(
        'index.methodology',
        `${at}/indicators`,
        '分指数至少应有一个指标',
        'A sub-index has at least one indicator',
      );
    sub.indicators.forEach((indicator, i) => {
      if (typeof indicator?.key !== 'string' || !KEY.test(indicator.key) || keys.has(indicator.key))
        fail(
          'index.methodology',
          `${at}/indicators/${i}/key`,
          '指标代码应为唯一的 snake_case（且不同于分指数代码）',
          'An indicator key is a unique snake_case key (unlike any sub-index key)',
        );
      keys.add(indicator.key);
      if (indicator.direction !== 'positive' && indicator.direction !== 'negative')
        fail(
          'index.methodology',
          `${at}/indicators/${i}/direction`,
          '方向应为 positive 或 negative',
          'The direction is positive or negative',
        );
    });
  });
  const method = methodology.weighting?.method;
  if (method !== 'entropy' && method !== 'ahp' && method !== 'fixed')
    fail(
      'index.methodology',
      `${m}/weighting/method`,
      '赋权方法应为 entropy、ahp 或 fixed',
      'The weighting method is entropy, ahp or fixed',
    );
}

/** Weights a methodology gives before any indicator is left out: [sub-index weights, within weights]. */
function givenWeights(methodology: IndexMethodology): {
  sub: ExactDecimal[];
  within: ExactDecimal[][];
  consistency?: IndexWeightsResult['consistency'];
} {
  const weighting = methodology.weighting;
  const subs = methodology.subIndices;
  if (weighting.method === 'fixed') {
    const read = (table: Record<string, string> | undefined, key: string, path: string): ExactDecimal => {
      const text = table?.[key];
      if (typeof text !== 'string' || !DECIMAL.test(text))
        fail(
          'index.weights',
          `${path}/${key}`,
          '权重应为非负小数字符串，如 "0.25"',
          'A weight is a non-negative decimal string such as "0.25"',
        );
      return new ExactDecimal(text);
    };
    const sumsToOne = (weights: ExactDecimal[], path: string) => {
      if (!weights.reduce((sum, w) => sum.plus(w), ZERO).equals(ONE))
        fail('index.weights', path, '权重之和应恰为 1', 'The weights add up to exactly 1');
    };
    const sub = subs.map((s) => read(weighting.subIndices, s.key, '/methodology/weighting/subIndices'));
    sumsToOne(sub, '/methodology/weighting/subIndices');
    const within = subs.map((s) => {
      const weights = s.indicators.map((i) =>
        read(weighting.indicators, i.key, '/methodology/weighting/indicators'),
      );
      sumsToOne(weights, `/methodology/weighting/indicators (${s.key})`);
      return weights;
    });
    return { sub, within };
  }
  if (weighting.method === 'ahp') {
    const top = ahpExact(weighting.subIndices, '/methodology/weighting/subIndices');
    if (top.weights.length !== subs.length)
      fail(
        'index.ahp_matrix',
        '/methodology/weighting/subIndices',
        `应为 ${subs.length} 阶矩阵`,
        `The matrix has ${subs.length} rows`,
      );
    const indicators: Record<string, AhpConsistencyResult> = {};
    const within = subs.map((s) => {
      const matrix = weighting.indicators?.[s.key];
      const path = `/methodology/weighting/indicators/${s.key}`;
      if (matrix === undefined && s.indicators.length === 1) return [ONE];
      const result = ahpExact(matrix, path);
      if (result.weights.length !== s.indicators.length)
        fail(
          'index.ahp_matrix',
          path,
          `应为 ${s.indicators.length} 阶矩阵`,
          `The matrix has ${s.indicators.length} rows`,
        );
      indicators[s.key] = consistencyOf(result);
      return result.weights;
    });
    return { sub: top.weights, within, consistency: { subIndices: consistencyOf(top), indicators } };
  }
  fail(
    'index.methodology',
    '/methodology/weighting',
    '熵值法权重由数据决定',
    'Entropy weights come from the data',
  );
}

function consistencyOf(result: {
  lambdaMax: ExactDecimal;
  consistencyIndex: ExactDecimal;
  consistencyRatio: ExactDecimal;
}): AhpConsistencyResult {
  return {
    lambdaMax: fixed(result.lambdaMax),
    consistencyIndex: fixed(result.consistencyIndex),
    consistencyRatio: fixed(result.consistencyRatio),
  };
}

/** The input value as an exact decimal and the text echoed for it; undefined when missing. */
function inputValue(raw: unknown, path: string): { decimal: ExactDecimal; text: string } | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0)
      fail(
        'index.value',
        path,
        '指标值应为非负有限数',
        'An indicator value is a finite number, not negative',
      );
    const decimal = new ExactDecimal(raw);
    return { decimal, text: decimal.toFixed() };
  }
  if (typeof raw !== 'string' || !DECIMAL.test(raw))
    fail(
      'index.value',
      path,
      '指标值应为非负小数字符串，如 "1234.5"',
      'An indicator value is a non-negative decimal string such as "1234.5"',
    );
  return { decimal: new ExactDecimal(raw), text: raw };
}

/**
 * Computes the index for every year of the input. Throws IndexMethodologyError (with a path into the
 * input) for a malformed methodology, fixed weights that do not add up to 1, an AHP matrix that is not a
 * reciprocal matrix with CR < 0.1, a year before the base year or a base year without data, or a value
 * that is not a non-negative decimal.
 */
export function computeIndex(input: IndexInput): IndexResult {
  const { methodology } = input;
  checkMethodology(methodology);
  const yearKeys = Object.keys(input.years ?? {});
  for (const key of yearKeys)
    if (!/^[0-9]{4}$/.test(key))
      fail('index.years', `/years/${key}`, '年份应为 4 位数字', 'A year is four digits');
  const years = yearKeys.map(Number).sort((a, b) => a - b);
  const base = methodology.baseYear;
  if (!years.includes(base))
    fail('index.years', `/years/${base}`, `缺少基期 ${base} 年的数据`, `The base year ${base} has no data`);
  const early = years.find((year) => year < base);
  if (early !== undefined)
    fail(
      'index.years',
      `/years/${early}`,
      `${early} 年早于基期 ${base} 年`,
      `${early} is before the base year ${base}`,
    );

  // The inputs, echoed, and each indicator's value per year after carrying forward.
  const inputs: IndexResult['inputs'] = {};
  const indicators = methodology.subIndices.flatMap((sub) => sub.indicators);
  const known = new Set(indicators.map((indicator) => indicator.key));
  for (const year of years) {
    const given = input.years[String(year)] ?? {};
    const echoed: Record<string, string | null> = {};
    for (const key of Object.keys(given).sort()) {
      if (!known.has(key))
        fail(
          'index.value',
          `/years/${year}/${key}`,
          `方法 ${methodology.version} 中没有指标 ${key}`,
          `Methodology ${methodology.version} has no indicator ${key}`,
        );
      echoed[key] = inputValue(given[key], `/years/${year}/${key}`)?.text ?? null;
    }
    inputs[String(year)] = echoed;
  }
  type Used = { decimal: ExactDecimal; text: string; carriedFrom: number | null };
  const series = new Map<string, Used[]>();
  const excluded: IndexResult['excluded'] = [];
  for (const indicator of indicators) {
    const column: Used[] = [];
    let last: Used | undefined;
    for (const year of years) {
      const own = inputValue(input.years[String(year)]?.[indicator.key], `/years/${year}/${indicator.key}`);
      const usable = own !== undefined && !(indicator.direction === 'negative' && own.decimal.isZero());
      if (usable) last = { ...own, carriedFrom: null };
      else if (last !== undefined)
        last = { ...last, carriedFrom: last.carriedFrom ?? years[column.length - 1] ?? null };
      if (last === undefined) break;
      column.push(last);
    }
    const baseValue = column[0];
    if (baseValue === undefined) excluded.push({ indicator: indicator.key, reason: 'missing_in_base_year' });
    else if (baseValue.decimal.isZero())
      excluded.push({ indicator: indicator.key, reason: 'zero_in_base_year' });
    else series.set(indicator.key, column);
  }
  if (series.size === 0)
    fail(
      'index.value',
      '/years',
      '没有可计算的指标：每个指标在基期都缺失或为 0',
      'Nothing to compute: every indicator is missing or 0 in the base year',
    );

  // Normalised values: base year = 100.
  const normalised = new Map<string, ExactDecimal[]>();
  for (const indicator of indicators) {
    const column = series.get(indicator.key);
    if (column === undefined) continue;
    const baseValue = (column[0] as Used).decimal;
    normalised.set(
      indicator.key,
      column.map(({ decimal }) =>
        indicator.direction === 'positive'
          ? decimal.dividedBy(baseValue).times(HUNDRED)
          : baseValue.dividedBy(decimal).times(HUNDRED),
      ),
    );
  }

  // Weights of the indicators kept: within their sub-index, and of each sub-index.
  const subs = methodology.subIndices;
  let subWeights: ExactDecimal[];
  let within: ExactDecimal[][];
  const weightsResult: Omit<IndexWeightsResult, 'subIndices' | 'indicators'> = {
    method: methodology.weighting.method,
  };
  if (methodology.weighting.method === 'entropy') {
    const keptKeys = indicators.map((i) => i.key).filter((key) => normalised.has(key));
    const entropy = entropyExact(keptKeys.map((key) => normalised.get(key) as ExactDecimal[]));
    const overall = new Map(keptKeys.map((key, j) => [key, entropy.weights[j] as ExactDecimal]));
    weightsResult.entropy = Object.fromEntries(
      keptKeys.map((key, j) => [
        key,
        {
          entropy: fixed(entropy.entropy[j] as ExactDecimal),
          divergence: fixed(entropy.divergence[j] as ExactDecimal),
        },
      ]),
    );
    subWeights = subs.map((sub) =>
      sub.indicators.reduce((sum, i) => sum.plus(overall.get(i.key) ?? ZERO), ZERO),
    );
    within = subs.map((sub, s) => {
      const kept = sub.indicators.filter((i) => overall.has(i.key));
      const total = subWeights[s] as ExactDecimal;
      return sub.indicators.map((i) =>
        !overall.has(i.key)
          ? ZERO
          : total.isZero()
            ? ONE.dividedBy(kept.length)
            : (overall.get(i.key) as ExactDecimal).dividedBy(total),
      );
    });
  } else {
    const given = givenWeights(methodology);
    if (given.consistency !== undefined) weightsResult.consistency = given.consistency;
    within = subs.map((sub, s) => {
      const weights = (given.within[s] as ExactDecimal[]).map((w, i) =>
        normalised.has((sub.indicators[i] as IndexIndicator).key) ? w : ZERO,
      );
      const total = weights.reduce((sum, w) => sum.plus(w), ZERO);
      const kept = sub.indicators.filter((i) => normalised.has(i.key)).length;
      // Renormalised over the indicators kept; equal among them if those all had weight 0.
      return weights.map((w, i) =>
        !normalised.has((sub.indicators[i] as IndexIndicator).key)
          ? ZERO
          : total.isZero()
            ? ONE.dividedBy(kept)
            : w.dividedBy(total),
      );
    });
    const keptSubs = subs.map((sub) => sub.indicators.some((i) => normalised.has(i.key)));
    const subTotal = given.sub.reduce((sum, w, s) => (keptSubs[s] ? sum.plus(w) : sum), ZERO);
    const keptCount = keptSubs.filter(Boolean).length;
    subWeights = given.sub.map((w, s) =>
      !keptSubs[s] ? ZERO : subTotal.isZero() ? ONE.dividedBy(keptCount) : w.dividedBy(subTotal),
    );
  }

  const weights: IndexWeightsResult = {
    ...weightsResult,
    subIndices: Object.fromEntries(subs.map((sub, s) => [sub.key, fixed(subWeights[s] as ExactDecimal)])),
    indicators: Object.fromEntries(
      subs.flatMap((sub, s) =>
        sub.indicators.map((indicator, i) => {
          const w = (within[s] as ExactDecimal[])[i] as ExactDecimal;
          return [
            indicator.key,
            { withinSubIndex: fixed(w), overall: fixed(w.times(subWeights[s] as ExactDecimal)) },
          ];
        }),
      ),
    ),
  };

  const results: IndexYearResult[] = years.map((year, t) => {
    let composite = ZERO;
    const subIndices: Record<string, string> = {};
    const indicatorResults: Record<string, IndexIndicatorResult> = {};
    subs.forEach((sub, s) => {
      let value = ZERO;
      sub.indicators.forEach((indicator, i) => {
        const column = normalised.get(indicator.key);
        if (column === undefined) return;
        const w = (within[s] as ExactDecimal[])[i] as ExactDecimal;
        const x = column[t] as ExactDecimal;
        value = value.plus(w.times(x));
        const used = (series.get(indicator.key) as Used[])[t] as Used;
        indicatorResults[indicator.key] = {
          value: used.text,
          carriedFrom: used.carriedFrom,
          normalised: fixed(x),
          weight: fixed(w.times(subWeights[s] as ExactDecimal)),
        };
      });
      if (sub.indicators.some((i) => normalised.has(i.key))) {
        subIndices[sub.key] = fixed(value);
        composite = composite.plus((subWeights[s] as ExactDecimal).times(value));
      }
    });
    return { year, composite: fixed(composite), subIndices, indicators: indicatorResults };
  });

  return { methodology: structuredClone(methodology), inputs, weights, excluded, years: results };
}
