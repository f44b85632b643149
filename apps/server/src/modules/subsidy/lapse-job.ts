import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { lapseOverdueSupplements } from './review-service.ts';
import { lapseUnconfirmed } from './service.ts';

/**
 * Lapses 免申即享 grants past their confirmation date and applications returned for more materials past
 * their due day, at start and every hour (batches of 200).
 */
export class SubsidyLapseJob extends IntervalJob {
  constructor(tx: RunInTransaction, log: Logger, everyMs = 3_600_000) {
    super({
      log,
      everyMs,
      failure: 'subsidy lapse pass failed',
      pass: async () => {
        for (;;) {
          const n = await tx(systemActor, 'subsidy-lapse', (ctx) => lapseUnconfirmed(ctx, 200));
          if (n > 0) log.info({ lapsed: n }, 'lapsed unconfirmed subsidy grants');
          if (n < 200) break;
        }
        for (;;) {
          const n = await tx(systemActor, 'subsidy-supplement-lapse', (ctx) =>
            lapseOverdueSupplements(ctx, 200),
          );
          if (n > 0) log.info({ lapsed: n }, 'lapsed applications not supplemented in time');
          if (n < 200) break;
        }
      },
    });
  }
}
