import type { Triangle } from './triangle.ts';

/**
 * The chain ladder (链梯法) with Mack's standard error (docs/reserving.md, "Chain ladder").
 *
 * Notation: C(i,k) the cumulative amount of origin i at age k; f(k) the factor from age k to k + 1.
 * - Factors are volume weighted (Mack's α = 1): f(k) = Σ C(i,k+1) / Σ C(i,k) over the origins observed at
 *   both ages; S(k) = Σ C(i,k) over the same origins.
 * - σ²(k) = Σ C(i,k) · (C(i,k+1)/C(i,k) − f(k))² / (n − 1) over the n of those origins with C(i,k) > 0
 *   (an origin at 0 says nothing about a ratio). When n = 1 (the last factor of a triangle), Mack's
 *   extrapolation: σ²(k) = min(σ⁴(k−1)/σ²(k−2), σ²(k−2), σ²(k−1)), which needs both earlier σ².
 * - Projection: Ĉ(i,k+1) = Ĉ(i,k) · f(k) from each origin's latest cell; ultimate = Ĉ(i,n) · tail.
 * - Mack (1993), in the recursive form of Mack (1999) with no tail variance:
 *   process variance  Σ_k σ²(k) · Ĉ(i,k) · P(k)²,  parameter variance  Σ_k σ²(k)/S(k) · Ĉ(i,k)² · P(k)²
 *   over the factors k the origin is projected through, P(k) = f(k+1) · … · f(n−1). The total's parameter
 *   variance squares the sum over origins, Σ_k σ²(k)/S(k) · (Σ_i Ĉ(i,k))² · P(k)², which is Mack's
 *   covariance term 2 Σ_{i<j} Ĉ(i,n)Ĉ(j,n) Σ_k σ²(k)/(f(k)² S(k)) added to the origins' own.
 * - A tail factor is taken as known: it scales the ultimate and its standard error; its own uncertainty is
 *   not modelled.
 *
 * When a factor cannot be estimated (S(k) ≤ 0: no volume at age k) it is 1 and `estimated` is false;
 * σ² that cannot be estimated is null, and so is the standard error of every origin projected through it,
 * and of the total. The standard error is also null for an origin projected from a negative amount (the
 * model's variance σ²·C needs C ≥ 0). No value of the result is NaN or infinite for finite input.
 */

export interface DevelopmentFactor {
  /** The factor develops age `fromAge` to the next age, `toAge` (ages as in the triangle). */
  fromAge: number;
  toAge: number;
  factor: number;
  /** False when there was no volume at `fromAge` to estimate it from: the factor is then 1. */
  estimated: boolean;
  /** Origins observed at both ages. */
  observations: number;
  /** S(k): Σ C(i,k) over those origins. */
  volume: number;
  /** σ²(k); null when it cannot be estimated. */
  sigma2: number | null;
  /** 'data' from the residuals, 'extrapolated' by Mack's rule, null when σ² is null. */
  sigma2Source: 'data' | 'extrapolated' | null;
}

export interface ChainLadderOrigin {
  origin: string;
  /** The age of the origin's latest observed cell. */
  latestAge: number;
  latest: number;
  /** Cumulative development factor from the latest age to ultimate, tail included. */
  cdf: number;
  ultimate: number;
  /** Latest ÷ ultimate ("developed to date"); null when the ultimate is 0. */
  developedToDate: number | null;
  /** Ultimate − latest. */
  ibnr: number;
  /**
   * Mack's standard errors (of the ultimate, hence of the IBNR); null when a σ² on the way is missing or a
   * projected amount negative. 0 for an origin at the last age (nothing left to project but the tail).
   */
  processSe: number | null;
  parameterSe: number | null;
  se: number | null;
  /** se ÷ IBNR when the IBNR is positive and se known, else null. */
  cv: number | null;
}

export interface ChainLadderTotals {
  latest: number;
  ultimate: number;
  developedToDate: number | null;
  ibnr: number;
  processSe: number | null;
  /** Includes the covariance between origins that share estimated factors. */
  parameterSe: number | null;
  se: number | null;
  cv: number | null;
}

export interface ChainLadderResult {
  origins: ChainLadderOrigin[];
  totals: ChainLadderTotals;
  factors: DevelopmentFactor[];
  tail: number;
  /** The triangle squared: observed cells kept, later cells projected (without the tail). */
  projected: number[][];
}

export interface ChainLadderOptions {
  /** Development after the last age, as a factor (≥ 0, finite); 1 (none) by default. */
  tail?: number;
}

/** Checks the triangle's shape: rows as long as `ages`, observed cells first, at least one, all finite. */
export function checkTriangle(triangle: Triangle): void {
  const { origins, ages, values } = triangle;
  if (values.length !== origins.length) {
    throw new RangeError(`the triangle has ${values.length} rows for ${origins.length} origins`);
  }
  values.forEach((row, i) => {
    const origin = origins[i];
    if (row.length !== ages.length) {
      throw new RangeError(`origin ${origin} has ${row.length} cells for ${ages.length} ages`);
    }
    if (row[0] === null || row[0] === undefined)
      throw new RangeError(`origin ${origin} has no observed cell`);
    let open = true;
    for (const value of row) {
      if (value === null) open = false;
      else if (!open) throw new RangeError(`origin ${origin} has an observed cell after a missing one`);
      else if (!Number.isFinite(value))
        throw new RangeError(`origin ${origin} has a value that is not finite`);
    }
  });
}

export function chainLadder(triangle: Triangle, options: ChainLadderOptions = {}): ChainLadderResult {
  checkTriangle(triangle);
  const tail = options.tail ?? 1;
  if (!(Number.isFinite(tail) && tail >= 0))
    throw new RangeError(`a tail factor is finite and ≥ 0, not ${tail}`);
  const { origins, ages, values } = triangle;
  const n = ages.length;
  const cell = (i: number, k: number): number | null => values[i]?.[k] ?? null;

  const factors = estimateFactors(triangle);
  const f = factors.map((factor) => factor.factor);
  // P[k] = f(k+1) · … · f(n−2) (0-based): what follows factor k up to the last age.
  const after = new Array<number>(Math.max(n - 1, 0)).fill(1);
  for (let k = n - 3; k >= 0; k -= 1) after[k] = (after[k + 1] as number) * (f[k + 1] as number);

  const projected: number[][] = [];
  const byOrigin: ChainLadderOrigin[] = [];
  // Σ_i Ĉ(i,k) over the origins projected through factor k, for the total's parameter variance.
  const openVolume = new Array<number>(Math.max(n - 1, 0)).fill(0);
  let totalProcess: number | null = 0;
  for (let i = 0; i < origins.length; i += 1) {
    const row: number[] = [];
    let latestAge = 0;
    for (let k = 0; k < n; k += 1) {
      const value = cell(i, k);
      if (value === null) break;
      row.push(value);
      latestAge = k;
    }
    const latest = row[latestAge] as number;
    let process: number | null = 0;
    let parameter: number | null = 0;
    for (let k = latestAge; k < n - 1; k += 1) {
      const current = row[k] as number;
      const { sigma2, volume } = factors[k] as DevelopmentFactor;
      const p = after[k] as number;
      openVolume[k] = (openVolume[k] as number) + current;
      if (sigma2 === null || current < 0) {
        process = null;
        parameter = null;
      } else if (process !== null && parameter !== null) {
        process += sigma2 * current * p * p;
        parameter += (sigma2 / volume) * current * current * p * p;
      }
      row.push(current * (f[k] as number));
    }
    projected.push(row);
    const cdf = (latestAge < n - 1 ? (f[latestAge] as number) * (after[latestAge] as number) : 1) * tail;
    const ultimate = (row[n - 1] as number) * tail;
    const ibnr = ultimate - latest;
    const processSe = process === null ? null : Math.sqrt(process) * tail;
    const parameterSe = parameter === null ? null : Math.sqrt(parameter) * tail;
    const se = process === null || parameter === null ? null : Math.sqrt(process + parameter) * tail;
    if (totalProcess !== null) totalProcess = process === null ? null : totalProcess + process;
    byOrigin.push({
      origin: origins[i] as string,
      latestAge: ages[latestAge] as number,
      latest,
      cdf,
      ultimate,
      developedToDate: ultimate !== 0 ? latest / ultimate : null,
      ibnr,
      processSe,
      parameterSe,
      se,
      cv: coefficientOfVariation(se, ibnr),
    });
  }

  let totalParameter: number | null = totalProcess === null ? null : 0;
  for (let k = 0; k < n - 1 && totalParameter !== null; k += 1) {
    const volume = openVolume[k] as number;
    if (volume === 0) continue;
    const { sigma2, volume: s } = factors[k] as DevelopmentFactor;
    if (sigma2 === null) totalParameter = null;
    else totalParameter += (sigma2 / s) * volume * volume * (after[k] as number) ** 2;
  }
  const sum = (pick: (origin: ChainLadderOrigin) => number) => byOrigin.reduce((a, o) => a + pick(o), 0);
  const latest = sum((o) => o.latest);
  const ultimate = sum((o) => o.ultimate);
  const ibnr = ultimate - latest;
  const se =
    totalProcess === null || totalParameter === null ? null : Math.sqrt(totalProcess + totalParameter) * tail;
  return {
    origins: byOrigin,
    totals: {
      latest,
      ultimate,
      developedToDate: ultimate !== 0 ? latest / ultimate : null,
      ibnr,
      processSe: totalProcess === null ? null : Math.sqrt(totalProcess) * tail,
      parameterSe: totalParameter === null ? null : Math.sqrt(totalParameter) * tail,
      se,
      cv: coefficientOfVariation(se, ibnr),
    },
    factors,
    tail,
    projected,
  };
}

function coefficientOfVariation(se: number | null, ibnr: number): number | null {
  return se !== null && ibnr > 0 ? se / ibnr : null;
}

/** Volume-weighted factors and Mack's σ² for each pair of adjacent ages. */
export function estimateFactors(triangle: Triangle): DevelopmentFactor[] {
  const { ages, values } = triangle;
  const factors: DevelopmentFactor[] = [];
  for (let k = 0; k + 1 < ages.length; k += 1) {
    const pairs: [number, number][] = [];
    for (const row of values) {
      const from = row[k];
      const to = row[k + 1];
      if (from !== null && from !== undefined && to !== null && to !== undefined) pairs.push([from, to]);
    }
    const volume = pairs.reduce((a, [from]) => a + from, 0);
    const estimated = volume > 0;
    const factor = estimated ? pairs.reduce((a, [, to]) => a + to, 0) / volume : 1;
    const weighted = pairs.filter(([from]) => from > 0);
    let sigma2: number | null = null;
    let sigma2Source: DevelopmentFactor['sigma2Source'] = null;
    if (estimated && weighted.length >= 2) {
      const squares = weighted.reduce((a, [from, to]) => a + from * (to / from - factor) ** 2, 0);
      sigma2 = squares / (weighted.length - 1);
      sigma2Source = 'data';
    } else if (estimated && weighted.length === 1 && k >= 2) {
      const previous = factors[k - 1]?.sigma2 ?? null;
      const before = factors[k - 2]?.sigma2 ?? null;
      if (previous !== null && before !== null) {
        const least = Math.min(before, previous);
        sigma2 = before > 0 ? Math.min((previous * previous) / before, least) : least;
        sigma2Source = 'extrapolated';
      }
    }
    factors.push({
      fromAge: ages[k] as number,
      toAge: ages[k + 1] as number,
      factor,
      estimated,
      observations: pairs.length,
      volume,
      sigma2,
      sigma2Source,
    });
  }
  return factors;
}
