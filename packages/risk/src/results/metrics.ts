import type { YearLosses } from '../engine/run.ts';
import { type PerspectiveKind, type PortfolioLabels, perspectiveHasOccurrences } from '../model/compile.ts';

/**
 * Risk measures from the simulated years, per perspective. Conventions (docs/risk.md, "Outputs"):
 * - AAL: the mean annual loss; its standard error is the standard deviation over √years.
 * - Loss at return period T (AEP from annual losses, OEP from each year's largest occurrence): the
 *   ⌊n/T⌋ + 1-th largest of the n simulated years, i.e. the least loss exceeded in at most n/T years
 *   (the empirical quantile at 1 − 1/T). Return periods longer than the simulation are left out (null).
 * - PML at T: the AEP (and OEP) loss at T; VaR 99.5 % = the annual loss at T = 200.
 * - TVaR 99.5 %: the mean of the worst n/200 years (a fraction of a year when n/200 is not whole).
 * - The reinstatement-premium perspectives (insurer_rip, reinsurer_rip) are annual amounts: every measure
 *   but the OEP, which is null for them.
 */

/** Return periods of the printed EP curves. */
export const EP_RETURN_PERIODS = [2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000] as const;
/** Return periods of the PML table. */
export const PML_RETURN_PERIODS = [10, 50, 100, 200, 250, 500] as const;
/** VaR and TVaR at 99.5 %: one year in 200. */
export const SOLVENCY_RETURN_PERIOD = 200;

export interface EpPoint {
  returnPeriod: number;
  exceedanceProbability: number;
  /**
   * Occurrence exceedance: the largest occurrence of the year; null beyond the simulated years and for the
   * perspectives without occurrences (reinstatement premiums).
   */
  oep: number | null;
  /** Aggregate exceedance: the year's total. */
  aep: number | null;
}

export interface PerspectiveSummary {
  key: string;
  kind: PerspectiveKind;
  id: string | null;
  aal: number;
  aalStandardError: number;
  standardDeviation: number;
  /** Share of years with a loss. */
  lossYearProbability: number;
  /** The worst simulated year. */
  maxAnnual: number;
  ep: EpPoint[];
  pml: EpPoint[];
  var995: number | null;
  tvar995: number | null;
}

export interface CapacityRow {
  insurer: string;
  capital: number;
  netAal: number;
  /** PML 1-in-200 of the insurer's net annual loss (= VaR 99.5 %). */
  netPml200: number | null;
  netTvar995: number | null;
  grossPml200: number | null;
  /**
   * capital ÷ net PML 1-in-200, a solvency-style coverage ratio (≥ 1: the capital covers the 1-in-200 year);
   * null when that PML is 0 or the simulation is shorter than 200 years.
   */
  coverageRatio: number | null;
  /** net PML 1-in-200 ÷ capital; null when the simulation is shorter than 200 years or there is no capital. */
  utilisation: number | null;
}

/**
 * The loss at return period T of ascending-sorted years: the ⌊n/T⌋ + 1-th largest (the least year when
 * there are not that many); null when T > n.
 */
export function lossAtReturnPeriod(sorted: Float64Array, returnPeriod: number): number | null {
  const n = sorted.length;
  if (!(returnPeriod >= 1) || returnPeriod > n) return null;
  return sorted[Math.max(0, n - 1 - Math.floor(n / returnPeriod))] as number;
}

/** The mean of the worst n/T years of ascending-sorted years (fractional year at the edge); null when T > n. */
export function tailMean(sorted: Float64Array, returnPeriod: number): number | null {
  const n = sorted.length;
  if (!(returnPeriod >= 1) || returnPeriod > n) return null;
  const tail = n / returnPeriod;
  const whole = Math.floor(tail);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += sorted[n - 1 - i] as number;
  if (tail > whole) sum += (tail - whole) * (sorted[n - 1 - whole] as number);
  return sum / tail;
}

function column(values: Float64Array, years: number, stride: number, p: number): Float64Array {
  const out = new Float64Array(years);
  for (let y = 0; y < years; y++) out[y] = values[y * stride + p] as number;
  return out;
}

export function summarisePerspective(
  label: { key: string; kind: PerspectiveKind; id: string | null },
  annual: Float64Array,
  maxOccurrence: Float64Array,
): PerspectiveSummary {
  const n = annual.length;
  let sum = 0;
  let lossYears = 0;
  for (let y = 0; y < n; y++) {
    const v = annual[y] as number;
    sum += v;
    if (v > 0) lossYears++;
  }
  const aal = sum / n;
  let squares = 0;
  for (let y = 0; y < n; y++) squares += ((annual[y] as number) - aal) ** 2;
  const standardDeviation = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const aep = Float64Array.from(annual).sort();
  const oep = Float64Array.from(maxOccurrence).sort();
  const occurrences = perspectiveHasOccurrences(label.kind);
  const point = (returnPeriod: number): EpPoint => ({
    returnPeriod,
    exceedanceProbability: 1 / returnPeriod,
    oep: occurrences ? lossAtReturnPeriod(oep, returnPeriod) : null,
    aep: lossAtReturnPeriod(aep, returnPeriod),
  });
  return {
    key: label.key,
    kind: label.kind,
    id: label.id,
    aal,
    aalStandardError: standardDeviation / Math.sqrt(n),
    standardDeviation,
    lossYearProbability: lossYears / n,
    maxAnnual: aep[n - 1] as number,
    ep: EP_RETURN_PERIODS.filter((t) => t <= n).map(point),
    pml: PML_RETURN_PERIODS.map(point),
    var995: lossAtReturnPeriod(aep, SOLVENCY_RETURN_PERIOD),
    tvar995: tailMean(aep, SOLVENCY_RETURN_PERIOD),
  };
}

/** Every perspective's measures, and the capacity view of each insurer whose capital is given. */
export function summarise(
  losses: YearLosses,
  labels: PortfolioLabels,
  capital: ArrayLike<number>,
): { perspectives: PerspectiveSummary[]; capacity: CapacityRow[] } {
  const { years, perspectiveCount: P } = losses;
  const perspectives = labels.perspectives.map((label, p) =>
    summarisePerspective(
      label,
      column(losses.annual, years, P, p),
      column(losses.maxOccurrence, years, P, p),
    ),
  );
  const byKey = new Map(perspectives.map((s) => [s.key, s]));
  const capacity: CapacityRow[] = [];
  labels.insurers.forEach((insurer, i) => {
    const available = capital[i] as number;
    if (!Number.isFinite(available)) return;
    const net = byKey.get(`insurer_net:${insurer}`) as PerspectiveSummary;
    const gross = byKey.get(`insurer_gross:${insurer}`) as PerspectiveSummary;
    const pml = net.var995;
    capacity.push({
      insurer,
      capital: available,
      netAal: net.aal,
      netPml200: pml,
      netTvar995: net.tvar995,
      grossPml200: gross.var995,
      coverageRatio: pml !== null && pml > 0 ? available / pml : null,
      utilisation: pml === null || available <= 0 ? null : pml / available,
    });
  });
  return { perspectives, capacity };
}
