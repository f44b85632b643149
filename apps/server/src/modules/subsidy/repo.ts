import type { Queryable } from '@kebao/db';

export interface ProgrammeRow {
  code: string;
  version: number;
  definition: Record<string, unknown>;
  checksum: string;
  name_zh: string;
  name_en: string;
  level: string;
  funder_org_id: string | null;
  budget: bigint;
  committed: bigint;
  paid: bigint;
  status: 'active' | 'suspended';
  source: 'catalog' | 'api';
  loaded_at: Date;
  updated_at: Date;
}

export async function findProgramme(db: Queryable, code: string, forUpdate = false) {
  const r = await db.query<ProgrammeRow>(
    `SELECT * FROM subsidy_programme WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [code],
  );
  return r.rows[0] ?? null;
}

export async function findProgrammeVersion(db: Queryable, code: string, version: number) {
  const r = await db.query<{ checksum: string }>(
    'SELECT checksum FROM subsidy_programme_version WHERE code = $1 AND version = $2',
    [code, version],
  );
  return r.rows[0] ?? null;
}

export async function upsertProgramme(
  db: Queryable,
  p: Omit<ProgrammeRow, 'committed' | 'paid' | 'status' | 'funder_org_id' | 'loaded_at' | 'updated_at'> & {
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO subsidy_programme (code, version, definition, checksum, name_zh, name_en, level, budget, source,
       loaded_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (code) DO UPDATE SET version = EXCLUDED.version, definition = EXCLUDED.definition,
       checksum = EXCLUDED.checksum, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
       budget = GREATEST(EXCLUDED.budget, subsidy_programme.committed), updated_at = EXCLUDED.updated_at`,
    [
      p.code,
      p.version,
      JSON.stringify(p.definition),
      p.checksum,
      p.name_zh,
      p.name_en,
      p.level,
      p.budget.toString(),
      p.source,
      p.at,
    ],
  );
  await db.query(
    `INSERT INTO subsidy_programme_version (code, version, definition, checksum, loaded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [p.code, p.version, JSON.stringify(p.definition), p.checksum, p.at],
  );
}

export async function setOperator(
  db: Queryable,
  code: string,
  funderOrgId: string | null,
  at: Date,
): Promise<void> {
  await db.query('UPDATE subsidy_programme SET funder_org_id = $2, updated_at = $3 WHERE code = $1', [
    code,
    funderOrgId,
    at,
  ]);
}

export async function setProgrammeStatus(
  db: Queryable,
  code: string,
  status: string,
  at: Date,
): Promise<void> {
  await db.query('UPDATE subsidy_programme SET status = $2, updated_at = $3 WHERE code = $1', [
    code,
    status,
    at,
  ]);
}

export async function setBudget(db: Queryable, code: string, budget: bigint, at: Date): Promise<boolean> {
  const r = await db.query(
    'UPDATE subsidy_programme SET budget = $2, updated_at = $3 WHERE code = $1 AND committed <= $2',
    [code, budget.toString(), at],
  );
  return (r.rowCount ?? 0) === 1;
}

/** Active programmes a funder operates on the platform (which of them cover a policy is the engine's call). */
export async function operatedProgrammes(db: Queryable) {
  const r = await db.query<ProgrammeRow>(
    `SELECT * FROM subsidy_programme WHERE status = 'active' AND funder_org_id IS NOT NULL ORDER BY code`,
  );
  return r.rows;
}

export async function listProgrammes(db: Queryable, funderOrgId: string | null) {
  const r = await db.query<ProgrammeRow & { funder_name: string | null; grants: number }>(
    `SELECT p.*, o.name_zh AS funder_name,
            (SELECT count(*)::int FROM subsidy_grant g WHERE g.programme_code = p.code) AS grants
       FROM subsidy_programme p LEFT JOIN organisation o ON o.id = p.funder_org_id
      WHERE ($1::uuid IS NULL OR p.funder_org_id = $1::uuid) ORDER BY p.level, p.code`,
    [funderOrgId],
  );
  return r.rows;
}

/** Takes `amount` of the programme's budget; false when it is not there (the budget is never overspent). */
export async function commitBudget(db: Queryable, code: string, amount: bigint): Promise<boolean> {
  const r = await db.query(
    `UPDATE subsidy_programme SET committed = committed + $2 WHERE code = $1 AND committed + $2 <= budget`,
    [code, amount.toString()],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function releaseBudget(db: Queryable, code: string, amount: bigint): Promise<void> {
  await db.query('UPDATE subsidy_programme SET committed = committed - $2 WHERE code = $1', [
    code,
    amount.toString(),
  ]);
}

export async function addPaid(db: Queryable, code: string, amount: bigint): Promise<void> {
  await db.query('UPDATE subsidy_programme SET paid = paid + $2 WHERE code = $1', [code, amount.toString()]);
}

export interface GrantRow {
  id: string;
  programme_code: string;
  programme_version: number;
  policy_id: string;
  enterprise_id: string;
  enterprise_org: string | null;
  funder_org_id: string;
  insurer_org_id: string;
  mode: 'auto' | 'apply';
  payee: 'insurer' | 'enterprise';
  status:
    | 'reserved'
    | 'confirmed'
    | 'applied'
    | 'submitted'
    | 'returned'
    | 'approved'
    | 'rejected'
    | 'lapsed'
    | 'revoked';
  amount: bigint;
  clawed_back: bigint;
  paid: bigint;
  grant_year: number;
  year_index: number;
  no_double_dip: string | null;
  steps: unknown;
  confirm_by: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  /** The approved quota the grant draws on (quota programmes). */
  quota_id: string | null;
  /** The review stage an application waits at (0-based, the programme's review.stages). */
  review_stage: number;
  /** Returned for more materials (补正): the last day to supply them. */
  supplement_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function insertGrant(db: Queryable, g: GrantRow): Promise<void> {
  const cols = Object.keys(g) as (keyof GrantRow)[];
  await db.query(
    `INSERT INTO subsidy_grant (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    cols.map((c) => {
      const v = g[c];
      return typeof v === 'bigint' ? v.toString() : c === 'steps' ? JSON.stringify(v) : v;
    }),
  );
}

/** What an enterprise got from a programme: this calendar year, and in how many earlier years. */
export async function enterpriseHistory(db: Queryable, enterpriseId: string, code: string, year: number) {
  const r = await db.query<{ this_year: string; years_before: number }>(
    `SELECT coalesce(sum(amount - clawed_back) FILTER (WHERE grant_year = $3), 0)::text AS this_year,
            count(DISTINCT grant_year) FILTER (WHERE grant_year < $3)::int AS years_before
       FROM subsidy_grant WHERE enterprise_id = $1 AND programme_code = $2
        AND status IN ('reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved')`,
    [enterpriseId, code, year],
  );
  const row = r.rows[0];
  return { thisYear: BigInt(row?.this_year ?? '0'), yearsBefore: row?.years_before ?? 0 };
}

export async function grantsOfPolicy(db: Queryable, policyId: string, forUpdate = false) {
  const r = await db.query<GrantRow>(
    `SELECT * FROM subsidy_grant WHERE policy_id = $1 ORDER BY created_at, id${forUpdate ? ' FOR UPDATE' : ''}`,
    [policyId],
  );
  return r.rows;
}

/** A funder's grants paid to the insurer on the policies, in each policy's order (for a statement). */
export async function funderGrantsOfPolicies(
  db: Queryable,
  funderOrgId: string,
  policyIds: readonly string[],
  forUpdate = false,
) {
  const r = await db.query<GrantRow>(
    `SELECT * FROM subsidy_grant WHERE funder_org_id = $1 AND payee = 'insurer' AND policy_id = ANY($2::uuid[])
      ORDER BY policy_id, created_at, id${forUpdate ? ' FOR UPDATE' : ''}`,
    [funderOrgId, policyIds],
  );
  return r.rows;
}

export async function lockGrant(db: Queryable, id: string) {
  const r = await db.query<GrantRow>('SELECT * FROM subsidy_grant WHERE id = $1 FOR UPDATE', [id]);
  return r.rows[0] ?? null;
}

export async function updateGrant(
  db: Queryable,
  id: string,
  change: Partial<
    Pick<
      GrantRow,
      | 'status'
      | 'clawed_back'
      | 'paid'
      | 'amount'
      | 'decided_by'
      | 'decided_at'
      | 'decision_note'
      | 'review_stage'
      | 'supplement_by'
    >
  > & {
    at: Date;
  },
): Promise<void> {
  const { at, ...rest } = change;
  const keys = Object.keys(rest) as (keyof typeof rest)[];
  await db.query(
    `UPDATE subsidy_grant SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2}
      WHERE id = $1`,
    [id, ...keys.map((k) => (typeof rest[k] === 'bigint' ? (rest[k] as bigint).toString() : rest[k])), at],
  );
}

export type GrantListRow = GrantRow & {
  programme_name: string;
  policy_number: string;
  enterprise_name: string;
  funder_name: string;
  /** Who reviews the stage the application waits at. */
  reviewer_org_id: string;
  reviewer_name: string;
};

/** The key of the review stage a grant waits at: the programme's review.stages, or its single stage. */
const STAGE_KEY = `coalesce((SELECT d.definition->'review'->'stages'->g.review_stage->>'key'
  FROM subsidy_programme d WHERE d.code = g.programme_code), 'review')`;

/**
 * Who reviews the stage a grant waits at: the funder assigned to that stage for the longest region prefix
 * the enterprise's region code starts with, else the operating funder.
 */
const REVIEWER = `coalesce((SELECT r.org_id FROM subsidy_reviewer r, enterprise re WHERE re.id = g.enterprise_id
    AND r.programme_code = g.programme_code AND r.stage_key = ${STAGE_KEY}
    AND coalesce(re.region_code, '') LIKE r.region_prefix || '%'
  ORDER BY length(r.region_prefix) DESC LIMIT 1), g.funder_org_id)`;

const GRANT_LIST = `SELECT g.*, to_char(g.confirm_by, 'YYYY-MM-DD') AS confirm_by,
    to_char(g.supplement_by, 'YYYY-MM-DD') AS supplement_by, p.name_zh AS programme_name,
    pol.number AS policy_number, e.name AS enterprise_name, f.name_zh AS funder_name,
    rv.id AS reviewer_org_id, rv.name_zh AS reviewer_name
  FROM subsidy_grant g JOIN subsidy_programme p ON p.code = g.programme_code JOIN policy pol ON pol.id = g.policy_id
  JOIN enterprise e ON e.id = g.enterprise_id JOIN organisation f ON f.id = g.funder_org_id
  JOIN organisation rv ON rv.id = ${REVIEWER}`;
/**
 * A grant is visible to its funder, enterprise and collecting insurer, to the funders assigned to review the
 * programme for the enterprise's region, and to all with subsidy.read_all.
 */
const GRANT_VISIBLE = `($1::boolean OR g.funder_org_id = $2::uuid OR g.enterprise_org = $2::uuid
  OR g.insurer_org_id = $2::uuid
  OR EXISTS (SELECT 1 FROM subsidy_reviewer r JOIN enterprise re ON re.id = g.enterprise_id
              WHERE r.org_id = $2::uuid AND r.programme_code = g.programme_code
                AND coalesce(re.region_code, '') LIKE r.region_prefix || '%'))`;

export async function listGrants(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  filter: {
    status?: string | undefined;
    programme?: string | undefined;
    policyId?: string | undefined;
    /** Only applications waiting at a stage the caller reviews (待我审核). */
    toReview?: boolean | undefined;
    limit: number;
    offset: number;
  },
) {
  const where = `${GRANT_VISIBLE} AND ($3::text IS NULL OR g.status = $3) AND ($4::text IS NULL OR g.programme_code = $4)
    AND ($5::uuid IS NULL OR g.policy_id = $5::uuid)
    AND (NOT $6::boolean OR (g.status = 'submitted' AND ${REVIEWER} = $2::uuid))`;
  const params = [
    scope.all,
    scope.orgId,
    filter.status ?? null,
    filter.programme ?? null,
    filter.policyId ?? null,
    filter.toReview === true,
  ];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM subsidy_grant g WHERE ${where}`,
    params,
  );
  const r = await db.query<GrantListRow>(
    `${GRANT_LIST} WHERE ${where} ORDER BY g.created_at DESC, g.id LIMIT $7 OFFSET $8`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findVisibleGrant(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  id: string,
) {
  const r = await db.query<GrantListRow>(`${GRANT_LIST} WHERE ${GRANT_VISIBLE} AND g.id = $3`, [
    scope.all,
    scope.orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function insertMaterial(
  db: Queryable,
  m: {
    grantId: string;
    key: string;
    filename: string;
    contentType: string;
    content: Buffer;
    sha256: string;
    by: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO subsidy_material (grant_id, key, filename, content_type, size, sha256, content, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (grant_id, key) DO UPDATE SET filename = EXCLUDED.filename, content_type = EXCLUDED.content_type,
       size = EXCLUDED.size, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, uploaded_by = EXCLUDED.uploaded_by,
       uploaded_at = EXCLUDED.uploaded_at`,
    [m.grantId, m.key, m.filename, m.contentType, m.content.length, m.sha256, m.content, m.by, m.at],
  );
}

export async function materialsOf(db: Queryable, grantId: string) {
  const r = await db.query<{
    key: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_at: Date;
  }>(
    'SELECT key, filename, content_type, size, sha256, uploaded_at FROM subsidy_material WHERE grant_id = $1 ORDER BY key',
    [grantId],
  );
  return r.rows;
}

/** Programmes whose committed or paid amounts disagree with their grants (for `kebao ledger verify`). */
export async function budgetMismatches(db: Queryable) {
  const r = await db.query<{
    code: string;
    budget: bigint;
    committed: bigint;
    granted: bigint;
    paid: bigint;
    grants_paid: bigint;
  }>(
    `SELECT p.code, p.budget, p.committed, coalesce(g.granted, 0)::bigint AS granted, p.paid,
            coalesce(g.paid, 0)::bigint AS grants_paid
       FROM subsidy_programme p
       LEFT JOIN (SELECT programme_code, sum(amount - clawed_back) FILTER (WHERE status IN
                   ('reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved')) AS granted, sum(paid) AS paid
                    FROM subsidy_grant GROUP BY programme_code) g ON g.programme_code = p.code
      WHERE p.committed <> coalesce(g.granted, 0) OR p.committed > p.budget OR p.paid <> coalesce(g.paid, 0)
         OR EXISTS (SELECT 1 FROM subsidy_grant x WHERE x.programme_code = p.code AND x.paid > x.amount)
      ORDER BY p.code`,
  );
  return r.rows;
}

/** Quotas whose use is not what their live grants drew (or beyond the quota): none in a sound database. */
export async function quotaMismatches(db: Queryable) {
  const r = await db.query<{
    id: string;
    programme_code: string;
    quota: bigint;
    used: bigint;
    granted: bigint;
  }>(
    `SELECT q.id, q.programme_code, q.quota, q.used, coalesce(g.granted, 0)::bigint AS granted
       FROM subsidy_quota q
       LEFT JOIN (SELECT quota_id, sum(amount - clawed_back) FILTER (WHERE status IN
                   ('reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved')) AS granted
                    FROM subsidy_grant WHERE quota_id IS NOT NULL GROUP BY quota_id) g ON g.quota_id = q.id
      WHERE q.used <> coalesce(g.granted, 0) OR q.used > q.quota
      ORDER BY q.programme_code, q.id`,
  );
  return r.rows;
}

export async function isFunder(db: Queryable, orgId: string): Promise<boolean> {
  const r = await db.query("SELECT 1 FROM organisation WHERE id = $1 AND kind = 'government'", [orgId]);
  return (r.rowCount ?? 0) > 0;
}

export async function funderOrgByEmail(db: Queryable, email: string): Promise<string | null> {
  const r = await db.query<{ org_id: string }>(
    `SELECT u.org_id FROM app_user u JOIN organisation o ON o.id = u.org_id
      WHERE lower(u.email) = lower($1) AND o.kind = 'government'`,
    [email],
  );
  return r.rows[0]?.org_id ?? null;
}

/** The premium written at bind and what the cancellation refunded (for a pro-rata claw-back). */
export async function refundOfPolicy(db: Queryable, policyId: string) {
  const r = await db.query<{ premium: bigint; refund: bigint }>(
    `SELECT (p.written_premium - coalesce(sum(e.premium_delta), 0))::bigint AS premium,
            coalesce(-sum(e.premium_delta) FILTER (WHERE e.kind = 'cancel'), 0)::bigint AS refund
       FROM policy p LEFT JOIN policy_endorsement e ON e.policy_id = p.id WHERE p.id = $1 GROUP BY p.id`,
    [policyId],
  );
  const row = r.rows[0];
  return row ? { premium: row.premium, refund: row.refund } : null;
}

/**
 * 免申即享 grants whose confirmation period ended before `today` and that the funder has not paid yet (a paid
 * grant stands), locked (skipping ones a bind holds).
 */
export async function lockUnconfirmed(db: Queryable, today: string, limit: number) {
  const r = await db.query<GrantRow>(
    `SELECT * FROM subsidy_grant WHERE status = 'reserved' AND paid = 0 AND confirm_by < $1::date
      ORDER BY confirm_by, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [today, limit],
  );
  return r.rows;
}

// ---- approved quotas (核定补偿额度) ---------------------------------------------------------------------

export interface QuotaRow {
  id: string;
  programme_code: string;
  enterprise_id: string;
  enterprise_org: string | null;
  funder_org_id: string;
  item: string;
  approval_ref: string;
  product_value: bigint;
  quota: bigint;
  used: bigint;
  status: 'active' | 'revoked';
  approved_by: string | null;
  approved_at: Date;
  revoked_by: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  /** The first policy start date the quota no longer serves (quota.years after the approval). */
  valid_until: string;
}

export type QuotaListRow = QuotaRow & {
  enterprise_name: string;
  enterprise_uscc: string;
  programme_name: string;
};

export async function insertQuota(db: Queryable, q: QuotaRow): Promise<void> {
  const cols = Object.keys(q) as (keyof QuotaRow)[];
  await db.query(
    `INSERT INTO subsidy_quota (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    cols.map((c) => {
      const v = q[c];
      return typeof v === 'bigint' ? v.toString() : v;
    }),
  );
}

/** The active quota of an enterprise for an item of a programme, if one is approved. */
export async function activeQuotaForItem(db: Queryable, code: string, enterpriseId: string, item: string) {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM subsidy_quota WHERE programme_code = $1 AND enterprise_id = $2 AND item = $3 AND status = 'active'`,
    [code, enterpriseId, item],
  );
  return r.rows[0] ?? null;
}

/**
 * The enterprise's active quota of a programme with the most left (what a bind draws on), or null — locked
 * until the bind commits, so concurrent binds of the enterprise each see what the one before left and the
 * last gets the remainder rather than nothing.
 */
export async function quotaForBind(db: Queryable, code: string, enterpriseId: string, startDate: string) {
  const r = await db.query<QuotaRow>(
    `SELECT * FROM subsidy_quota WHERE programme_code = $1 AND enterprise_id = $2 AND status = 'active'
        AND valid_until > $3::date
      ORDER BY quota - used DESC, approved_at, id LIMIT 1 FOR UPDATE`,
    [code, enterpriseId, startDate],
  );
  return r.rows[0] ?? null;
}

/** Takes `amount` of an active quota; false when it is not there (a quota is never overdrawn). */
export async function commitQuota(db: Queryable, id: string, amount: bigint): Promise<boolean> {
  const r = await db.query(
    `UPDATE subsidy_quota SET used = used + $2 WHERE id = $1 AND status = 'active' AND used + $2 <= quota`,
    [id, amount.toString()],
  );
  return (r.rowCount ?? 0) === 1;
}

/** Gives back what a grant released (a rejection, a lapse, a claw-back); a revoked quota keeps its count. */
export async function releaseQuota(db: Queryable, id: string, amount: bigint): Promise<void> {
  await db.query('UPDATE subsidy_quota SET used = used - $2 WHERE id = $1', [id, amount.toString()]);
}

export async function lockQuota(db: Queryable, id: string) {
  const r = await db.query<QuotaRow>('SELECT * FROM subsidy_quota WHERE id = $1 FOR UPDATE', [id]);
  return r.rows[0] ?? null;
}

export async function revokeQuotaRow(db: Queryable, id: string, by: string | null, at: Date, reason: string) {
  await db.query(
    `UPDATE subsidy_quota SET status = 'revoked', revoked_by = $2, revoked_at = $3, revoke_reason = $4 WHERE id = $1`,
    [id, by, at, reason],
  );
}

/** Who sees a quota: the funder that approved it, the enterprise it belongs to, and subsidy.read_all. */
const QUOTA_VISIBLE = '($1::boolean OR q.funder_org_id = $2::uuid OR q.enterprise_org = $2::uuid)';
const QUOTA_LIST = `SELECT q.*, to_char(q.valid_until, 'YYYY-MM-DD') AS valid_until, e.name AS enterprise_name, e.uscc AS enterprise_uscc, p.name_zh AS programme_name
  FROM subsidy_quota q JOIN enterprise e ON e.id = q.enterprise_id JOIN subsidy_programme p ON p.code = q.programme_code`;

export async function listQuotas(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  filter: {
    programme?: string | undefined;
    enterpriseId?: string | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const where = `${QUOTA_VISIBLE} AND ($3::text IS NULL OR q.programme_code = $3)
    AND ($4::uuid IS NULL OR q.enterprise_id = $4::uuid) AND ($5::text IS NULL OR q.status = $5)`;
  const params = [
    scope.all,
    scope.orgId,
    filter.programme ?? null,
    filter.enterpriseId ?? null,
    filter.status ?? null,
  ];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM subsidy_quota q WHERE ${where}`,
    params,
  );
  const r = await db.query<QuotaListRow>(
    `${QUOTA_LIST} WHERE ${where} ORDER BY q.approved_at DESC, q.id LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findVisibleQuota(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  id: string,
) {
  const r = await db.query<QuotaListRow>(`${QUOTA_LIST} WHERE ${QUOTA_VISIBLE} AND q.id = $3`, [
    scope.all,
    scope.orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

/** The funders assigned to review a programme's stages, by region prefix. */
export async function reviewersOf(db: Queryable, code: string) {
  const r = await db.query<{
    stage_key: string;
    region_prefix: string;
    org_id: string;
    org_name: string;
    assigned_at: Date;
  }>(
    `SELECT r.stage_key, r.region_prefix, r.org_id, o.name_zh AS org_name, r.assigned_at
       FROM subsidy_reviewer r JOIN organisation o ON o.id = r.org_id
      WHERE r.programme_code = $1 ORDER BY r.stage_key, r.region_prefix`,
    [code],
  );
  return r.rows;
}

export async function upsertReviewer(
  db: Queryable,
  a: { code: string; stageKey: string; regionPrefix: string; orgId: string; at: Date },
): Promise<string | null> {
  const before = await db.query<{ org_id: string }>(
    'SELECT org_id FROM subsidy_reviewer WHERE programme_code = $1 AND stage_key = $2 AND region_prefix = $3 FOR UPDATE',
    [a.code, a.stageKey, a.regionPrefix],
  );
  await db.query(
    `INSERT INTO subsidy_reviewer (programme_code, stage_key, region_prefix, org_id, assigned_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (programme_code, stage_key, region_prefix) DO UPDATE SET org_id = $4, assigned_at = $5`,
    [a.code, a.stageKey, a.regionPrefix, a.orgId, a.at],
  );
  return before.rows[0]?.org_id ?? null;
}

export async function deleteReviewer(
  db: Queryable,
  a: { code: string; stageKey: string; regionPrefix: string },
): Promise<string | null> {
  const r = await db.query<{ org_id: string }>(
    `DELETE FROM subsidy_reviewer WHERE programme_code = $1 AND stage_key = $2 AND region_prefix = $3
     RETURNING org_id`,
    [a.code, a.stageKey, a.regionPrefix],
  );
  return r.rows[0]?.org_id ?? null;
}

export type ReviewDecisionKind = 'approve' | 'reject' | 'request_more' | 'resubmit' | 'fraud';

export async function insertReview(
  db: Queryable,
  r: {
    id: string;
    grantId: string;
    stage: number;
    stageKey: string;
    decision: ReviewDecisionKind;
    note: string;
    requested: readonly string[] | null;
    orgId: string;
    userId: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO subsidy_review (id, grant_id, stage, stage_key, decision, note, requested, reviewer_org,
       reviewer_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.id,
      r.grantId,
      r.stage,
      r.stageKey,
      r.decision,
      r.note,
      r.requested === null ? null : JSON.stringify(r.requested),
      r.orgId,
      r.userId,
      r.at,
    ],
  );
}

/** Every decision on an application, oldest first, with who took it. */
export async function reviewsOf(db: Queryable, grantId: string) {
  const r = await db.query<{
    stage: number;
    stage_key: string;
    decision: ReviewDecisionKind;
    note: string;
    requested: string[] | null;
    org_id: string;
    org_name: string;
    at: Date;
  }>(
    `SELECT v.stage, v.stage_key, v.decision, v.note, v.requested, v.reviewer_org AS org_id,
            o.name_zh AS org_name, v.at
       FROM subsidy_review v JOIN organisation o ON o.id = v.reviewer_org
      WHERE v.grant_id = $1 ORDER BY v.at, v.id`,
    [grantId],
  );
  return r.rows;
}

/** The last request for more materials on an application, if any. */
export async function lastRequest(db: Queryable, grantId: string) {
  const r = await db.query<{ requested: string[] | null; at: Date }>(
    `SELECT requested, at FROM subsidy_review WHERE grant_id = $1 AND decision = 'request_more'
      ORDER BY at DESC, id DESC LIMIT 1`,
    [grantId],
  );
  return r.rows[0] ?? null;
}

export async function insertBar(
  db: Queryable,
  b: {
    id: string;
    enterpriseId: string;
    code: string;
    grantId: string;
    foundOn: string;
    until: string;
    note: string;
    orgId: string;
    userId: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO subsidy_bar (id, enterprise_id, programme_code, grant_id, found_on, until, note, by_org, by_user, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [b.id, b.enterpriseId, b.code, b.grantId, b.foundOn, b.until, b.note, b.orgId, b.userId, b.at],
  );
}

/** The last day of the longest bar on an enterprise for a programme, or null. */
export async function barredUntilOf(
  db: Queryable,
  enterpriseId: string,
  code: string,
): Promise<string | null> {
  const r = await db.query<{ until: string | null }>(
    `SELECT to_char(max(until), 'YYYY-MM-DD') AS until FROM subsidy_bar
      WHERE enterprise_id = $1 AND programme_code = $2`,
    [enterpriseId, code],
  );
  return r.rows[0]?.until ?? null;
}

/** Applications returned for more materials whose time to supply them ran out before `today`. */
export async function overdueReturned(db: Queryable, today: string, limit: number) {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM subsidy_grant WHERE status = 'returned' AND supplement_by < $1::date
      ORDER BY supplement_by, id LIMIT $2`,
    [today, limit],
  );
  return r.rows.map((row) => row.id);
}
