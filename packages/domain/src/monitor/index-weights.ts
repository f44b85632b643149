import { ExactDecimal } from '../money/index.ts';
import { decimalFraction } from './ratio.ts';

/*
 * The two ways the development index weighs its parts (docs/index-methodology.md):
 *
 * - AHP (层次分析法, Saaty): an n × n pairwise comparison matrix A (a_ij = how much more important i is
 *   than j on Saaty's 1–9 scale, a_ji = 1 / a_ij, a_ii = 1). The weights are A's principal eigenvector,
 *   normalised to sum 1 (power iteration from the uniform vector, in 50-digit decimals); λmax = mean of
 *   (A·w)_i / w_i; CI = (λmax − n) / (n − 1); CR = CI / RI(n) with Saaty's random index. A matrix is
 *   accepted only when CR < 0.1. For n ≤ 2 a reciprocal matrix is always consistent (CR = 0).
 * - Entropy (熵值法): from the data. For m years and the indicators' (positive) values x_tj:
 *   p_tj = x_tj / Σ_t x_tj,  e_j = −(1 / ln m) Σ_t p_tj ln p_tj (0 · ln 0 = 0),  d_j = 1 − e_j,
 *   w_j = d_j / Σ_k d_k. An indicator that does not vary (e_j = 1) gets no weight; when none varies (or
 *   there is one year) every indicator gets the same weight.
 *
 * Everything is computed in decimal.js with 50 significant digits — deterministic on every machine, as it
 * uses no floating point — and rounded only where a result is written out.
 */

/** Saaty's random consistency index RI for n = 1 … 10 (Saaty 1980): RI[n − 1]. */
export const SAATY_RANDOM_INDEX: readonly string[] = [
  '0',
  '0',
  '0.58',
  '0.90',
  '1.12',
  '1.24',
  '1.32',
  '1.41',
  '1.45',
  '1.49',
];

/** The most elements one AHP matrix may compare (Saaty's table, and good practice, stop at 9–10). */
export const AHP_MAX_SIZE = SAATY_RANDOM_INDEX.length;

/** The consistency ratio below which a matrix is accepted. */
export const AHP_CR_LIMIT = '0.1';

export type IndexErrorCode =
  | 'index.methodology'
  | 'index.ahp_matrix'
  | 'index.ahp_reciprocal'
  | 'index.ahp_inconsistent'
  | 'index.weights'
  | 'index.years'
  | 'index.value';

/** A methodology or data the index cannot be computed from; `path` points into the input. */
export class IndexMethodologyError extends Error {
  override readonly name = 'IndexMethodologyError';
  readonly code: IndexErrorCode;
  readonly path: string;
  readonly reason: string;
  readonly reasonZh: string;

  constructor(code: IndexErrorCode, path: string, zh: string, en: string) {
    super(`${path}: ${en}`);
    this.code = code;
    this.path = path;
    this.reason = en;
    this.reasonZh = zh;
  }
}

/** A positive rational a/b. */
interface Rational {
  numerator: bigint;
  denominator: bigint;
}

/** "3", "0.5", "1/3", "1/0.5", or a number: a matrix entry as an exact positive rational. */
function rationalOf(entry: unknown, path: string): Rational {
  const text = typeof entry === 'number' && Number.isFinite(entry) ? String(entry) : entry;
  if (typeof text === 'string') {
    const [top = '', bottom, extra] = text.split('/');
    const a = decimalFraction(top.trim());
    const b = bottom === undefined ? { units: 1n, decimals: 0 } : decimalFraction(bottom.trim());
    if (extra === undefined && a !== undefined && b !== undefined && a.units > 0n && b.units > 0n)
      return {
        numerator: a.units * 10n ** BigInt(b.decimals),
        denominator: b.units * 10n ** BigInt(a.decimals),
      };
  }
  throw new IndexMethodologyError(
    'index.ahp_matrix',
    path,
    '判断矩阵元素应为正数或分数，如 "3"、"1/3"',
    'A comparison is a positive number or fraction such as "3" or "1/3"',
  );
}

export interface AhpExact {
  weights: ExactDecimal[];
  lambdaMax: ExactDecimal;
  consistencyIndex: ExactDecimal;
  consistencyRatio: ExactDecimal;
}

/**
 * The weights and consistency of a pairwise comparison matrix; throws IndexMethodologyError when it is not
 * square, not reciprocal, has a diagonal other than 1, an entry outside Saaty's 1/9 … 9, more than 10 rows,
 * or CR ≥ 0.1. `path` names the matrix in the caller's input.
 */
export function ahpExact(matrix: unknown, path = ''): AhpExact {
  if (!Array.isArray(matrix) || matrix.length === 0 || matrix.length > AHP_MAX_SIZE)
    throw new IndexMethodologyError(
      'index.ahp_matrix',
      path,
      `判断矩阵应为 1 至 ${AHP_MAX_SIZE} 阶方阵`,
      `A comparison matrix is square with 1 to ${AHP_MAX_SIZE} rows`,
    );
  const n = matrix.length;
  const rows: Rational[][] = matrix.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== n)
      throw new IndexMethodologyError(
        'index.ahp_matrix',
        `${path}/${i}`,
        `每行应有 ${n} 个元素`,
        `Each row has ${n} entries`,
      );
    return row.map((entry: unknown, j) => rationalOf(entry, `${path}/${i}/${j}`));
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = (rows[i] as Rational[])[j] as Rational;
      const at = `${path}/${i}/${j}`;
      if (i === j && a.numerator !== a.denominator)
        throw new IndexMethodologyError('index.ahp_matrix', at, '对角线元素应为 1', 'The diagonal is 1');
      if (a.numerator > 9n * a.denominator || 9n * a.numerator < a.denominator)
        throw new IndexMethodologyError(
          'index.ahp_matrix',
          at,
          '判断值应在 1/9 至 9 之间（Saaty 标度）',
          'A comparison lies between 1/9 and 9 (Saaty’s scale)',
        );
      const b = (rows[j] as Rational[])[i] as Rational;
      if (a.numerator * b.numerator !== a.denominator * b.denominator)
        throw new IndexMethodologyError(
          'index.ahp_reciprocal',
          at,
          `判断矩阵应互反：第 ${j + 1} 行第 ${i + 1} 列应为本元素的倒数`,
          `The matrix is reciprocal: entry (${j + 1}, ${i + 1}) is the inverse of this one`,
        );
    }
  }
  const A = rows.map((row) =>
    row.map((r) => new ExactDecimal(r.numerator.toString()).dividedBy(r.denominator.toString())),
  );
  let weights = A.map(() => new ExactDecimal(1).dividedBy(n));
  const tolerance = new ExactDecimal('1e-40');
  for (let iteration = 0; iteration < 1_000; iteration++) {
    const product = A.map((row) =>
      row.reduce((sum, a, j) => sum.plus(a.times(weights[j] as ExactDecimal)), new ExactDecimal(0)),
    );
    const total = product.reduce((sum, x) => sum.plus(x), new ExactDecimal(0));
    const next = product.map((x) => x.dividedBy(total));
    const change = next.reduce(
      (most, x, i) => ExactDecimal.max(most, x.minus(weights[i] as ExactDecimal).abs()),
      new ExactDecimal(0),
    );
    weights = next;
    if (change.lessThan(tolerance)) break;
  }
  const product = A.map((row) =>
    row.reduce((sum, a, j) => sum.plus(a.times(weights[j] as ExactDecimal)), new ExactDecimal(0)),
  );
  const lambdaMax = product
    .reduce((sum, x, i) => sum.plus(x.dividedBy(weights[i] as ExactDecimal)), new ExactDecimal(0))
    .dividedBy(n);
  const zero = new ExactDecimal(0);
  const consistencyIndex = n <= 2 ? zero : ExactDecimal.max(zero, lambdaMax.minus(n).dividedBy(n - 1));
  const randomIndex = new ExactDecimal(SAATY_RANDOM_INDEX[n - 1] as string);
  const consistencyRatio = randomIndex.isZero() ? zero : consistencyIndex.dividedBy(randomIndex);
  if (consistencyRatio.greaterThanOrEqualTo(AHP_CR_LIMIT))
    throw new IndexMethodologyError(
      'index.ahp_inconsistent',
      path,
      `判断矩阵一致性比率 CR = ${fixed(consistencyRatio)}，应小于 ${AHP_CR_LIMIT}`,
      `The matrix’s consistency ratio CR = ${fixed(consistencyRatio)} must be below ${AHP_CR_LIMIT}`,
    );
  return { weights, lambdaMax, consistencyIndex, consistencyRatio };
}

export interface EntropyExact {
  entropy: ExactDecimal[];
  divergence: ExactDecimal[];
  weights: ExactDecimal[];
}

/** Entropy weights of indicators from their values: columns[j][t] is indicator j in year t, all > 0. */
export function entropyExact(columns: readonly (readonly ExactDecimal[])[]): EntropyExact {
  const years = columns[0]?.length ?? 0;
  const zero = new ExactDecimal(0);
  const one = new ExactDecimal(1);
  const equal = columns.map(() => one.dividedBy(columns.length));
  if (years < 2)
    return { entropy: columns.map(() => one), divergence: columns.map(() => zero), weights: equal };
  const lnYears = new ExactDecimal(years).ln();
  const entropy = columns.map((column) => {
    const total = column.reduce((sum, x) => sum.plus(x), zero);
    let sum = zero;
    for (const x of column) {
      if (x.isZero()) continue;
      const p = x.dividedBy(total);
      sum = sum.plus(p.times(p.ln()));
    }
    // e ≤ 1 in exact arithmetic; a constant column can land a last digit above it.
    return ExactDecimal.min(one, sum.negated().dividedBy(lnYears));
  });
  const divergence = entropy.map((e) => one.minus(e));
  const total = divergence.reduce((sum, d) => sum.plus(d), zero);
  // Below 10^-40 the divergence is rounding noise of constant columns: no indicator varies.
  if (total.lessThan('1e-40')) return { entropy, divergence, weights: equal };
  return { entropy, divergence, weights: divergence.map((d) => d.dividedBy(total)) };
}

/** The number of decimals every figure of the index is written with. */
export const INDEX_DECIMALS = 6;

/** A decimal rounded HALF_UP to INDEX_DECIMALS places, never "-0.000000". */
export function fixed(value: ExactDecimal): string {
  const text = value.toFixed(INDEX_DECIMALS, ExactDecimal.ROUND_HALF_UP);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

export interface AhpAnalysis {
  weights: string[];
  lambdaMax: string;
  consistencyIndex: string;
  consistencyRatio: string;
}

/** ahpExact written out: weights, λmax, CI and CR to 6 decimals. Throws as ahpExact does. */
export function analyseAhpMatrix(matrix: readonly (readonly (string | number)[])[]): AhpAnalysis {
  const result = ahpExact(matrix);
  return {
    weights: result.weights.map(fixed),
    lambdaMax: fixed(result.lambdaMax),
    consistencyIndex: fixed(result.consistencyIndex),
    consistencyRatio: fixed(result.consistencyRatio),
  };
}

/** Entropy weights of indicators (columns[j][t], decimal strings > 0), to 6 decimals. */
export function entropyWeights(columns: readonly (readonly string[])[]): {
  entropy: string[];
  divergence: string[];
  weights: string[];
} {
  const result = entropyExact(columns.map((column) => column.map((x) => new ExactDecimal(x))));
  return {
    entropy: result.entropy.map(fixed),
    divergence: result.divergence.map(fixed),
    weights: result.weights.map(fixed),
  };
}
