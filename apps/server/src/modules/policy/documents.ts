import type { Queryable } from '@kebao/db';
import { type QuoteRequest, resolvedOptions } from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
import { formatPercent } from '@kebao/domain/placement';
import {
  coveredSections,
  describeDeductible,
  describeTrigger,
  renderPolicySchedule,
  renderSlip,
  type ScheduleData,
} from '@kebao/domain/policy';
import { shanghaiDateOf } from '@kebao/domain/time';
import type { Actor } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { enterpriseRecord } from '../enterprise/service.ts';
import { policyScope } from './present.ts';
import { cessionsOf, endorsementsOf, findPolicy, findVisiblePolicy, linesOf, partyNames } from './repo.ts';

function describeChanges(kind: string, changes: Record<string, unknown>): string {
  if (kind === 'cancel') {
    const c = changes as { method?: string; refund?: string };
    return `保单注销（${c.method === 'short_rate' ? '按短期费率' : '按日比例'}退还保费 ${c.refund ?? ''} 元）`;
  }
  const parts: string[] = [];
  const c = changes as {
    sumInsured?: { from: string; to: string };
    endDate?: { from: string; to: string };
    options?: object;
  };
  if (c.sumInsured) parts.push(`保险金额由 ${c.sumInsured.from} 元变更为 ${c.sumInsured.to} 元`);
  if (c.endDate) parts.push(`终保日期由 ${c.endDate.from} 变更为 ${c.endDate.to}`);
  if (c.options) parts.push(`保险方案变更：${JSON.stringify(c.options)}`);
  return parts.join('；') || '批改';
}

/** Everything the schedule and the slip print, gathered for one visible policy. */
export async function scheduleDataOf(
  db: Queryable,
  cache: CatalogCache,
  actor: Actor,
  id: string,
): Promise<ScheduleData & { insurerOrgIds: string[] }> {
  const policy = await findVisiblePolicy(db, policyScope(actor), id);
  if (!policy) throw problem('policy.not_found');
  const cached = await cache.get(policy.product_code, policy.product_version);
  if (!cached) throw problem('product.version_not_found');
  const { definition } = cached;
  const request = policy.request as QuoteRequest;
  const options = resolvedOptions(definition, request);
  const lines = await linesOf(db, id);
  const cessions = await cessionsOf(db, id);
  const enterprise = await enterpriseRecord(db, policy.enterprise_id);
  const names = await partyNames(
    db,
    lines.map((l) => l.org_id),
  );
  const party = { name: enterprise?.name ?? policy.enterprise_name, uscc: enterprise?.uscc ?? null };
  const coinsurers: ScheduleData['coinsurers'] = lines.map((l) => ({
    name: l.name_zh ?? '',
    role: l.role,
    share: formatPercent(l.share),
    premium: l.premium,
    sumInsured: l.sum_insured,
  }));
  if (policy.insured_retention > 0) {
    coinsurers.push({
      name: party.name,
      role: 'insured_retention',
      share: formatPercent(policy.insured_retention),
      premium: 0n,
      sumInsured: policy.sum_insured - lines.reduce((s, l) => s + l.sum_insured, 0n),
    });
  }
  return {
    insurerOrgIds: lines.map((l) => l.org_id),
    policyNumber: policy.number,
    productCode: policy.product_code,
    productVersion: policy.product_version,
    productName: definition.names.zh,
    statisticalClass: policy.statistical_class,
    policyholder: party,
    insured: party,
    beneficiary: definition.parties.beneficiary?.zh ?? null,
    startDate: policy.start_date,
    endDate: policy.end_date,
    issuedOn: shanghaiDateOf(policy.bound_at),
    sumInsured: policy.sum_insured,
    sections: coveredSections(definition, request).map((s) => ({
      key: s.key,
      name: s.section.names.zh,
      limit: s.limit,
      sublimits: s.sublimits.map((sub) => ({ name: sub.names.zh, limit: sub.limit })),
      deductible: describeDeductible(s.section.deductible, options),
      trigger: describeTrigger(s.section.trigger, {
        startDate: policy.start_date,
        retroactiveDate: (policy.request as { retroactiveDate?: string }).retroactiveDate ?? null,
      }),
    })),
    coinsurers,
    collectionMode: policy.collection_mode,
    premium: policy.written_premium,
    subsidy: policy.subsidy,
    netPayable: policy.written_premium - policy.subsidy,
    cessions: cessions.map((c) => ({
      insurer: names.get(c.org_id)?.name_zh ?? '',
      reinsurer: c.reinsurer,
      kind: c.kind,
      cededSumInsured: c.ceded_sum_insured,
      cededPremium: c.ceded_premium,
    })),
    endorsements: (await endorsementsOf(db, id)).map((e) => ({
      seq: e.seq,
      effectiveDate: e.effective_date,
      description: describeChanges(e.kind, e.changes),
      premiumDelta: e.premium_delta,
    })),
    clauseReference: definition.clause.reference,
    status: policy.status,
    masterPolicyNumber: policy.master_policy_id
      ? ((await findPolicy(db, policy.master_policy_id))?.number ?? null)
      : null,
  };
}

export async function policyScheduleHtml(db: Queryable, cache: CatalogCache, actor: Actor, id: string) {
  const data = await scheduleDataOf(db, cache, actor, id);
  return renderPolicySchedule(data);
}

/** The slip is for the insurers on the policy and readers of all policies (it shows the cessions). */
export async function policySlipHtml(
  db: Queryable,
  cache: CatalogCache,
  actor: Actor,
  id: string,
  all: boolean,
) {
  const data = await scheduleDataOf(db, cache, actor, id);
  if (!all && !(actor.orgId && data.insurerOrgIds.includes(actor.orgId))) throw problem('auth.forbidden');
  return renderSlip(data);
}

export const yuan = formatYuan;
