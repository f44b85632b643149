/**
 * Claim-count distributions as inversion tables: the CDF of the count on 0, 1, 2, … with a guide table
 * (Chen and Asau's indexed search), so a count costs one uniform and, on average, about one comparison.
 * The tables are built once per portfolio, in double precision, and handed as they are to every worker
 * (and to the C baseline of the benchmark), so a uniform maps to the same count everywhere.
 */

export type FrequencyModel =
  /** Poisson with this mean (claims per year). */
  | { kind: 'poisson'; mean: number }
  /** Negative binomial with this mean and variance (variance > mean): a gamma-mixed Poisson. */
  | { kind: 'negative_binomial'; mean: number; variance: number };

/** The largest table built; a mean that needs more is refused (split the unit into smaller groups). */
export const MAX_TABLE_LENGTH = 4_000_000;

/** Probabilities below this, relative to the mode's, end the upper tail (their total is below ~1e-18). */
const TAIL = 1e-20;

/**
 * P(N = k), k = 0 … K, of the count of `members` independent risks each following `model`: Poisson(n·λ),
 * or NB with size n·r and the same p (sums of independent NB with a common p are NB). Built by the
 * recurrence outward from the mode with the mode set to 1, then normalised, so neither e^(−λ) nor p^r
 * underflows for large groups.
 */
export function countProbabilities(model: FrequencyModel, members = 1): Float64Array {
  if (!(members > 0) || !Number.isFinite(members)) throw new RangeError(`${members} is not a member count`);
  let up: (k: number) => number; // P(k+1)/P(k)
  let mode: number;
  let mean: number;
  if (model.kind === 'poisson') {
    if (!(model.mean >= 0) || !Number.isFinite(model.mean))
      throw new RangeError(`a Poisson mean of ${model.mean} is not a finite number ≥ 0`);
    const m = model.mean * members;
    if (m === 0) return Float64Array.of(1);
    mean = m;
    mode = Math.floor(m);
    up = (k) => m / (k + 1);
  } else {
    const { r, p } = negativeBinomialParameters(model.mean, model.variance);
    const size = r * members;
    mean = model.mean * members;
    mode = size > 1 ? Math.floor(((size - 1) * (1 - p)) / p) : 0;
    up = (k) => ((k + size) / (k + 1)) * (1 - p);
  }
  const upper: number[] = [1];
  for (let k = mode; ; k++) {
    const next = (upper[upper.length - 1] as number) * up(k);
    if ((next < TAIL && k + 1 > mean) || next === 0) break;
    upper.push(next);
    if (mode + upper.length > MAX_TABLE_LENGTH) {
      throw new RangeError(`a claim count with mean ${mean} needs a table longer than ${MAX_TABLE_LENGTH}`);
    }
  }
  const length = mode + upper.length;
  const pmf = new Float64Array(length);
  for (let i = 0; i < upper.length; i++) pmf[mode + i] = upper[i] as number;
  for (let k = mode; k > 0; k--) pmf[k - 1] = (pmf[k] as number) / up(k - 1);
  let total = 0;
  for (let k = 0; k < length; k++) total += pmf[k] as number;
  for (let k = 0; k < length; k++) pmf[k] = (pmf[k] as number) / total;
  return pmf;
}

/** NB(r, p) with P(N = k) = C(k + r − 1, k) p^r (1 − p)^k from its mean and variance (variance > mean > 0). */
export function negativeBinomialParameters(mean: number, variance: number): { r: number; p: number } {
  if (!(mean > 0) || !Number.isFinite(mean))
    throw new RangeError(`a negative binomial mean of ${mean} is not > 0`);
  if (!(variance > mean) || !Number.isFinite(variance)) {
    throw new RangeError(
      `a negative binomial variance (${variance}) must exceed its mean (${mean}); use Poisson otherwise`,
    );
  }
  const r = (mean * mean) / (variance - mean);
  return { r, p: mean / variance };
}

/** An inversion table: cdf[k] = P(N ≤ k) with the last entry exactly 1, and guide[j] = min{k: cdf[k] ≥ j/G}. */
export interface CountTable {
  cdf: Float64Array;
  guide: Int32Array;
}

export function countTable(pmf: Float64Array): CountTable {
  const length = pmf.length;
  const cdf = new Float64Array(length);
  let sum = 0;
  for (let k = 0; k < length; k++) {
    sum += pmf[k] as number;
    cdf[k] = sum;
  }
  cdf[length - 1] = 1;
  const guideLength = length;
  const guide = new Int32Array(guideLength);
  let k = 0;
  for (let j = 0; j < guideLength; j++) {
    const threshold = j / guideLength;
    while ((cdf[k] as number) < threshold) k++;
    guide[j] = k;
  }
  return { cdf, guide };
}

/** The count for a uniform u in (0, 1): the least k with cdf[k] ≥ u (the scan of the engine's loop). */
export function invertCount(table: CountTable, u: number): number {
  let k = table.guide[Math.floor(u * table.guide.length)] as number;
  while ((table.cdf[k] as number) < u) k++;
  return k;
}
