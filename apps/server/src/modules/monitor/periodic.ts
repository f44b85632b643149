import { shanghaiDateOf } from '@kebao/domain/time';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { Ctx, RunInTransaction } from '../../platform/transaction.ts';
import { claimBacklogPass } from './alert-service.ts';
import { methodologyFor, publishIndex } from './index-service.ts';
import { expireRegistered, firstBusinessYear, lockRegisteredPastEnd, publications } from './repo.ts';

/*
 * The cockpit's scheduled duties, the ones no event triggers:
 * - registered policies past their end date are marked expired (platform policies have their own pass in
 *   the policy module), so the live exposure drops them;
 * - claims fall overdue by the clock, so each insurer's claim backlog is observed again and its alert
 *   opens or resolves;
 * - in the new year, last year's development index is published once, by the platform, with its inputs
 *   (a regulator may publish it earlier by hand; either way there is one publication per year and
 *   methodology).
 */

/** Expires up to `limit` registered policies whose end date is before today; returns how many. */
export async function expireRegistrations(ctx: Ctx, limit = 500): Promise<number> {
  const rows = await lockRegisteredPastEnd(ctx.db, shanghaiDateOf(ctx.now), limit);
  for (const r of rows) {
    await expireRegistered(ctx.db, r.id, ctx.now);
    ctx.audit({
      action: 'registration.expire',
      entityType: 'registered_policy',
      entityId: r.id,
      before: { status: 'in_force' },
      after: { status: 'expired', endDate: r.end_date },
    });
    ctx.emit({
      type: 'registration.expired',
      aggregateType: 'registered_policy',
      aggregateId: r.id,
      payload: { registrationId: r.id, policyNumber: r.policy_number, endDate: r.end_date },
      orgIds: [r.insurer_org_id],
    });
  }
  return rows.length;
}

/**
 * Publishes last year's index when it is not published yet and the zone has business in it; returns the
 * year published, or null.
 */
export async function publishLastYearsIndex(ctx: Ctx): Promise<number | null> {
  const today = shanghaiDateOf(ctx.now);
  const year = Number(today.slice(0, 4)) - 1;
  const first = await firstBusinessYear(ctx.db);
  if (first === null || first > year || year < methodologyFor(first).baseYear) return null;
  if ((await publications(ctx.db, year)).length > 0) return null;
  await publishIndex(ctx, year, today);
  return year;
}

/** The monitor's scheduled pass, every 10 minutes (and once at start). */
export class MonitorJob extends IntervalJob {
  constructor(tx: RunInTransaction, log: Logger, everyMs = 600_000) {
    super({
      log,
      everyMs,
      failure: 'monitor pass failed',
      pass: async () => {
        for (;;) {
          const n = await tx(systemActor, 'registration-expiry', (ctx) => expireRegistrations(ctx, 500));
          if (n > 0) log.info({ expired: n }, 'expired registered policies');
          if (n < 500) break;
        }
        const raised = await tx(systemActor, 'claim-backlog', (ctx) => claimBacklogPass(ctx.db, ctx.now));
        if (raised > 0) log.info({ raised }, 'claim backlog alerts raised');
        const year = await tx(systemActor, 'index-publication', (ctx) => publishLastYearsIndex(ctx));
        if (year !== null) log.info({ year }, 'development index published');
      },
    });
  }
}
