import type { Queryable } from '@kebao/db';

export interface PolicyRow {
  id: string;
  number: string;
  quote_id: string | null;
  placement_id: string | null;
  enterprise_id: string;
  enterprise_org: string | null;
  broker_org_id: string | null;
  lead_org_id: string;
  pool_code: string | null;
  product_code: string;
  product_version: number;
  statistical_class: string;
  sandbox: boolean;
  status: 'in_force' | 'cancelled' | 'expired';
  start_date: string;
  end_date: string;
  sum_insured: bigint;
  premium: bigint;
  written_premium: bigint;
  subsidy: bigint;
  subsidy_funder: string | null;
  net_payable: bigint;
  insured_retention: number;
  collection_mode: 'lead_collects' | 'each_collects';
  request: Record<string, unknown>;
  facts: Record<string, unknown>;
  prior_policy_id: string | null;
  master_policy_id: string | null;
  member_seq: number | null;
  endorsement_seq: number;
  last_effective: string | null;
  cancelled_on: string | null;
  bound_by: string | null;
  bound_at: Date;
  updated_at: Date;
}

export interface PolicyLineRow {
  policy_id: string;
  org_id: string;
  role: 'lead' | 'follower';
  written: number | null;
  share: number;
  premium: bigint;
  sum_insured: bigint;
  name_zh?: string;
}

export interface CessionRow {
  id: string;
  policy_id: string;
  org_id: string;
  treaty_id: string | null;
  kind: 'quota_share' | 'surplus' | 'facultative';
  reinsurer: string;
  ceded_sum_insured: bigint;
  ceded_premium: bigint;
  commission: bigint;
  endorsement_seq: number;
}

export interface EndorsementRow {
  policy_id: string;
  seq: number;
  kind: 'endorse' | 'cancel';
  effective_date: string;
  changes: Record<string, unknown>;
  premium_before: bigint;
  premium_after: bigint;
  premium_delta: bigint;
  line_deltas: { orgId: string; delta: string }[];
  reason: string | null;
  created_by: string | null;
  created_at: Date;
}

export async function nextPolicySeq(db: Queryable): Promise<number> {
  const r = await db.query<{ n: string }>(`SELECT nextval('policy_number_seq')::text AS n`);
  return Number(r.rows[0]?.n);
}

const POLICY_COLUMNS = [
  'id',
  'number',
  'quote_id',
  'placement_id',
  'enterprise_id',
  'enterprise_org',
  'broker_org_id',
  'lead_org_id',
  'pool_code',
  'product_code',
  'product_version',
  'statistical_class',
  'sandbox',
  'status',
  'start_date',
  'end_date',
  'sum_insured',
  'premium',
  'written_premium',
  'subsidy',
  'subsidy_funder',
  'net_payable',
  'insured_retention',
  'collection_mode',
  'request',
  'facts',
  'prior_policy_id',
  'master_policy_id',
  'member_seq',
  'endorsement_seq',
  'last_effective',
  'cancelled_on',
  'bound_by',
  'bound_at',
  'updated_at',
] as const;

export async function insertPolicy(db: Queryable, p: PolicyRow): Promise<void> {
  const values = POLICY_COLUMNS.map((c) => (c === 'request' || c === 'facts' ? JSON.stringify(p[c]) : p[c]));
  await db.query(
    `INSERT INTO policy (${POLICY_COLUMNS.join(', ')}) VALUES (${POLICY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

export async function insertPolicyLines(db: Queryable, lines: readonly PolicyLineRow[]): Promise<void> {
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO policy_line (policy_id, org_id, role, written, share, premium, sum_insured)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::bigint[], $7::bigint[])`,
    [
      lines.map((l) => l.policy_id),
      lines.map((l) => l.org_id),
      lines.map((l) => l.role),
      lines.map((l) => l.written),
      lines.map((l) => l.share),
      lines.map((l) => l.premium.toString()),
      lines.map((l) => l.sum_insured.toString()),
    ],
  );
}

export async function insertCessions(db: Queryable, cessions: readonly CessionRow[]): Promise<void> {
  if (cessions.length === 0) return;
  await db.query(
    `INSERT INTO policy_cession (id, policy_id, org_id, treaty_id, kind, reinsurer, ceded_sum_insured, ceded_premium,
       commission, endorsement_seq)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::bigint[],
       $8::bigint[], $9::bigint[], $10::int[])`,
    [
      cessions.map((c) => c.id),
      cessions.map((c) => c.policy_id),
      cessions.map((c) => c.org_id),
      cessions.map((c) => c.treaty_id),
      cessions.map((c) => c.kind),
      cessions.map((c) => c.reinsurer),
      cessions.map((c) => c.ceded_sum_insured.toString()),
      cessions.map((c) => c.ceded_premium.toString()),
      cessions.map((c) => c.commission.toString()),
      cessions.map((c) => c.endorsement_seq),
    ],
  );
}

export async function findPolicy(db: Queryable, id: string, forUpdate = false): Promise<PolicyRow | null> {
  const r = await db.query<PolicyRow>(`SELECT * FROM policy WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function findPolicyByQuote(db: Queryable, quoteId: string): Promise<PolicyRow | null> {
  const r = await db.query<PolicyRow>('SELECT * FROM policy WHERE quote_id = $1', [quoteId]);
  return r.rows[0] ?? null;
}

/**
 * Who sees a policy: everyone with `all`; the policyholder, its broker and every insurer with a line; a
 * member certificate also the park that bought the group policy.
 */
export interface PolicyScope {
  all: boolean;
  orgId: string | null;
}

const VISIBLE = `($1::boolean OR p.enterprise_org = $2::uuid OR p.broker_org_id = $2::uuid
  OR EXISTS (SELECT 1 FROM policy_line l WHERE l.policy_id = p.id AND l.org_id = $2::uuid)
  OR (p.master_policy_id IS NOT NULL AND EXISTS
      (SELECT 1 FROM policy m WHERE m.id = p.master_policy_id AND m.enterprise_org = $2::uuid)))`;

export type PolicyListRow = PolicyRow & {
  enterprise_name: string;
  lead_name: string;
  product_name_zh: string;
  product_name_en: string;
};

const LIST = `SELECT p.*, e.name AS enterprise_name, o.name_zh AS lead_name, pv.name_zh AS product_name_zh,
    pv.name_en AS product_name_en
  FROM policy p JOIN enterprise e ON e.id = p.enterprise_id JOIN organisation o ON o.id = p.lead_org_id
  JOIN product_version pv ON pv.code = p.product_code AND pv.version = p.product_version`;

export async function findVisiblePolicy(db: Queryable, scope: PolicyScope, id: string) {
  const r = await db.query<PolicyListRow>(`${LIST} WHERE ${VISIBLE} AND p.id = $3`, [
    scope.all,
    scope.orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function listPolicies(
  db: Queryable,
  scope: PolicyScope,
  filter: { status?: string | undefined; masterId?: string | undefined; limit: number; offset: number },
) {
  const where = `${VISIBLE} AND ($3::text IS NULL OR p.status = $3)
    AND (($4::uuid IS NULL AND p.master_policy_id IS NULL) OR p.master_policy_id = $4::uuid)`;
  const params = [scope.all, scope.orgId, filter.status ?? null, filter.masterId ?? null];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM policy p WHERE ${where}`,
    params,
  );
  const r = await db.query<PolicyListRow>(
    `${LIST} WHERE ${where} ORDER BY p.bound_at DESC, p.id LIMIT $5 OFFSET $6`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** In-force policies whose cover ended before `today`, locked (those locked elsewhere skipped), oldest first. */
export async function lockPoliciesPastEnd(db: Queryable, today: string, limit: number): Promise<PolicyRow[]> {
  const r = await db.query<PolicyRow>(
    `SELECT * FROM policy WHERE status = 'in_force' AND end_date < $1::date
      ORDER BY end_date, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [today, limit],
  );
  return r.rows;
}

export async function setPolicyStatus(
  db: Queryable,
  id: string,
  status: PolicyRow['status'],
  at: Date,
): Promise<void> {
  await db.query('UPDATE policy SET status = $2, updated_at = $3 WHERE id = $1', [id, status, at]);
}

export async function linesOf(db: Queryable, policyId: string): Promise<PolicyLineRow[]> {
  const r = await db.query<PolicyLineRow>(
    `SELECT l.*, o.name_zh FROM policy_line l JOIN organisation o ON o.id = l.org_id
      WHERE l.policy_id = $1 ORDER BY (l.role = 'lead') DESC, l.share DESC, o.name_zh`,
    [policyId],
  );
  return r.rows;
}

export async function cessionsOf(db: Queryable, policyId: string): Promise<CessionRow[]> {
  const r = await db.query<CessionRow>(
    'SELECT * FROM policy_cession WHERE policy_id = $1 ORDER BY endorsement_seq, org_id, id',
    [policyId],
  );
  return r.rows;
}

export async function endorsementsOf(db: Queryable, policyId: string): Promise<EndorsementRow[]> {
  const r = await db.query<EndorsementRow>(
    'SELECT * FROM policy_endorsement WHERE policy_id = $1 ORDER BY seq',
    [policyId],
  );
  return r.rows;
}

export async function insertEndorsement(db: Queryable, e: EndorsementRow): Promise<void> {
  await db.query(
    `INSERT INTO policy_endorsement (policy_id, seq, kind, effective_date, changes, premium_before, premium_after,
       premium_delta, line_deltas, reason, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [
      e.policy_id,
      e.seq,
      e.kind,
      e.effective_date,
      JSON.stringify(e.changes),
      e.premium_before,
      e.premium_after,
      e.premium_delta,
      JSON.stringify(e.line_deltas),
      e.reason,
      e.created_by,
      e.created_at,
    ],
  );
}

export async function applyPolicyChange(
  db: Queryable,
  id: string,
  change: {
    status: PolicyRow['status'];
    endDate: string;
    sumInsured: bigint;
    premium: bigint;
    writtenPremium: bigint;
    request: Record<string, unknown>;
    endorsementSeq: number;
    lastEffective: string;
    cancelledOn: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE policy SET status = $2, end_date = $3, sum_insured = $4, premium = $5, written_premium = $6, request = $7,
       endorsement_seq = $8, last_effective = $9, cancelled_on = $10, updated_at = $11 WHERE id = $1`,
    [
      id,
      change.status,
      change.endDate,
      change.sumInsured,
      change.premium,
      change.writtenPremium,
      JSON.stringify(change.request),
      change.endorsementSeq,
      change.lastEffective,
      change.cancelledOn,
      change.at,
    ],
  );
}

/** Each line's premium and sum insured moved by an endorsement (deltas per organisation). */
export async function moveLines(
  db: Queryable,
  policyId: string,
  deltas: readonly { orgId: string; premium: bigint; sumInsured: bigint }[],
): Promise<void> {
  await db.query(
    `UPDATE policy_line l SET premium = l.premium + d.premium, sum_insured = l.sum_insured + d.sum_insured
       FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS d(org_id, premium, sum_insured)
      WHERE l.policy_id = $1 AND l.org_id = d.org_id`,
    [
      policyId,
      deltas.map((d) => d.orgId),
      deltas.map((d) => d.premium.toString()),
      deltas.map((d) => d.sumInsured.toString()),
    ],
  );
}

export async function partyNames(db: Queryable, ids: readonly string[]) {
  const r = await db.query<{ id: string; name_zh: string; uscc: string | null }>(
    'SELECT id, name_zh, uscc FROM organisation WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(r.rows.map((o) => [o.id, o]));
}

/** A subsidy no longer paid by the funder: the policyholder owes that part (net payable up, subsidy down). */
export async function shiftSubsidyToHolder(
  db: Queryable,
  id: string,
  amount: bigint,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE policy SET subsidy = subsidy - $2, net_payable = net_payable + $2,
       subsidy_funder = CASE WHEN subsidy - $2 = 0 THEN NULL ELSE subsidy_funder END, updated_at = $3 WHERE id = $1`,
    [id, amount.toString(), at],
  );
}

// ---- group policies ---------------------------------------------------------------------------------

/** A group policy's member certificates, locked, in member order (lock the master first). */
export async function lockCertificates(db: Queryable, masterId: string): Promise<PolicyRow[]> {
  const r = await db.query<PolicyRow>(
    'SELECT * FROM policy WHERE master_policy_id = $1 ORDER BY member_seq, id FOR UPDATE',
    [masterId],
  );
  return r.rows;
}

/** The lines of many policies (a group's certificates), each policy's lead first, then by share. */
export async function linesOfPolicies(db: Queryable, policyIds: readonly string[]): Promise<PolicyLineRow[]> {
  if (policyIds.length === 0) return [];
  const r = await db.query<PolicyLineRow>(
    `SELECT l.*, o.name_zh FROM policy_line l JOIN organisation o ON o.id = l.org_id
      WHERE l.policy_id = ANY($1::uuid[]) ORDER BY l.policy_id, (l.role = 'lead') DESC, l.share DESC, o.name_zh`,
    [policyIds],
  );
  return r.rows;
}

export async function cessionsOfPolicies(db: Queryable, policyIds: readonly string[]): Promise<CessionRow[]> {
  if (policyIds.length === 0) return [];
  const r = await db.query<CessionRow>(
    'SELECT * FROM policy_cession WHERE policy_id = ANY($1::uuid[]) ORDER BY policy_id, endorsement_seq, org_id, id',
    [policyIds],
  );
  return r.rows;
}

/** Lines of many policies moved at once (deltas per policy and organisation). */
export async function moveLinesOfPolicies(
  db: Queryable,
  deltas: readonly { policyId: string; orgId: string; premium: bigint; sumInsured: bigint }[],
): Promise<void> {
  if (deltas.length === 0) return;
  await db.query(
    `UPDATE policy_line l SET premium = l.premium + d.premium, sum_insured = l.sum_insured + d.sum_insured
       FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[]) AS d(policy_id, org_id, premium, sum_insured)
      WHERE l.policy_id = d.policy_id AND l.org_id = d.org_id`,
    [
      deltas.map((d) => d.policyId),
      deltas.map((d) => d.orgId),
      deltas.map((d) => d.premium.toString()),
      deltas.map((d) => d.sumInsured.toString()),
    ],
  );
}

export async function insertEndorsements(db: Queryable, rows: readonly EndorsementRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO policy_endorsement (policy_id, seq, kind, effective_date, changes, premium_before, premium_after,
       premium_delta, line_deltas, reason, created_by, created_at)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[], $5::jsonb[], $6::bigint[], $7::bigint[],
       $8::bigint[], $9::jsonb[], $10::text[], $11::uuid[], $12::timestamptz[])`,
    [
      rows.map((e) => e.policy_id),
      rows.map((e) => e.seq),
      rows.map((e) => e.kind),
      rows.map((e) => e.effective_date),
      rows.map((e) => JSON.stringify(e.changes)),
      rows.map((e) => e.premium_before.toString()),
      rows.map((e) => e.premium_after.toString()),
      rows.map((e) => e.premium_delta.toString()),
      rows.map((e) => JSON.stringify(e.line_deltas)),
      rows.map((e) => e.reason),
      rows.map((e) => e.created_by),
      rows.map((e) => e.created_at),
    ],
  );
}

/** Member certificates cancelled from one date, each with its written premium after its refund. */
export async function cancelCertificates(
  db: Queryable,
  rows: readonly { id: string; writtenPremium: bigint; endorsementSeq: number }[],
  cancelDate: string,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE policy p SET status = 'cancelled', written_premium = c.written, endorsement_seq = c.seq,
       last_effective = $4::date, cancelled_on = $4::date, updated_at = $5
       FROM unnest($1::uuid[], $2::bigint[], $3::int[]) AS c(id, written, seq)
      WHERE p.id = c.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.writtenPremium.toString()),
      rows.map((r) => r.endorsementSeq),
      cancelDate,
      at,
    ],
  );
}
