import { isApiError } from '../api/problem.ts';
import { percentOf, trimDecimal } from '../format/decimal.ts';
import { groupYuan } from '../format/money.ts';
import type { Bilingual } from '../i18n/labels.ts';

/*
 * 科技保险发展指数 as the page reads it. GET /api/monitor/index and …/publications answer an IndexResult
 * (packages/domain/src/monitor/development-index.ts; IndexResultView in the OpenAPI document). Every figure
 * is an exact decimal string (6 places); the reader keeps the well-formed parts and drops the rest.
 */

export interface IndexIndicatorMeta {
  key: string;
  names: Bilingual;
  /** 'yuan', 'ratio', 'count', 'days', 'hhi' … */
  unit: string;
  direction: string;
  definition: Bilingual | null;
}

export interface IndexSubIndexMeta {
  key: string;
  names: Bilingual;
  indicators: IndexIndicatorMeta[];
}

export interface IndexIndicatorValue {
  value: string;
  carriedFrom: number | null;
  normalised: string;
  weight: string;
}

export interface IndexYear {
  year: number;
  composite: string;
  subIndices: Record<string, string>;
  indicators: Record<string, IndexIndicatorValue>;
}

export interface IndexReport {
  version: string;
  baseYear: number;
  weightMethod: string;
  subIndices: IndexSubIndexMeta[];
  /** Each sub-index's weight in the composite. */
  subIndexWeights: Record<string, string>;
  excluded: { indicator: string; reason: string }[];
  years: IndexYear[];
}

export interface Publication {
  year: number;
  methodology: string;
  composite: string;
  computedAt: string;
  /** Recomputed from its stored inputs, it gave the same result to the last digit. */
  reproduced: boolean;
  result: IndexReport | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

function bilingual(value: unknown, fallback: string): Bilingual {
  const v = isRecord(value) ? value : {};
  return { zh: str(v.zh, fallback), en: str(v.en, str(v.zh, fallback)) };
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function readIndicatorValue(value: unknown): IndexIndicatorValue | null {
  if (!isRecord(value) || typeof value.normalised !== 'string') return null;
  return {
    value: str(value.value),
    carriedFrom: typeof value.carriedFrom === 'number' ? value.carriedFrom : null,
    normalised: value.normalised,
    weight: str(value.weight),
  };
}

function readYear(value: Record<string, unknown>): IndexYear[] {
  if (typeof value.year !== 'number' || typeof value.composite !== 'string') return [];
  const indicators: Record<string, IndexIndicatorValue> = {};
  if (isRecord(value.indicators)) {
    for (const [key, v] of Object.entries(value.indicators)) {
      const read = readIndicatorValue(v);
      if (read) indicators[key] = read;
    }
  }
  return [
    { year: value.year, composite: value.composite, subIndices: stringMap(value.subIndices), indicators },
  ];
}

/** The index result, or null when the answer is not one. */
export function readIndex(value: unknown): IndexReport | null {
  if (!isRecord(value) || !isRecord(value.methodology) || !Array.isArray(value.years)) return null;
  const m = value.methodology;
  const weights = isRecord(value.weights) ? value.weights : {};
  return {
    version: str(m.version),
    baseYear: typeof m.baseYear === 'number' ? m.baseYear : 0,
    weightMethod: str(weights.method, isRecord(m.weighting) ? str(m.weighting.method) : ''),
    subIndices: records(m.subIndices).flatMap((s) =>
      typeof s.key === 'string'
        ? [
            {
              key: s.key,
              names: bilingual(s.names, s.key),
              indicators: records(s.indicators).flatMap((i) =>
                typeof i.key === 'string'
                  ? [
                      {
                        key: i.key,
                        names: bilingual(i.names, i.key),
                        unit: str(i.unit),
                        direction: str(i.direction, 'positive'),
                        definition: isRecord(i.definition) ? bilingual(i.definition, '') : null,
                      },
                    ]
                  : [],
              ),
            },
          ]
        : [],
    ),
    subIndexWeights: stringMap(weights.subIndices),
    excluded: records(value.excluded).flatMap((e) =>
      typeof e.indicator === 'string' ? [{ indicator: e.indicator, reason: str(e.reason) }] : [],
    ),
    years: records(value.years)
      .flatMap(readYear)
      .sort((a, b) => a.year - b.year),
  };
}

/** The publications (`{ items }`), newest year first. */
export function readPublications(value: unknown): Publication[] {
  const items = isRecord(value) ? records(value.items) : [];
  return items
    .flatMap((p) =>
      typeof p.year === 'number'
        ? [
            {
              year: p.year,
              methodology: str(p.methodology),
              composite: str(p.composite),
              computedAt: str(p.computedAt),
              reproduced: p.reproduced === true,
              result: readIndex(p.result),
            },
          ]
        : [],
    )
    .sort((a, b) => b.year - a.year || b.computedAt.localeCompare(a.computedAt));
}

export interface IndicatorRow {
  key: string;
  subIndex: Bilingual;
  names: Bilingual;
  unit: string;
  direction: string;
  definition: Bilingual | null;
  /** null: left out of the index (no usable base-year value). */
  figures: IndexIndicatorValue | null;
}

/** The indicator table of one year, in the methodology's order; left-out indicators keep their row. */
export function indicatorRows(report: IndexReport, year: number): IndicatorRow[] {
  const y = report.years.find((r) => r.year === year);
  return report.subIndices.flatMap((s) =>
    s.indicators.map((i) => ({
      key: i.key,
      subIndex: s.names,
      names: i.names,
      unit: i.unit,
      direction: i.direction,
      definition: i.definition,
      figures: y?.indicators[i.key] ?? null,
    })),
  );
}

export interface IndexSeries {
  years: number[];
  composite: (number | null)[];
  subIndices: { key: string; names: Bilingual; values: (number | null)[] }[];
}

const num = (value: string | undefined): number | null => {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** The composite and each sub-index by year, as chart coordinates. */
export function indexSeries(report: IndexReport): IndexSeries {
  return {
    years: report.years.map((y) => y.year),
    composite: report.years.map((y) => num(y.composite)),
    subIndices: report.subIndices.map((s) => ({
      key: s.key,
      names: s.names,
      values: report.years.map((y) => num(y.subIndices[s.key])),
    })),
  };
}

/** An indicator's value in its unit: a ratio as a percent, yuan grouped to the fen, days and the HHI to two places. */
export function indicatorValueText(unit: string, value: string): string {
  if (value === '') return '—';
  if (unit === 'ratio') return `${trimDecimal(percentOf(value, 6), 2)}%`;
  if (unit === 'count') return trimDecimal(value, 0);
  if (unit === 'yuan') return groupYuan(trimDecimal(value, 2));
  return trimDecimal(value, 2);
}

/** A weight (a fraction) as a percent with two decimals. */
export function weightText(weight: string): string {
  return weight === '' ? '—' : `${trimDecimal(percentOf(weight, 6), 2)}%`;
}

/** The XLSX of the indicator table, every year through `year`. */
export function indexHref(year: number): string {
  return `/api/monitor/index?year=${year}&format=xlsx`;
}

/** The index cannot be computed: there is no business yet (422 index.no_data). */
export function isNoIndexData(error: unknown): boolean {
  return isApiError(error) && error.problem?.code === 'index.no_data';
}
