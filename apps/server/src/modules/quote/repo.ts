import type { Queryable } from '@kebao/db';

export type QuoteStatus = 'referred' | 'offered' | 'declined' | 'accepted' | 'bound' | 'expired';

export interface QuoteRow {
  id: string;
  number: string;
  enterprise_id: string;
  enterprise_org: string | null;
  broker_org_id: string | null;
  product_code: string;
  product_version: number;
  statistical_class: string;
  insurer_org_id: string;
  pool_code: string | null;
  request: Record<string, unknown>;
  facts: Record<string, unknown>;
  profile_version: number;
  outcome: 'accept' | 'refer' | 'decline' | 'ineligible';
  status: QuoteStatus;
  base_premium: bigint | null;
  loading: string | null;
  premium: bigint | null;
  sum_insured: bigint;
  start_date: string;
  end_date: string;
  rating: unknown;
  reasons: unknown;
  conditions: unknown;
  decision: unknown;
  valid_until: Date | null;
  prior_policy_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface QuoteListRow extends QuoteRow {
  enterprise_name: string;
  insurer_name: string;
  product_name_zh: string;
  product_name_en: string;
  policy_id: string | null;
  policy_number: string | null;
  placement_id: string | null;
}

/** Who sees a quote: the enterprise, the broker that asked, the deciding insurer; `all` for none here. */
export interface QuoteScope {
  orgId: string | null;
}

const LIST_COLUMNS = `q.*, e.name AS enterprise_name, o.name_zh AS insurer_name,
  pv.name_zh AS product_name_zh, pv.name_en AS product_name_en,
  p.id AS policy_id, p.number AS policy_number, pl.id AS placement_id`;
const LIST_JOINS = `JOIN enterprise e ON e.id = q.enterprise_id
  JOIN organisation o ON o.id = q.insurer_org_id
  JOIN product_version pv ON pv.code = q.product_code AND pv.version = q.product_version
  LEFT JOIN policy p ON p.quote_id = q.id
  LEFT JOIN placement pl ON pl.quote_id = q.id`;
const VISIBLE = `(q.enterprise_org = $1::uuid OR q.broker_org_id = $1::uuid OR q.insurer_org_id = $1::uuid)`;

export async function nextQuoteSeq(db: Queryable): Promise<number> {
  const r = await db.query<{ n: string }>(`SELECT nextval('quote_number_seq')::text AS n`);
  return Number(r.rows[0]?.n);
}

export async function insertQuote(db: Queryable, q: QuoteRow): Promise<void> {
  await db.query(
    `INSERT INTO quote (id, number, enterprise_id, enterprise_org, broker_org_id, product_code, product_version,
       statistical_class, insurer_org_id, pool_code, request, facts, profile_version, outcome, status, base_premium,
       loading, premium, sum_insured, start_date, end_date, rating, reasons, conditions, decision, valid_until,
       prior_policy_id, created_by, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30)`,
    [
      q.id,
      q.number,
      q.enterprise_id,
      q.enterprise_org,
      q.broker_org_id,
      q.product_code,
      q.product_version,
      q.statistical_class,
      q.insurer_org_id,
      q.pool_code,
      JSON.stringify(q.request),
      JSON.stringify(q.facts),
      q.profile_version,
      q.outcome,
      q.status,
      q.base_premium,
      q.loading,
      q.premium,
      q.sum_insured,
      q.start_date,
      q.end_date,
      JSON.stringify(q.rating),
      JSON.stringify(q.reasons),
      JSON.stringify(q.conditions),
      q.decision === null ? null : JSON.stringify(q.decision),
      q.valid_until,
      q.prior_policy_id,
      q.created_by,
      q.created_at,
      q.updated_at,
    ],
  );
}

export async function findQuote(db: Queryable, id: string, forUpdate = false): Promise<QuoteRow | null> {
  const r = await db.query<QuoteRow>(`SELECT * FROM quote WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function findVisibleQuote(
  db: Queryable,
  scope: QuoteScope,
  id: string,
): Promise<QuoteListRow | null> {
  const r = await db.query<QuoteListRow>(
    `SELECT ${LIST_COLUMNS} FROM quote q ${LIST_JOINS} WHERE ${VISIBLE} AND q.id = $2`,
    [scope.orgId, id],
  );
  return r.rows[0] ?? null;
}

export interface QuoteFilter {
  status?: QuoteStatus | undefined;
  /** Only the insurer's decisions waiting (the underwriting queue). */
  queue?: boolean;
  limit: number;
  offset: number;
}

export async function listQuotes(db: Queryable, scope: QuoteScope, filter: QuoteFilter) {
  const where = [filter.queue ? `q.insurer_org_id = $1::uuid AND q.status = 'referred'` : VISIBLE];
  const params: unknown[] = [scope.orgId];
  if (filter.status) {
    params.push(filter.status);
    where.push(`q.status = $${params.length}`);
  }
  const clause = where.join(' AND ');
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM quote q WHERE ${clause}`,
    params,
  );
  params.push(filter.limit, filter.offset);
  const r = await db.query<QuoteListRow>(
    `SELECT ${LIST_COLUMNS} FROM quote q ${LIST_JOINS} WHERE ${clause}
      ORDER BY q.created_at DESC, q.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function updateQuoteDecision(
  db: Queryable,
  id: string,
  change: {
    status: QuoteStatus;
    loading: string | null;
    premium: bigint | null;
    conditions: unknown;
    decision: unknown;
    validUntil: Date | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE quote SET status = $2, loading = $3, premium = $4, conditions = $5, decision = $6, valid_until = $7,
       updated_at = $8 WHERE id = $1`,
    [
      id,
      change.status,
      change.loading,
      change.premium,
      JSON.stringify(change.conditions),
      JSON.stringify(change.decision),
      change.validUntil,
      change.at,
    ],
  );
}

export async function setQuoteStatus(
  db: Queryable,
  id: string,
  status: QuoteStatus,
  at: Date,
): Promise<void> {
  await db.query('UPDATE quote SET status = $2, updated_at = $3 WHERE id = $1', [id, status, at]);
}

/** Offered and referred quotes whose validity has passed, oldest first, locked (skipping busy rows). */
export async function lockExpiredQuotes(db: Queryable, now: Date, limit: number): Promise<QuoteRow[]> {
  const r = await db.query<QuoteRow>(
    `SELECT * FROM quote WHERE status IN ('offered', 'accepted') AND valid_until < $1
      ORDER BY valid_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return r.rows;
}

export interface MandateRow {
  broker_org_id: string;
  enterprise_id: string;
  reference: string;
  valid_until: string;
  recorded_at: Date;
}

export async function findMandate(db: Queryable, brokerOrgId: string, enterpriseId: string) {
  const r = await db.query<MandateRow>(
    'SELECT * FROM broker_mandate WHERE broker_org_id = $1 AND enterprise_id = $2',
    [brokerOrgId, enterpriseId],
  );
  return r.rows[0] ?? null;
}

export async function upsertMandate(
  db: Queryable,
  m: {
    brokerOrgId: string;
    enterpriseId: string;
    reference: string;
    validUntil: string;
    at: Date;
    by: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO broker_mandate (broker_org_id, enterprise_id, reference, valid_until, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (broker_org_id, enterprise_id)
     DO UPDATE SET reference = EXCLUDED.reference, valid_until = EXCLUDED.valid_until,
       recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by`,
    [m.brokerOrgId, m.enterpriseId, m.reference, m.validUntil, m.at, m.by],
  );
}

/** The enterprises a broker holds a mandate for (its client list). */
export async function listMandates(db: Queryable, brokerOrgId: string) {
  const r = await db.query<MandateRow & { name: string; uscc: string }>(
    `SELECT m.*, e.name, e.uscc FROM broker_mandate m JOIN enterprise e ON e.id = m.enterprise_id
      WHERE m.broker_org_id = $1 ORDER BY e.name`,
    [brokerOrgId],
  );
  return r.rows;
}

/** The broker's mandates for some enterprises (a page of registry search results). */
export async function mandatesFor(db: Queryable, brokerOrgId: string, enterpriseIds: readonly string[]) {
  if (enterpriseIds.length === 0) return [];
  const r = await db.query<MandateRow>(
    'SELECT * FROM broker_mandate WHERE broker_org_id = $1 AND enterprise_id = ANY($2::uuid[])',
    [brokerOrgId, enterpriseIds],
  );
  return r.rows;
}
