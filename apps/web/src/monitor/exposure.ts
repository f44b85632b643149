import { fenOf } from '../format/decimal.ts';
import { type BusinessSource, type HhiLevel, type IndustrySection, industrySections } from './vocabulary.ts';

/*
 * The cockpit's figures from `GET /api/monitor/exposure`: the zone's totals, the rows of one dimension, the
 * industry × insurer grid of the heat map. Amounts travel as exact yuan strings; they become floats only for
 * the charts (yuanNumber), never for what is shown as a figure.
 */

/** The fields of an exposure row these helpers read (ExposureItem has them all). */
export interface ExposureRow {
  dimension: string;
  key: string;
  name: string | null;
  sumInsured: string;
  premium: string;
  policies: number;
}

const fen = (amount: string) => fenOf(amount) ?? 0n;
const byAmount = (a: ExposureRow, b: ExposureRow) => {
  const d = fen(b.sumInsured) - fen(a.sumInsured);
  return d > 0n ? 1 : d < 0n ? -1 : a.key.localeCompare(b.key);
};

/** The rows of one dimension, the largest sum insured first. */
export function rowsOf<T extends ExposureRow>(items: readonly T[], dimension: string): T[] {
  return items.filter((i) => i.dimension === dimension).sort(byAmount);
}

export interface Figures {
  sumInsured: string;
  premium: string;
  policies: number;
}

export interface ZoneTotals extends Figures {
  /** Written on the platform, and registered from the insurers' own systems. */
  sources: Record<BusinessSource, Figures>;
}

const none: Figures = { sumInsured: '0.00', premium: '0.00', policies: 0 };
const figuresOf = (row: ExposureRow | undefined): Figures =>
  row ? { sumInsured: row.sumInsured, premium: row.premium, policies: row.policies } : none;

/** The zone row (risk protection = its sum insured) and its split by source; zeros before any business. */
export function zoneTotals(items: readonly ExposureRow[]): ZoneTotals {
  const find = (dimension: string, key: string) =>
    items.find((i) => i.dimension === dimension && i.key === key);
  return {
    ...figuresOf(find('zone', 'all')),
    sources: {
      platform: figuresOf(find('source', 'platform')),
      registered: figuresOf(find('source', 'registered')),
    },
  };
}

/** A yuan string as a number, for chart coordinates only (figures on screen stay exact strings). */
export function yuanNumber(amount: string): number {
  const value = Number(amount);
  return Number.isFinite(value) ? value : 0;
}

function trimmed(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * A short amount for chart axes: 1.25亿, 3400万 in Chinese; 125M, 34k in English (whole yuan below the
 * first unit). Rounded to two decimals.
 */
export function compactYuan(yuan: number, language: 'zh-CN' | 'en'): string {
  const sign = yuan < 0 ? '-' : '';
  const v = Math.abs(yuan);
  const units: [number, string][] =
    language === 'en'
      ? [
          [1e12, 'T'],
          [1e9, 'B'],
          [1e6, 'M'],
          [1e3, 'k'],
        ]
      : [
          [1e12, '万亿'],
          [1e8, '亿'],
          [1e4, '万'],
        ];
  for (const [size, unit] of units) if (v >= size) return `${sign}${trimmed(v / size)}${unit}`;
  return `${sign}${trimmed(v)}`;
}

/**
 * The band of a Herfindahl–Hirschman index (0–10,000) under the DOJ/FTC Horizontal Merger Guidelines (2010,
 * §5.3): unconcentrated below 1,500, moderately concentrated from 1,500 to 2,500, highly above 2,500.
 */
export function hhiLevel(hhi: number): HhiLevel {
  if (hhi > 2500) return 'high';
  if (hhi >= 1500) return 'moderate';
  return 'low';
}

/** The GB/T 4754 section (门类) of an industry code: C39 → C; null for 'unknown' or anything else. */
export function industrySection(code: string): IndustrySection | null {
  const letter = /^([A-T])(\d{2,4})?$/.exec(code.trim())?.[1];
  return letter && (industrySections as readonly string[]).includes(letter)
    ? (letter as IndustrySection)
    : null;
}

export interface Heatmap {
  /** Industry codes (x axis), in code order, 'unknown' last. */
  industries: string[];
  /** Insurers (y axis), the largest exposure first, named from their insurer rows. */
  insurers: { id: string; name: string }[];
  /** [industry index, insurer index, sum insured in yuan]. */
  cells: [number, number, number][];
  /** The largest cell, for the colour scale (0 without cells). */
  max: number;
}

/** The industry × insurer grid from the `industry_insurer` rows (key "INDUSTRY|insurer id"). */
export function heatmapOf(items: readonly ExposureRow[]): Heatmap {
  const names = new Map(rowsOf(items, 'insurer').map((r) => [r.key, r.name ?? r.key.slice(0, 8)]));
  const cells = new Map<string, { industry: string; insurer: string; amount: bigint }>();
  const insurerTotals = new Map<string, bigint>();
  for (const row of items) {
    if (row.dimension !== 'industry_insurer') continue;
    const cut = row.key.lastIndexOf('|');
    if (cut <= 0) continue;
    const industry = row.key.slice(0, cut);
    const insurer = row.key.slice(cut + 1);
    const amount = fen(row.sumInsured);
    cells.set(row.key, { industry, insurer, amount });
    insurerTotals.set(insurer, (insurerTotals.get(insurer) ?? 0n) + amount);
  }
  const industries = [...new Set([...cells.values()].map((c) => c.industry))].sort((a, b) =>
    a === 'unknown' ? 1 : b === 'unknown' ? -1 : a.localeCompare(b),
  );
  const insurers = [...insurerTotals]
    .sort(([a, x], [b, y]) => (y > x ? 1 : y < x ? -1 : a.localeCompare(b)))
    .map(([id]) => ({ id, name: names.get(id) ?? id.slice(0, 8) }));
  const grid: [number, number, number][] = [...cells.values()].map((c) => [
    industries.indexOf(c.industry),
    insurers.findIndex((i) => i.id === c.insurer),
    Number(c.amount) / 100,
  ]);
  return { industries, insurers, cells: grid, max: grid.reduce((m, [, , v]) => Math.max(m, v), 0) };
}
