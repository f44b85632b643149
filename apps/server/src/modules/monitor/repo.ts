import type { Queryable } from '@kebao/db';

/** One row of a policy's contribution: [dimension, key, sumInsured, premium, netSumInsured, netPremium, policies]. */
export type ContributionRow = [string, string, string, string, string, string, number];

/** The platform policies' figures the exposure needs: lines, what each line ceded, the enterprise's facts. */
export async function platformPolicyFacts(db: Queryable, policyIds: readonly string[]) {
  const r = await db.query<{
    id: string;
    status: string;
    sum_insured: bigint;
    premium: bigint;
    statistical_class: string;
    product_code: string;
    pool_code: string | null;
    sandbox: boolean;
    facts: Record<string, unknown>;
    master_policy_id: string | null;
    lines: {
      orgId: string;
      sumInsured: string;
      premium: string;
      cededSumInsured: string;
      cededPremium: string;
    }[];
  }>(
    `SELECT p.id, p.status, p.sum_insured, p.premium, p.statistical_class, p.product_code, p.pool_code, p.sandbox,
            p.facts, p.master_policy_id,
            (SELECT json_agg(json_build_object(
                'orgId', l.org_id, 'sumInsured', l.sum_insured::text, 'premium', l.premium::text,
                'cededSumInsured', (SELECT coalesce(sum(c.ceded_sum_insured), 0)::text FROM policy_cession c
                                     WHERE c.policy_id = l.policy_id AND c.org_id = l.org_id),
                'cededPremium', (SELECT coalesce(sum(c.ceded_premium), 0)::text FROM policy_cession c
                                  WHERE c.policy_id = l.policy_id AND c.org_id = l.org_id)) ORDER BY l.org_id)
               FROM policy_line l WHERE l.policy_id = p.id) AS lines
       FROM policy p WHERE p.id = ANY($1::uuid[])`,
    [policyIds],
  );
  return r.rows;
}

/** The policies' stored contributions by key (none: not counted yet), locked in key order. */
export async function contributionsOf(
  db: Queryable,
  keys: readonly string[],
): Promise<Map<string, ContributionRow[]>> {
  const r = await db.query<{ policy_key: string; contribution: ContributionRow[] }>(
    'SELECT policy_key, contribution FROM exposure_policy WHERE policy_key = ANY($1::text[]) ORDER BY policy_key FOR UPDATE',
    [keys],
  );
  return new Map(r.rows.map((row) => [row.policy_key, row.contribution]));
}

/**
 * Stores the policies' new contributions and adds the difference (all of theirs, summed) to the exposure
 * rows, in one statement each.
 */
export async function applyContributions(
  db: Queryable,
  next: readonly { key: string; rows: readonly ContributionRow[] }[],
  delta: readonly ContributionRow[],
  at: Date,
): Promise<void> {
  if (next.length > 0)
    await db.query(
      `INSERT INTO exposure_policy (policy_key, contribution, updated_at)
       SELECT k, c::jsonb, $3 FROM unnest($1::text[], $2::text[]) AS t(k, c)
       ON CONFLICT (policy_key) DO UPDATE SET contribution = EXCLUDED.contribution, updated_at = EXCLUDED.updated_at`,
      [next.map((n) => n.key), next.map((n) => JSON.stringify(n.rows)), at],
    );
  if (delta.length === 0) return;
  await db.query(
    `INSERT INTO exposure (dimension, key, sum_insured, premium, net_sum_insured, net_premium, policies, updated_at)
     SELECT d, k, si, pr, nsi, npr, n, $8
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::int[])
            AS t(d, k, si, pr, nsi, npr, n)
     ON CONFLICT (dimension, key) DO UPDATE SET
       sum_insured = exposure.sum_insured + EXCLUDED.sum_insured,
       premium = exposure.premium + EXCLUDED.premium,
       net_sum_insured = exposure.net_sum_insured + EXCLUDED.net_sum_insured,
       net_premium = exposure.net_premium + EXCLUDED.net_premium,
       policies = exposure.policies + EXCLUDED.policies,
       updated_at = EXCLUDED.updated_at`,
    [
      delta.map((d) => d[0]),
      delta.map((d) => d[1]),
      delta.map((d) => d[2]),
      delta.map((d) => d[3]),
      delta.map((d) => d[4]),
      delta.map((d) => d[5]),
      delta.map((d) => d[6]),
      at,
    ],
  );
}

export interface ExposureRow {
  dimension: string;
  key: string;
  sum_insured: bigint;
  premium: bigint;
  net_sum_insured: bigint;
  net_premium: bigint;
  policies: number;
  updated_at: Date;
  name?: string | null;
}

/** Exposure rows of a dimension (or all), insurers named; `orgId` limits the insurer rows to one. */
export async function exposureRows(db: Queryable, dimension: string | null, insurerOnly: string | null) {
  const r = await db.query<ExposureRow>(
    `SELECT e.*, o.name_zh AS name FROM exposure e
       LEFT JOIN organisation o ON e.dimension = 'insurer' AND o.id::text = e.key
      WHERE ($1::text IS NULL OR e.dimension = $1)
        AND ($2::text IS NULL OR (e.dimension <> 'insurer' AND e.dimension <> 'industry_insurer')
             OR e.key = $2 OR e.key LIKE '%|' || $2)
        AND (e.policies <> 0 OR e.sum_insured <> 0)
      ORDER BY e.dimension, e.sum_insured DESC, e.key`,
    [dimension, insurerOnly],
  );
  return r.rows;
}

// ---- Registered business ----------------------------------------------------------------------------

export interface RegisteredRow {
  id: string;
  insurer_org_id: string;
  policy_number: string;
  product_code: string | null;
  statistical_class: string;
  insured_uscc: string;
  insured_name: string;
  industry: string | null;
  region_code: string | null;
  start_date: string;
  end_date: string;
  status: 'in_force' | 'cancelled' | 'expired';
  share: number;
  sum_insured: bigint;
  premium: bigint;
  claims_paid: bigint;
  claims_incurred: bigint;
  checksum: string;
  upload_id: string | null;
  registered_at: Date;
  updated_at: Date;
}

export async function findRegistered(db: Queryable, insurer: string, number: string, forUpdate = false) {
  const r = await db.query<RegisteredRow>(
    `SELECT * FROM registered_policy WHERE insurer_org_id = $1 AND policy_number = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [insurer, number],
  );
  return r.rows[0] ?? null;
}

export async function registeredByIds(db: Queryable, ids: readonly string[]) {
  const r = await db.query<RegisteredRow>('SELECT * FROM registered_policy WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return r.rows;
}

const REGISTERED_COLUMNS = [
  'id',
  'insurer_org_id',
  'policy_number',
  'product_code',
  'statistical_class',
  'insured_uscc',
  'insured_name',
  'industry',
  'region_code',
  'start_date',
  'end_date',
  'status',
  'share',
  'sum_insured',
  'premium',
  'claims_paid',
  'claims_incurred',
  'checksum',
  'upload_id',
  'registered_at',
  'updated_at',
] as const;

export async function upsertRegistered(db: Queryable, row: RegisteredRow): Promise<void> {
  const updates = REGISTERED_COLUMNS.filter(
    (c) => c !== 'id' && c !== 'registered_at' && c !== 'insurer_org_id',
  )
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await db.query(
    `INSERT INTO registered_policy (${REGISTERED_COLUMNS.join(', ')})
     VALUES (${REGISTERED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (insurer_org_id, policy_number) DO UPDATE SET ${updates}`,
    REGISTERED_COLUMNS.map((c) => row[c]),
  );
}

export async function listRegistered(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  page: { limit: number; offset: number },
) {
  const where = '($1::boolean OR insurer_org_id = $2::uuid)';
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registered_policy WHERE ${where}`,
    [scope.all, scope.orgId],
  );
  const r = await db.query<RegisteredRow>(
    `SELECT * FROM registered_policy WHERE ${where} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
    [scope.all, scope.orgId, page.limit, page.offset],
  );
  return { rows: r.rows, total: total.rows[0]?.n ?? 0 };
}

export async function insertUpload(
  db: Queryable,
  u: {
    id: string;
    insurer: string;
    filename: string;
    rows: number;
    stored: number;
    changed: number;
    unchanged: number;
    errors: unknown;
    by: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO registration_upload (id, insurer_org_id, filename, rows, stored, changed, unchanged, errors,
       uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      u.id,
      u.insurer,
      u.filename,
      u.rows,
      u.stored,
      u.changed,
      u.unchanged,
      JSON.stringify(u.errors),
      u.by,
      u.at,
    ],
  );
}

// ---- Alerts ---------------------------------------------------------------------------------------

export interface AlertRuleRow {
  code: string;
  version: number;
  definition: Record<string, unknown>;
  active: boolean;
  source: 'catalog' | 'api';
  updated_at: Date;
}

export async function activeRules(db: Queryable): Promise<AlertRuleRow[]> {
  const r = await db.query<AlertRuleRow>('SELECT * FROM alert_rule WHERE active ORDER BY code');
  return r.rows;
}

export async function findRule(db: Queryable, code: string): Promise<AlertRuleRow | null> {
  const r = await db.query<AlertRuleRow>('SELECT * FROM alert_rule WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

export async function allRules(db: Queryable): Promise<AlertRuleRow[]> {
  const r = await db.query<AlertRuleRow>('SELECT * FROM alert_rule ORDER BY code');
  return r.rows;
}

export async function upsertRule(
  db: Queryable,
  rule: { code: string; version: number; definition: unknown; active: boolean; source: 'catalog' | 'api' },
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO alert_rule (code, version, definition, active, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET version = EXCLUDED.version, definition = EXCLUDED.definition,
       active = EXCLUDED.active, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
    [rule.code, rule.version, JSON.stringify(rule.definition), rule.active, rule.source, at],
  );
}

export interface AlertRow {
  id: string;
  rule_code: string;
  /** The rule's metric when the alert opened (null for alerts opened before it was stored). */
  metric: string | null;
  subject: string;
  /** Who or what the subject is, in words (the insurer's, enterprise's or programme's name). */
  subject_label: string | null;
  subject_org: string | null;
  severity: 'info' | 'warning' | 'critical';
  status: 'open' | 'acknowledged' | 'resolved';
  value: string;
  threshold: string;
  message: { zh: string; en: string };
  opened_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
}

/** The live (not resolved) alerts of rules on subjects, locked in id order. */
export async function liveAlerts(
  db: Queryable,
  pairs: readonly { rule: string; subject: string }[],
): Promise<AlertRow[]> {
  if (pairs.length === 0) return [];
  const r = await db.query<AlertRow>(
    `SELECT a.* FROM alert a JOIN unnest($1::text[], $2::text[]) AS p(rule_code, subject)
         ON a.rule_code = p.rule_code AND a.subject = p.subject
      WHERE a.status <> 'resolved' ORDER BY a.id FOR UPDATE OF a`,
    [pairs.map((p) => p.rule), pairs.map((p) => p.subject)],
  );
  return r.rows;
}

export async function findAlert(db: Queryable, id: string, forUpdate = false): Promise<AlertRow | null> {
  const r = await db.query<AlertRow>(`SELECT * FROM alert WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function insertAlerts(db: Queryable, alerts: readonly AlertRow[]): Promise<void> {
  if (alerts.length === 0) return;
  const column = <T>(f: (a: AlertRow) => T) => alerts.map(f);
  await db.query(
    `INSERT INTO alert (id, rule_code, subject, subject_org, severity, status, value, threshold, message, opened_at,
       updated_at, resolved_at, metric, subject_label)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::jsonb[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[])`,
    [
      column((a) => a.id),
      column((a) => a.rule_code),
      column((a) => a.subject),
      column((a) => a.subject_org),
      column((a) => a.severity),
      column((a) => a.status),
      column((a) => a.value),
      column((a) => a.threshold),
      column((a) => JSON.stringify(a.message)),
      column((a) => a.opened_at),
      column((a) => a.updated_at),
      column((a) => a.resolved_at),
      column((a) => a.metric),
      column((a) => a.subject_label),
    ],
  );
}

export async function updateAlert(
  db: Queryable,
  id: string,
  patch: Partial<
    Pick<
      AlertRow,
      'status' | 'value' | 'threshold' | 'message' | 'resolved_at' | 'severity' | 'subject_label'
    >
  >,
  at: Date,
): Promise<void> {
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  await db.query(
    `UPDATE alert SET ${[...keys.map((k, i) => `${k} = $${i + 3}`), 'updated_at = $2'].join(', ')} WHERE id = $1`,
    [id, at, ...keys.map((k) => (k === 'message' ? JSON.stringify(patch[k]) : patch[k]))],
  );
}

export interface AlertHistoryEntry {
  alertId: string;
  action: string;
  value: string | null;
  comment: string | null;
  by: string | null;
  at: Date;
}

/** An alert's next history entry. */
export function insertAlertHistory(db: Queryable, entry: AlertHistoryEntry): Promise<void> {
  return insertAlertHistories(db, [entry]);
}

/** Several alerts' next history entries (at most one per alert), in one statement. */
export async function insertAlertHistories(
  db: Queryable,
  entries: readonly AlertHistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO alert_history (alert_id, seq, action, value, comment, by_user, at)
     SELECT t.alert_id, COALESCE((SELECT max(h.seq) FROM alert_history h WHERE h.alert_id = t.alert_id), 0) + 1,
            t.action, t.value, t.comment, t.by_user, t.at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[])
            AS t(alert_id, action, value, comment, by_user, at)`,
    [
      entries.map((e) => e.alertId),
      entries.map((e) => e.action),
      entries.map((e) => e.value),
      entries.map((e) => e.comment),
      entries.map((e) => e.by),
      entries.map((e) => e.at),
    ],
  );
}

export async function listAlerts(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  filter: { status: string | null; limit: number; offset: number },
) {
  const where = `($1::boolean OR a.subject_org = $2::uuid) AND ($3::text IS NULL OR a.status = $3)`;
  const params = [scope.all, scope.orgId, filter.status];
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM alert a WHERE ${where}`,
    params,
  );
  const r = await db.query<AlertRow & { rule_names: { zh: string; en: string } | null }>(
    `SELECT a.*, r.definition -> 'names' AS rule_names FROM alert a JOIN alert_rule r ON r.code = a.rule_code
      WHERE ${where} ORDER BY a.status = 'resolved', a.opened_at DESC, a.id LIMIT $4 OFFSET $5`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: total.rows[0]?.n ?? 0 };
}

export async function alertHistory(db: Queryable, alertId: string) {
  const r = await db.query<{
    seq: number;
    action: string;
    value: string | null;
    comment: string | null;
    by_name: string | null;
    at: Date;
  }>(
    `SELECT h.seq, h.action, h.value, h.comment, u.display_name AS by_name, h.at FROM alert_history h
       LEFT JOIN app_user u ON u.id = h.by_user WHERE h.alert_id = $1 ORDER BY h.seq`,
    [alertId],
  );
  return r.rows;
}

// ---- Metrics the rules observe ----------------------------------------------------------------------

export async function insurerFigures(db: Queryable, orgIds: readonly string[]) {
  const r = await db.query<{
    org_id: string;
    name: string;
    sum_insured: bigint;
    premium: bigint;
    net_premium: bigint;
    capital_and_reserves: bigint | null;
    retention_limit: bigint | null;
  }>(
    `SELECT o.id AS org_id, o.name_zh AS name, COALESCE(e.sum_insured, 0) AS sum_insured,
            COALESCE(e.premium, 0) AS premium, COALESCE(e.net_premium, 0) AS net_premium,
            c.capital_and_reserves, c.retention_limit
       FROM organisation o LEFT JOIN exposure e ON e.dimension = 'insurer' AND e.key = o.id::text
       LEFT JOIN insurer_capacity c ON c.org_id = o.id
      WHERE o.id = ANY($1::uuid[])`,
    [orgIds],
  );
  return r.rows;
}

/** Sum insured by key of a dimension, for concentration. */
export async function dimensionAmounts(db: Queryable, dimension: string) {
  const r = await db.query<{ key: string; sum_insured: bigint }>(
    'SELECT key, sum_insured FROM exposure WHERE dimension = $1 AND sum_insured > 0',
    [dimension],
  );
  return r.rows;
}

/** An insurer's incurred claims (its parts) and written premium: the loss ratio's figures. */
export async function insurerLossFigures(db: Queryable, orgId: string) {
  const r = await db.query<{ incurred: bigint; premium: bigint }>(
    `SELECT COALESCE((SELECT sum(amount) FROM journal_line WHERE account = 'claims_incurred' AND org_id = $1), 0)::bigint
              AS incurred,
            COALESCE((SELECT -sum(amount) FROM journal_line WHERE account = 'premium_income' AND org_id = $1), 0)::bigint
              AS premium`,
    [orgId],
  );
  return r.rows[0] ?? { incurred: 0n, premium: 0n };
}

export async function claimFacts(db: Queryable, claimId: string, at: Date) {
  const r = await db.query<{
    lead_org_id: string;
    enterprise_id: string;
    enterprise_name: string;
    lines: string[];
    claims_12m: number;
    overdue: number;
    subsidised: boolean;
  }>(
    `SELECT c.lead_org_id, c.enterprise_id, e.name AS enterprise_name,
            ARRAY(SELECT l.org_id::text FROM policy_line l WHERE l.policy_id = c.policy_id) AS lines,
            (SELECT count(*)::int FROM claim x WHERE x.enterprise_id = c.enterprise_id
               AND x.status NOT IN ('withdrawn') AND x.loss_date >= c.loss_date - 365) AS claims_12m,
            (SELECT count(*)::int FROM claim x WHERE x.lead_org_id = c.lead_org_id AND x.due_at < $2) AS overdue,
            EXISTS (SELECT 1 FROM subsidy_grant g WHERE g.policy_id = c.policy_id
               AND g.status NOT IN ('lapsed', 'rejected')) AS subsidised
       FROM claim c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = $1`,
    [claimId, at],
  );
  return r.rows[0] ?? null;
}

/**
 * Each lead insurer's claims past their deadline at `at`: every insurer with a claim on a deadline, and
 * every insurer with a live backlog alert (so it resolves once the backlog is gone).
 */
export async function backlogByInsurer(db: Queryable, at: Date) {
  const r = await db.query<{ org_id: string; name: string; overdue: number }>(
    `SELECT o.id AS org_id, o.name_zh AS name,
            (SELECT count(*)::int FROM claim x WHERE x.lead_org_id = o.id AND x.due_at < $1) AS overdue
       FROM organisation o
      WHERE o.id IN (SELECT lead_org_id FROM claim WHERE due_at IS NOT NULL)
         OR o.id IN (SELECT subject_org FROM alert WHERE metric = 'claim_backlog_overdue' AND status <> 'resolved')
      ORDER BY o.id`,
    [at],
  );
  return r.rows;
}

export async function programmeBurn(db: Queryable, code: string) {
  const r = await db.query<{
    code: string;
    name_zh: string;
    budget: bigint;
    committed: bigint;
    funder_org_id: string | null;
  }>('SELECT code, name_zh, budget, committed, funder_org_id FROM subsidy_programme WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

export async function sandboxUsage(db: Queryable, productCode: string) {
  const r = await db.query<{
    max_sum_insured: bigint;
    sum_insured_bound: bigint;
    max_policies: number;
    policies_bound: number;
  }>(
    `SELECT max_sum_insured, sum_insured_bound, max_policies, policies_bound FROM sandbox_admission
      WHERE code = $1 AND closed_at IS NULL ORDER BY version DESC LIMIT 1`,
    [productCode],
  );
  return r.rows[0] ?? null;
}

// ---- Statistics (《科技保险业务统计制度》) ---------------------------------------------------------------

export interface StatisticsRow {
  period: string;
  grp: string;
  policies: number;
  enterprises: number;
  premium: bigint;
  sum_insured: bigint;
  claims_paid: bigint;
  claims_incurred: bigint;
  subsidy: bigint;
}

/**
 * Business starting in a year, by period (month, quarter or the year) and by a grouping: the statistical
 * class (part 1, by product) or the insured entity's kind (part 2, by insured entity); platform and
 * registered business together, the zone's whole policies or one insurer's shares.
 *
 * One scan of each table, each aggregated on its own (in parallel where the server allows) and the two
 * added up per period and group. Distinct insured enterprises add up too: a platform policy's insured is
 * its enterprise's uuid and a registered one's its 18-character USCC, so the two sets never share a value.
 * Periods are grouped as numbers and labelled at the end; distinct USCCs are counted reversed under the
 * "C" collation — the same count, but the sort compares bytes and sees the varying end of the code first.
 * The zone's query and an insurer's are different statements, so neither is planned for the other.
 */
export async function statistics(
  db: Queryable,
  input: {
    year: number;
    period: 'month' | 'quarter' | 'year';
    by: 'class' | 'entity' | 'source';
    insurer: string | null;
  },
): Promise<StatisticsRow[]> {
  const key = (d: string) =>
    ({
      month: `extract(month FROM ${d})::int`,
      quarter: `extract(quarter FROM ${d})::int`,
      year: '0',
    })[input.period];
  const label = {
    month: "to_char(make_date($1, k, 1), 'YYYY-MM')",
    quarter: "to_char(make_date($1, 1, 1), 'YYYY') || '-Q' || k",
    year: "to_char(make_date($1, 1, 1), 'YYYY')",
  }[input.period];
  // The insured's kind for part 2: the highest qualification it held when quoted.
  const entity = (facts: string) => `CASE
      WHEN ${facts} -> 'qualifications' ? 'little_giant' THEN 'little_giant'
      WHEN ${facts} -> 'qualifications' ? 'specialised_sme' THEN 'specialised_sme'
      WHEN ${facts} -> 'qualifications' ? 'high_tech_enterprise' THEN 'high_tech_enterprise'
      WHEN ${facts} -> 'qualifications' ? 'tech_sme' THEN 'tech_sme'
      ELSE 'other' END`;
  const platformGroup = { class: 'p.statistical_class', entity: entity('p.facts'), source: "'platform'" }[
    input.by
  ];
  const registeredGroup = {
    class: 'r.statistical_class',
    entity: "COALESCE(e.entity, 'other')",
    source: "'registered'",
  }[input.by];
  // Registered business meets the enterprise directory only when grouped by entity.
  const directory =
    input.by === 'entity'
      ? `LEFT JOIN (SELECT uscc, ${entity('facts')} AS entity FROM enterprise) e ON e.uscc = r.insured_uscc`
      : '';
  const own = input.insurer !== null;
  const inYear = (d: string) => `${d} >= make_date($1, 1, 1) AND ${d} < make_date($1 + 1, 1, 1)`;
  const r = await db.query<StatisticsRow>(
    `SELECT ${label} AS period, grp COLLATE "default" AS grp, sum(policies)::int AS policies,
            sum(enterprises)::int AS enterprises, sum(premium)::bigint AS premium,
            sum(sum_insured)::bigint AS sum_insured, sum(claims_paid)::bigint AS claims_paid,
            sum(claims_incurred)::bigint AS claims_incurred, sum(subsidy)::bigint AS subsidy
       FROM (
         SELECT ${key('p.start_date')} AS k, (${platformGroup}) COLLATE "C" AS grp, count(*) AS policies,
                count(DISTINCT p.enterprise_id) AS enterprises,
                sum(${own ? 'l.premium' : 'p.written_premium'}) AS premium,
                sum(${own ? 'l.sum_insured' : 'p.sum_insured'}) AS sum_insured,
                sum(${own ? 'p.subsidy * l.share / 1000000' : 'p.subsidy'}) AS subsidy,
                sum(COALESCE(c.paid, 0)${own ? ' * l.share / 1000000' : ''}) AS claims_paid,
                sum(COALESCE(c.incurred, 0)${own ? ' * l.share / 1000000' : ''}) AS claims_incurred
           FROM policy p
           ${own ? 'JOIN policy_line l ON l.policy_id = p.id AND l.org_id = $2::uuid' : ''}
           LEFT JOIN (SELECT policy_id, sum(paid) AS paid, sum(paid + reserve) AS incurred FROM claim
                       WHERE status NOT IN ('declined', 'withdrawn') GROUP BY policy_id) c ON c.policy_id = p.id
          WHERE p.master_policy_id IS NULL AND ${inYear('p.start_date')}
          GROUP BY 1, 2
         UNION ALL
         SELECT ${key('r.start_date')}, (${registeredGroup}) COLLATE "C", count(*),
                count(DISTINCT reverse(r.insured_uscc) COLLATE "C"), sum(r.premium), sum(r.sum_insured), 0,
                sum(r.claims_paid), sum(r.claims_incurred)
           FROM registered_policy r ${directory}
          WHERE ${own ? 'r.insurer_org_id = $2::uuid AND ' : ''}${inYear('r.start_date')}
          GROUP BY 1, 2
       ) biz
      GROUP BY k, biz.grp ORDER BY 1, 2`,
    own ? [input.year, input.insurer] : [input.year],
  );
  return r.rows;
}

// ---- Zone targets -------------------------------------------------------------------------------------

export interface TargetRow {
  code: string;
  names: { zh: string; en: string };
  metric: 'insured_enterprises' | 'risk_protection' | 'insurance_funds' | 'institutions' | 'products_filed';
  target: string;
  reported: string | null;
  unit: string;
  due_year: number;
  updated_at: Date;
}

export async function listTargets(db: Queryable): Promise<TargetRow[]> {
  const r = await db.query<TargetRow>('SELECT * FROM zone_target ORDER BY code');
  return r.rows;
}

export async function upsertTarget(
  db: Queryable,
  t: Omit<TargetRow, 'updated_at'>,
  at: Date,
  keepExisting: boolean,
) {
  await db.query(
    `INSERT INTO zone_target (code, names, metric, target, reported, unit, due_year, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (code) DO ${
       keepExisting
         ? 'NOTHING'
         : `UPDATE SET names = EXCLUDED.names, metric = EXCLUDED.metric, target = EXCLUDED.target,
           reported = EXCLUDED.reported, unit = EXCLUDED.unit, due_year = EXCLUDED.due_year, updated_at = EXCLUDED.updated_at`
     }`,
    [t.code, JSON.stringify(t.names), t.metric, t.target, t.reported, t.unit, t.due_year, at],
  );
}

/** The figures targets are measured by, from the data (insurance funds are reported, not derived). */
export async function targetFigures(db: Queryable, today: string) {
  const r = await db.query<{
    insured_enterprises: number;
    risk_protection: bigint;
    institutions: number;
    products_filed: number;
  }>(
    `SELECT
       (SELECT count(DISTINCT x)::int FROM (
          SELECT enterprise_id::text AS x FROM policy WHERE status = 'in_force' AND end_date >= $1::date
          UNION SELECT insured_uscc FROM registered_policy WHERE status = 'in_force' AND end_date >= $1::date) i)
         AS insured_enterprises,
       COALESCE((SELECT sum_insured FROM exposure WHERE dimension = 'zone' AND key = 'all'), 0) AS risk_protection,
       (SELECT count(*)::int FROM organisation WHERE kind = 'insurer') AS institutions,
       (SELECT count(DISTINCT code)::int FROM product_version WHERE status IN ('filed', 'sandbox')) AS products_filed`,
    [today],
  );
  return r.rows[0] as {
    insured_enterprises: number;
    risk_protection: bigint;
    institutions: number;
    products_filed: number;
  };
}

/**
 * Records the day's value of metrics on subjects (one statement for all); returns, for each, the earliest
 * value within its `windowDays` before that day (null without a window or a value).
 */
export async function observeMetrics(
  db: Queryable,
  observations: readonly {
    metric: string;
    subject: string;
    on: string;
    value: string;
    windowDays: number | null;
  }[],
): Promise<({ value: string; on: string } | null)[]> {
  const previous: ({ value: string; on: string } | null)[] = [];
  for (const o of observations) {
    if (o.windowDays === null) {
      previous.push(null);
      continue;
    }
    const r = await db.query<{ value: string; on: string }>(
      `SELECT value, observed_on::text AS on FROM alert_observation
        WHERE metric = $1 AND subject = $2 AND observed_on >= $3::date - $4::int AND observed_on < $3::date
        ORDER BY observed_on LIMIT 1`,
      [o.metric, o.subject, o.on, o.windowDays],
    );
    previous.push(r.rows[0] ?? null);
  }
  if (observations.length > 0)
    await db.query(
      `INSERT INTO alert_observation (metric, subject, observed_on, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])
       ON CONFLICT (metric, subject, observed_on) DO UPDATE SET value = EXCLUDED.value`,
      [
        observations.map((o) => o.metric),
        observations.map((o) => o.subject),
        observations.map((o) => o.on),
        observations.map((o) => o.value),
      ],
    );
  return previous;
}

// ---- The development index's statistics ----------------------------------------------------------------

/** The first year with business on the platform (or registered), or null. */
/** In-force registered policies whose cover ended before `today`, locked (those locked elsewhere skipped). */
export async function lockRegisteredPastEnd(db: Queryable, today: string, limit: number) {
  const r = await db.query<{ id: string; insurer_org_id: string; policy_number: string; end_date: string }>(
    `SELECT id, insurer_org_id, policy_number, end_date::text FROM registered_policy
      WHERE status = 'in_force' AND end_date < $1::date ORDER BY end_date, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [today, limit],
  );
  return r.rows;
}

export async function expireRegistered(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query("UPDATE registered_policy SET status = 'expired', updated_at = $2 WHERE id = $1", [id, at]);
}

export async function firstBusinessYear(db: Queryable): Promise<number | null> {
  const r = await db.query<{ y: number | null }>(
    `SELECT extract(year FROM least((SELECT min(start_date) FROM policy), (SELECT min(start_date) FROM registered_policy)))::int AS y`,
  );
  return r.rows[0]?.y ?? null;
}

/**
 * One year's statistics for the index (whole policies, platform and registered together). Each policy table
 * is read once for the sums — business started in the year, business in force at its end, by industry — and
 * once for the distinct enterprises insured at its end; a platform insured (an enterprise's uuid) is never
 * a registered one (an 18-character USCC), so the two tables' counts add up. A registered insured is a tech
 * enterprise when the directory lists it with a qualification: looked up once per insured, not per policy.
 */
export async function yearStatistics(db: Queryable, year: number, asOf: string) {
  const y0 = 'make_date($1, 1, 1)';
  const y1 = 'least(make_date($1, 12, 31), $2::date)';
  const platformInForce = `p.end_date >= ${y1} AND (p.cancelled_on IS NULL OR p.cancelled_on > ${y1})`;
  const registeredInForce = `r.end_date >= ${y1} AND r.status <> 'cancelled'`;
  const tech = (facts: string) => `jsonb_array_length(COALESCE(${facts} -> 'qualifications', '[]')) > 0`;
  const r = await db.query<{
    written_premium: bigint;
    risk_protection: bigint;
    insured: number;
    insured_tech: number;
    tech_enterprises: number;
    rd_spending: bigint | null;
    incurred: bigint;
    new_products: number;
    graduations: number;
    claim_days: string | null;
    subsidy_paid: bigint;
    industries: { industry: string; si: string }[] | null;
  }>(
    `WITH bounds AS (SELECT ${y0} AS y0, ${y1} AS y1),
     sums AS (
       SELECT COALESCE(p.facts ->> 'industry', 'unknown') AS industry,
              sum(p.written_premium) FILTER (WHERE p.start_date >= ${y0}) AS premium,
              sum(p.sum_insured) FILTER (WHERE ${platformInForce}) AS si,
              count(*) FILTER (WHERE ${platformInForce}) AS in_force, 0 AS incurred
         FROM policy p
        WHERE p.master_policy_id IS NULL AND p.start_date <= ${y1}
          AND (p.start_date >= ${y0} OR (${platformInForce}))
        GROUP BY 1
       UNION ALL
       SELECT COALESCE(r.industry, 'unknown'), sum(r.premium) FILTER (WHERE r.start_date >= ${y0}),
              sum(r.sum_insured) FILTER (WHERE ${registeredInForce}), count(*) FILTER (WHERE ${registeredInForce}),
              sum(r.claims_incurred) FILTER (WHERE r.start_date >= ${y0})
         FROM registered_policy r
        WHERE r.start_date <= ${y1} AND (r.start_date >= ${y0} OR (${registeredInForce}))
        GROUP BY 1),
     insured AS (
       SELECT count(DISTINCT p.enterprise_id) AS n,
              count(DISTINCT p.enterprise_id) FILTER (WHERE ${tech('p.facts')}) AS tech
         FROM policy p
        WHERE p.master_policy_id IS NULL AND p.start_date <= ${y1} AND ${platformInForce}
       UNION ALL
       SELECT count(*), count(t.uscc)
         FROM (SELECT r.insured_uscc FROM registered_policy r WHERE r.start_date <= ${y1} AND ${registeredInForce}
                GROUP BY reverse(r.insured_uscc) COLLATE "C", r.insured_uscc) d
         LEFT JOIN (SELECT uscc FROM enterprise WHERE ${tech('facts')}) t ON t.uscc = d.insured_uscc)
     SELECT
       COALESCE((SELECT sum(premium) FROM sums), 0)::bigint AS written_premium,
       COALESCE((SELECT sum(si) FROM sums), 0)::bigint AS risk_protection,
       (SELECT sum(n)::int FROM insured) AS insured,
       (SELECT sum(tech)::int FROM insured) AS insured_tech,
       (SELECT count(*)::int FROM enterprise WHERE ${tech('facts')}) AS tech_enterprises,
       NULL::bigint AS rd_spending,
       (COALESCE((SELECT sum(c.paid + c.reserve) FROM claim c JOIN policy p ON p.id = c.policy_id, bounds
                   WHERE p.start_date BETWEEN y0 AND y1 AND c.status NOT IN ('declined', 'withdrawn')), 0)
        + COALESCE((SELECT sum(incurred) FROM sums), 0))::bigint AS incurred,
       (SELECT count(DISTINCT f.code)::int FROM product_filing f, bounds
         WHERE f.to_status IN ('filed', 'sandbox') AND f.at >= y0 AND f.at < y1 + 1) AS new_products,
       (SELECT count(*)::int FROM product_filing f, bounds WHERE f.action = 'graduate' AND f.at >= y0 AND f.at < y1 + 1)
         AS graduations,
       (SELECT round(avg(extract(epoch FROM (s.first_paid - c.created_at)) / 86400)::numeric, 2)::text
          FROM claim c JOIN (SELECT claim_id, min(at) AS first_paid FROM claim_step WHERE action = 'pay' GROUP BY 1) s
            ON s.claim_id = c.id, bounds
         WHERE s.first_paid >= y0 AND s.first_paid < y1 + 1) AS claim_days,
       COALESCE((SELECT sum(g.paid) FROM subsidy_grant g, bounds WHERE g.created_at >= y0 AND g.created_at < y1 + 1), 0)::bigint
         AS subsidy_paid,
       (SELECT json_agg(json_build_object('industry', industry, 'si', si::text) ORDER BY industry)
          FROM (SELECT industry, sum(si) AS si FROM sums GROUP BY 1 HAVING sum(in_force) > 0) i) AS industries`,
    [year, asOf],
  );
  return r.rows[0];
}

export async function insertPublication(
  db: Queryable,
  p: {
    year: number;
    methodology: string;
    inputs: unknown;
    result: unknown;
    composite: string;
    at: Date;
    by: string | null;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO index_publication (year, methodology, inputs, result, composite, computed_at, computed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [p.year, p.methodology, JSON.stringify(p.inputs), JSON.stringify(p.result), p.composite, p.at, p.by],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function publications(db: Queryable, year: number | null) {
  const r = await db.query<{
    year: number;
    methodology: string;
    inputs: unknown;
    result: unknown;
    composite: string;
    computed_at: Date;
  }>('SELECT * FROM index_publication WHERE ($1::int IS NULL OR year = $1) ORDER BY year DESC, methodology', [
    year,
  ]);
  return r.rows;
}
