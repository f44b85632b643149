import type { Queryable } from '@kebao/db';
import type { Logger } from 'pino';
import type { Subscriber } from '../../platform/outbox/dispatcher.ts';
import type { OutboxEvent } from '../../platform/outbox/types.ts';
import { evaluateAlerts, type Moved } from './alert-service.ts';
import { contributionDelta, contributionRows, type ExposureSubject } from './contribution.ts';
import {
  applyContributions,
  type ContributionRow,
  contributionsOf,
  platformPolicyFacts,
  type RegisteredRow,
  registeredByIds,
} from './repo.ts';

/*
 * The live exposure (在险敞口) follows the business as it happens: every bind, endorsement, cancellation,
 * expiry and registration reaches this subscriber once (the dispatcher records the delivery in the same
 * transaction), which recomputes that policy's contribution from its current state and adds the
 * difference to the exposure rows — so the cockpit reads figures, it does not recompute them — and then
 * evaluates the early-warning rules the change concerns.
 */
export class MonitorSubscriber implements Subscriber {
  readonly name = 'monitor';
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  accepts(type: string): boolean {
    return (
      type === 'policy.bound' ||
      type === 'policy.endorsed' ||
      type === 'policy.cancelled' ||
      type === 'policy.expired' ||
      type === 'registration.recorded' ||
      type === 'registration.expired' ||
      type === 'claim.paid' ||
      type === 'claim.reserved' ||
      type === 'claim.assessing' ||
      type === 'claim.closed' ||
      type === 'subsidy.reserved' ||
      type === 'subsidy.applied'
    );
  }

  async handle(event: OutboxEvent, tx: Queryable): Promise<void> {
    await this.handleBatch([event], tx);
  }

  /**
   * A batch of events in one transaction: every policy they concern is read and its contribution moved at
   * once (one statement for all the exposure rows), then the metrics they moved are observed once, after
   * all of them, and the rules applied to those observations together.
   */
  async handleBatch(events: readonly OutboxEvent[], tx: Queryable): Promise<void> {
    const keyOf = (event: OutboxEvent): string | null => {
      if (event.type.startsWith('policy.'))
        return `p:${(event.payload as { policyId?: string }).policyId ?? event.aggregateId}`;
      if (event.type.startsWith('registration.'))
        return `r:${(event.payload as { registrationId: string }).registrationId}`;
      return null;
    };
    const keys = [...new Set(events.map(keyOf).filter((k): k is string => k !== null))];
    const last = events.at(-1) as OutboxEvent;
    const moves = keys.length > 0 ? await updateExposure(tx, keys, last.createdAt) : new Map<string, Moved>();
    const none: Moved = { key: null, insurers: [], lines: [] };
    const raised = await evaluateAlerts(
      tx,
      events.map((event) => {
        const key = keyOf(event);
        return { event, moved: (key && moves.get(key)) || none };
      }),
      // The dispatcher runs this: the alerts' events take their stream positions in this transaction.
      { publish: true },
    );
    if (raised > 0) this.log.debug({ raised, events: events.length }, 'alerts raised');
  }
}

/**
 * Recomputes the policies' contributions from their current state and applies the difference; returns
 * what moved, by key. A policy that moves twice in a batch moves once (to its current state); one that
 * cannot be found moves nothing.
 */
async function updateExposure(tx: Queryable, keys: readonly string[], at: Date): Promise<Map<string, Moved>> {
  const platformIds = keys.filter((k) => k.startsWith('p:')).map((k) => k.slice(2));
  const registeredIds = keys.filter((k) => k.startsWith('r:')).map((k) => k.slice(2));
  const subjects = new Map<string, ExposureSubject>();
  if (platformIds.length > 0)
    for (const p of await platformPolicyFacts(tx, platformIds)) subjects.set(`p:${p.id}`, platformSubject(p));
  if (registeredIds.length > 0)
    for (const r of await registeredByIds(tx, registeredIds)) subjects.set(`r:${r.id}`, registeredSubject(r));
  const found = keys.filter((k) => subjects.has(k));
  if (found.length === 0) return new Map();

  const stored = await contributionsOf(tx, found);
  const moves = new Map<string, Moved>();
  const next: { key: string; rows: ContributionRow[] }[] = [];
  const allPrevious: ContributionRow[] = [];
  const allNext: ContributionRow[] = [];
  for (const key of found) {
    const subject = subjects.get(key) as ExposureSubject;
    const previous = stored.get(key) ?? [];
    const rows = contributionRows(subject);
    next.push({ key, rows });
    allPrevious.push(...previous);
    allNext.push(...rows);
    moves.set(key, {
      key,
      insurers: contributionDelta(previous, rows)
        .filter((r) => r[0] === 'insurer')
        .map((r) => r[1]),
      lines: subject.inForce
        ? subject.lines.map((l) => ({ orgId: l.orgId, netSumInsured: l.netSumInsured }))
        : [],
    });
  }
  // Every policy's difference summed per exposure row, in a fixed order.
  const delta = contributionDelta(allPrevious, allNext).sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
  );
  await applyContributions(tx, next, delta, at);
  return moves;
}

type PlatformFacts = Awaited<ReturnType<typeof platformPolicyFacts>>[number];

function platformSubject(p: PlatformFacts): ExposureSubject {
  const facts = p.facts as { industry?: unknown; region?: unknown };
  return {
    source: 'platform',
    inForce: p.status === 'in_force',
    statisticalClass: p.statistical_class,
    productCode: p.product_code,
    poolCode: p.pool_code,
    sandbox: p.sandbox,
    industry: typeof facts.industry === 'string' ? facts.industry : null,
    region: typeof facts.region === 'string' ? facts.region : null,
    lines: (p.lines ?? []).map((l) => ({
      orgId: l.orgId,
      sumInsured: BigInt(l.sumInsured),
      premium: BigInt(l.premium),
      netSumInsured: BigInt(l.sumInsured) - BigInt(l.cededSumInsured),
      netPremium: BigInt(l.premium) - BigInt(l.cededPremium),
    })),
  };
}

function registeredSubject(r: RegisteredRow): ExposureSubject {
  return {
    source: 'registered',
    inForce: r.status === 'in_force',
    statisticalClass: r.statistical_class,
    productCode: r.product_code,
    poolCode: null,
    sandbox: false,
    industry: r.industry,
    region: r.region_code,
    // Registered business is reported gross: the insurer's own reinsurance is not known to the platform.
    lines: [
      {
        orgId: r.insurer_org_id,
        sumInsured: r.sum_insured,
        premium: r.premium,
        netSumInsured: r.sum_insured,
        netPremium: r.premium,
      },
    ],
  };
}
