import { addMonths, compareDates, parseCalendarDate } from '@kebao/domain/time';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/ids.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { closeMonth, previousMonth } from './close-service.ts';
import { lastClose } from './repo.ts';

/**
 * Closes every ended month not closed yet, in order (月结), at start and every hour. A month closed by
 * another instance in the meantime is simply skipped (the close row's key decides); errors are logged.
 */
export class MonthCloseJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  private readonly tx: RunInTransaction;
  private readonly pool: Parameters<typeof lastClose>[0];
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly everyMs: number;

  constructor(
    tx: RunInTransaction,
    pool: Parameters<typeof lastClose>[0],
    clock: Clock,
    log: Logger,
    everyMs = 3_600_000,
  ) {
    this.tx = tx;
    this.pool = pool;
    this.clock = clock;
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
        const target = parseCalendarDate(`${previousMonth(this.clock())}-01`);
        const last = await lastClose(this.pool);
        let next = last ? addMonths(parseCalendarDate(last), 1) : target;
        while (compareDates(next, target) <= 0) {
          const month = next.slice(0, 7);
          const summary = await this.tx(systemActor, 'month-close', (ctx) => closeMonth(ctx, month));
          this.log.info(summary, 'closed the month');
          next = addMonths(next, 1);
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'ledger.month_closed') return;
        this.log.warn({ err: error }, 'monthly close failed');
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
