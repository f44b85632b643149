import type { Queryable } from '@kebao/db';
import { Permission } from '@kebao/domain/org';
import { type RegionIndex, regionFullName } from '@kebao/domain/region';
import { type Actor, can } from '../../platform/actor.ts';
import { GROUP_NAMES } from '../monitor/statistics-service.ts';
import { findProgramme, type ProgrammeRow } from './repo.ts';

/*
 * 资金方看板: a programme's grants broken down by product, statistical class, district (the enterprise's
 * region code, named from the region code list) or enterprise — how many grants, what is committed, paid and
 * clawed back under each.
 *
 * The grants counted are the ones the programme's `committed` column counts — reserved, confirmed, applied,
 * submitted, returned (补正, waiting like submitted) and approved — and the revoked ones (骗补: fully clawed
 * back, so they add to the claw-backs and to what was paid, nothing to what is committed). Lapsed and
 * rejected grants gave their money back before anything was paid and are left out. So the rows' committed
 * sum to the programme's committed, and their paid to its paid, to the fen.
 */

export const BREAKDOWN_DIMENSIONS = ['product', 'class', 'district', 'enterprise'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Statuses whose amount net of claw-backs is committed against the budget (as `releaseBudget` keeps it). */
export const COMMITTED_STATUSES = ['reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved'];
/** A revoked grant stands in the breakdown: all of it clawed back. */
const COUNTED_STATUSES = [...COMMITTED_STATUSES, 'revoked'];

/** The key of a grant's group (fixed SQL per dimension; never from the request). */
const KEY: Record<BreakdownDimension, string> = {
  product: 'pol.product_code',
  class: 'pol.statistical_class',
  district: "coalesce(e.region_code, 'unknown')",
  enterprise: 'g.enterprise_id::text',
};

const NO_LABEL = 'CROSS JOIN (SELECT NULL::text AS label_zh, NULL::text AS label_en, NULL::text AS uscc) l';

/** The names of a group the database knows: products (latest version) and enterprises. */
const LABEL: Record<BreakdownDimension, string> = {
  product: `LEFT JOIN LATERAL (SELECT v.name_zh AS label_zh, v.name_en AS label_en, NULL::text AS uscc
      FROM product_version v WHERE v.code = r.key ORDER BY v.version DESC LIMIT 1) l ON true`,
  class: NO_LABEL,
  district: NO_LABEL,
  enterprise: `LEFT JOIN LATERAL (SELECT x.name AS label_zh, x.name AS label_en, x.uscc
      FROM enterprise x WHERE x.id = r.key::uuid) l ON true`,
};

const GRANTS = (
  by: BreakdownDimension,
) => `SELECT ${KEY[by]} AS key, g.status, g.amount, g.clawed_back, g.paid
    FROM subsidy_grant g JOIN policy pol ON pol.id = g.policy_id JOIN enterprise e ON e.id = g.enterprise_id
   WHERE g.programme_code = $1 AND g.status = ANY($2::text[])`;

const SUMS = `count(*)::int AS grants,
    coalesce(sum(amount - clawed_back) FILTER (WHERE status = ANY($3::text[])), 0)::bigint AS committed,
    coalesce(sum(paid), 0)::bigint AS paid, coalesce(sum(clawed_back), 0)::bigint AS clawed_back`;

export interface BreakdownSums {
  grants: number;
  committed: bigint;
  paid: bigint;
  clawed_back: bigint;
}

export interface BreakdownRow extends BreakdownSums {
  key: string;
  label_zh: string;
  label_en: string;
  uscc: string | null;
}

/**
 * The programme when the actor may see its breakdown: the funder operating it, and whoever holds
 * subsidy.read_all (the platform, the regulator). Null otherwise — the caller answers as for an unknown
 * programme, so nobody learns which programmes exist beyond what the programme list shows.
 */
export async function breakdownProgramme(
  db: Queryable,
  actor: Actor,
  code: string,
): Promise<ProgrammeRow | null> {
  const programme = await findProgramme(db, code);
  if (!programme) return null;
  if (can(actor, Permission.SubsidyReadAll)) return programme;
  return actor.orgId !== null && programme.funder_org_id === actor.orgId ? programme : null;
}

/**
 * The page of groups (committed desc, key asc), how many groups there are, and the sums over all grants.
 * Districts are named from `regions` (the region code list).
 */
export async function programmeBreakdown(
  db: Queryable,
  code: string,
  by: BreakdownDimension,
  page: { limit: number; offset: number },
  regions: RegionIndex,
): Promise<{ rows: BreakdownRow[]; groups: number; totals: BreakdownSums }> {
  const params = [code, COUNTED_STATUSES, COMMITTED_STATUSES];
  const totals = await db.query<BreakdownSums & { groups: number }>(
    `SELECT ${SUMS}, count(DISTINCT key)::int AS groups FROM (${GRANTS(by)}) t`,
    params,
  );
  const r = await db.query<Omit<BreakdownRow, 'label_zh' | 'label_en'> & Partial<BreakdownRow>>(
    `WITH r AS (SELECT key, ${SUMS} FROM (${GRANTS(by)}) t GROUP BY key)
     SELECT r.*, l.label_zh, l.label_en, l.uscc FROM r ${LABEL[by]}
      ORDER BY r.committed DESC, r.key COLLATE "C" LIMIT $4 OFFSET $5`,
    [...params, page.limit, page.offset],
  );
  const sums = totals.rows[0];
  return {
    rows: r.rows.map((row) => ({ ...row, ...labelOf(by, row, regions) })),
    groups: sums?.groups ?? 0,
    totals: {
      grants: sums?.grants ?? 0,
      committed: sums?.committed ?? 0n,
      paid: sums?.paid ?? 0n,
      clawed_back: sums?.clawed_back ?? 0n,
    },
  };
}

/**
 * A group's names: the product's and the enterprise's from the database, the class's as the statistics name
 * it, the district's full name from the region code list (上海市浦东新区) — the code itself where the list
 * does not hold it; an enterprise without a code says so.
 */
function labelOf(
  by: BreakdownDimension,
  row: { key: string; label_zh?: string | null | undefined; label_en?: string | null | undefined },
  regions: RegionIndex,
): { label_zh: string; label_en: string } {
  if (by === 'class') {
    const names = GROUP_NAMES[row.key];
    return { label_zh: names?.zh ?? row.key, label_en: names?.en ?? row.key };
  }
  if (by === 'district') {
    if (row.key === 'unknown') return { label_zh: '未登记区划', label_en: 'No region code' };
    return {
      label_zh: regionFullName(regions, row.key, 'zh') ?? row.key,
      label_en: regionFullName(regions, row.key, 'en') ?? row.key,
    };
  }
  return { label_zh: row.label_zh ?? row.key, label_en: row.label_en ?? row.label_zh ?? row.key };
}
