import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { lapseUnconfirmed } from './service.ts';

/** Lapses 免申即享 grants past their confirmation date, at start and every hour (batches of 200). */
export class SubsidyLapseJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly tx: RunInTransaction;
  private readonly log: Logger;
  private readonly everyMs: number;

  constructor(tx: RunInTransaction, log: Logger, everyMs = 3_600_000) {
    this.tx = tx;
    this.log = log;
    this.everyMs = everyMs;
  }

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (;;) {
          const n = await this.tx(systemActor, 'subsidy-lapse', (ctx) => lapseUnconfirmed(ctx, 200));
          if (n > 0) this.log.info({ lapsed: n }, 'lapsed unconfirmed subsidy grants');
          if (n < 200) break;
        }
      } catch (error) {
        this.log.warn({ err: error }, 'subsidy lapse pass failed');
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
