/*
 * 准备金评估 as the page reads it. GET /api/claims/reserving answers without a schema (`unknown` in the
 * generated types); the shape follows apps/server/src/modules/claim/reserving-service.ts. Amounts of the
 * rows are yuan as numbers rounded to the fen, those of the triangles yuan strings; the reader keeps the
 * well-formed parts and drops what it cannot read, so a newer server's additions never break the page.
 */

export interface DevelopmentFactor {
  from: number;
  to: number;
  factor: number;
  /** Estimated from too few origins (or a tail), not observed. */
  estimated: boolean;
}

export interface ReservingRow {
  /** A statistical class, or 'all'. */
  class: string;
  claims: number;
  latestPaid: number;
  latestIncurred: number;
  caseReserve: number;
  chainLadder: {
    ultimate: number;
    ibnr: number;
    /** Mack's standard error of the reserve; null when it cannot be estimated. */
    se: number | null;
    cv: number | null;
    factors: DevelopmentFactor[];
  };
  bornhuetterFerguson: { ultimate: number; ibnr: number } | null;
}

export interface Triangle {
  origins: string[];
  ages: number[];
  /** `values[i][k]`: origin i at age k, cumulative yuan; null past the valuation diagonal. */
  values: (string | null)[][];
}

export interface ReservingReport {
  /** 'own share' for an insurer, 'platform' for the regulator and the platform. */
  scope: string;
  valuationDate: string;
  period: string;
  basis: string;
  lossRatio: number;
  origins: string[];
  rows: ReservingRow[];
  triangles: { paid: Triangle; incurred: Triangle } | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function readFactor(value: unknown): DevelopmentFactor[] {
  if (!isRecord(value)) return [];
  const from = num(value.from);
  const to = num(value.to);
  const factor = num(value.factor);
  if (from === null || to === null || factor === null) return [];
  return [{ from, to, factor, estimated: value.estimated === true }];
}

function readRow(value: unknown): ReservingRow[] {
  if (!isRecord(value) || typeof value.class !== 'string' || !isRecord(value.chainLadder)) return [];
  const cl = value.chainLadder;
  const bf = isRecord(value.bornhuetterFerguson) ? value.bornhuetterFerguson : null;
  return [
    {
      class: value.class,
      claims: num(value.claims) ?? 0,
      latestPaid: num(value.latestPaid) ?? 0,
      latestIncurred: num(value.latestIncurred) ?? 0,
      caseReserve: num(value.caseReserve) ?? 0,
      chainLadder: {
        ultimate: num(cl.ultimate) ?? 0,
        ibnr: num(cl.ibnr) ?? 0,
        se: num(cl.se),
        cv: num(cl.cv),
        factors: Array.isArray(cl.factors) ? cl.factors.flatMap(readFactor) : [],
      },
      bornhuetterFerguson: bf ? { ultimate: num(bf.ultimate) ?? 0, ibnr: num(bf.ibnr) ?? 0 } : null,
    },
  ];
}

function readTriangle(value: unknown): Triangle | null {
  if (!isRecord(value) || !Array.isArray(value.values)) return null;
  const ages = Array.isArray(value.ages) ? value.ages.filter((a): a is number => typeof a === 'number') : [];
  return {
    origins: strings(value.origins),
    ages,
    values: value.values.map((row) =>
      Array.isArray(row) ? row.map((v) => (typeof v === 'string' ? v : null)) : [],
    ),
  };
}

/** The report, or null when the answer is not one. */
export function readReserving(value: unknown): ReservingReport | null {
  if (!isRecord(value) || !Array.isArray(value.rows)) return null;
  const all = isRecord(value.triangles) && isRecord(value.triangles.all) ? value.triangles.all : null;
  const paid = all ? readTriangle(all.paid) : null;
  const incurred = all ? readTriangle(all.incurred) : null;
  return {
    scope: str(value.scope),
    valuationDate: str(value.valuationDate),
    period: str(value.period),
    basis: str(value.basis),
    lossRatio: num(value.lossRatio) ?? 0,
    origins: strings(value.origins),
    rows: value.rows.flatMap(readRow),
    triangles: paid && incurred ? { paid, incurred } : null,
  };
}

/** A yuan number as the money helpers take it: two places, no float noise ("1234.5" → "1234.50"). */
export function yuanOfNumber(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** Whether a loss ratio typed for Bornhuetter-Ferguson is one the API takes ("0.65", "1.2"). */
export function isLossRatio(text: string): boolean {
  return /^[0-9](\.[0-9]{1,4})?$/.test(text.trim());
}
