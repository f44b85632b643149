import type { Queryable } from '@kebao/db';
import { toJsonValue } from '../json.ts';
import type { OutboxEvent } from './types.ts';

interface EventRow {
  id: bigint;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_seq: bigint;
  type: string;
  payload: unknown;
  org_ids: string[];
  actor_user_id: string | null;
  request_id: string | null;
  created_at: Date;
  stream_pos: bigint | null;
}

const toEvent = (r: EventRow): OutboxEvent => ({
  id: r.id,
  aggregateType: r.aggregate_type,
  aggregateId: r.aggregate_id,
  aggregateSeq: r.aggregate_seq,
  type: r.type,
  payload: r.payload,
  orgIds: r.org_ids,
  actorUserId: r.actor_user_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  streamPos: r.stream_pos,
});

/** Reserves `count` sequence numbers of an aggregate, locking its head row until commit. */
export async function reserveAggregateSeq(
  db: Queryable,
  type: string,
  id: string,
  count: number,
): Promise<bigint> {
  const r = await db.query<{ last_seq: bigint }>(
    `INSERT INTO outbox_aggregate (aggregate_type, aggregate_id, last_seq) VALUES ($1, $2, $3)
     ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_seq = outbox_aggregate.last_seq + EXCLUDED.last_seq
     RETURNING last_seq`,
    [type, id, count],
  );
  return (r.rows[0] as { last_seq: bigint }).last_seq - BigInt(count) + 1n;
}

/**
 * `reserveAggregateSeq` for several distinct aggregates in one statement, their head rows locked in the
 * order given; returns the first reserved number of each, in that order.
 */
export async function reserveAggregateSeqs(
  db: Queryable,
  heads: readonly { type: string; id: string; n: number }[],
): Promise<bigint[]> {
  const r = await db.query<{ i: number; last_seq: bigint }>(
    `WITH given AS (
       SELECT t, a, n, i FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS g(t, a, n, i)
     ), reserved AS (
       INSERT INTO outbox_aggregate (aggregate_type, aggregate_id, last_seq)
       SELECT t, a, n FROM given ORDER BY i
       ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_seq = outbox_aggregate.last_seq + EXCLUDED.last_seq
       RETURNING aggregate_type, aggregate_id, last_seq
     )
     SELECT g.i::int AS i, r.last_seq FROM reserved r JOIN given g ON g.t = r.aggregate_type AND g.a = r.aggregate_id`,
    [heads.map((h) => h.type), heads.map((h) => h.id), heads.map((h) => h.n)],
  );
  const first: bigint[] = new Array(heads.length);
  for (const row of r.rows)
    first[row.i - 1] = row.last_seq - BigInt((heads[row.i - 1] as { n: number }).n) + 1n;
  return first;
}

export interface NewEventRow {
  aggregateType: string;
  aggregateId: string;
  aggregateSeq: bigint;
  type: string;
  payload: unknown;
  orgIds: string[];
  actorUserId: string | null;
  requestId: string | null;
}

/**
 * `at`: the events' creation time (the transaction's clock); null takes the database's `now()`. Returns
 * their ids, in the order given.
 */
export async function insertEvents(
  db: Queryable,
  events: NewEventRow[],
  at: Date | null = null,
): Promise<bigint[]> {
  const values: unknown[] = [at];
  const tuples = events.map((e, i) => {
    values.push(
      e.aggregateType,
      e.aggregateId,
      e.aggregateSeq,
      e.type,
      JSON.stringify(toJsonValue(e.payload)),
      e.orgIds,
      e.actorUserId,
      e.requestId,
    );
    const b = 1 + i * 8;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, coalesce($1::timestamptz, now()))`;
  });
  // The notification is delivered to listeners only when (and if) the transaction commits.
  const r = await db.query<{ id: bigint }>(
    `WITH inserted AS (
       INSERT INTO outbox_event (aggregate_type, aggregate_id, aggregate_seq, type, payload, org_ids, actor_user_id, request_id, created_at)
       VALUES ${tuples.join(', ')}
       RETURNING id
     )
     SELECT id FROM inserted, (SELECT pg_notify('kebao_outbox', '')) AS notified ORDER BY id`,
    values,
  );
  return r.rows.map((row) => row.id);
}

/**
 * The oldest pending events with, for each, the subscribers it was delivered to and its failed deliveries
 * waiting for a retry, in one statement.
 */
export async function pendingEventsWithState(
  db: Queryable,
  limit: number,
): Promise<{ events: OutboxEvent[]; delivered: string[]; waiting: Map<string, Date> }> {
  const r = await db.query<
    EventRow & { delivered_to: string[]; failures: { s: string; at: string }[] | null }
  >(
    `WITH e AS (SELECT * FROM outbox_event WHERE done_at IS NULL ORDER BY id LIMIT $1)
     SELECT e.*,
            ARRAY(SELECT d.subscriber FROM outbox_delivery d WHERE d.event_id = e.id) AS delivered_to,
            (SELECT json_agg(json_build_object('s', f.subscriber, 'at', f.next_attempt_at))
               FROM outbox_failure f WHERE f.event_id = e.id) AS failures
       FROM e ORDER BY e.id`,
    [limit],
  );
  const delivered: string[] = [];
  const waiting = new Map<string, Date>();
  for (const row of r.rows) {
    for (const s of row.delivered_to) delivered.push(`${s}/${row.id}`);
    for (const f of row.failures ?? []) waiting.set(`${f.s}/${row.id}`, new Date(f.at));
  }
  return { events: r.rows.map(toEvent), delivered, waiting };
}

export async function markDelivered(db: Queryable, subscriber: string, eventId: bigint): Promise<void> {
  await db.query(
    'INSERT INTO outbox_delivery (subscriber, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [subscriber, eventId],
  );
  await db.query('DELETE FROM outbox_failure WHERE subscriber = $1 AND event_id = $2', [subscriber, eventId]);
}

/** Records the delivery of several events to a subscriber; `retried`: those of them that had failed before. */
export async function markDeliveredAll(
  db: Queryable,
  subscriber: string,
  eventIds: readonly bigint[],
  retried: readonly bigint[],
): Promise<void> {
  await db.query(
    'INSERT INTO outbox_delivery (subscriber, event_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING',
    [subscriber, eventIds],
  );
  if (retried.length > 0)
    await db.query('DELETE FROM outbox_failure WHERE subscriber = $1 AND event_id = ANY($2::bigint[])', [
      subscriber,
      retried,
    ]);
}

/**
 * Records a failed delivery. The next attempt waits 1 s, 2 s, 4 s … up to 5 minutes; the event
 * (and later events of its aggregate) wait for it, so order per aggregate is kept.
 */
export async function recordFailure(
  db: Queryable,
  subscriber: string,
  eventId: bigint,
  error: string,
): Promise<number> {
  const r = await db.query<{ attempts: number }>(
    `INSERT INTO outbox_failure (subscriber, event_id, attempts, next_attempt_at, last_error)
     VALUES ($1, $2, 1, now() + interval '1 second', $3)
     ON CONFLICT (subscriber, event_id) DO UPDATE
       SET attempts = outbox_failure.attempts + 1,
           next_attempt_at = now() + make_interval(secs => least(300, power(2, outbox_failure.attempts))),
           last_error = EXCLUDED.last_error
     RETURNING attempts`,
    [subscriber, eventId, error.slice(0, 2000)],
  );
  return (r.rows[0] as { attempts: number }).attempts;
}

/** Marks events delivered to every subscriber as done and drops their delivery rows. */
export async function markDone(db: Queryable, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('UPDATE outbox_event SET done_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  await db.query('DELETE FROM outbox_delivery WHERE event_id = ANY($1::bigint[])', [ids]);
}

/** Gives an event its position in the live stream (once) and wakes other processes' streams. */
export async function publishToStream(db: Queryable, eventId: bigint): Promise<void> {
  await db.query(
    "UPDATE outbox_event SET stream_pos = nextval('outbox_stream_seq') WHERE id = $1 AND stream_pos IS NULL",
    [eventId],
  );
  await db.query("SELECT pg_notify('kebao_stream', '')");
}

/**
 * Gives several events their positions in the live stream (those without one), in the order of their ids,
 * in one statement, and wakes other processes' streams.
 */
export async function publishAllToStream(db: Queryable, eventIds: readonly bigint[]): Promise<void> {
  // The positions drawn are sorted before they are paired with the sorted ids: increasing by id whatever
  // order the sequence is called in.
  await db.query(
    `WITH need AS (
       SELECT array_agg(id ORDER BY id) AS ids FROM outbox_event WHERE id = ANY($1::bigint[]) AND stream_pos IS NULL
     ), drawn AS (
       SELECT array_agg(p ORDER BY p) AS ps
         FROM (SELECT nextval('outbox_stream_seq') AS p FROM need, generate_series(1, cardinality(need.ids))) x
     ), published AS (
       UPDATE outbox_event o SET stream_pos = u.p
         FROM need, drawn, unnest(need.ids, drawn.ps) AS u(id, p)
        WHERE o.id = u.id
     )
     SELECT pg_notify('kebao_stream', '')`,
    [eventIds],
  );
}

export async function streamAfter(db: Queryable, afterPos: bigint, limit: number): Promise<OutboxEvent[]> {
  const r = await db.query<EventRow>(
    'SELECT * FROM outbox_event WHERE stream_pos > $1 ORDER BY stream_pos LIMIT $2',
    [afterPos, limit],
  );
  return r.rows.map(toEvent);
}

export async function streamHead(db: Queryable): Promise<bigint> {
  const r = await db.query<{ pos: bigint | null }>('SELECT max(stream_pos) AS pos FROM outbox_event');
  return r.rows[0]?.pos ?? 0n;
}

/** Takes or renews the dispatcher lease; true when `holder` has it afterwards. */
export async function claimLease(
  db: Queryable,
  name: string,
  holder: string,
  seconds: number,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO outbox_lease (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE outbox_lease.holder = EXCLUDED.holder OR outbox_lease.expires_at < now()
     RETURNING holder`,
    [name, holder, seconds],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function leaseHolder(db: Queryable, name: string): Promise<string | null> {
  const r = await db.query<{ holder: string }>('SELECT holder FROM outbox_lease WHERE name = $1', [name]);
  return r.rows[0]?.holder ?? null;
}

/** Takes the lease from a named holder (one known to be dead). */
export async function takeLeaseFrom(db: Queryable, name: string, from: string, to: string, seconds: number) {
  const r = await db.query(
    `UPDATE outbox_lease SET holder = $3, expires_at = now() + make_interval(secs => $4)
      WHERE name = $1 AND holder = $2`,
    [name, from, to, seconds],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.query('DELETE FROM outbox_lease WHERE name = $1 AND holder = $2', [name, holder]);
}

export async function pendingCount(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox_event WHERE done_at IS NULL',
  );
  return r.rows[0]?.n ?? 0;
}
