import type { Queryable } from '@kebao/db';
import {
  type FilingAction,
  publishedStatuses,
  type StatisticalClass,
  type VersionStatus,
} from '@kebao/domain/catalog';

export type { VersionStatus };

const PUBLISHED = publishedStatuses;

export interface ProductRow {
  code: string;
  statistical_class: StatisticalClass;
  writer_org_id: string | null;
  writer_pool_code: string | null;
  writer_uscc: string | null;
  created_at: Date;
}

export interface VersionRow {
  code: string;
  version: number;
  definition: unknown;
  checksum: string;
  name_zh: string;
  name_en: string;
  subsidy_tags: string[];
  effective_from: string;
  effective_to: string | null;
  source: 'catalog' | 'upload';
  status: VersionStatus;
  status_changed_at: Date;
  created_by: string | null;
  created_at: Date;
}

/** What a reader may see: published versions; its own organisation's; everything with read_all. */
export interface ProductScope {
  all: boolean;
  orgId: string | null;
}

const visible = `(v.status = ANY($1::text[]) OR $2::boolean OR p.writer_org_id = $3::uuid)`;

export async function findProduct(db: Queryable, code: string): Promise<ProductRow | null> {
  const r = await db.query<ProductRow>('SELECT * FROM product WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

export async function insertProduct(db: Queryable, p: ProductRow): Promise<void> {
  await db.query(
    `INSERT INTO product (code, statistical_class, writer_org_id, writer_pool_code, writer_uscc, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [p.code, p.statistical_class, p.writer_org_id, p.writer_pool_code, p.writer_uscc, p.created_at],
  );
}

export async function findVersion(db: Queryable, code: string, version: number, forUpdate = false) {
  const r = await db.query<VersionRow>(
    `SELECT * FROM product_version WHERE code = $1 AND version = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [code, version],
  );
  return r.rows[0] ?? null;
}

export async function latestVersionNumber(db: Queryable, code: string): Promise<number> {
  const r = await db.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM product_version WHERE code = $1',
    [code],
  );
  return r.rows[0]?.v ?? 0;
}

export async function insertVersion(db: Queryable, v: VersionRow): Promise<void> {
  await db.query(
    `INSERT INTO product_version (code, version, definition, checksum, name_zh, name_en, subsidy_tags, effective_from,
       effective_to, source, status, status_changed_at, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      v.code,
      v.version,
      JSON.stringify(v.definition),
      v.checksum,
      v.name_zh,
      v.name_en,
      v.subsidy_tags,
      v.effective_from,
      v.effective_to,
      v.source,
      v.status,
      v.status_changed_at,
      v.created_by,
      v.created_at,
    ],
  );
}

export async function setStatus(
  db: Queryable,
  code: string,
  version: number,
  status: VersionStatus,
  at: Date,
) {
  await db.query(
    'UPDATE product_version SET status = $3, status_changed_at = $4 WHERE code = $1 AND version = $2',
    [code, version, status, at],
  );
}

export interface ListFilter {
  statisticalClass?: string | undefined;
  writerOrgId?: string | undefined;
  subsidyTag?: string | undefined;
  status?: VersionStatus | undefined;
  text?: string | undefined;
  limit: number;
  offset: number;
}

export interface ListedVersion extends VersionRow {
  statistical_class: StatisticalClass;
  writer_org_id: string | null;
  writer_pool_code: string | null;
  writer_name_zh: string | null;
  writer_name_en: string | null;
}

/** The newest visible version of each product that matches, with the writer's names. */
export async function listLatestVersions(
  db: Queryable,
  scope: ProductScope,
  f: ListFilter,
): Promise<{ rows: ListedVersion[]; total: number }> {
  const params = [
    PUBLISHED,
    scope.all,
    scope.orgId,
    f.statisticalClass ?? null,
    f.writerOrgId ?? null,
    f.subsidyTag ?? null,
    f.status ?? null,
    f.text ? `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
  ];
  const base = `
    SELECT DISTINCT ON (v.code) v.*, p.statistical_class, p.writer_org_id, p.writer_pool_code,
           o.name_zh AS writer_name_zh, o.name_en AS writer_name_en
      FROM product_version v
      JOIN product p ON p.code = v.code
      LEFT JOIN organisation o ON o.id = p.writer_org_id
     WHERE ${visible}
       AND ($4::text IS NULL OR p.statistical_class = $4)
       AND ($5::uuid IS NULL OR p.writer_org_id = $5)
       AND ($6::text IS NULL OR $6 = ANY(v.subsidy_tags))
       AND ($7::text IS NULL OR v.status = $7)
       AND ($8::text IS NULL OR v.name_zh ILIKE $8 OR v.name_en ILIKE $8 OR v.code ILIKE $8)
     ORDER BY v.code, v.version DESC`;
  const [rows, count] = await Promise.all([
    db.query<ListedVersion>(`SELECT * FROM (${base}) latest ORDER BY code LIMIT $9 OFFSET $10`, [
      ...params,
      f.limit,
      f.offset,
    ]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${base}) latest`, params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** Every version of a product the reader may see, newest first. */
export async function listVersions(
  db: Queryable,
  scope: ProductScope,
  code: string,
): Promise<ListedVersion[]> {
  const r = await db.query<ListedVersion>(
    `SELECT v.*, p.statistical_class, p.writer_org_id, p.writer_pool_code,
            o.name_zh AS writer_name_zh, o.name_en AS writer_name_en
       FROM product_version v JOIN product p ON p.code = v.code LEFT JOIN organisation o ON o.id = p.writer_org_id
      WHERE ${visible} AND v.code = $4
      ORDER BY v.version DESC`,
    [PUBLISHED, scope.all, scope.orgId, code],
  );
  return r.rows;
}

export interface FilingRow {
  id: string;
  code: string;
  version: number;
  action: FilingAction;
  from_status: VersionStatus;
  to_status: VersionStatus;
  comment: string | null;
  details: unknown;
  actor_user_id: string | null;
  actor_org_id: string | null;
  at: Date;
}

export async function insertFiling(db: Queryable, f: FilingRow): Promise<void> {
  await db.query(
    `INSERT INTO product_filing (id, code, version, action, from_status, to_status, comment, details, actor_user_id, actor_org_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      f.id,
      f.code,
      f.version,
      f.action,
      f.from_status,
      f.to_status,
      f.comment,
      f.details === undefined ? null : JSON.stringify(f.details),
      f.actor_user_id,
      f.actor_org_id,
      f.at,
    ],
  );
}

export async function filingHistory(db: Queryable, code: string, version: number): Promise<FilingRow[]> {
  const r = await db.query<FilingRow>(
    'SELECT * FROM product_filing WHERE code = $1 AND version = $2 ORDER BY at, id',
    [code, version],
  );
  return r.rows;
}

export interface SandboxRow {
  code: string;
  version: number;
  max_policies: number;
  max_sum_insured: bigint;
  ends_on: string;
  conditions: unknown;
  policies_bound: number;
  sum_insured_bound: bigint;
  admitted_at: Date;
  exit_requested_at: Date | null;
  assessment: unknown;
  closed_at: Date | null;
}

export async function insertSandbox(
  db: Queryable,
  s: Omit<
    SandboxRow,
    'policies_bound' | 'sum_insured_bound' | 'exit_requested_at' | 'assessment' | 'closed_at'
  >,
) {
  await db.query(
    `INSERT INTO sandbox_admission (code, version, max_policies, max_sum_insured, ends_on, conditions, admitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      s.code,
      s.version,
      s.max_policies,
      s.max_sum_insured,
      s.ends_on,
      s.conditions === null ? null : JSON.stringify(s.conditions),
      s.admitted_at,
    ],
  );
}

export async function findSandbox(db: Queryable, code: string, version: number, forUpdate = false) {
  const r = await db.query<SandboxRow>(
    `SELECT * FROM sandbox_admission WHERE code = $1 AND version = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [code, version],
  );
  return r.rows[0] ?? null;
}

export async function markExitRequested(db: Queryable, code: string, version: number, at: Date) {
  await db.query('UPDATE sandbox_admission SET exit_requested_at = $3 WHERE code = $1 AND version = $2', [
    code,
    version,
    at,
  ]);
}

export async function closeSandbox(
  db: Queryable,
  code: string,
  version: number,
  assessment: unknown,
  at: Date,
) {
  await db.query(
    'UPDATE sandbox_admission SET assessment = $3, closed_at = $4 WHERE code = $1 AND version = $2',
    [code, version, JSON.stringify(assessment), at],
  );
}

export async function addSandboxUse(db: Queryable, code: string, version: number, sumInsured: bigint) {
  await db.query(
    `UPDATE sandbox_admission SET policies_bound = policies_bound + 1, sum_insured_bound = sum_insured_bound + $3
      WHERE code = $1 AND version = $2`,
    [code, version, sumInsured],
  );
}

export interface QueueRow extends VersionRow {
  writer_org_id: string | null;
  writer_name_zh: string | null;
  writer_name_en: string | null;
  exit_requested_at: Date | null;
}

/** Versions waiting for the regulator: submitted filings, and sandbox versions that asked to exit. */
export async function reviewQueue(db: Queryable, scope: ProductScope): Promise<QueueRow[]> {
  const r = await db.query<QueueRow>(
    `SELECT v.*, p.writer_org_id, o.name_zh AS writer_name_zh, o.name_en AS writer_name_en, s.exit_requested_at
       FROM product_version v
       JOIN product p ON p.code = v.code
       LEFT JOIN organisation o ON o.id = p.writer_org_id
       LEFT JOIN sandbox_admission s ON s.code = v.code AND s.version = v.version
      WHERE (v.status = 'submitted' OR (v.status = 'sandbox' AND s.exit_requested_at IS NOT NULL AND s.closed_at IS NULL))
        AND ($1::boolean OR p.writer_org_id = $2::uuid)
      ORDER BY v.status_changed_at`,
    [scope.all, scope.orgId],
  );
  return r.rows;
}

export async function latestQuotableVersion(db: Queryable, code: string): Promise<number | null> {
  const r = await db.query<{ v: number | null }>(
    "SELECT max(version) AS v FROM product_version WHERE code = $1 AND status IN ('filed', 'sandbox')",
    [code],
  );
  return r.rows[0]?.v ?? null;
}
