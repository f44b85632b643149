import { addMonths, compareDates, parseCalendarDate } from '@kebao/domain/time';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/ids.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { closeMonth, previousMonth } from './close-service.ts';
import { lastClose } from './repo.ts';

/**
 * Closes every ended month not closed yet, in order (月结), at start and every hour. A month closed by
 * another instance in the meantime is simply skipped (the close row's key decides); errors are logged.
 */
export class MonthCloseJob extends IntervalJob {
  constructor(
    tx: RunInTransaction,
    pool: Parameters<typeof lastClose>[0],
    clock: Clock,
    log: Logger,
    everyMs = 3_600_000,
  ) {
    super({
      log,
      everyMs,
      failure: 'monthly close failed',
      pass: async () => {
        const target = parseCalendarDate(`${previousMonth(clock())}-01`);
        const last = await lastClose(pool);
        let next = last ? addMonths(parseCalendarDate(last), 1) : target;
        while (compareDates(next, target) <= 0) {
          const month = next.slice(0, 7);
          try {
            log.info(
              await tx(systemActor, 'month-close', (ctx) => closeMonth(ctx, month)),
              'closed the month',
            );
          } catch (error) {
            if ((error as { code?: string }).code === 'ledger.month_closed') return;
            throw error;
          }
          next = addMonths(next, 1);
        }
      },
    });
  }
}
