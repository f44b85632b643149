import { shanghaiDateOf } from '@kebao/domain/time';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { Ctx, RunInTransaction } from '../../platform/transaction.ts';
import { releasePoolCapacity } from '../placement/service.ts';
import { linesOf, lockPoliciesPastEnd, setPolicyStatus } from './repo.ts';

/*
 * Policy expiry (满期). Cover runs through 24:00 of the end date (Beijing time); from the next day a policy
 * that is still in force is marked expired, its pool's aggregate capacity is given back, and
 * `policy.expired` tells the rest of the platform — the cockpit's live exposure drops it, as it drops a
 * cancelled one. Claims for losses inside the period can still be made on an expired policy (the claims
 * rules read the period, not the status). Rows locked by a transaction in progress (an endorsement, a
 * claim) are skipped and picked up next time.
 */

/** Expires up to `limit` policies whose end date is before today; returns how many. */
export async function expirePolicies(ctx: Ctx, limit = 500): Promise<number> {
  const today = shanghaiDateOf(ctx.now);
  const rows = await lockPoliciesPastEnd(ctx.db, today, limit);
  for (const p of rows) {
    await setPolicyStatus(ctx.db, p.id, 'expired', ctx.now);
    // A group's capacity is given back once, with its master (its certificates' sums insured are the master's).
    if (p.pool_code && p.master_policy_id === null)
      await releasePoolCapacity(ctx, p.pool_code, p.sum_insured);
    const lines = await linesOf(ctx.db, p.id);
    ctx.audit({
      action: 'policy.expire',
      entityType: 'policy',
      entityId: p.id,
      before: { status: p.status },
      after: { status: 'expired', endDate: p.end_date },
    });
    ctx.emit({
      type: 'policy.expired',
      aggregateType: 'policy',
      aggregateId: p.id,
      payload: {
        policyId: p.id,
        number: p.number,
        endDate: p.end_date,
        enterpriseId: p.enterprise_id,
        productCode: p.product_code,
      },
      orgIds: [
        ...new Set([
          ...lines.map((l) => l.org_id),
          ...(p.enterprise_org ? [p.enterprise_org] : []),
          ...(p.broker_org_id ? [p.broker_org_id] : []),
        ]),
      ],
    });
  }
  return rows.length;
}

/** Runs the expiry every hour (and once at start), in batches of 500 until nothing is left. */
export class PolicyExpiryJob extends IntervalJob {
  constructor(tx: RunInTransaction, log: Logger, everyMs = 3_600_000) {
    super({
      log,
      everyMs,
      failure: 'policy expiry pass failed',
      pass: async () => {
        for (;;) {
          const n = await tx(systemActor, 'policy-expiry', (ctx) => expirePolicies(ctx, 500));
          if (n > 0) log.info({ expired: n }, 'expired policies');
          if (n < 500) break;
        }
      },
    });
  }
}
