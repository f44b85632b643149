import type { Queryable } from '@kebao/db';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { formatPercent } from '@kebao/domain/placement';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { policyJournal } from '../ledger/service.ts';
import {
  cessionsOf,
  endorsementsOf,
  findVisiblePolicy,
  linesOf,
  type PolicyListRow,
  type PolicyScope,
} from './repo.ts';

export const policyScope = (actor: Actor): PolicyScope => ({
  all: can(actor, Permission.PolicyReadAll),
  orgId: actor.orgId,
});

export function presentPolicySummary(row: PolicyListRow) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    lead: { id: row.lead_org_id, name: row.lead_name },
    product: {
      code: row.product_code,
      version: row.product_version,
      names: { zh: row.product_name_zh, en: row.product_name_en },
    },
    poolCode: row.pool_code,
    startDate: row.start_date,
    endDate: row.end_date,
    sumInsured: formatYuan(row.sum_insured),
    premium: formatYuan(row.premium),
    writtenPremium: formatYuan(row.written_premium),
    subsidy: formatYuan(row.subsidy),
    netPayable: formatYuan(row.net_payable),
    boundAt: row.bound_at.toISOString(),
  };
}

/**
 * A policy as its reader may see it: every party sees the co-insurers and their shares (disclosure);
 * cessions only the insurers (each its own) and readers of all policies; the journal only the insurers
 * on the policy (their own lines) and readers of all policies.
 */
export async function presentPolicyDetail(db: Queryable, actor: Actor, id: string) {
  const row = await findVisiblePolicy(db, policyScope(actor), id);
  if (!row) throw problem('policy.not_found');
  const lines = await linesOf(db, id);
  const all = can(actor, Permission.PolicyReadAll);
  const hasLine = lines.some((l) => l.org_id === actor.orgId);
  const own = (orgId: string | null) => all || (orgId !== null && orgId === actor.orgId);
  const cessions = all || hasLine ? (await cessionsOf(db, id)).filter((c) => own(c.org_id)) : null;
  const journal = all || hasLine ? (await policyJournal(db, id)).filter((l) => own(l.org_id)) : null;
  const endorsements = await endorsementsOf(db, id);
  return {
    ...presentPolicySummary(row),
    statisticalClass: row.statistical_class,
    sandbox: row.sandbox,
    collectionMode: row.collection_mode,
    insuredRetention: formatPercent(row.insured_retention),
    quoteId: row.quote_id,
    placementId: row.placement_id,
    priorPolicyId: row.prior_policy_id,
    cancelledOn: row.cancelled_on,
    request: row.request,
    lines: lines.map((l) => ({
      orgId: l.org_id,
      name: l.name_zh ?? '',
      role: l.role,
      written: l.written === null ? null : formatPercent(l.written),
      share: formatPercent(l.share),
      premium: formatYuan(l.premium),
      sumInsured: formatYuan(l.sum_insured),
    })),
    cessions:
      cessions?.map((c) => ({
        orgId: c.org_id,
        kind: c.kind,
        reinsurer: c.reinsurer,
        cededSumInsured: formatYuan(c.ceded_sum_insured),
        cededPremium: formatYuan(c.ceded_premium),
        commission: formatYuan(c.commission),
      })) ?? null,
    endorsements: endorsements.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      effectiveDate: e.effective_date,
      changes: e.changes,
      premiumDelta: formatYuan(e.premium_delta),
      lineDeltas: e.line_deltas,
      reason: e.reason,
      createdAt: e.created_at.toISOString(),
    })),
    journal:
      journal?.map((l) => ({
        kind: l.kind,
        description: l.description,
        account: l.account,
        orgId: l.org_id,
        counterparty: l.counterparty,
        amount: formatYuan(l.amount),
        postedAt: l.posted_at.toISOString(),
      })) ?? null,
    viewer: {
      isLead: row.lead_org_id === actor.orgId,
      isHolder:
        actor.orgId !== null && (row.enterprise_org === actor.orgId || row.broker_org_id === actor.orgId),
      hasLine,
    },
  };
}
