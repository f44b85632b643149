import { createHash } from 'node:crypto';
import type { Queryable } from '@kebao/db';
import type { EnterpriseFacts, StatisticalClass } from '@kebao/domain/catalog';
import { postSubsidyClawback, postSubsidyGrant, reverseEntry } from '@kebao/domain/ledger';
import { type Fen, formatYuan, parseYuan } from '@kebao/domain/money';
import {
  approvedQuota,
  clawbackAmount,
  decideSubsidy,
  parseProgramme,
  programmeCovers,
  programmeEstimator,
  quotaValidUntil,
  reviewStages,
  type SubsidyDecision,
  type SubsidyProgramme,
  workingDaysAfter,
} from '@kebao/domain/subsidy';
import { addDays, shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { checkUpload } from '../../platform/http/uploads.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { workingCalendarFor } from '../calendar/service.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { findEnterpriseById } from '../enterprise/repo.ts';
import { postEntry } from '../ledger/service.ts';
import { shiftSubsidy } from '../policy/service.ts';
import type {
  BoundPolicyForSubsidy,
  PolicyForSubsidy,
  SubsidyAtBind,
  SubsidyEngine,
} from '../policy/subsidy-port.ts';
import {
  activeQuotaForItem,
  addPaid,
  barredUntilOf,
  budgetMismatches,
  commitBudget,
  commitQuota,
  enterpriseHistory,
  findProgramme,
  type GrantRow,
  grantsOfPolicy,
  insertGrant,
  insertMaterial,
  insertQuota,
  insertReview,
  isFunder,
  lastRequest,
  lockGrant,
  lockQuota,
  lockUnconfirmed,
  materialsOf,
  operatedProgrammes,
  type ProgrammeRow,
  type QuotaRow,
  quotaForBind,
  quotaMismatches,
  refundOfPolicy,
  releaseBudget,
  releaseQuota,
  revokeQuotaRow,
  setBudget,
  setOperator,
  updateGrant,
  upsertProgramme,
} from './repo.ts';

/*
 * The subsidy desk (补贴). At bind every programme a funder operates on the platform whose code is among
 * the product's subsidy tags is evaluated (the pure engine in @kebao/domain/subsidy, every rule's
 * contribution kept); an auto-mode (免申即享) grant is reserved against the programme's budget in the bind
 * transaction and the enterprise pays only its net share; the enterprise confirms it within the
 * programme's working days. An apply-mode programme opens an application with its material checklist,
 * reviewed by the funder. The budget is never overspent (the commit is a guarded UPDATE), a return premium
 * claws back the funder's part, and every grant, claw-back and payment is posted in the funder's books.
 */

export function programmeChecksum(definition: unknown): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

export function programmeOf(row: ProgrammeRow): SubsidyProgramme {
  return row.definition as unknown as SubsidyProgramme;
}

/** Stores a programme definition (shipped file or upload); the same code with a new version replaces it. */
export async function saveProgramme(ctx: Ctx, data: unknown, source: 'catalog' | 'api', byFunder = false) {
  const parsed = parseProgramme(data);
  if (!parsed.ok) {
    throw problem('request.invalid', {
      detail: 'the subsidy programme is not valid',
      errors: parsed.errors.map((e) => ({ ...e, path: `/body${e.path}` })),
    });
  }
  const p = parsed.programme;
  const existing = await findProgramme(ctx.db, p.code, true);
  const checksum = programmeChecksum(p);
  if (existing && existing.version === p.version && existing.checksum === checksum)
    return { row: existing, changed: false };
  if (byFunder && existing && existing.funder_org_id !== ctx.actor.orgId)
    throw problem('subsidy.programme_not_found');
  if (existing && p.version <= existing.version) {
    throw problem('subsidy.version_exists', { params: { code: p.code, version: existing.version } });
  }
  await upsertProgramme(ctx.db, {
    code: p.code,
    version: p.version,
    definition: p as unknown as Record<string, unknown>,
    checksum,
    name_zh: p.names.zh,
    name_en: p.names.en,
    level: p.funder.level,
    budget: parseYuan(p.budget),
    source,
    at: ctx.now,
  });
  if (byFunder && !existing) await setOperator(ctx.db, p.code, ctx.actor.orgId, ctx.now);
  ctx.audit({
    action: 'subsidy.programme_save',
    entityType: 'subsidy_programme',
    entityId: p.code,
    before: existing ? { version: existing.version } : undefined,
    after: { version: p.version, budget: p.budget, source },
  });
  return { row: (await findProgramme(ctx.db, p.code)) as ProgrammeRow, changed: true };
}

interface PendingGrant {
  programme: ProgrammeRow;
  decision: SubsidyDecision;
  yearIndex: number;
  year: number;
  status: GrantRow['status'];
  confirmBy: string | null;
  quotaId: string | null;
}

/** The engine behind the policy module's subsidy port. */
export function subsidyEngine(cache: CatalogCache): SubsidyEngine {
  return {
    atBind: (ctx, policy) => grantsAtBind(ctx, cache, policy),
    recordBind: (ctx, policy, grant) => recordGrants(ctx, policy, grant),
    onReturn: (ctx, policy, proposed, cancelled) => clawBack(ctx, policy.id, proposed, cancelled),
  };
}

async function grantsAtBind(ctx: Ctx, cache: CatalogCache, policy: PolicyForSubsidy): Promise<SubsidyAtBind> {
  const none: SubsidyAtBind = { subsidy: 0n, funderOrgId: null, programme: null };
  const cached = await cache.get(policy.productCode, policy.productVersion);
  const tags = (cached?.definition as { subsidyTags?: string[] } | undefined)?.subsidyTags ?? [];
  const covered = (await operatedProgrammes(ctx.db)).filter((row) =>
    programmeCovers(programmeOf(row), {
      productCode: policy.productCode,
      statisticalClass: policy.statisticalClass,
      subsidyTags: tags,
    }),
  );
  const programmes = covered.sort(
    (a, b) => (programmeOf(a).priority ?? 0) - (programmeOf(b).priority ?? 0) || a.code.localeCompare(b.code),
  );
  if (programmes.length === 0) return none;
  const year = Number(shanghaiDateOf(ctx.now).slice(0, 4));
  const pending: PendingGrant[] = [];
  let premiumLeft = policy.premium;
  const groups: string[] = [];
  let funder: string | null = null;
  for (const row of programmes) {
    const programme = programmeOf(row);
    // One funder pays at bind (the one the bill is split with); others' programmes are applied for.
    const reducesBill = programme.mode === 'auto' && programme.payee === 'insurer';
    if (reducesBill && funder !== null && row.funder_org_id !== funder) continue;
    const history = await enterpriseHistory(ctx.db, policy.enterpriseId, row.code, year);
    const barredUntil = await barredUntilOf(ctx.db, policy.enterpriseId, row.code);
    // A quota programme pays only against the enterprise's approved quota (资格审定 before the money).
    const quota = programme.quota
      ? await quotaForBind(ctx.db, row.code, policy.enterpriseId, policy.startDate)
      : null;
    const decision = decideSubsidy(
      programme,
      {
        policy: {
          productCode: policy.productCode,
          statisticalClass: policy.statisticalClass,
          subsidyTags: tags,
          premium: policy.premium,
          sumInsured: policy.sumInsured,
          startDate: policy.startDate,
          facts: policy.facts,
        },
        enterprise: { facts: policy.facts },
        history: {
          yearIndex: history.yearsBefore + 1,
          grantedThisYearToEnterprise: history.thisYear,
          grantedToPolicy: 0n,
          programmeGranted: row.committed,
          quotaLeft: quota ? quota.quota - quota.used : null,
          groupsAlreadyGranted: groups,
          barredUntil,
        },
      },
      { premiumLeft, groupsGranted: groups },
    );
    if (decision.amount <= 0n) continue;
    if (quota && !(await commitQuota(ctx.db, quota.id, decision.amount))) continue; // a racing bind took it
    if (!(await commitBudget(ctx.db, row.code, decision.amount))) {
      // A racing bind took the rest of the budget.
      if (quota) await releaseQuota(ctx.db, quota.id, decision.amount);
      continue;
    }
    premiumLeft -= decision.amount;
    if (programme.noDoubleDipGroup) groups.push(programme.noDoubleDipGroup);
    const today = shanghaiDateOf(ctx.now);
    if (reducesBill) funder = row.funder_org_id;
    pending.push({
      programme: row,
      decision,
      yearIndex: history.yearsBefore + 1,
      year,
      status: programme.mode === 'auto' ? 'reserved' : 'applied',
      confirmBy:
        programme.mode === 'auto'
          ? workingDaysAfter(
              today,
              programme.confirmWorkingDays ?? 3,
              await workingCalendarFor(ctx.db, today),
            )
          : null,
      quotaId: quota?.id ?? null,
    });
  }
  const atBind = pending.filter(
    (p) => p.status === 'reserved' && programmeOf(p.programme).payee === 'insurer',
  );
  const subsidy = atBind.reduce((s, p) => s + p.decision.amount, 0n);
  return {
    subsidy,
    funderOrgId: subsidy > 0n ? funder : null,
    programme: atBind.map((p) => p.programme.code).join(',') || null,
    pending,
  };
}

async function recordGrants(ctx: Ctx, policy: BoundPolicyForSubsidy, grant: SubsidyAtBind): Promise<void> {
  const pending = (grant.pending ?? []) as PendingGrant[];
  for (const p of pending) {
    const programme = programmeOf(p.programme);
    const row: GrantRow = {
      id: newId(),
      programme_code: p.programme.code,
      programme_version: p.programme.version,
      policy_id: policy.policyId,
      enterprise_id: policy.enterpriseId,
      enterprise_org: policy.enterpriseOrg,
      funder_org_id: p.programme.funder_org_id as string,
      insurer_org_id: policy.collectorOrgId,
      mode: programme.mode,
      payee: programme.payee,
      status: p.status,
      amount: p.decision.amount,
      clawed_back: 0n,
      paid: 0n,
      grant_year: p.year,
      year_index: p.yearIndex,
      no_double_dip: programme.noDoubleDipGroup ?? null,
      steps: JSON.parse(
        JSON.stringify(p.decision.steps, (_k, v) => (typeof v === 'bigint' ? formatYuan(v) : v)),
      ),
      confirm_by: p.confirmBy,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      quota_id: p.quotaId,
      review_stage: 0,
      supplement_by: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await insertGrant(ctx.db, row);
    // The funder's books: the grant is its expense and its payable to whoever is paid.
    const payeeId = row.payee === 'insurer' ? policy.collectorOrgId : policy.enterpriseId;
    await postEntry(ctx, {
      kind: 'subsidy_grant',
      description: `补贴 ${p.programme.name_zh}`,
      policyId: policy.policyId,
      lines: postSubsidyGrant({ funder: row.funder_org_id, insurer: payeeId, amount: row.amount }).map(
        (l) => ({
          ...l,
          policyId: policy.policyId,
        }),
      ),
    });
    const summary = {
      programme: row.programme_code,
      policyId: policy.policyId,
      amount: formatYuan(row.amount),
      status: row.status,
      confirmBy: row.confirm_by,
    };
    ctx.audit({ action: 'subsidy.grant', entityType: 'subsidy_grant', entityId: row.id, after: summary });
    ctx.emit({
      type: row.status === 'reserved' ? 'subsidy.reserved' : 'subsidy.applied',
      aggregateType: 'subsidy_grant',
      aggregateId: row.id,
      payload: summary,
      orgIds: [
        row.funder_org_id,
        policy.collectorOrgId,
        ...(policy.enterpriseOrg ? [policy.enterpriseOrg] : []),
      ],
    });
  }
}

/**
 * The funder's part of a return premium comes back: from the policy's bind-time grants, never more than
 * granted and not yet returned; the budget is released, the funder's books reversed. On a cancellation an
 * apply-mode grant not yet approved lapses entirely.
 */
async function clawBack(ctx: Ctx, policyId: string, proposed: Fen, cancelled: boolean): Promise<Fen> {
  let left = proposed;
  let total = 0n;
  for (const grant of await grantsOfPolicy(ctx.db, policyId, true)) {
    if (grant.payee === 'enterprise') {
      if (cancelled) await clawBackFromEnterprise(ctx, grant);
      continue;
    }
    if (!['reserved', 'confirmed'].includes(grant.status) || left === 0n) continue;
    const open = grant.amount - grant.clawed_back;
    const take = open < left ? open : left;
    if (take <= 0n) continue;
    await updateGrant(ctx.db, grant.id, { clawed_back: grant.clawed_back + take, at: ctx.now });
    await releaseGrant(ctx.db, grant, take);
    await postEntry(ctx, {
      kind: 'subsidy_clawback',
      description: `补贴追回（退费）${grant.programme_code}`,
      policyId,
      lines: reverseEntry(
        postSubsidyGrant({ funder: grant.funder_org_id, insurer: grant.insurer_org_id, amount: take }),
      ).map((l) => ({ ...l, policyId })),
    });
    ctx.audit({
      action: 'subsidy.clawback',
      entityType: 'subsidy_grant',
      entityId: grant.id,
      after: { amount: formatYuan(take), cancelled },
    });
    left -= take;
    total += take;
  }
  return total;
}

/**
 * A cancelled policy's grant paid (or to be paid) to the enterprise: one not paid yet lapses; one paid is
 * clawed back by the programme's rule (pro rata to the refunded premium, in full, or not) — a receivable
 * from the enterprise in the funder's books.
 */
async function clawBackFromEnterprise(ctx: Ctx, grant: GrantRow): Promise<void> {
  if (
    ['applied', 'submitted', 'reserved', 'confirmed', 'approved'].includes(grant.status) &&
    grant.paid === 0n
  ) {
    await lapse(ctx, grant, 'policy cancelled');
    return;
  }
  if (grant.paid === 0n) return;
  const programme = await findProgramme(ctx.db, grant.programme_code);
  const refund = await refundOfPolicy(ctx.db, grant.policy_id);
  if (!programme || !refund) return;
  const due = clawbackAmount(programmeOf(programme), grant.paid - grant.clawed_back, refund);
  if (due <= 0n) return;
  await updateGrant(ctx.db, grant.id, { clawed_back: grant.clawed_back + due, at: ctx.now });
  await releaseGrant(ctx.db, grant, due);
  await postEntry(ctx, {
    kind: 'subsidy_clawback',
    description: `补贴追回（退保）${grant.programme_code}`,
    policyId: grant.policy_id,
    lines: postSubsidyClawback({ funder: grant.funder_org_id, from: grant.enterprise_id, amount: due }).map(
      (l) => ({
        ...l,
        policyId: grant.policy_id,
      }),
    ),
  });
  ctx.audit({
    action: 'subsidy.clawback',
    entityType: 'subsidy_grant',
    entityId: grant.id,
    after: { amount: formatYuan(due), from: 'enterprise' },
  });
}

export async function lapse(ctx: Ctx, grant: GrantRow, why: string): Promise<void> {
  const open = grant.amount - grant.clawed_back;
  await updateGrant(ctx.db, grant.id, { status: 'lapsed', decision_note: why, at: ctx.now });
  if (open > 0n) {
    await releaseGrant(ctx.db, grant, open);
    await postEntry(ctx, {
      kind: 'subsidy_clawback',
      description: `补贴申请失效 ${grant.programme_code}`,
      policyId: grant.policy_id,
      lines: reverseEntry(
        postSubsidyGrant({
          funder: grant.funder_org_id,
          insurer: grant.payee === 'insurer' ? grant.insurer_org_id : grant.enterprise_id,
          amount: open,
        }),
      ).map((l) => ({ ...l, policyId: grant.policy_id })),
    });
  }
}

/** What a grant gives back goes back to its programme's budget and, when it drew on one, its quota. */
export async function releaseGrant(db: Ctx['db'], grant: GrantRow, amount: Fen): Promise<void> {
  await releaseBudget(db, grant.programme_code, amount);
  if (grant.quota_id) await releaseQuota(db, grant.quota_id, amount);
}

/** The enterprise confirms a 免申即享 grant (within the programme's working days). */
export async function confirmGrant(ctx: Ctx, id: string) {
  const grant = await lockGrant(ctx.db, id);
  if (!grant || grant.enterprise_org !== ctx.actor.orgId) throw problem('subsidy.grant_not_found');
  if (grant.status !== 'reserved') throw problem('subsidy.not_pending', { params: { status: grant.status } });
  const today = shanghaiDateOf(ctx.now);
  if (grant.confirm_by && today > grant.confirm_by) {
    throw problem('subsidy.confirmation_late', { params: { date: grant.confirm_by } });
  }
  await updateGrant(ctx.db, id, {
    status: 'confirmed',
    decided_by: ctx.actor.userId,
    decided_at: ctx.now,
    at: ctx.now,
  });
  ctx.audit({
    action: 'subsidy.confirm',
    entityType: 'subsidy_grant',
    entityId: id,
    after: { status: 'confirmed' },
  });
  ctx.emit({
    type: 'subsidy.confirmed',
    aggregateType: 'subsidy_grant',
    aggregateId: id,
    payload: { grantId: id, policyId: grant.policy_id },
    orgIds: [grant.funder_org_id, grant.insurer_org_id],
  });
}

/**
 * Money for subsidies moved between a funder and an insurer (the insurer recorded it): the funder's books
 * follow — a payment settles its payable, a refund of a claw-back comes back into its cash — and the grants
 * of the policy count what was paid. Called by the ledger in the same transaction.
 */
export async function funderMoneyMoved(
  ctx: Ctx,
  input: { funderOrgId: string; insurerOrgId: string; policyId: string | null; amount: Fen },
): Promise<void> {
  const { funderOrgId, insurerOrgId, policyId, amount } = input;
  if (amount === 0n) return;
  await postEntry(ctx, {
    kind: 'subsidy_payment',
    description: amount > 0n ? '补贴拨付' : '补贴退回',
    policyId,
    lines: [
      { account: 'subsidy_payable', orgId: funderOrgId, counterparty: insurerOrgId, amount, policyId },
      { account: 'cash', orgId: funderOrgId, counterparty: insurerOrgId, amount: -amount, policyId },
    ],
  });
  if (!policyId) return;
  let left = amount;
  for (const grant of await grantsOfPolicy(ctx.db, policyId, true)) {
    if (grant.funder_org_id !== funderOrgId || grant.payee !== 'insurer' || left === 0n) continue;
    const room = left > 0n ? grant.amount - grant.clawed_back - grant.paid : -grant.paid;
    const take = left > 0n ? (room < left ? room : left) : room > left ? room : left;
    if (take === 0n) continue;
    await updateGrant(ctx.db, grant.id, { paid: grant.paid + take, at: ctx.now });
    await addPaid(ctx.db, grant.programme_code, take);
    left -= take;
  }
}

export const grantsOf = (db: Queryable, policyId: string) => grantsOfPolicy(db, policyId);

/** The platform names the funder organisation operating a programme here (or none: not applied). */
export async function assignOperator(ctx: Ctx, code: string, funderOrgId: string | null) {
  const programme = await findProgramme(ctx.db, code, true);
  if (!programme) throw problem('subsidy.programme_not_found');
  if (funderOrgId !== null && !(await isFunder(ctx.db, funderOrgId))) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/funderOrgId',
          code: 'funder',
          message_zh: '须为政府资金方机构',
          message_en: 'Must be a government funder organisation',
        },
      ],
    });
  }
  await setOperator(ctx.db, code, funderOrgId, ctx.now);
  ctx.audit({
    action: 'subsidy.operator',
    entityType: 'subsidy_programme',
    entityId: code,
    before: { funder: programme.funder_org_id },
    after: { funder: funderOrgId },
  });
}

/** The operating funder changes the budget; never below what is already committed. */
export async function changeBudget(ctx: Ctx, code: string, budget: Fen) {
  const programme = await findProgramme(ctx.db, code, true);
  if (!programme || programme.funder_org_id !== ctx.actor.orgId) throw problem('subsidy.programme_not_found');
  if (!(await setBudget(ctx.db, code, budget, ctx.now))) {
    throw problem('subsidy.budget_below_committed', {
      params: { committed: formatYuan(programme.committed) },
    });
  }
  ctx.audit({
    action: 'subsidy.budget',
    entityType: 'subsidy_programme',
    entityId: code,
    before: { budget: formatYuan(programme.budget) },
    after: { budget: formatYuan(budget) },
  });
}

/** One material of an open application, by the enterprise: a listed key, PDF/JPEG/PNG, ≤ 10 MB, hashed. */
export async function uploadMaterial(
  ctx: Ctx,
  id: string,
  key: string,
  file: { filename: string; contentType: string; content: Buffer },
) {
  const grant = await lockGrant(ctx.db, id);
  if (!grant || grant.enterprise_org !== ctx.actor.orgId) throw problem('subsidy.grant_not_found');
  if (grant.status !== 'applied' && grant.status !== 'returned')
    throw problem('subsidy.not_pending', { params: { status: grant.status } });
  const programme = await findProgramme(ctx.db, grant.programme_code);
  const checklist = programme ? (programmeOf(programme).checklist ?? []) : [];
  if (!checklist.some((c) => c.key === key))
    throw problem('subsidy.material_not_listed', { params: { key } });
  const checked = checkUpload(file.contentType, file.content);
  if (!checked) throw problem('subsidy.material_type');
  const { contentType: type, sha256 } = checked;
  await insertMaterial(ctx.db, {
    grantId: id,
    key,
    filename: file.filename,
    contentType: type,
    content: file.content,
    sha256,
    by: ctx.actor.userId,
    at: ctx.now,
  });
  ctx.audit({
    action: 'subsidy.material',
    entityType: 'subsidy_grant',
    entityId: id,
    after: { key, filename: file.filename, size: file.content.length, sha256 },
  });
}

/**
 * The enterprise submits its application once the checklist is complete; one returned for more materials
 * (补正) goes back to the stage that asked, once every material asked for was uploaded again since.
 */
export async function submitApplication(ctx: Ctx, id: string) {
  const grant = await lockGrant(ctx.db, id);
  if (!grant || grant.enterprise_org !== ctx.actor.orgId) throw problem('subsidy.grant_not_found');
  if (grant.status !== 'applied' && grant.status !== 'returned')
    throw problem('subsidy.not_pending', { params: { status: grant.status } });
  const programme = await findProgramme(ctx.db, grant.programme_code);
  const checklist = programme ? (programmeOf(programme).checklist ?? []) : [];
  const materials = await materialsOf(ctx.db, id);
  const uploaded = new Set(materials.map((m) => m.key));
  const missing = checklist.filter((c) => !uploaded.has(c.key)).map((c) => c.names.zh);
  if (missing.length > 0)
    throw problem('subsidy.materials_missing', { params: { keys: missing.join('、') } });
  const resubmitted = grant.status === 'returned';
  if (resubmitted) {
    const request = await lastRequest(ctx.db, id);
    const since = request?.at ?? grant.updated_at;
    const fresh = new Set(materials.filter((m) => m.uploaded_at > since).map((m) => m.key));
    const stale = (request?.requested ?? []).filter((key) => !fresh.has(key));
    if (stale.length > 0) {
      const names = stale.map((key) => checklist.find((c) => c.key === key)?.names.zh ?? key);
      throw problem('subsidy.supplement_missing', { params: { keys: names.join('、') } });
    }
    await recordResubmission(ctx, grant, programme ? programmeOf(programme) : null);
  }
  await updateGrant(ctx.db, id, { status: 'submitted', supplement_by: null, at: ctx.now });
  ctx.audit({
    action: resubmitted ? 'subsidy.resubmit' : 'subsidy.submit',
    entityType: 'subsidy_grant',
    entityId: id,
    before: { status: grant.status },
    after: { status: 'submitted' },
  });
  ctx.emit({
    type: resubmitted ? 'subsidy.resubmitted' : 'subsidy.submitted',
    aggregateType: 'subsidy_grant',
    aggregateId: id,
    payload: { grantId: id, policyId: grant.policy_id, programme: grant.programme_code },
    orgIds: [grant.funder_org_id],
  });
}

async function recordResubmission(ctx: Ctx, grant: GrantRow, programme: SubsidyProgramme | null) {
  const stages = programme ? reviewStages(programme) : [];
  const stage = stages[Math.min(grant.review_stage, stages.length - 1)];
  await insertReview(ctx.db, {
    id: newId(),
    grantId: grant.id,
    stage: grant.review_stage,
    stageKey: stage?.key ?? 'review',
    decision: 'resubmit',
    note: '已补正材料并重新提交',
    requested: null,
    orgId: ctx.actor.orgId as string,
    userId: ctx.actor.userId,
    at: ctx.now,
  });
}

/** The funder pays an approved grant to the enterprise (payee enterprise), posted in its books. */
export async function payGrant(ctx: Ctx, id: string, channelRef: string) {
  const grant = await lockGrant(ctx.db, id);
  if (!grant || grant.funder_org_id !== ctx.actor.orgId) throw problem('subsidy.grant_not_found');
  const due = grant.amount - grant.clawed_back - grant.paid;
  const payable = grant.status === 'approved' || (grant.mode === 'auto' && grant.status === 'confirmed');
  if (!payable || grant.payee !== 'enterprise' || due <= 0n) {
    throw problem('subsidy.not_pending', { params: { status: grant.status } });
  }
  await postEntry(ctx, {
    kind: 'subsidy_payment',
    description: `补贴拨付 ${grant.programme_code}（${channelRef}）`,
    policyId: grant.policy_id,
    lines: [
      {
        account: 'subsidy_payable',
        orgId: grant.funder_org_id,
        counterparty: grant.enterprise_id,
        amount: due,
        policyId: grant.policy_id,
      },
      {
        account: 'cash',
        orgId: grant.funder_org_id,
        counterparty: grant.enterprise_id,
        amount: -due,
        policyId: grant.policy_id,
      },
    ],
  });
  await updateGrant(ctx.db, id, { paid: grant.paid + due, at: ctx.now });
  await addPaid(ctx.db, grant.programme_code, due);
  ctx.audit({
    action: 'subsidy.pay',
    entityType: 'subsidy_grant',
    entityId: id,
    after: { amount: formatYuan(due), channelRef },
  });
  ctx.emit({
    type: 'subsidy.paid',
    aggregateType: 'subsidy_grant',
    aggregateId: id,
    payload: { grantId: id, amount: formatYuan(due) },
    orgIds: grant.enterprise_org ? [grant.enterprise_org] : [],
  });
}

/** Programmes whose committed or paid amounts disagree with their grants, or exceed the budget. */
export const subsidyBudgetMismatches = (db: Queryable) => budgetMismatches(db);
export const subsidyQuotaMismatches = (db: Queryable) => quotaMismatches(db);

/**
 * 免申即享 grants not confirmed within their working days lapse: the budget is released, the funder's
 * grant reversed, and the policyholder owes that part of the premium (an invoice to it, a credit note
 * offsetting the funder's). Returns how many lapsed.
 */
export async function lapseUnconfirmed(ctx: Ctx, limit = 200): Promise<number> {
  const grants = await lockUnconfirmed(ctx.db, shanghaiDateOf(ctx.now), limit);
  for (const grant of grants) {
    const open = grant.amount - grant.clawed_back;
    await lapse(ctx, grant, '逾期未确认');
    if (grant.payee === 'insurer') await shiftSubsidy(ctx, grant.policy_id, open, '补贴逾期未确认');
    ctx.emit({
      type: 'subsidy.lapsed',
      aggregateType: 'subsidy_grant',
      aggregateId: grant.id,
      payload: {
        grantId: grant.id,
        policyId: grant.policy_id,
        amount: formatYuan(open),
        confirmBy: grant.confirm_by,
      },
      orgIds: [
        grant.funder_org_id,
        grant.insurer_org_id,
        ...(grant.enterprise_org ? [grant.enterprise_org] : []),
      ],
    });
  }
  return grants.length;
}

/**
 * The estimate shown next to a recommendation: the programmes operated on the platform, decided as at a bind
 * starting tomorrow (the bind itself decides the grant).
 */
/**
 * A programme as an estimate sees it: the budget is the one the funder set here (it may differ from the
 * definition's), with what is committed against it.
 */
function estimatedProgramme(row: ProgrammeRow) {
  return { programme: { ...programmeOf(row), budget: formatYuan(row.budget) }, committed: row.committed };
}

export async function subsidyEstimatorAt(db: Queryable, now: Date) {
  const rows = await operatedProgrammes(db);
  const tomorrow = addDays(shanghaiDateOf(now), 1);
  return programmeEstimator(rows.map(estimatedProgramme), tomorrow);
}

/**
 * The subsidy a priced quote would get if bound now (预计补贴, shown next to its premium): the operated
 * programmes decided as at a bind on the quote's start date, first year, nothing granted yet — an estimate,
 * the bind decides. Null when none grants anything.
 */
export async function estimateForQuote(
  db: Queryable,
  quote: {
    productCode: string;
    productVersion: number;
    statisticalClass: StatisticalClass;
    subsidyTags: readonly string[];
    premium: Fen;
    sumInsured: Fen;
    startDate: string;
    enterpriseFacts: EnterpriseFacts;
  },
) {
  const rows = await operatedProgrammes(db);
  const estimator = programmeEstimator(rows.map(estimatedProgramme), quote.startDate);
  return estimator.estimate({
    productCode: quote.productCode,
    productVersion: quote.productVersion,
    statisticalClass: quote.statisticalClass,
    subsidyTags: quote.subsidyTags,
    premiumFen: quote.premium,
    sumInsuredFen: quote.sumInsured,
    enterpriseFacts: quote.enterpriseFacts,
  });
}

/**
 * The operating funder approves a quota (资格审定): an enterprise's listed item with its product value, under
 * the approval letter's reference; the quota is the programme's percentage of the value. One active quota
 * per item; binds of the enterprise then draw on it.
 */
export async function approveQuota(
  ctx: Ctx,
  code: string,
  input: { enterpriseId: string; item: string; productValue: Fen; approvalRef: string },
) {
  const row = await findProgramme(ctx.db, code, true);
  if (!row?.funder_org_id || row.funder_org_id !== ctx.actor.orgId)
    throw problem('subsidy.programme_not_found');
  const funderOrgId = row.funder_org_id;
  const tooSmall = () =>
    problem('request.invalid', {
      errors: [
        {
          path: '/body/productValue',
          code: 'too_small',
          message_zh: '产品价值须为正数，且核定额度不少于 0.01 元',
          message_en: 'The product value must be positive and give a quota of at least 0.01 yuan',
        },
      ],
    });
  if (input.productValue <= 0n) throw tooSmall();
  const quota = approvedQuota(programmeOf(row), input.productValue);
  const validUntil = quotaValidUntil(programmeOf(row), shanghaiDateOf(ctx.now));
  if (quota === null) throw problem('subsidy.no_quota_rule', { params: { code } });
  if (quota <= 0n) throw tooSmall();
  const enterprise = await findEnterpriseById(ctx.db, input.enterpriseId);
  if (!enterprise) throw problem('enterprise.not_found');
  const barredUntil = await barredUntilOf(ctx.db, enterprise.id, code);
  if (barredUntil !== null && shanghaiDateOf(ctx.now) < barredUntil) {
    throw problem('subsidy.enterprise_barred', { params: { until: barredUntil } });
  }
  const item = input.item.trim();
  if (await activeQuotaForItem(ctx.db, code, enterprise.id, item)) {
    throw problem('subsidy.quota_exists', { params: { item } });
  }
  const q: QuotaRow = {
    id: newId(),
    programme_code: code,
    enterprise_id: enterprise.id,
    enterprise_org: enterprise.org_id,
    funder_org_id: funderOrgId,
    item,
    approval_ref: input.approvalRef.trim(),
    product_value: input.productValue,
    quota,
    used: 0n,
    status: 'active',
    approved_by: ctx.actor.userId,
    approved_at: ctx.now,
    revoked_by: null,
    revoked_at: null,
    revoke_reason: null,
    valid_until: validUntil as string,
  };
  await insertQuota(ctx.db, q);
  const summary = {
    programme: code,
    enterpriseId: enterprise.id,
    item,
    approvalRef: q.approval_ref,
    productValue: formatYuan(q.product_value),
    quota: formatYuan(quota),
    validUntil,
  };
  ctx.audit({ action: 'subsidy.quota_approve', entityType: 'subsidy_quota', entityId: q.id, after: summary });
  ctx.emit({
    type: 'subsidy.quota_approved',
    aggregateType: 'subsidy_quota',
    aggregateId: q.id,
    payload: summary,
    orgIds: [funderOrgId, ...(enterprise.org_id ? [enterprise.org_id] : [])],
  });
  return q.id;
}

/** The funder revokes a quota it approved: no further grant draws on it; grants already made stand. */
export async function revokeQuota(ctx: Ctx, id: string, reason: string) {
  const q = await lockQuota(ctx.db, id);
  if (!q || q.funder_org_id !== ctx.actor.orgId) throw problem('subsidy.quota_not_found');
  if (q.status === 'revoked') throw problem('subsidy.quota_revoked');
  await revokeQuotaRow(ctx.db, id, ctx.actor.userId, ctx.now, reason);
  ctx.audit({
    action: 'subsidy.quota_revoke',
    entityType: 'subsidy_quota',
    entityId: id,
    before: { status: 'active', used: formatYuan(q.used) },
    after: { status: 'revoked', reason },
  });
  ctx.emit({
    type: 'subsidy.quota_revoked',
    aggregateType: 'subsidy_quota',
    aggregateId: id,
    payload: { programme: q.programme_code, enterpriseId: q.enterprise_id, item: q.item, reason },
    orgIds: [q.funder_org_id, ...(q.enterprise_org ? [q.enterprise_org] : [])],
  });
}
