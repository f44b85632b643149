import type { Queryable } from '@kebao/db';
import type { Actor } from '../actor.ts';
import { insertEvents, type NewEventRow, reserveAggregateSeq, reserveAggregateSeqs } from './repo.ts';
import type { DomainEvent } from './types.ts';

/**
 * Writes the events of one transaction to the outbox, just before COMMIT. Aggregate heads are
 * locked in a fixed order (no deadlocks between transactions touching the same aggregates) and
 * before any event gets its id, so the events of one aggregate are numbered in commit order.
 * `at` is the transaction's time (`ctx.now`), the events' `createdAt`; without it, the database's.
 * Returns the events' ids, in the order given.
 */
export async function appendEvents(
  db: Queryable,
  actor: Actor,
  requestId: string | null,
  events: readonly DomainEvent[],
  at?: Date,
): Promise<bigint[]> {
  if (events.length === 0) return [];
  const key = (e: DomainEvent) => `${e.aggregateType}\u0000${e.aggregateId}`;
  const counts = new Map<string, { type: string; id: string; n: number }>();
  for (const e of events) {
    const k = key(e);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { type: e.aggregateType, id: e.aggregateId, n: 1 });
  }
  const next = new Map<string, bigint>();
  const order = [...counts.keys()].sort();
  if (order.length === 1) {
    const c = counts.get(order[0] as string) as { type: string; id: string; n: number };
    next.set(order[0] as string, await reserveAggregateSeq(db, c.type, c.id, c.n));
  } else {
    // Many aggregates (a batch of alerts): every head in one statement, still locked in the fixed order.
    const heads = order.map((k) => counts.get(k) as { type: string; id: string; n: number });
    const first = await reserveAggregateSeqs(db, heads);
    for (const [i, k] of order.entries()) next.set(k, first[i] as bigint);
  }
  const rows: NewEventRow[] = events.map((e) => {
    const k = key(e);
    const seq = next.get(k) as bigint;
    next.set(k, seq + 1n);
    return {
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      aggregateSeq: seq,
      type: e.type,
      payload: e.payload,
      orgIds: [...new Set([...(actor.orgId ? [actor.orgId] : []), ...(e.orgIds ?? [])])],
      actorUserId: actor.userId,
      requestId,
    };
  });
  return insertEvents(db, rows, at ?? null);
}
