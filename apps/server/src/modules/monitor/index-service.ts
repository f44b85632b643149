import type { Queryable } from '@kebao/db';
import {
  computeIndex,
  deriveIndicatorValues,
  herfindahlIndex,
  type IndexInput,
  type IndexMethodology,
  type IndexResult,
  TECH_INSURANCE_INDEX_V1,
} from '@kebao/domain/monitor';
import { problem } from '../../platform/errors.ts';
import type { Table } from '../../platform/files/tables.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { firstBusinessYear, insertPublication, publications, yearStatistics } from './repo.ts';

/*
 * The development index (科技保险发展指数, docs/index-methodology.md). Each year's indicators are derived
 * from the platform's own data (platform and registered business), then the pure engine normalises them
 * against the base year and weights them. The methodology is the shipped v1 (base year 2024, AHP weights);
 * a zone whose data begins after 2024 uses its first year of business as the base, and says so in the
 * methodology's version ("…+base2025"), since a different base is a different methodology. A publication
 * stores the inputs and the methodology with the result, so recomputing it gives the same value to the
 * last digit (GET …/publications/{year} checks this each time it is read).
 */

export function methodologyFor(firstYear: number): IndexMethodology {
  const v1 = TECH_INSURANCE_INDEX_V1;
  if (firstYear <= v1.baseYear) return v1;
  return { ...v1, baseYear: firstYear, version: `${v1.version}+base${firstYear}` };
}

/** The index inputs from the data: each year from the first with business through `year`. */
export async function indexInputs(db: Queryable, year: number, asOf: string): Promise<IndexInput> {
  const first = await firstBusinessYear(db);
  if (first === null || first > year) throw problem('index.no_data', { params: { year } });
  const methodology = methodologyFor(first);
  // Years before the base year have no place in the index (a zone with business since 2023 still
  // measures from 2024 = 100); asking for one is asking for no data.
  if (year < methodology.baseYear)
    throw problem('index.before_base', { params: { year, base: methodology.baseYear } });
  const years: IndexInput['years'] = {};
  for (let y = methodology.baseYear; y <= year; y++) {
    const s = await yearStatistics(db, y, asOf);
    if (!s) continue;
    years[String(y)] = deriveIndicatorValues({
      writtenPremium: s.written_premium,
      riskProtection: s.risk_protection,
      insuredEnterprises: s.insured,
      insuredTechEnterprises: s.insured_tech,
      techEnterprises: s.tech_enterprises,
      ...(s.rd_spending === null ? {} : { rdSpending: s.rd_spending }),
      industryHhi: herfindahlIndex((s.industries ?? []).map((i) => BigInt(i.si))).toFixed(2),
      newProducts: s.new_products,
      sandboxGraduations: s.graduations,
      ...(s.written_premium > 0n ? { lossRatio: ratio(s.incurred, s.written_premium) } : {}),
      ...(s.claim_days === null ? {} : { claimDays: s.claim_days }),
      subsidyPaid: s.subsidy_paid,
    });
  }
  return { methodology, years };
}

function ratio(numerator: bigint, denominator: bigint): string {
  const scaled = (numerator * 10n ** 10n) / denominator;
  const text = scaled.toString().padStart(11, '0');
  return `${text.slice(0, -10)}.${text.slice(-10)}`;
}

export function runIndex(input: IndexInput): IndexResult {
  try {
    return computeIndex(input);
  } catch (error) {
    throw problem('index.invalid', { params: { detail: (error as Error).message } });
  }
}

/** Computes the year's index from the data and stores it with its inputs (once per year and methodology). */
export async function publishIndex(ctx: Ctx, year: number, asOf: string) {
  const input = await indexInputs(ctx.db, year, asOf);
  const result = runIndex(input);
  const own = result.years.find((y) => y.year === year);
  if (!own) throw problem('index.no_data', { params: { year } });
  const stored = await insertPublication(ctx.db, {
    year,
    methodology: input.methodology.version,
    inputs: input,
    result,
    composite: own.composite,
    at: ctx.now,
    by: ctx.actor.userId,
  });
  if (!stored) throw problem('index.published', { params: { year, methodology: input.methodology.version } });
  ctx.audit({
    action: 'monitor.index_publish',
    entityType: 'index_publication',
    entityId: `${year}/${input.methodology.version}`,
    after: { composite: own.composite },
  });
  ctx.emit({
    type: 'index.published',
    aggregateType: 'index_publication',
    aggregateId: `${year}`,
    payload: { year, methodology: input.methodology.version, composite: own.composite },
  });
  return { year, methodology: input.methodology.version, composite: own.composite, result };
}

/** Stored publications, each recomputed from its stored inputs: `reproduced` says it gave the same result. */
export async function storedIndex(db: Queryable, year: number | null) {
  return (await publications(db, year)).map((p) => {
    const again = computeIndex(p.inputs as IndexInput);
    return {
      year: p.year,
      methodology: p.methodology,
      composite: p.composite,
      computedAt: p.computed_at.toISOString(),
      reproduced: canonical(again) === canonical(p.result),
      result: p.result as IndexResult,
    };
  });
}

/** JSON with object keys sorted (PostgreSQL's jsonb keeps its own key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The indicator table of a result (XLSX export): one row per indicator and year. */
export function indexTable(result: IndexResult): Table {
  const names = new Map(
    result.methodology.subIndices.flatMap((s) =>
      s.indicators.map((i) => [i.key, { sub: s.names.zh, name: i.names.zh }]),
    ),
  );
  return {
    title: `科技保险发展指数 ${result.methodology.version}`,
    columns: [
      { header: '年度' },
      { header: '分指数', width: 14 },
      { header: '指标', width: 24 },
      { header: '指标值', width: 22 },
      { header: '标准化值（基期=100）', width: 22 },
      { header: '权重', width: 12 },
      { header: '沿用年度' },
    ],
    rows: result.years.flatMap((y) =>
      Object.entries(y.indicators).map(([key, v]) => [
        y.year,
        names.get(key)?.sub ?? '',
        names.get(key)?.name ?? key,
        v.value,
        v.normalised,
        v.weight,
        v.carriedFrom,
      ]),
    ),
  };
}
