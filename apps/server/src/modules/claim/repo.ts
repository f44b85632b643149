import type { Queryable } from '@kebao/db';

export type ClaimStatus =
  | 'notified'
  | 'declined'
  | 'assessing'
  | 'reserved'
  | 'approved'
  | 'paid'
  | 'closed'
  | 'reopened'
  | 'withdrawn';

export interface ClaimRow {
  id: string;
  number: string;
  policy_id: string;
  enterprise_id: string;
  enterprise_org: string | null;
  broker_org_id: string | null;
  lead_org_id: string;
  product_code: string;
  statistical_class: string;
  section_key: string;
  sublimit_key: string | null;
  source: 'notice' | 'parametric';
  status: ClaimStatus;
  loss_date: string;
  reported_on: string;
  description: string;
  event_id: string | null;
  observation_id: string | null;
  currency: string;
  claimed_foreign: bigint | null;
  claimed: bigint;
  claim_rate: string | null;
  paid_rate: string | null;
  deductible: bigint;
  payable: bigint;
  reserve: bigint;
  paid: bigint;
  agreed: bigint | null;
  coverage: Record<string, unknown>;
  decline: Record<string, unknown> | null;
  due_at: Date | null;
  status_since: Date;
  filed_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ClaimListRow = ClaimRow & {
  section_names: { zh: string; en: string } | null;
  policy_number: string;
  enterprise_name: string;
  lead_name: string;
  product_name_zh: string;
  event_code: string | null;
};

const COLUMNS = [
  'id',
  'number',
  'policy_id',
  'enterprise_id',
  'enterprise_org',
  'broker_org_id',
  'lead_org_id',
  'product_code',
  'statistical_class',
  'section_key',
  'sublimit_key',
  'source',
  'status',
  'loss_date',
  'reported_on',
  'description',
  'event_id',
  'observation_id',
  'currency',
  'claimed_foreign',
  'claimed',
  'claim_rate',
  'paid_rate',
  'deductible',
  'payable',
  'reserve',
  'paid',
  'agreed',
  'coverage',
  'decline',
  'due_at',
  'status_since',
  'filed_by',
  'created_at',
  'updated_at',
] as const;

export async function nextClaimSeq(db: Queryable): Promise<bigint> {
  const r = await db.query<{ n: bigint }>("SELECT nextval('claim_number_seq') AS n");
  return r.rows[0]?.n as bigint;
}

export async function insertClaim(db: Queryable, c: ClaimRow): Promise<void> {
  const values = COLUMNS.map((k) => {
    const v = c[k];
    if (k === 'coverage' || k === 'decline') return v === null ? null : JSON.stringify(v);
    return v;
  });
  await db.query(
    `INSERT INTO claim (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

/** Inserts a parametric claim unless the same observation already made one for the policy's section. */
export async function insertClaimOnce(db: Queryable, c: ClaimRow): Promise<boolean> {
  const values = COLUMNS.map((k) => {
    const v = c[k];
    if (k === 'coverage' || k === 'decline') return v === null ? null : JSON.stringify(v);
    return v;
  });
  const r = await db.query(
    `INSERT INTO claim (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (policy_id, section_key, observation_id) DO NOTHING`,
    values,
  );
  return (r.rowCount ?? 0) === 1;
}

export async function findClaim(db: Queryable, id: string, forUpdate = false): Promise<ClaimRow | null> {
  const r = await db.query<ClaimRow>(`SELECT * FROM claim WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function updateClaim(
  db: Queryable,
  id: string,
  patch: Partial<
    Pick<
      ClaimRow,
      | 'status'
      | 'reserve'
      | 'paid'
      | 'agreed'
      | 'payable'
      | 'deductible'
      | 'decline'
      | 'due_at'
      | 'status_since'
      | 'event_id'
      | 'coverage'
      | 'paid_rate'
    >
  >,
  at: Date,
): Promise<void> {
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  const values = keys.map((k) => {
    const v = patch[k];
    if (k === 'coverage' || k === 'decline') return v === null ? null : JSON.stringify(v);
    return v;
  });
  await db.query(`UPDATE claim SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [
    id,
    at,
    ...values,
  ]);
}

/**
 * Who sees a claim: everyone with `all`; the policyholder, its broker, every insurer with a line on the
 * policy, and an expert assigned to it.
 */
export interface ClaimScope {
  all: boolean;
  orgId: string | null;
  userId: string | null;
}

const VISIBLE = `($1::boolean OR c.enterprise_org = $2::uuid OR c.broker_org_id = $2::uuid
  OR EXISTS (SELECT 1 FROM policy_line l WHERE l.policy_id = c.policy_id AND l.org_id = $2::uuid)
  OR EXISTS (SELECT 1 FROM expert_assignment a JOIN expert x ON x.id = a.expert_id
             WHERE a.claim_id = c.id AND a.status <> 'withdrawn' AND x.user_id = $3::uuid))`;

const LIST = `SELECT c.*, p.number AS policy_number, e.name AS enterprise_name, o.name_zh AS lead_name,
    pv.name_zh AS product_name_zh, ev.code AS event_code,
    (SELECT s -> 'names' FROM jsonb_array_elements(pv.definition -> 'sections') s
      WHERE s ->> 'key' = c.section_key LIMIT 1) AS section_names
  FROM claim c JOIN policy p ON p.id = c.policy_id JOIN enterprise e ON e.id = c.enterprise_id
  JOIN organisation o ON o.id = c.lead_org_id
  JOIN product_version pv ON pv.code = p.product_code AND pv.version = p.product_version
  LEFT JOIN loss_event ev ON ev.id = c.event_id`;

export async function findVisibleClaim(db: Queryable, scope: ClaimScope, id: string) {
  const r = await db.query<ClaimListRow>(`${LIST} WHERE ${VISIBLE} AND c.id = $4`, [
    scope.all,
    scope.orgId,
    scope.userId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function listClaims(
  db: Queryable,
  scope: ClaimScope,
  filter: {
    status?: string | undefined;
    policyId?: string | undefined;
    overdue?: boolean | undefined;
    now: Date;
    limit: number;
    offset: number;
  },
) {
  const where = `${VISIBLE} AND ($4::text IS NULL OR c.status = $4) AND ($5::uuid IS NULL OR c.policy_id = $5)
    AND (NOT $6::boolean OR (c.due_at IS NOT NULL AND c.due_at < $7))`;
  const params = [
    scope.all,
    scope.orgId,
    scope.userId,
    filter.status ?? null,
    filter.policyId ?? null,
    filter.overdue === true,
    filter.now,
  ];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM claim c WHERE ${where}`,
    params,
  );
  const r = await db.query<ClaimListRow>(
    `${LIST} WHERE ${where} ORDER BY c.created_at DESC, c.id LIMIT $8 OFFSET $9`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** What claims already take from a section (and a sublimit) of a policy: paid + outstanding reserve. */
export async function sectionUsage(
  db: Queryable,
  policyId: string,
  sectionKey: string,
  sublimitKey: string | null,
  exceptClaim: string | null,
): Promise<{ section: bigint; sublimit: bigint }> {
  const r = await db.query<{ section: bigint | null; sublimit: bigint | null }>(
    `SELECT sum(GREATEST(paid + reserve, CASE WHEN status IN ('notified', 'assessing') THEN payable ELSE 0 END))
              AS section,
            sum(GREATEST(paid + reserve, CASE WHEN status IN ('notified', 'assessing') THEN payable ELSE 0 END))
              FILTER (WHERE sublimit_key = $3) AS sublimit
       FROM claim WHERE policy_id = $1 AND section_key = $2 AND status NOT IN ('declined', 'withdrawn')
        AND ($4::uuid IS NULL OR id <> $4)`,
    [policyId, sectionKey, sublimitKey, exceptClaim],
  );
  return { section: r.rows[0]?.section ?? 0n, sublimit: r.rows[0]?.sublimit ?? 0n };
}

// ---- The timeline ---------------------------------------------------------------------------------

export interface StepRow {
  claim_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  amount: bigint | null;
  incurred_after: bigint;
  paid_after: bigint;
  note: string | null;
  actor_id: string | null;
  actor_org: string | null;
  at: Date;
  actor_name?: string | null;
}

export async function insertStep(db: Queryable, s: Omit<StepRow, 'seq'>): Promise<void> {
  await db.query(
    `INSERT INTO claim_step (claim_id, seq, action, from_status, to_status, amount, incurred_after, paid_after, note,
       actor_id, actor_org, at)
     SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM claim_step WHERE claim_id = $1`,
    [
      s.claim_id,
      s.action,
      s.from_status,
      s.to_status,
      s.amount,
      s.incurred_after,
      s.paid_after,
      s.note,
      s.actor_id,
      s.actor_org,
      s.at,
    ],
  );
}

export async function stepsOf(db: Queryable, claimId: string): Promise<StepRow[]> {
  const r = await db.query<StepRow>(
    `SELECT s.*, u.display_name AS actor_name FROM claim_step s LEFT JOIN app_user u ON u.id = s.actor_id
      WHERE s.claim_id = $1 ORDER BY s.seq`,
    [claimId],
  );
  return r.rows;
}

// ---- Documents -----------------------------------------------------------------------------------

export interface DocumentRow {
  id: string;
  claim_id: string;
  kind: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploader_org: string | null;
  uploaded_at: Date;
}

export async function insertDocument(db: Queryable, d: DocumentRow & { content: Buffer }): Promise<void> {
  await db.query(
    `INSERT INTO claim_document (id, claim_id, kind, filename, content_type, size, sha256, content, uploaded_by,
       uploader_org, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      d.id,
      d.claim_id,
      d.kind,
      d.filename,
      d.content_type,
      d.size,
      d.sha256,
      d.content,
      d.uploaded_by,
      d.uploader_org,
      d.uploaded_at,
    ],
  );
}

export async function documentsOf(db: Queryable, claimId: string): Promise<DocumentRow[]> {
  const r = await db.query<DocumentRow>(
    `SELECT id, claim_id, kind, filename, content_type, size, sha256, uploaded_by, uploader_org, uploaded_at
       FROM claim_document WHERE claim_id = $1 ORDER BY uploaded_at, id`,
    [claimId],
  );
  return r.rows;
}

export async function documentContent(db: Queryable, claimId: string, id: string) {
  const r = await db.query<DocumentRow & { content: Buffer }>(
    'SELECT * FROM claim_document WHERE claim_id = $1 AND id = $2',
    [claimId, id],
  );
  return r.rows[0] ?? null;
}

// ---- Reinsurance recoveries -------------------------------------------------------------------------

export interface RecoveryRow {
  claim_id: string;
  org_id: string;
  treaty_key: string;
  treaty_id: string | null;
  kind: string;
  reinsurer: string;
  amount: bigint;
}

export async function recoveriesOf(db: Queryable, claimIds: readonly string[]): Promise<RecoveryRow[]> {
  if (claimIds.length === 0) return [];
  const r = await db.query<RecoveryRow>(
    'SELECT claim_id, org_id, treaty_key, treaty_id, kind, reinsurer, amount FROM claim_recovery WHERE claim_id = ANY($1)',
    [claimIds],
  );
  return r.rows;
}

export async function upsertRecovery(db: Queryable, row: RecoveryRow, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO claim_recovery (claim_id, org_id, treaty_key, treaty_id, kind, reinsurer, amount, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (claim_id, org_id, treaty_key) DO UPDATE SET amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at`,
    [row.claim_id, row.org_id, row.treaty_key, row.treaty_id, row.kind, row.reinsurer, row.amount, at],
  );
}

/**
 * An insurer's claims whose accident falls in a year, with its signed line on each policy and the
 * policy's sum insured: the set its non-proportional treaties (cat XoL per event, stop-loss per year)
 * are applied to.
 */
export async function insurerClaimsOfYear(db: Queryable, orgId: string, year: number) {
  const r = await db.query<{
    id: string;
    policy_id: string;
    event_id: string | null;
    loss_date: string;
    statistical_class: string;
    incurred: bigint;
    share: number;
    lines: { orgId: string; share: number; lead: boolean }[];
    line_sum_insured: bigint;
    start_date: string;
  }>(
    `SELECT c.id, c.policy_id, c.event_id, c.loss_date, c.statistical_class, (c.paid + c.reserve) AS incurred,
            l.share, l.sum_insured AS line_sum_insured, p.start_date,
            (SELECT json_agg(json_build_object('orgId', x.org_id, 'share', x.share, 'lead', x.role = 'lead')
                             ORDER BY x.role, x.org_id)
               FROM policy_line x WHERE x.policy_id = c.policy_id) AS lines
       FROM claim c JOIN policy_line l ON l.policy_id = c.policy_id AND l.org_id = $1
       JOIN policy p ON p.id = c.policy_id
      WHERE c.loss_date >= make_date($2, 1, 1) AND c.loss_date < make_date($2 + 1, 1, 1)
        AND c.status NOT IN ('declined', 'withdrawn')
      ORDER BY c.created_at, c.id`,
    [orgId, year],
  );
  return r.rows;
}

// ---- Loss events ---------------------------------------------------------------------------------

export interface EventRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  occurred_on: string;
  created_by: string | null;
  created_at: Date;
  claims?: number;
}

export async function insertEvent(db: Queryable, e: EventRow): Promise<void> {
  await db.query(
    'INSERT INTO loss_event (id, code, name, kind, occurred_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [e.id, e.code, e.name, e.kind, e.occurred_on, e.created_by, e.created_at],
  );
}

export async function findEventByCode(db: Queryable, code: string): Promise<EventRow | null> {
  const r = await db.query<EventRow>('SELECT * FROM loss_event WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

export async function findEvent(db: Queryable, id: string): Promise<EventRow | null> {
  const r = await db.query<EventRow>('SELECT * FROM loss_event WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function listEvents(db: Queryable): Promise<EventRow[]> {
  const r = await db.query<EventRow>(
    `SELECT e.*, (SELECT count(*)::int FROM claim c WHERE c.event_id = e.id) AS claims
       FROM loss_event e ORDER BY e.occurred_on DESC, e.code`,
  );
  return r.rows;
}

// ---- Index observations (parametric covers) ---------------------------------------------------------

export interface ObservationRow {
  id: string;
  product_code: string;
  section_key: string;
  subject: string;
  observed_on: string;
  value: string;
  source: string;
  imported_by: string | null;
  imported_at: Date;
}

/** Stores the observations not seen before; returns the ones that are new. */
export async function insertObservations(
  db: Queryable,
  rows: readonly ObservationRow[],
): Promise<ObservationRow[]> {
  if (rows.length === 0) return [];
  const r = await db.query<ObservationRow>(
    `INSERT INTO index_observation (id, product_code, section_key, subject, observed_on, value, source, imported_by,
       imported_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[],
       $8::uuid[], $9::timestamptz[])
     ON CONFLICT (product_code, section_key, subject, observed_on) DO NOTHING
     RETURNING id, product_code, section_key, subject, observed_on::text AS observed_on, value, source, imported_by,
       imported_at`,
    [
      rows.map((o) => o.id),
      rows.map((o) => o.product_code),
      rows.map((o) => o.section_key),
      rows.map((o) => o.subject),
      rows.map((o) => o.observed_on),
      rows.map((o) => o.value),
      rows.map((o) => o.source),
      rows.map((o) => o.imported_by),
      rows.map((o) => o.imported_at),
    ],
  );
  return r.rows;
}

/**
 * Policies an observation applies to: of the product, in cover on the day, whose number is the subject
 * (a plant's own generation index) or whose `weather_station` option names it (a station's rainfall).
 */
export async function policiesObserved(db: Queryable, productCode: string, subject: string, on: string) {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM policy
      WHERE product_code = $1 AND (number = $2 OR request #>> '{options,weather_station}' = $2)
        AND start_date <= $3::date AND end_date >= $3::date
        AND (cancelled_on IS NULL OR cancelled_on > $3::date) AND master_policy_id IS NULL
      ORDER BY number`,
    [productCode, subject, on],
  );
  return r.rows.map((row) => row.id);
}

// ---- The expert pool ------------------------------------------------------------------------------

export interface ExpertRow {
  id: string;
  name: string;
  employer: string;
  employer_org_id: string | null;
  user_id: string | null;
  fields: string[];
  qualifications: string[];
  region_code: string | null;
  available: boolean;
  last_assigned_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function insertExpert(db: Queryable, e: ExpertRow): Promise<void> {
  await db.query(
    `INSERT INTO expert (id, name, employer, employer_org_id, user_id, fields, qualifications, region_code, available,
       last_assigned_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      e.id,
      e.name,
      e.employer,
      e.employer_org_id,
      e.user_id,
      e.fields,
      e.qualifications,
      e.region_code,
      e.available,
      e.last_assigned_at,
      e.created_at,
      e.updated_at,
    ],
  );
}

export async function setExpertAvailable(db: Queryable, id: string, available: boolean, at: Date) {
  const r = await db.query<ExpertRow>(
    'UPDATE expert SET available = $2, updated_at = $3 WHERE id = $1 RETURNING *',
    [id, available, at],
  );
  return r.rows[0] ?? null;
}

export async function listExperts(db: Queryable, field: string | null): Promise<ExpertRow[]> {
  const r = await db.query<ExpertRow>(
    'SELECT * FROM expert WHERE ($1::text IS NULL OR $1 = ANY(fields)) ORDER BY name, id',
    [field],
  );
  return r.rows;
}

export async function findExpert(db: Queryable, id: string, forUpdate = false): Promise<ExpertRow | null> {
  const r = await db.query<ExpertRow>(`SELECT * FROM expert WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function expertOfUser(db: Queryable, userId: string): Promise<ExpertRow | null> {
  const r = await db.query<ExpertRow>('SELECT * FROM expert WHERE user_id = $1', [userId]);
  return r.rows[0] ?? null;
}

/** Available experts of a field, the one assigned longest ago (or never) first: the rotation order. */
export async function rotationOrder(db: Queryable, field: string): Promise<ExpertRow[]> {
  const r = await db.query<ExpertRow>(
    `SELECT * FROM expert WHERE available AND $1 = ANY(fields)
      ORDER BY last_assigned_at NULLS FIRST, created_at, id FOR UPDATE`,
    [field],
  );
  return r.rows;
}

/** Who paid the expert a fee since a time, and for what (a conflict when a party paid it). */
export async function recentPayers(db: Queryable, expertId: string, since: Date) {
  const r = await db.query<{ paid_by_org: string; purpose: 'claim' | 'underwriting' }>(
    `SELECT DISTINCT paid_by_org, purpose FROM expert_assignment
      WHERE expert_id = $1 AND paid_by_org IS NOT NULL AND fee > 0 AND assigned_at >= $2`,
    [expertId, since],
  );
  return r.rows;
}

export interface AssignmentRow {
  id: string;
  expert_id: string;
  claim_id: string | null;
  quote_id: string | null;
  purpose: 'claim' | 'underwriting';
  method: 'rotation' | 'match' | 'named';
  status: 'assigned' | 'reported' | 'withdrawn';
  fee: bigint;
  paid_by_org: string | null;
  report: string | null;
  report_amount: bigint | null;
  assigned_by: string | null;
  assigned_at: Date;
  reported_at: Date | null;
  expert_name?: string;
  expert_employer?: string;
}

export async function insertAssignment(db: Queryable, a: AssignmentRow): Promise<void> {
  await db.query(
    `INSERT INTO expert_assignment (id, expert_id, claim_id, quote_id, purpose, method, status, fee, paid_by_org,
       report, report_amount, assigned_by, assigned_at, reported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      a.id,
      a.expert_id,
      a.claim_id,
      a.quote_id,
      a.purpose,
      a.method,
      a.status,
      a.fee,
      a.paid_by_org,
      a.report,
      a.report_amount,
      a.assigned_by,
      a.assigned_at,
      a.reported_at,
    ],
  );
  await db.query('UPDATE expert SET last_assigned_at = $2 WHERE id = $1', [a.expert_id, a.assigned_at]);
}

export async function assignmentsOf(db: Queryable, claimId: string): Promise<AssignmentRow[]> {
  const r = await db.query<AssignmentRow>(
    `SELECT a.*, x.name AS expert_name, x.employer AS expert_employer FROM expert_assignment a
       JOIN expert x ON x.id = a.expert_id WHERE a.claim_id = $1 ORDER BY a.assigned_at, a.id`,
    [claimId],
  );
  return r.rows;
}

export async function findAssignment(db: Queryable, id: string, forUpdate = false) {
  const r = await db.query<AssignmentRow & { expert_user_id: string | null }>(
    `SELECT a.*, x.user_id AS expert_user_id FROM expert_assignment a JOIN expert x ON x.id = a.expert_id
      WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function reportAssignment(
  db: Queryable,
  id: string,
  report: string,
  amount: bigint | null,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE expert_assignment SET status = 'reported', report = $2, report_amount = $3, reported_at = $4 WHERE id = $1`,
    [id, report, amount, at],
  );
}

// ---- Disputes -------------------------------------------------------------------------------------

export interface DisputeRow {
  id: string;
  claim_id: string;
  status: 'open' | 'mediating' | 'settled' | 'upheld' | 'withdrawn';
  grounds: string;
  asked_amount: bigint | null;
  mediator: string | null;
  hearings: { on: string; place: string; note: string | null }[];
  outcome: string | null;
  settled_amount: bigint | null;
  respond_by: string;
  opened_by: string | null;
  opened_at: Date;
  closed_at: Date | null;
}

export type DisputeListRow = DisputeRow & {
  claim_number: string;
  enterprise_name: string;
  lead_name: string;
};

export async function insertDispute(db: Queryable, d: DisputeRow): Promise<void> {
  await db.query(
    `INSERT INTO claim_dispute (id, claim_id, status, grounds, asked_amount, mediator, hearings, outcome,
       settled_amount, respond_by, opened_by, opened_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      d.id,
      d.claim_id,
      d.status,
      d.grounds,
      d.asked_amount,
      d.mediator,
      JSON.stringify(d.hearings),
      d.outcome,
      d.settled_amount,
      d.respond_by,
      d.opened_by,
      d.opened_at,
      d.closed_at,
    ],
  );
}

export async function findDispute(db: Queryable, id: string, forUpdate = false): Promise<DisputeRow | null> {
  const r = await db.query<DisputeRow>(
    `SELECT * FROM claim_dispute WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function updateDispute(
  db: Queryable,
  id: string,
  patch: Partial<
    Pick<DisputeRow, 'status' | 'mediator' | 'hearings' | 'outcome' | 'settled_amount' | 'closed_at'>
  >,
): Promise<void> {
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  if (keys.length === 0) return;
  await db.query(
    `UPDATE claim_dispute SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...keys.map((k) => (k === 'hearings' ? JSON.stringify(patch[k]) : patch[k]))],
  );
}

export async function disputesOf(db: Queryable, claimId: string): Promise<DisputeRow[]> {
  const r = await db.query<DisputeRow>('SELECT * FROM claim_dispute WHERE claim_id = $1 ORDER BY opened_at', [
    claimId,
  ]);
  return r.rows;
}

export async function listDisputes(db: Queryable, scope: ClaimScope, status: string | null) {
  const r = await db.query<DisputeListRow>(
    `SELECT d.*, c.number AS claim_number, e.name AS enterprise_name, o.name_zh AS lead_name
       FROM claim_dispute d JOIN claim c ON c.id = d.claim_id JOIN enterprise e ON e.id = c.enterprise_id
       JOIN organisation o ON o.id = c.lead_org_id
      WHERE ${VISIBLE} AND ($4::text IS NULL OR d.status = $4)
      ORDER BY d.opened_at DESC, d.id LIMIT 200`,
    [scope.all, scope.orgId, scope.userId, status],
  );
  return r.rows;
}

// ---- Reserving input ------------------------------------------------------------------------------

/**
 * Every claim's movements for the triangles: the change of its paid and incurred amounts at each step of
 * its timeline (each step records both after it), dated by the step.
 */
export async function claimMovements(db: Queryable, scope: { all: boolean; orgId: string | null }) {
  const r = await db.query<{
    id: string;
    statistical_class: string;
    loss_date: string;
    share: number | null;
    steps: { at: string; paid: string; incurred: string }[];
  }>(
    `SELECT c.id, c.statistical_class, c.loss_date::text AS loss_date,
            (SELECT l.share FROM policy_line l WHERE l.policy_id = c.policy_id AND l.org_id = $2::uuid) AS share,
            COALESCE((SELECT json_agg(json_build_object('at', s.at, 'paid', s.paid_delta, 'incurred', s.incurred_delta)
                        ORDER BY s.seq)
               FROM (SELECT seq, at,
                            (paid_after - COALESCE(lag(paid_after) OVER w, 0))::text AS paid_delta,
                            (incurred_after - COALESCE(lag(incurred_after) OVER w, 0))::text AS incurred_delta
                       FROM claim_step WHERE claim_id = c.id WINDOW w AS (ORDER BY seq)) s), '[]') AS steps
       FROM claim c
      WHERE c.status NOT IN ('declined', 'withdrawn')
        AND ($1::boolean OR EXISTS (SELECT 1 FROM policy_line l WHERE l.policy_id = c.policy_id AND l.org_id = $2::uuid))`,
    [scope.all, scope.orgId],
  );
  return r.rows;
}

export async function assignmentsOfExpert(db: Queryable, expertId: string) {
  const r = await db.query<AssignmentRow & { claim_number: string | null; quote_number: string | null }>(
    `SELECT a.*, x.name AS expert_name, x.employer AS expert_employer, c.number AS claim_number,
            q.number AS quote_number
       FROM expert_assignment a JOIN expert x ON x.id = a.expert_id LEFT JOIN claim c ON c.id = a.claim_id
       LEFT JOIN quote q ON q.id = a.quote_id
      WHERE a.expert_id = $1 ORDER BY a.assigned_at DESC, a.id LIMIT 200`,
    [expertId],
  );
  return r.rows;
}

/** The risk evaluations asked for on a quote. */
export async function assignmentsOfQuote(db: Queryable, quoteId: string) {
  const r = await db.query<AssignmentRow & { quote_number: string | null }>(
    `SELECT a.*, x.name AS expert_name, x.employer AS expert_employer, q.number AS quote_number
       FROM expert_assignment a JOIN expert x ON x.id = a.expert_id JOIN quote q ON q.id = a.quote_id
      WHERE a.quote_id = $1 ORDER BY a.assigned_at, a.id`,
    [quoteId],
  );
  return r.rows;
}

/** Written premium by statistical class and the accident period the policy starts in (own lines or all). */
export async function premiumsByClassAndStart(
  db: Queryable,
  input: { all: boolean; orgId: string | null; period: 'year' | 'quarter' },
) {
  const origin =
    input.period === 'year'
      ? "to_char(p.start_date, 'YYYY')"
      : "to_char(p.start_date, 'YYYY') || 'Q' || extract(quarter FROM p.start_date)::int";
  const r = await db.query<{ statistical_class: string; origin: string; premium: bigint }>(
    `SELECT p.statistical_class, ${origin} AS origin,
            sum(CASE WHEN $1::boolean THEN p.written_premium ELSE l.premium END)::bigint AS premium
       FROM policy p LEFT JOIN policy_line l ON l.policy_id = p.id AND l.org_id = $2::uuid
      WHERE p.master_policy_id IS NULL AND ($1::boolean OR l.org_id IS NOT NULL)
      GROUP BY 1, 2`,
    [input.all, input.orgId],
  );
  return r.rows;
}

/** The claims a treaty of the insurer recovers on, with the recovery posted; null when it is not its treaty. */
export async function treatyClaims(db: Queryable, orgId: string, treatyId: string) {
  const own = await db.query('SELECT 1 FROM reinsurance_treaty WHERE id = $1 AND insurer_org_id = $2', [
    treatyId,
    orgId,
  ]);
  if (own.rowCount === 0) return null;
  const r = await db.query<{
    number: string;
    policy_number: string;
    event_code: string | null;
    loss_date: string;
    status: string;
    amount: bigint;
  }>(
    `SELECT c.number, p.number AS policy_number, ev.code AS event_code, c.loss_date::text AS loss_date, c.status,
            r.amount
       FROM claim_recovery r JOIN claim c ON c.id = r.claim_id JOIN policy p ON p.id = c.policy_id
       LEFT JOIN loss_event ev ON ev.id = c.event_id
      WHERE r.treaty_id = $1 AND r.org_id = $2 AND r.amount <> 0
      ORDER BY c.loss_date, c.number`,
    [treatyId, orgId],
  );
  return r.rows;
}

/**
 * Policies whose claims disagree with the journal: the outstanding case reserves against claims_reserve,
 * the incurred (paid + reserve) against claims_incurred, the paid against the payments drawn from the
 * reserve; and insurers whose recoveries recorded per claim differ from the recoveries booked.
 */
export async function claimLedgerMismatches(db: Queryable) {
  const policies = await db.query<{
    number: string;
    reserve: bigint;
    booked_reserve: bigint;
    incurred: bigint;
    booked_incurred: bigint;
  }>(
    `SELECT p.number, c.reserve, -coalesce(j.reserve, 0)::bigint AS booked_reserve, c.incurred,
            coalesce(j.incurred, 0)::bigint AS booked_incurred
       FROM (SELECT policy_id, sum(reserve)::bigint AS reserve, sum(paid + reserve)::bigint AS incurred
               FROM claim GROUP BY policy_id) c
       JOIN policy p ON p.id = c.policy_id
       LEFT JOIN (SELECT policy_id, sum(amount) FILTER (WHERE account = 'claims_reserve') AS reserve,
                         sum(amount) FILTER (WHERE account = 'claims_incurred') AS incurred
                    FROM journal_line WHERE account IN ('claims_reserve', 'claims_incurred') GROUP BY policy_id) j
         ON j.policy_id = c.policy_id
      WHERE c.reserve <> -coalesce(j.reserve, 0) OR c.incurred <> coalesce(j.incurred, 0)
      ORDER BY p.number LIMIT 100`,
  );
  const recoveries = await db.query<{ org_id: string; recorded: bigint; booked: bigint }>(
    `SELECT coalesce(r.org_id, j.org_id) AS org_id, coalesce(r.recorded, 0)::bigint AS recorded,
            coalesce(j.booked, 0)::bigint AS booked
       FROM (SELECT org_id, sum(amount) AS recorded FROM claim_recovery GROUP BY org_id) r
       FULL JOIN (SELECT org_id, -sum(amount) AS booked FROM journal_line WHERE account = 'reinsurance_recoveries'
                   GROUP BY org_id) j ON j.org_id = r.org_id
      WHERE coalesce(r.recorded, 0) <> coalesce(j.booked, 0)`,
  );
  return { policies: policies.rows, recoveries: recoveries.rows };
}

/**
 * The desk's figures over the claims a scope sees: how many in each status, how many past their step's
 * time limit, the median and 90th percentile of days from notice to (first) payment over the last year,
 * and disputes by status — the regulator's claim speed and backlog.
 */
export async function claimSummary(db: Queryable, scope: ClaimScope, now: Date) {
  const params = [scope.all, scope.orgId, scope.userId, now];
  const byStatus = await db.query<{ status: string; n: number }>(
    `SELECT c.status, count(*)::int AS n FROM claim c WHERE ${VISIBLE} GROUP BY c.status ORDER BY c.status`,
    params.slice(0, 3),
  );
  const overdue = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM claim c WHERE ${VISIBLE} AND c.due_at IS NOT NULL AND c.due_at < $4`,
    params,
  );
  const speed = await db.query<{ median: number | null; p90: number | null; paid: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90, count(*)::int AS paid
       FROM (SELECT extract(epoch FROM (min(s.at) - c.created_at)) / 86400 AS days
               FROM claim c JOIN claim_step s ON s.claim_id = c.id AND s.action IN ('pay', 'parametric_pay')
              WHERE ${VISIBLE} AND c.source = 'notice' AND s.at >= $4::timestamptz - interval '365 days'
              GROUP BY c.id, c.created_at) d`,
    params,
  );
  const disputes = await db.query<{ status: string; n: number }>(
    `SELECT d.status, count(*)::int AS n FROM claim_dispute d JOIN claim c ON c.id = d.claim_id
      WHERE ${VISIBLE} GROUP BY d.status ORDER BY d.status`,
    params.slice(0, 3),
  );
  return {
    byStatus: byStatus.rows,
    overdue: overdue.rows[0]?.n ?? 0,
    speed: speed.rows[0] ?? { median: null, p90: null, paid: 0 },
    disputes: disputes.rows,
  };
}

/** The insurer a quote was asked of (null when there is no such quote). */
export async function quoteInsurerOf(db: Queryable, quoteId: string): Promise<string | null> {
  const r = await db.query<{ insurer_org_id: string }>('SELECT insurer_org_id FROM quote WHERE id = $1', [
    quoteId,
  ]);
  return r.rows[0]?.insurer_org_id ?? null;
}
