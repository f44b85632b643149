import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/ids.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { deleteFinished, dueCount } from './repo.ts';
import { DELIVERY_RETENTION_MS } from './rules.ts';
import { WebhookSender } from './sender.ts';

export interface DeliveryJobOptions {
  pool: pg.Pool;
  tx: RunInTransaction;
  clock: Clock;
  log: Logger;
  /** How often to look for due deliveries (retries) when nothing woke the job. */
  everyMs?: number;
  /** Attempts in flight at once, and of those at most this many to one subscription. */
  concurrency?: number;
  perSubscription?: number;
}

const CLEANUP_EVERY_MS = 3_600_000;

/**
 * Sends webhook deliveries: every few seconds (retries fall due by the clock), and at once when woken —
 * the webhook subscriber wakes it after committing new deliveries. Every process runs one; the claims
 * (`FOR UPDATE SKIP LOCKED` and a lease) keep two from sending the same delivery. Each pass sends batches
 * of at most `concurrency` attempts until nothing is due, then deletes deliveries finished 30 days ago
 * (once an hour).
 */
export class WebhookDeliveryJob {
  private readonly job: IntervalJob;
  private readonly sender: WebhookSender;
  private readonly pool: pg.Pool;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly perSubscription: number;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;

  constructor(options: DeliveryJobOptions) {
    this.pool = options.pool;
    this.clock = options.clock;
    this.log = options.log;
    this.concurrency = options.concurrency ?? 8;
    this.perSubscription = options.perSubscription ?? 2;
    this.sender = new WebhookSender(options);
    this.job = new IntervalJob({
      log: options.log,
      everyMs: options.everyMs ?? 5_000,
      failure: 'webhook delivery pass failed',
      pass: () => this.pass(),
    });
  }

  start(): void {
    this.stopped = false;
    this.job.start();
  }

  /** New deliveries were committed: send them now rather than at the next tick. */
  wake(): void {
    if (this.stopped) return;
    this.again = true;
    void this.job.runOnce();
  }

  /** One pass (shared with the one in flight, if any). */
  runOnce(): Promise<void> {
    return this.job.runOnce();
  }

  /**
   * Passes until nothing is due by the clock (attempts in flight elsewhere are waited for); returns what is
   * still due at the deadline. For tests and the command line: a retry scheduled later is not waited for.
   */
  async settle(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runOnce();
      const left = await dueCount(this.pool, this.clock());
      if (left === 0 || Date.now() >= deadline) return left;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.job.stop();
  }

  private async pass(): Promise<void> {
    do {
      this.again = false;
      while (!this.stopped) {
        const sent = await this.sender.sendDue(this.concurrency, this.perSubscription);
        if (sent === 0) break;
      }
    } while (this.again && !this.stopped);
    const now = this.clock().getTime();
    if (now - this.lastCleanup >= CLEANUP_EVERY_MS) {
      this.lastCleanup = now;
      const removed = await deleteFinished(this.pool, new Date(now - DELIVERY_RETENTION_MS), 10_000);
      if (removed > 0) this.log.info({ removed }, 'deleted old webhook deliveries');
    }
  }
}
