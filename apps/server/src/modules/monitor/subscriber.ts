import type { Queryable } from '@kebao/db';
import type { Logger } from 'pino';
import type { Subscriber } from '../../platform/outbox/dispatcher.ts';
import type { OutboxEvent } from '../../platform/outbox/types.ts';
import { evaluateAlerts } from './alert-service.ts';
import { contributionDelta, contributionRows, type ExposureSubject } from './contribution.ts';
import { applyContribution, contributionOf, findRegisteredById, platformPolicyFacts } from './repo.ts';

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
    const at = event.createdAt;
    let moved: Moved = { key: null, insurers: [], lines: [] };
    if (event.type.startsWith('policy.')) {
      const id = (event.payload as { policyId?: string }).policyId ?? event.aggregateId;
      const subject = await platformSubject(tx, id);
      if (subject) moved = await updateExposure(tx, `p:${id}`, subject, at);
    } else if (event.type.startsWith('registration.')) {
      const id = (event.payload as { registrationId: string }).registrationId;
      const subject = await registeredSubject(tx, id);
      if (subject) moved = await updateExposure(tx, `r:${id}`, subject, at);
    }
    const raised = await evaluateAlerts(tx, { event, moved, at });
    if (raised > 0) this.log.debug({ raised, type: event.type }, 'alerts raised');
  }
}

/** What an event moved: the policy, the insurers whose figures changed, and each insurer's net line on it now. */
export interface Moved {
  key: string | null;
  insurers: string[];
  lines: { orgId: string; netSumInsured: bigint }[];
}

/** Applies a policy's new contribution. */
async function updateExposure(
  tx: Queryable,
  key: string,
  subject: ExposureSubject,
  at: Date,
): Promise<Moved> {
  const previous = await contributionOf(tx, key);
  const next = contributionRows(subject);
  const delta = contributionDelta(previous, next);
  await applyContribution(tx, key, next, delta, at);
  return {
    key,
    insurers: delta.filter((r) => r[0] === 'insurer').map((r) => r[1]),
    lines: subject.inForce
      ? subject.lines.map((l) => ({ orgId: l.orgId, netSumInsured: l.netSumInsured }))
      : [],
  };
}

async function platformSubject(tx: Queryable, policyId: string): Promise<ExposureSubject | null> {
  const p = await platformPolicyFacts(tx, policyId);
  if (!p) return null;
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

async function registeredSubject(tx: Queryable, id: string): Promise<ExposureSubject | null> {
  const r = await findRegisteredById(tx, id);
  if (!r) return null;
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
