import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { isProcessAlive } from '@kebao/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import {
  claimLease,
  leaseHolder,
  markDelivered,
  markDeliveredAll,
  markDone,
  pendingCount,
  pendingEventsWithState,
  recordFailure,
  releaseLease,
  takeLeaseFrom,
} from './repo.ts';
import type { OutboxEvent } from './types.ts';

export interface Subscriber {
  /** Stable name: deliveries are recorded under it. */
  name: string;
  accepts?(type: string): boolean;
  /**
   * Handles one event inside a transaction that also records the delivery, so effects written
   * through `tx` happen exactly once; effects outside the database happen at least once.
   */
  handle(event: OutboxEvent, tx: pg.PoolClient): Promise<void>;
  /**
   * Handles several events, in order, in one transaction (the same guarantees as `handle` for each).
   * Optional: without it the dispatcher calls `handle` for each event in that transaction.
   */
  handleBatch?(events: readonly OutboxEvent[], tx: pg.PoolClient): Promise<void>;
  afterCommit?(event: OutboxEvent): void;
}

export interface DispatcherOptions {
  pool: pg.Pool;
  log: Logger;
  batchSize?: number;
  /** How long to wait between polls when nothing woke us. */
  idleMs?: number;
  leaseSeconds?: number;
}

const LEASE = 'dispatcher';

/**
 * Delivers committed outbox events to in-process subscribers: at least once, in order per
 * aggregate, across restarts. One process in an installation dispatches at a time (a renewed
 * lease); the others stand by and take over when the lease lapses or its holder's pid is dead.
 */
export class Dispatcher {
  private readonly pool: pg.Pool;
  private readonly log: Logger;
  private readonly subscribers: Subscriber[] = [];
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly leaseSeconds: number;
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private running = false;
  private leader = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private renewTimer: NodeJS.Timeout | null = null;
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(options: DispatcherOptions) {
    this.pool = options.pool;
    this.log = options.log;
    this.batchSize = options.batchSize ?? 200;
    this.idleMs = options.idleMs ?? 1000;
    this.leaseSeconds = options.leaseSeconds ?? 15;
  }

  register(subscriber: Subscriber): void {
    if (this.subscribers.some((s) => s.name === subscriber.name)) {
      throw new Error(`subscriber ${subscriber.name} is registered twice`);
    }
    this.subscribers.push(subscriber);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.renewTimer = setInterval(() => void this.renew(), (this.leaseSeconds * 1000) / 3);
    this.renewTimer.unref();
    this.loop = this.run();
  }

  /** Something was committed: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.wake();
    await this.loop;
    if (this.leader) await releaseLease(this.pool, LEASE, this.holder).catch(() => {});
    this.leader = false;
  }

  /** Dispatches until nothing deliverable is left (tests, the CLI). Returns what is still pending. */
  async drain(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.leader && !(await this.tryLead())) {
        await sleep(50);
        continue;
      }
      const progressed = await this.batch();
      if (!progressed) {
        const left = await pendingCount(this.pool);
        if (left === 0) return 0;
        await sleep(50);
      }
    }
    return pendingCount(this.pool);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let progressed = false;
      try {
        if (this.leader || (await this.tryLead())) progressed = await this.batch();
      } catch (error) {
        this.log.error({ err: error }, 'outbox dispatch failed; retrying');
      }
      if (progressed || !this.running) continue;
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.idleMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        self.woken = false;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async tryLead(): Promise<boolean> {
    if (await claimLease(this.pool, LEASE, this.holder, this.leaseSeconds)) {
      if (!this.leader) this.log.info({ holder: this.holder }, 'outbox dispatcher is active in this process');
      this.leader = true;
      return true;
    }
    // A holder on this machine whose process is gone (killed) need not be waited out.
    const holder = await leaseHolder(this.pool, LEASE);
    const [host, pid] = (holder ?? '').split(':');
    if (holder && host === hostname() && pid && !isProcessAlive(Number(pid))) {
      if (await takeLeaseFrom(this.pool, LEASE, holder, this.holder, this.leaseSeconds)) {
        this.log.info({ previous: holder }, 'took over the outbox from a dead process');
        this.leader = true;
        return true;
      }
    }
    return false;
  }

  private async renew(): Promise<void> {
    if (!this.running || !this.leader) return;
    try {
      this.leader = await claimLease(this.pool, LEASE, this.holder, this.leaseSeconds);
      if (!this.leader) this.log.warn('outbox dispatcher lease lost; standing by');
    } catch (error) {
      this.log.warn({ err: error }, 'could not renew the outbox lease');
    }
  }

  /** One pass over the oldest pending events. True when it delivered something. */
  private batch(): Promise<boolean> {
    const next = this.exclusive.then(() => this.dispatchBatch());
    this.exclusive = next.catch(() => {});
    return next;
  }

  private async dispatchBatch(): Promise<boolean> {
    const pending = await pendingEventsWithState(this.pool, this.batchSize);
    const events = pending.events;
    if (events.length === 0) return false;
    const delivered = new Set(pending.delivered);
    const waiting = pending.waiting;
    const now = Date.now();
    let progressed = false;

    for (const sub of this.subscribers) {
      // Once an event of an aggregate cannot be delivered, its later events wait behind it.
      const blocked = new Set<string>();
      const due: OutboxEvent[] = [];
      for (const event of events) {
        if (sub.accepts && !sub.accepts(event.type)) continue;
        const key = `${sub.name}/${event.id}`;
        if (delivered.has(key)) continue;
        const aggregate = `${event.aggregateType}/${event.aggregateId}`;
        if (blocked.has(aggregate)) continue;
        const retryAt = waiting.get(key);
        if (retryAt && retryAt.getTime() > now) {
          blocked.add(aggregate);
          continue;
        }
        due.push(event);
      }
      if (due.length === 0) continue;
      // All of them in one transaction; when that fails, one at a time, so that only the event at fault
      // (and the later events of its aggregate) waits.
      const retried = due.filter((e) => waiting.has(`${sub.name}/${e.id}`)).map((e) => e.id);
      if (due.length > 1 && (await this.deliverAll(sub, due, retried))) {
        for (const event of due) delivered.add(`${sub.name}/${event.id}`);
        progressed = true;
        continue;
      }
      for (const event of due) {
        const aggregate = `${event.aggregateType}/${event.aggregateId}`;
        if (blocked.has(aggregate)) continue;
        if (await this.deliver(sub, event)) {
          delivered.add(`${sub.name}/${event.id}`);
          progressed = true;
        } else blocked.add(aggregate);
      }
    }

    const done = events
      .filter((e) =>
        this.subscribers.every(
          (s) => (s.accepts && !s.accepts(e.type)) || delivered.has(`${s.name}/${e.id}`),
        ),
      )
      .map((e) => e.id);
    await markDone(this.pool, done);
    return progressed || done.length > 0;
  }

  /**
   * Delivers `events` to `sub` in one transaction with the records of their delivery. False (nothing
   * kept) when any of them fails: the caller then delivers them one by one.
   */
  private async deliverAll(sub: Subscriber, events: OutboxEvent[], retried: bigint[]): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (sub.handleBatch) await sub.handleBatch(events, client);
      else for (const event of events) await sub.handle(event, client);
      await markDeliveredAll(
        client,
        sub.name,
        events.map((e) => e.id),
        retried,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      this.log.warn(
        { err: error, subscriber: sub.name, events: events.length },
        'a batch of events failed; delivering them one by one',
      );
      return false;
    } finally {
      client.release();
    }
    for (const event of events) {
      try {
        sub.afterCommit?.(event);
      } catch (error) {
        this.log.error({ err: error, subscriber: sub.name }, 'afterCommit hook failed');
      }
    }
    return true;
  }

  private async deliver(sub: Subscriber, event: OutboxEvent): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await sub.handle(event, client);
      await markDelivered(client, sub.name, event.id);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const attempts = await recordFailure(
        this.pool,
        sub.name,
        event.id,
        String((error as Error).stack ?? error),
      );
      this.log.error(
        { err: error, subscriber: sub.name, eventId: event.id.toString(), type: event.type, attempts },
        'event delivery failed; will retry',
      );
      return false;
    } finally {
      client.release();
    }
    try {
      sub.afterCommit?.(event);
    } catch (error) {
      this.log.error({ err: error, subscriber: sub.name }, 'afterCommit hook failed');
    }
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
