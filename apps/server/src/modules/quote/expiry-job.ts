import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { expireQuotes } from './request-service.ts';

/**
 * Marks offers past their validity as expired, once a minute (and once at start). Accepting or binding an
 * expired offer is refused anyway (the validity is checked in those transactions); this keeps the lists
 * and the events honest. Rows locked by a bind in progress are skipped and picked up next time.
 */
export class QuoteExpiryJob extends IntervalJob {
  constructor(tx: RunInTransaction, log: Logger, everyMs = 60_000) {
    super({
      log,
      everyMs,
      failure: 'quote expiry pass failed',
      // Batches of 500 until nothing is left.
      pass: async () => {
        for (;;) {
          const n = await tx(systemActor, 'quote-expiry', (ctx) => expireQuotes(ctx, 500));
          if (n > 0) log.info({ expired: n }, 'expired quotes');
          if (n < 500) break;
        }
      },
    });
  }
}
