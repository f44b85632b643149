import type { Bilingual } from '../i18n/labels.ts';
import type { RiskPerspective, RiskRun, RiskRunRequest, RiskRunResult, RiskRunStatus } from './types.ts';

/*
 * Risk runs (风险模拟) read for the page and the cockpit: which runs are still going, which one to show,
 * the PML table per insurer, the start form's checks. Amounts are yuan as binary floats (estimates); they
 * are shown rounded to whole yuan.
 */

/** 排队 · 运行中 · 正在取消 · 完成 · 失败 · 已取消. */
export const riskRunStatuses = ['queued', 'running', 'cancelling', 'done', 'failed', 'cancelled'] as const;

/** The bounds and defaults of a run the server applies (POST /api/risk/runs). */
export const MIN_RUN_YEARS = 1_000;
export const MAX_RUN_YEARS = 200_000;
export const DEFAULT_RUN_YEARS = 10_000;
export const DEFAULT_RUN_SEED = 2026;

/** The perspective shown first: the zone's gross loss, after policy terms, 100 %. */
export const DEFAULT_PERSPECTIVE = 'gross';

/** The return periods of the PML table per insurer. */
export const insurerPmlPeriods = [100, 200, 250] as const;
export type InsurerPmlPeriod = (typeof insurerPmlPeriods)[number];

/** A run the job has not finished with: the list is polled while there is one. */
export function isActiveRun(status: string): boolean {
  return status === 'queued' || status === 'running' || status === 'cancelling';
}

export function hasActiveRun(runs: readonly Pick<RiskRun, 'status'>[]): boolean {
  return runs.some((r) => isActiveRun(r.status));
}

/** A run the regulator may still stop. */
export function isCancellable(status: RiskRunStatus | string): boolean {
  return status === 'queued' || status === 'running';
}

/** Years simulated so far, as a whole percent (0–100). */
export function runProgress(run: Pick<RiskRun, 'years' | 'yearsDone'>): number {
  if (run.years <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((run.yearsDone / run.years) * 100)));
}

/** The newest run with results (the list is newest first). */
export function newestDoneRun<T extends Pick<RiskRun, 'status'>>(runs: readonly T[]): T | undefined {
  return runs.find((r) => r.status === 'done');
}

/**
 * The run the page shows: the one chosen, when it is still listed; otherwise the newest with results, or
 * the newest of all (still going, failed).
 */
export function shownRun<T extends Pick<RiskRun, 'id' | 'status'>>(
  runs: readonly T[],
  chosen: string | null,
): T | undefined {
  return runs.find((r) => r.id === chosen) ?? newestDoneRun(runs) ?? runs[0];
}

/** `gross` when the run has it, else its first perspective. */
export function defaultPerspectiveKey(perspectives: readonly Pick<RiskPerspective, 'key'>[]): string | null {
  return (perspectives.find((p) => p.key === DEFAULT_PERSPECTIVE) ?? perspectives[0])?.key ?? null;
}

/** The aggregate (AEP) loss at a return period of a perspective's PML table. */
export function pmlAt(perspective: Pick<RiskPerspective, 'pml'> | undefined, returnPeriod: number) {
  return perspective?.pml.find((p) => p.returnPeriod === returnPeriod)?.aep ?? null;
}

/** A whole number of yuan, grouped by thousands: 1234567.8 → '1,234,568'. */
export function wholeYuan(yuan: number): string {
  const rounded = Math.round(yuan);
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A ratio as a percent with one place, grouped: 1.2345 → '123.5%', 123.4 → '12,340.0%'; null for none. */
export function ratioPercent(ratio: number | null): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  const [whole = '0', fraction = '0'] = (ratio * 100).toFixed(1).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}%`;
}

/** Milliseconds as whole minutes and seconds with one place (12.3 s, 2 min 5.0 s). */
export function elapsedParts(ms: number): { minutes: number; seconds: string } {
  const minutes = Math.floor(ms / 60_000);
  return { minutes, seconds: ((ms - minutes * 60_000) / 1000).toFixed(1) };
}

/** One insurer's row of the PML table: gross and net PML (AEP), net TVaR and AAL, capital and its coverage. */
export interface InsurerRiskRow {
  insurer: string;
  names: Bilingual;
  grossPml: Record<InsurerPmlPeriod, number | null>;
  netPml: Record<InsurerPmlPeriod, number | null>;
  netTvar995: number | null;
  netAal: number | null;
  capital: number | null;
  /** capital ÷ net PML 1-in-200; null without capital or without a net loss at 1-in-200. */
  coverageRatio: number | null;
}

/**
 * One row per insurer the reader may see (the regulator every one, an insurer itself), from the insurers'
 * gross and net perspectives and their capacity; the largest gross PML 1-in-200 first.
 */
export function insurerRiskRows(result: Pick<RiskRunResult, 'perspectives' | 'capacity'>): InsurerRiskRow[] {
  const ids: string[] = [];
  const seen = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const p of result.perspectives)
    if ((p.kind === 'insurer_gross' || p.kind === 'insurer_net') && p.id) seen(p.id);
  for (const c of result.capacity) seen(c.insurer);

  const rows = ids.map((id): InsurerRiskRow => {
    const gross = result.perspectives.find((p) => p.kind === 'insurer_gross' && p.id === id);
    const net = result.perspectives.find((p) => p.kind === 'insurer_net' && p.id === id);
    const capacity = result.capacity.find((c) => c.insurer === id);
    const pmls = (p: RiskPerspective | undefined) =>
      Object.fromEntries(insurerPmlPeriods.map((rp) => [rp, pmlAt(p, rp)])) as Record<
        InsurerPmlPeriod,
        number | null
      >;
    const netPml = pmls(net);
    const capital = capacity?.capital ?? null;
    const net200 = capacity?.netPml200 ?? netPml[200];
    const computed = capital !== null && net200 !== null && net200 > 0 ? capital / net200 : null;
    return {
      insurer: id,
      names: capacity?.names ?? gross?.subject ?? net?.subject ?? { zh: id, en: id },
      grossPml: pmls(gross),
      netPml,
      netTvar995: net?.tvar995 ?? capacity?.netTvar995 ?? null,
      netAal: net?.aal ?? capacity?.netAal ?? null,
      capital,
      coverageRatio: capacity?.coverageRatio ?? computed,
    };
  });
  return rows.sort(
    (a, b) =>
      (b.grossPml[200] ?? Number.NEGATIVE_INFINITY) - (a.grossPml[200] ?? Number.NEGATIVE_INFINITY) ||
      a.names.zh.localeCompare(b.names.zh, 'zh-CN'),
  );
}

/** The start form's values as typed. */
export interface RunFormValues {
  years?: number | null;
  seed?: number | null;
  asOf?: string | null;
}

export type RunFormField = 'years' | 'seed' | 'asOf';

export const yearsValid = (years: unknown): boolean =>
  typeof years === 'number' && Number.isInteger(years) && years >= MIN_RUN_YEARS && years <= MAX_RUN_YEARS;

export const seedValid = (seed: unknown): boolean =>
  typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0;

/** A calendar date 'YYYY-MM-DD' no later than `today` (both Asia/Shanghai dates). */
export function asOfValid(asOf: unknown, today: string): boolean {
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return false;
  const date = new Date(`${asOf}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === asOf && asOf <= today;
}

/**
 * The body of POST /api/risk/runs from the form, or the first field that is wrong. A blank field is left
 * out, so the server's default applies (10,000 years, seed 2026, today).
 */
export function runRequestBody(
  values: RunFormValues,
  today: string,
): { ok: true; body: RiskRunRequest } | { ok: false; field: RunFormField } {
  const body: RiskRunRequest = {};
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (!blank(values.years)) {
    if (!yearsValid(values.years)) return { ok: false, field: 'years' };
    body.years = values.years as number;
  }
  if (!blank(values.seed)) {
    if (!seedValid(values.seed)) return { ok: false, field: 'seed' };
    body.seed = values.seed as number;
  }
  if (!blank(values.asOf)) {
    if (!asOfValid(values.asOf, today)) return { ok: false, field: 'asOf' };
    body.asOf = values.asOf as string;
  }
  return { ok: true, body };
}
