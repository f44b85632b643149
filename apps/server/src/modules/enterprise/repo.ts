import type { Queryable } from '@kebao/db';

export interface EnterpriseRow {
  id: string;
  uscc: string;
  org_id: string | null;
  name: string;
  region_code: string | null;
  industry_code: string | null;
  consent_to_insurers: boolean;
  current_version: number;
  facts: Record<string, unknown>;
  score_band: string | null;
  credit_grade: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProfileVersionRow {
  enterprise_id: string;
  version: number;
  profile: unknown;
  checksum: string;
  source: 'self' | 'import' | 'government' | 'system';
  changed_by: string | null;
  changed_org: string | null;
  changed_at: Date;
}

/** Who may see which enterprises: all, one organisation's own, or only those that consented. */
export interface EnterpriseScope {
  all: boolean;
  /** The reader's organisation (an enterprise sees the enterprise linked to it). */
  orgId: string | null;
  /** Insurers and brokers see enterprises that consented to be shown. */
  consentedOnly: boolean;
  /**
   * A broker also reads its clients: the enterprises whose mandate (委托书) it holds, valid on this day
   * ('YYYY-MM-DD'). Applies to reading one enterprise (`findVisibleEnterprise`), not to lists.
   */
  mandateAsOf?: string | null;
}

/** The WHERE clause of what a scope sees, over `enterprise e` with $1 all, $2 org id, $3 consented only. */
export const VISIBLE_ENTERPRISE = `($1::boolean OR e.org_id = $2::uuid OR ($3::boolean AND e.consent_to_insurers))`;
const visible = VISIBLE_ENTERPRISE;

export const scopeParams = (scope: EnterpriseScope) => [scope.all, scope.orgId, scope.consentedOnly];

export async function findEnterpriseById(db: Queryable, id: string, forUpdate = false) {
  const r = await db.query<EnterpriseRow>(
    `SELECT * FROM enterprise WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function findVisibleEnterprise(db: Queryable, scope: EnterpriseScope, id: string) {
  const r = await db.query<EnterpriseRow>(
    `SELECT e.* FROM enterprise e
      WHERE (${visible}
             OR ($5::date IS NOT NULL AND EXISTS (SELECT 1 FROM broker_mandate m
                  WHERE m.broker_org_id = $2::uuid AND m.enterprise_id = e.id AND m.valid_until >= $5::date)))
        AND e.id = $4`,
    [scope.all, scope.orgId, scope.consentedOnly, id, scope.mandateAsOf ?? null],
  );
  return r.rows[0] ?? null;
}

export async function findEnterpriseByOrg(db: Queryable, orgId: string) {
  const r = await db.query<EnterpriseRow>('SELECT * FROM enterprise WHERE org_id = $1', [orgId]);
  return r.rows[0] ?? null;
}

/** Current rows of the given codes, locked for the rest of the transaction (upserts by USCC). */
export async function lockEnterprisesByUscc(
  db: Queryable,
  usccs: string[],
): Promise<Map<string, EnterpriseRow & { checksum: string }>> {
  const r = await db.query<EnterpriseRow & { checksum: string }>(
    `SELECT e.*, v.checksum FROM enterprise e
       JOIN enterprise_profile_version v ON v.enterprise_id = e.id AND v.version = e.current_version
      WHERE e.uscc = ANY($1::text[])
      ORDER BY e.uscc
        FOR UPDATE OF e`,
    [usccs],
  );
  return new Map(r.rows.map((row) => [row.uscc, row]));
}

/** Enterprise organisations (platform accounts) by USCC, to link registry entries to their accounts. */
export async function enterpriseOrgsByUscc(db: Queryable, usccs: string[]): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; uscc: string }>(
    `SELECT id, uscc FROM organisation WHERE kind = 'enterprise' AND uscc = ANY($1::text[])`,
    [usccs],
  );
  return new Map(r.rows.map((row) => [row.uscc, row.id]));
}

export async function insertEnterprises(db: Queryable, rows: EnterpriseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = 13;
  const values: unknown[] = [];
  const tuples = rows.map((e, i) => {
    values.push(
      e.id,
      e.uscc,
      e.org_id,
      e.name,
      e.region_code,
      e.industry_code,
      e.consent_to_insurers,
      e.current_version,
      JSON.stringify(e.facts),
      e.score_band,
      e.credit_grade,
      e.created_at,
      e.updated_at,
    );
    return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO enterprise (id, uscc, org_id, name, region_code, industry_code, consent_to_insurers, current_version, facts,
       score_band, credit_grade, created_at, updated_at) VALUES ${tuples.join(', ')}`,
    values,
  );
}

/** Updates many enterprises in one statement (an import batch updates hundreds at a time). */
export async function updateEnterprises(db: Queryable, rows: EnterpriseRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE enterprise e SET org_id = v.org_id, name = v.name, region_code = v.region_code, industry_code = v.industry_code,
       consent_to_insurers = v.consent, current_version = v.version, facts = v.facts::jsonb, score_band = v.score_band,
       credit_grade = v.credit_grade, updated_at = v.updated_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::integer[], $8::text[],
                   $9::text[], $10::text[], $11::timestamptz[])
         AS v(id, org_id, name, region_code, industry_code, consent, version, facts, score_band, credit_grade, updated_at)
      WHERE e.id = v.id`,
    [
      rows.map((e) => e.id),
      rows.map((e) => e.org_id),
      rows.map((e) => e.name),
      rows.map((e) => e.region_code),
      rows.map((e) => e.industry_code),
      rows.map((e) => e.consent_to_insurers),
      rows.map((e) => e.current_version),
      rows.map((e) => JSON.stringify(e.facts)),
      rows.map((e) => e.score_band),
      rows.map((e) => e.credit_grade),
      rows.map((e) => e.updated_at),
    ],
  );
}

export async function insertProfileVersions(db: Queryable, rows: ProfileVersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = 8;
  const values: unknown[] = [];
  const tuples = rows.map((v, i) => {
    values.push(
      v.enterprise_id,
      v.version,
      JSON.stringify(v.profile),
      v.checksum,
      v.source,
      v.changed_by,
      v.changed_org,
      v.changed_at,
    );
    return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO enterprise_profile_version (enterprise_id, version, profile, checksum, source, changed_by, changed_org, changed_at)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

export interface EvaluationRow {
  enterprise_id: string;
  profile_version: number;
  model_code: string;
  model_version: number;
  result: unknown;
  computed_at: Date;
}

export async function insertEvaluations(db: Queryable, rows: EvaluationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = 6;
  const values: unknown[] = [];
  const tuples = rows.map((v, i) => {
    values.push(
      v.enterprise_id,
      v.profile_version,
      v.model_code,
      v.model_version,
      JSON.stringify(v.result),
      v.computed_at,
    );
    return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO enterprise_evaluation (enterprise_id, profile_version, model_code, model_version, result, computed_at)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

export async function profileVersion(db: Queryable, enterpriseId: string, version: number) {
  const r = await db.query<ProfileVersionRow>(
    'SELECT * FROM enterprise_profile_version WHERE enterprise_id = $1 AND version = $2',
    [enterpriseId, version],
  );
  return r.rows[0] ?? null;
}

export async function profileHistory(db: Queryable, enterpriseId: string) {
  const r = await db.query<Omit<ProfileVersionRow, 'profile'>>(
    `SELECT enterprise_id, version, checksum, source, changed_by, changed_org, changed_at
       FROM enterprise_profile_version WHERE enterprise_id = $1 ORDER BY version DESC`,
    [enterpriseId],
  );
  return r.rows;
}

export async function evaluationsOf(db: Queryable, enterpriseId: string, version: number) {
  const r = await db.query<EvaluationRow>(
    'SELECT * FROM enterprise_evaluation WHERE enterprise_id = $1 AND profile_version = $2 ORDER BY model_code',
    [enterpriseId, version],
  );
  return r.rows;
}

export interface ListFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  industryCode?: string | undefined;
  scoreBand?: string | undefined;
  creditGrade?: string | undefined;
  consented?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listEnterprises(db: Queryable, scope: EnterpriseScope, f: ListFilter) {
  const params = [
    scope.all,
    scope.orgId,
    scope.consentedOnly,
    f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    f.regionCode ?? null,
    f.industryCode ? `${f.industryCode}%` : null,
    f.scoreBand ?? null,
    f.creditGrade ?? null,
    f.consented ?? null,
  ];
  const where = `${visible}
    AND ($4::text IS NULL OR e.name ILIKE $4 OR e.uscc ILIKE $4)
    AND ($5::text IS NULL OR e.region_code = $5)
    AND ($6::text IS NULL OR e.industry_code LIKE $6)
    AND ($7::text IS NULL OR e.score_band = $7)
    AND ($8::text IS NULL OR e.credit_grade = $8)
    AND ($9::boolean IS NULL OR e.consent_to_insurers = $9)`;
  const [rows, count] = await Promise.all([
    db.query<EnterpriseRow>(
      `SELECT e.* FROM enterprise e WHERE ${where} ORDER BY e.name, e.id LIMIT $10 OFFSET $11`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise e WHERE ${where}`, params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** Registry rows with the park (园区) of their current profile, for group purchases. */
export async function enterprisesWithPark(db: Queryable, ids: readonly string[]) {
  const r = await db.query<EnterpriseRow & { park: string | null }>(
    `SELECT e.*, v.profile->>'park' AS park FROM enterprise e
       JOIN enterprise_profile_version v ON v.enterprise_id = e.id AND v.version = e.current_version
      WHERE e.id = ANY($1::uuid[])`,
    [ids],
  );
  return r.rows;
}

/** What a registry search shows before any mandate: the entry's public identity, nothing of its profile. */
export interface RegistryEntryRow {
  id: string;
  uscc: string;
  name: string;
  region_code: string | null;
  industry_code: string | null;
}

/**
 * Registry entries whose name contains the fragment or whose code is `uscc`: the exact code first, then names
 * starting with the fragment, then by name; the identity columns only.
 */
export async function searchRegistry(
  db: Queryable,
  f: { fragment: string; uscc: string | null; limit: number; offset: number },
) {
  const params = [`%${f.fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, f.uscc, f.fragment];
  const where = `(e.name ILIKE $1 OR ($2::text IS NOT NULL AND e.uscc = $2))`;
  const [rows, count] = await Promise.all([
    db.query<RegistryEntryRow>(
      `SELECT e.id, e.uscc, e.name, e.region_code, e.industry_code FROM enterprise e WHERE ${where}
        ORDER BY (e.uscc = $2) DESC NULLS LAST, (position(lower($3) IN lower(e.name)) = 1) DESC, e.name, e.id
        LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise e WHERE ${where}`, params.slice(0, 2)),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}
