import type { Queryable } from '@kebao/db';

/** A subscription without its secrets: what lists, details and services read. */
export interface SubscriptionRow {
  id: string;
  org_id: string;
  url: string;
  description: string;
  event_types: string[];
  min_severity: string | null;
  active: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  last_success_at: Date | null;
  previous_secret_expires_at: Date | null;
  secret_hint: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

const SUBSCRIPTION_COLUMNS = `s.id, s.org_id, s.url, s.description, s.event_types, s.min_severity, s.active,
  s.disabled_reason, s.failing_since, s.last_success_at, s.previous_secret_expires_at,
  left(s.secret, 10) || '…' AS secret_hint, s.created_by, u.display_name AS created_by_name, s.created_at,
  s.updated_at`;

export async function insertSubscription(
  db: Queryable,
  s: {
    id: string;
    orgId: string;
    url: string;
    description: string;
    eventTypes: string[];
    minSeverity: string | null;
    secret: string;
    active: boolean;
    createdBy: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO webhook_subscription (id, org_id, url, description, event_types, min_severity, secret, active,
       disabled_reason, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8::boolean THEN NULL ELSE 'manual' END, $9, $10, $10)`,
    [s.id, s.orgId, s.url, s.description, s.eventTypes, s.minSeverity, s.secret, s.active, s.createdBy, s.at],
  );
}

export async function countSubscriptions(db: Queryable, orgId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM webhook_subscription WHERE org_id = $1',
    [orgId],
  );
  return r.rows[0]?.n ?? 0;
}

/** The organisation's subscription (locked when `forUpdate`), or null: another organisation's is never found. */
export async function findSubscription(
  db: Queryable,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<SubscriptionRow | null> {
  const r = await db.query<SubscriptionRow>(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription s LEFT JOIN app_user u ON u.id = s.created_by
      WHERE s.id = $1 AND s.org_id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [id, orgId],
  );
  return r.rows[0] ?? null;
}

export async function listSubscriptions(db: Queryable, orgId: string): Promise<SubscriptionRow[]> {
  const r = await db.query<SubscriptionRow>(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription s LEFT JOIN app_user u ON u.id = s.created_by
      WHERE s.org_id = $1 ORDER BY s.created_at, s.id`,
    [orgId],
  );
  return r.rows;
}

export async function updateSubscription(
  db: Queryable,
  id: string,
  patch: {
    url?: string;
    description?: string;
    eventTypes?: string[];
    minSeverity?: string | null;
    active?: boolean;
    disabledReason?: string | null;
  },
  at: Date,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id, at];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.description !== undefined) set('description', patch.description);
  if (patch.eventTypes !== undefined) set('event_types', patch.eventTypes);
  if (patch.minSeverity !== undefined) set('min_severity', patch.minSeverity);
  if (patch.active !== undefined) {
    set('active', patch.active);
    // Switched on again: the endpoint gets a fresh start.
    if (patch.active) sets.push('failing_since = NULL');
  }
  if (patch.disabledReason !== undefined) set('disabled_reason', patch.disabledReason);
  await db.query(
    `UPDATE webhook_subscription SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`,
    values,
  );
}

export async function replaceSecret(
  db: Queryable,
  id: string,
  secret: string,
  previousUntil: Date | null,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE webhook_subscription
        SET previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
            previous_secret_expires_at = $3, secret = $2, updated_at = $4
      WHERE id = $1`,
    [id, secret, previousUntil, at],
  );
}

export async function deleteSubscription(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM webhook_subscription WHERE id = $1', [id]);
}

// ---- The subscriber: who receives an alert event ----------------------------------------------------------

/** The facts of an alert that decide who receives its events (read in the dispatcher's transaction). */
export async function alertAudience(
  db: Queryable,
  alertId: string,
): Promise<{ subject_org: string | null; severity: string } | null> {
  const r = await db.query<{ subject_org: string | null; severity: string }>(
    'SELECT subject_org, severity FROM alert WHERE id = $1',
    [alertId],
  );
  return r.rows[0] ?? null;
}

/**
 * Active subscriptions of active organisations that ask for `eventType`, whose minimum severity the alert
 * meets, and whose organisation may see the alert: regulators and the platform see every alert, any other
 * organisation (an insurer) only those whose subject is itself — the rule of `GET /api/monitor/alerts/{id}`.
 */
export async function subscriptionsFor(
  db: Queryable,
  input: { eventType: string; minimums: string[]; subjectOrg: string | null },
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT s.id FROM webhook_subscription s JOIN organisation o ON o.id = s.org_id
      WHERE s.active AND o.status = 'active' AND $1 = ANY (s.event_types)
        AND (s.min_severity IS NULL OR s.min_severity = ANY ($2::text[]))
        AND (o.kind IN ('regulator', 'platform') OR s.org_id = $3::uuid)
      ORDER BY s.id`,
    [input.eventType, input.minimums, input.subjectOrg],
  );
  return r.rows.map((row) => row.id);
}

// ---- Deliveries -------------------------------------------------------------------------------------------

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** Inserts pending deliveries due at `at`; one already there for the same subscription and event is kept. */
export async function insertDeliveries(db: Queryable, rows: NewDelivery[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts,
       next_attempt_at, created_at, updated_at)
     SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.payload::json, 'pending', 0, $6, $6, $6
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
         AS d (id, subscription_id, event_id, event_type, payload)
     ON CONFLICT (subscription_id, event_id) DO NOTHING`,
    [
      rows.map((d) => d.id),
      rows.map((d) => d.subscriptionId),
      rows.map((d) => d.eventId),
      rows.map((d) => d.eventType),
      rows.map((d) => d.body),
      at,
    ],
  );
  return r.rowCount ?? 0;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed' | 'dead';
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  /** An attempt is in flight until then. */
  locked_until: Date | null;
}

const DELIVERY_COLUMNS = `d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.status, d.attempts,
  d.next_attempt_at, d.last_status_code, d.last_error, d.last_attempt_at, d.delivered_at, d.created_at,
  d.locked_until`;

export async function listDeliveries(
  db: Queryable,
  subscriptionId: string,
  page: { status: string | null; limit: number; offset: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const where = 'd.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)';
  const [rows, total] = await Promise.all([
    db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE ${where}
        ORDER BY d.created_at DESC, d.id DESC LIMIT $3 OFFSET $4`,
      [subscriptionId, page.status, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_delivery d WHERE ${where}`, [
      subscriptionId,
      page.status,
    ]),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function findDelivery(
  db: Queryable,
  subscriptionId: string,
  id: string,
  forUpdate = false,
): Promise<DeliveryRow | null> {
  const r = await db.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE d.id = $1 AND d.subscription_id = $2
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id, subscriptionId],
  );
  return r.rows[0] ?? null;
}

/** Due again now (a redelivery): its attempts so far are kept and counted on. */
export async function requeueDelivery(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = $2, locked_until = NULL, updated_at = $2
      WHERE id = $1`,
    [id, at],
  );
}

/** A delivery claimed for one attempt, with what signing and sending it needs. */
export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  org_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
}

/**
 * Claims due deliveries of active subscriptions for one attempt each: a lease (`locked_until`) that other
 * senders — in this process or another — respect, taken under `FOR UPDATE SKIP LOCKED` so two never claim
 * the same row. At most `perSubscription` of one subscription per claim, so one slow endpoint cannot take
 * every slot. `only` claims that one delivery (when due).
 */
export async function claimDue(
  db: Queryable,
  input: { now: Date; leaseUntil: Date; limit: number; perSubscription: number; only?: string },
): Promise<ClaimedDelivery[]> {
  const r = await db.query<ClaimedDelivery>(
    `WITH ranked AS (
       SELECT x.id, row_number() OVER (PARTITION BY x.subscription_id ORDER BY x.next_attempt_at, x.id) AS n,
              x.next_attempt_at
         FROM webhook_delivery x JOIN webhook_subscription y ON y.id = x.subscription_id AND y.active
        WHERE x.status IN ('pending', 'failed') AND x.next_attempt_at <= $1
          AND (x.locked_until IS NULL OR x.locked_until <= $1)
          AND ($5::uuid IS NULL OR x.id = $5)
     ), picked AS (
       SELECT c.id FROM webhook_delivery c
        WHERE c.id IN (SELECT id FROM ranked WHERE n <= $4 ORDER BY next_attempt_at, id LIMIT $3)
          AND c.status IN ('pending', 'failed') AND (c.locked_until IS NULL OR c.locked_until <= $1)
        FOR UPDATE SKIP LOCKED
     )
     UPDATE webhook_delivery d SET locked_until = $2
       FROM picked, webhook_subscription s
      WHERE d.id = picked.id AND s.id = d.subscription_id
     RETURNING d.id, d.subscription_id, s.org_id, d.event_id, d.event_type, d.payload::text AS body, d.attempts,
               s.url, s.secret, s.previous_secret, s.previous_secret_expires_at, s.failing_since`,
    [input.now, input.leaseUntil, input.limit, input.perSubscription, input.only ?? null],
  );
  return r.rows;
}

export interface AttemptOutcome {
  status: 'delivered' | 'failed' | 'dead';
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
}

/**
 * Records one attempt of a claimed delivery and releases its lease. Written only if nobody recorded an
 * attempt since the claim (`attempts` unchanged), so an attempt whose lease ran out is counted once.
 */
export async function recordAttempt(
  db: Queryable,
  d: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  outcome: AttemptOutcome,
  at: Date,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE webhook_delivery
        SET status = $3, attempts = attempts + 1, last_status_code = $4, last_error = $5, last_attempt_at = $6,
            next_attempt_at = $7, delivered_at = CASE WHEN $3 = 'delivered' THEN $6 ELSE delivered_at END,
            locked_until = NULL, updated_at = $6
      WHERE id = $1 AND attempts = $2`,
    [d.id, d.attempts, outcome.status, outcome.statusCode, outcome.error, at, outcome.nextAttemptAt],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The endpoint answered 2xx: it is healthy again. */
export async function markEndpointHealthy(db: Queryable, subscriptionId: string, at: Date): Promise<void> {
  await db.query('UPDATE webhook_subscription SET last_success_at = $2, failing_since = NULL WHERE id = $1', [
    subscriptionId,
    at,
  ]);
}

/** The endpoint failed: remember since when (the first failure since the last success). */
export async function markEndpointFailing(db: Queryable, subscriptionId: string, at: Date): Promise<void> {
  await db.query(
    'UPDATE webhook_subscription SET failing_since = COALESCE(failing_since, $2) WHERE id = $1',
    [subscriptionId, at],
  );
}

/** Switches an active subscription off for a reason; false when it was already off. */
export async function disableSubscription(
  db: Queryable,
  subscriptionId: string,
  reason: 'gone' | 'failing',
  at: Date,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE webhook_subscription SET active = false, disabled_reason = $2, updated_at = $3
      WHERE id = $1 AND active`,
    [subscriptionId, reason, at],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Deliveries due now (in flight included): what is left for a sender to do. */
export async function dueCount(db: Queryable, now: Date): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
      WHERE s.active AND d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1`,
    [now],
  );
  return r.rows[0]?.n ?? 0;
}

/** Deletes finished deliveries (delivered or dead) last changed before `before`; returns how many. */
export async function deleteFinished(db: Queryable, before: Date, limit: number): Promise<number> {
  const r = await db.query(
    `DELETE FROM webhook_delivery WHERE id IN (
       SELECT id FROM webhook_delivery WHERE status IN ('delivered', 'dead') AND updated_at < $1 LIMIT $2)`,
    [before, limit],
  );
  return r.rowCount ?? 0;
}
