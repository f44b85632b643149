import type pg from 'pg';
import type { Actor } from './actor.ts';
import { type AuditEntry, commitWithAudit } from './audit/record.ts';
import { type Clock, currentIdSource, withIdSource } from './ids.ts';
import { appendEvents } from './outbox/append.ts';
import type { DomainEvent } from './outbox/types.ts';

/**
 * What a service receives: the open transaction, who acts, the request, the time of the
 * transaction, and two collectors. Audit records and events are written by the runner just
 * before COMMIT, in the same transaction as the change — so there is never a change without its
 * audit record and event, nor an event for a change that rolled back.
 */
export interface Ctx {
  readonly db: pg.PoolClient;
  readonly actor: Actor;
  readonly requestId: string | null;
  readonly now: Date;
  audit(entry: AuditEntry): void;
  emit(event: DomainEvent): void;
}

export interface TxRunnerOptions {
  pool: pg.Pool;
  clock: Clock;
  /** Called after a commit that emitted events (wakes the dispatcher). */
  onEvents?: () => void;
}

export type RunInTransaction = <T>(
  actor: Actor,
  requestId: string | null,
  fn: (ctx: Ctx) => Promise<T>,
) => Promise<T>;

export function createTxRunner(options: TxRunnerOptions): RunInTransaction {
  // The audit chains whose head is known to exist in the pool's database (see commitWithAudit).
  const chains = new Set<string>();
  return async (actor, requestId, fn) => {
    const ids = currentIdSource();
    const client = await options.pool.connect();
    const audits: AuditEntry[] = [];
    const events: DomainEvent[] = [];
    const ctx: Ctx = {
      db: client,
      actor,
      requestId,
      now: options.clock(),
      audit: (entry) => void audits.push(entry),
      emit: (event) => void events.push(event),
    };
    let result: Awaited<ReturnType<typeof fn>>;
    try {
      await client.query('BEGIN');
      // While a demo zone is seeded, ids made in the transaction take its time (the clock the demo walks).
      result = ids ? await withIdSource(ids.at(ctx.now.getTime()), () => fn(ctx)) : await fn(ctx);
      // Events first: the audit chain's head is locked from the audit statement until COMMIT, and every
      // other transaction of the organisation waits for it, so nothing else runs inside that window.
      await appendEvents(client, actor, requestId, events, ctx.now);
      await commitWithAudit(client, chains, actor, requestId, ctx.now, audits);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    if (events.length > 0) options.onEvents?.();
    return result;
  };
}
