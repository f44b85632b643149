import { fenOf } from '../format/decimal.ts';
import type { Bilingual } from '../i18n/labels.ts';
import { yuanNumber } from './exposure.ts';
import type { StatisticsGrouping, StatisticsPeriod } from './vocabulary.ts';

/*
 * 统计报表 as the page reads it: GET /api/monitor/statistics (StatisticsReport in the OpenAPI document;
 * the same answer can be an XLSX file, so the generated type is a union). The reader keeps the
 * well-formed rows and drops what it cannot read, so a newer server's additions never break it.
 */

export interface StatisticsRow {
  /** '2026-03', '2026-Q1' or '2026'. */
  period: string;
  group: string;
  groupName: Bilingual;
  policies: number;
  enterprises: number;
  premium: string;
  sumInsured: string;
  claimsPaid: string;
  claimsIncurred: string;
  /** Incurred ÷ premium as a fraction, 6 decimals; null without premium. */
  lossRatio: string | null;
  subsidy: string;
}

export interface StatisticsReport {
  year: number;
  period: string;
  by: string;
  /** 1 (by class), 2 (by insured entity), or null (by source). */
  part: number | null;
  rows: StatisticsRow[];
}

export interface StatisticsQuery {
  year: number;
  period: StatisticsPeriod;
  by: StatisticsGrouping;
  /** One insurer's lines (a regulator's filter, GET /api/monitor/insurers); absent: the whole zone. */
  insurer?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const int = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const money = (value: unknown): string =>
  typeof value === 'string' && fenOf(value) !== null ? value : '0.00';

function readRow(value: unknown): StatisticsRow[] {
  if (!isRecord(value) || typeof value.period !== 'string' || typeof value.group !== 'string') return [];
  const name = isRecord(value.groupName) ? value.groupName : {};
  return [
    {
      period: value.period,
      group: value.group,
      groupName: { zh: str(name.zh, value.group), en: str(name.en, value.group) },
      policies: int(value.policies),
      enterprises: int(value.enterprises),
      premium: money(value.premium),
      sumInsured: money(value.sumInsured),
      claimsPaid: money(value.claimsPaid),
      claimsIncurred: money(value.claimsIncurred),
      lossRatio: typeof value.lossRatio === 'string' ? value.lossRatio : null,
      subsidy: money(value.subsidy),
    },
  ];
}

export function readStatistics(value: unknown): StatisticsReport | null {
  if (!isRecord(value) || !Array.isArray(value.rows)) return null;
  return {
    year: int(value.year),
    period: str(value.period),
    by: str(value.by),
    part: typeof value.part === 'number' ? value.part : null,
    rows: value.rows.flatMap(readRow),
  };
}

/** Every period of a year, as the server labels them: 2026-01 … 2026-12, 2026-Q1 … 2026-Q4, or 2026. */
export function periodsOf(year: number, period: string): string[] {
  if (period === 'month')
    return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (period === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [String(year)];
}

export interface Trend {
  periods: string[];
  series: { group: string; name: Bilingual; values: number[] }[];
}

/** Written premium by period (every period of the year, 0 where nothing started), one series per group. */
export function premiumTrend(report: StatisticsReport): Trend {
  const periods = [
    ...new Set([...periodsOf(report.year, report.period), ...report.rows.map((r) => r.period)]),
  ];
  periods.sort();
  const groups = new Map<string, Bilingual>();
  for (const r of report.rows) if (!groups.has(r.group)) groups.set(r.group, r.groupName);
  return {
    periods,
    series: [...groups].map(([group, name]) => ({
      group,
      name,
      values: periods.map((p) =>
        report.rows
          .filter((r) => r.group === group && r.period === p)
          .reduce((sum, r) => sum + yuanNumber(r.premium), 0),
      ),
    })),
  };
}

function yuanOfFen(fen: bigint): string {
  const negative = fen < 0n;
  const digits = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Incurred ÷ premium as a 6-decimal fraction, rounded up as the server's ratios are; null without premium. */
export function lossRatioOf(incurred: bigint, premium: bigint): string | null {
  if (premium <= 0n) return null;
  const scaled = (incurred * 1_000_000n + premium - 1n) / premium;
  const digits = scaled.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

export interface StatisticsTotal {
  policies: number;
  premium: string;
  sumInsured: string;
  claimsPaid: string;
  claimsIncurred: string;
  lossRatio: string | null;
  subsidy: string;
}

/**
 * The 合计 of the rows, exact to the fen. Insured enterprises are not summed: one enterprise can be in
 * several groups and periods.
 */
export function statisticsTotal(rows: readonly StatisticsRow[]): StatisticsTotal {
  const sum = (pick: (r: StatisticsRow) => string) => rows.reduce((s, r) => s + (fenOf(pick(r)) ?? 0n), 0n);
  const premium = sum((r) => r.premium);
  const incurred = sum((r) => r.claimsIncurred);
  return {
    policies: rows.reduce((s, r) => s + r.policies, 0),
    premium: yuanOfFen(premium),
    sumInsured: yuanOfFen(sum((r) => r.sumInsured)),
    claimsPaid: yuanOfFen(sum((r) => r.claimsPaid)),
    claimsIncurred: yuanOfFen(incurred),
    lossRatio: lossRatioOf(incurred, premium),
    subsidy: yuanOfFen(sum((r) => r.subsidy)),
  };
}

/** The XLSX download of the report on screen (Chinese headers, one sheet). */
export function statisticsHref(query: StatisticsQuery): string {
  const params = new URLSearchParams({ year: String(query.year), period: query.period, by: query.by });
  if (query.insurer) params.set('insurer', query.insurer);
  params.set('format', 'xlsx');
  return `/api/monitor/statistics?${params}`;
}

/** The years a selector offers: from the first year of the zone's data (2024) to this one, newest first. */
export function selectableYears(thisYear: number, first = 2024): number[] {
  const years: number[] = [];
  for (let y = Math.max(thisYear, first); y >= first; y--) years.push(y);
  return years;
}
