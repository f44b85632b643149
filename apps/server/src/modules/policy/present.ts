import type { Queryable } from '@kebao/db';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { formatPercent } from '@kebao/domain/placement';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { certificateJournal, policyJournal } from '../ledger/service.ts';
import { isGroupMaster } from './group-lifecycle.ts';
import {
  cessionsOf,
  endorsementsOf,
  findPolicy,
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

type JournalView = Awaited<ReturnType<typeof policyJournal>>[number];

/**
 * A group movement posts each certificate's lines in one entry on the master: shown on the master, the
 * lines of an entry with the same account, books and counterparty are summed over the certificates, in
 * their first line's order; each certificate shows its own lines.
 */
function sumOverCertificates(lines: readonly JournalView[]): JournalView[] {
  const summed = new Map<string, JournalView>();
  for (const l of lines) {
    const key = `${l.entry_id}|${l.account}|${l.org_id}|${l.counterparty}`;
    const sum = summed.get(key);
    if (sum) sum.amount += l.amount;
    else summed.set(key, { ...l });
  }
  return [...summed.values()].filter((l) => l.amount !== 0n);
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
  // A certificate's journal is its share of the master's entries (the lines tagged with it); a master's
  // shows its entries' lines summed over the certificates.
  const journal =
    all || hasLine
      ? (row.master_policy_id !== null
          ? await certificateJournal(db, id)
          : isGroupMaster(row)
            ? sumOverCertificates(await policyJournal(db, id))
            : await policyJournal(db, id)
        ).filter((l) => own(l.org_id))
      : null;
  const endorsements = await endorsementsOf(db, id);
  const master = row.master_policy_id ? await findPolicy(db, row.master_policy_id) : null;
  const group = master
    ? {
        role: 'certificate' as const,
        master: { id: master.id, number: master.number },
        memberSeq: row.member_seq,
      }
    : isGroupMaster(row)
      ? { role: 'master' as const, master: { id: row.id, number: row.number }, memberSeq: null }
      : null;
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
    group,
    viewer: {
      isLead: row.lead_org_id === actor.orgId,
      isHolder:
        actor.orgId !== null && (row.enterprise_org === actor.orgId || row.broker_org_id === actor.orgId),
      hasLine,
      isGroupHolder:
        actor.orgId !== null &&
        group !== null &&
        ((master ?? row).enterprise_org === actor.orgId || (master ?? row).broker_org_id === actor.orgId),
    },
  };
}
