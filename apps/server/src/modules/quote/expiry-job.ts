import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { expireQuotes } from './request-service.ts';

/**
 * Marks offers past their validity as expired, once a minute (and once at start). Accepting or binding an
 * expired offer is refused anyway (the validity is checked in those transactions); this keeps the lists
 * and the events honest. Rows locked by a bind in progress are skipped and picked up next time.
 */
export class QuoteExpiryJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  private readonly tx: RunInTransaction;
  private readonly log: Logger;
  private readonly everyMs: number;

  constructor(tx: RunInTransaction, log: Logger, everyMs = 60_000) {
    this.tx = tx;
    this.log = log;
    this.everyMs = everyMs;
  }

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  /** One pass; batches of 500 until nothing is left. Errors are logged, never thrown. */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (;;) {
          const n = await this.tx(systemActor, 'quote-expiry', (ctx) => expireQuotes(ctx, 500));
          if (n > 0) this.log.info({ expired: n }, 'expired quotes');
          if (n < 500) break;
        }
      } catch (error) {
        this.log.warn({ err: error }, 'quote expiry pass failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
