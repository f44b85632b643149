/**
 * What the stats workload times: the server's own statistics and index functions, called in this process
 * against the loaded database, and the bare GROUP BY scan they are compared with.
 */
import type { Queryable } from '@kebao/db';
import { indexInputs } from '../../../apps/server/src/modules/monitor/index-service.ts';
import { yearStatistics } from '../../../apps/server/src/modules/monitor/repo.ts';
import { statisticsReport } from '../../../apps/server/src/modules/monitor/statistics-service.ts';

/** The year the regulator's pages are read for: the last whole year of the synthetic business. */
export const YEAR = 2025;
/** "Today" for the index: the day the synthetic data was taken. */
export const AS_OF = '2026-11-01';

/**
 * The baseline: one SELECT over the same rows as part 1 — each policy table's business starting in the
 * year, grouped by month and statistical class with count(*) and sum() — and nothing else: no distinct
 * enterprises, no claims table, no enterprise directory. Each table is grouped on its own (so each can be
 * scanned in parallel) and the two added up.
 */
export const BARE_SCAN = `
  SELECT period, grp, sum(policies)::int AS policies, sum(premium)::bigint AS premium,
         sum(sum_insured)::bigint AS sum_insured, sum(claims_paid)::bigint AS claims_paid,
         sum(claims_incurred)::bigint AS claims_incurred, sum(subsidy)::bigint AS subsidy
    FROM (
      SELECT to_char(p.start_date, 'YYYY-MM') AS period, p.statistical_class AS grp, count(*) AS policies,
             sum(p.written_premium) AS premium, sum(p.sum_insured) AS sum_insured, 0 AS claims_paid,
             0 AS claims_incurred, sum(p.subsidy) AS subsidy
        FROM policy p
       WHERE p.master_policy_id IS NULL AND p.start_date >= make_date($1, 1, 1) AND p.start_date < make_date($1 + 1, 1, 1)
       GROUP BY 1, 2
      UNION ALL
      SELECT to_char(r.start_date, 'YYYY-MM'), r.statistical_class, count(*), sum(r.premium), sum(r.sum_insured),
             sum(r.claims_paid), sum(r.claims_incurred), 0
        FROM registered_policy r
       WHERE r.start_date >= make_date($1, 1, 1) AND r.start_date < make_date($1 + 1, 1, 1)
       GROUP BY 1, 2
    ) biz
   GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * For context only: the bare scan with each table's distinct insureds per group added, written plainly
 * (count(DISTINCT …) under the database's collation) — how much of part 1's cost counting distinct
 * enterprises is by itself.
 */
export const BARE_SCAN_DISTINCT = `
  SELECT period, grp, sum(policies)::int AS policies, sum(enterprises)::int AS enterprises,
         sum(premium)::bigint AS premium, sum(sum_insured)::bigint AS sum_insured
    FROM (
      SELECT to_char(p.start_date, 'YYYY-MM') AS period, p.statistical_class AS grp, count(*) AS policies,
             count(DISTINCT p.enterprise_id) AS enterprises, sum(p.written_premium) AS premium,
             sum(p.sum_insured) AS sum_insured
        FROM policy p
       WHERE p.master_policy_id IS NULL AND p.start_date >= make_date($1, 1, 1) AND p.start_date < make_date($1 + 1, 1, 1)
       GROUP BY 1, 2
      UNION ALL
      SELECT to_char(r.start_date, 'YYYY-MM'), r.statistical_class, count(*), count(DISTINCT r.insured_uscc),
             sum(r.premium), sum(r.sum_insured)
        FROM registered_policy r
       WHERE r.start_date >= make_date($1, 1, 1) AND r.start_date < make_date($1 + 1, 1, 1)
       GROUP BY 1, 2
    ) biz
   GROUP BY 1, 2 ORDER BY 1, 2`;

export interface Timed<T> {
  seconds: number;
  value: T;
}

export async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const t0 = performance.now();
  const value = await run();
  return { seconds: (performance.now() - t0) / 1000, value };
}

export const bareScan = (db: Queryable) =>
  timed(async () => (await db.query<{ policies: number }>(BARE_SCAN, [YEAR])).rows);

export const bareScanDistinct = (db: Queryable) =>
  timed(async () => (await db.query<{ policies: number }>(BARE_SCAN_DISTINCT, [YEAR])).rows);

/** Part 1 of the return (by statistical class), month by month, the whole zone. */
export const partOne = (db: Queryable) =>
  timed(() => statisticsReport(db, { year: YEAR, period: 'month', by: 'class', insurer: null }));

/** Part 2 (by insured entity), month by month, the whole zone. */
export const partTwo = (db: Queryable) =>
  timed(() => statisticsReport(db, { year: YEAR, period: 'month', by: 'entity', insurer: null }));

/** One insurer's part 1 (its own lines and registered business). */
export const insurerPartOne = (db: Queryable, insurer: string) =>
  timed(() => statisticsReport(db, { year: YEAR, period: 'month', by: 'class', insurer }));

/** The development index's statistics of the year. */
export const indexYear = (db: Queryable) => timed(async () => yearStatistics(db, YEAR, AS_OF));

/** What the index page computes: every year's statistics from the first year of business. */
export const indexPage = (db: Queryable) => timed(() => indexInputs(db, YEAR, AS_OF));
