import type { ProductDefinition } from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
import type { FilingRow, ListedVersion, QueueRow, SandboxRow, VersionRow } from './repo.ts';

export function presentSummary(v: ListedVersion | QueueRow) {
  const d = v.definition as ProductDefinition;
  return {
    code: v.code,
    version: v.version,
    names: d.names,
    summary: d.summary ?? null,
    statisticalClass: d.statisticalClass,
    status: v.status,
    writer: {
      orgId: v.writer_org_id,
      pool: 'pool' in d.writer ? d.writer.pool : null,
      nameZh: v.writer_name_zh,
      nameEn: v.writer_name_en,
    },
    subsidyTags: v.subsidy_tags,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    statusChangedAt: v.status_changed_at.toISOString(),
  };
}

export function presentSandbox(s: SandboxRow | null) {
  if (!s) return null;
  return {
    maxPolicies: s.max_policies,
    maxSumInsured: formatYuan(s.max_sum_insured),
    endsOn: s.ends_on,
    conditions: s.conditions ?? null,
    policiesBound: s.policies_bound,
    sumInsuredBound: formatYuan(s.sum_insured_bound),
    exitRequestedAt: s.exit_requested_at?.toISOString() ?? null,
    assessment: s.assessment ?? null,
    closedAt: s.closed_at?.toISOString() ?? null,
  };
}

export function presentFiling(f: FilingRow) {
  return {
    id: f.id,
    action: f.action,
    from: f.from_status,
    to: f.to_status,
    comment: f.comment,
    details: f.details ?? null,
    actorOrgId: f.actor_org_id,
    at: f.at.toISOString(),
  };
}

export function presentVersion(v: VersionRow) {
  return {
    code: v.code,
    version: v.version,
    status: v.status,
    source: v.source,
    checksum: v.checksum,
    statusChangedAt: v.status_changed_at.toISOString(),
    createdAt: v.created_at.toISOString(),
    definition: v.definition as ProductDefinition,
  };
}
