import { postSubsidyClawback, postSubsidyGrant, reverseEntry } from '@kebao/domain/ledger';
import { type Fen, formatYuan } from '@kebao/domain/money';
import {
  afterReview,
  barredUntil,
  type ReviewDecision,
  reviewStages,
  supplementWorkingDays,
  workingDaysAfter,
} from '@kebao/domain/subsidy';
import { shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { workingCalendarFor } from '../calendar/service.ts';
import { postEntry } from '../ledger/service.ts';
import { shiftSubsidy } from '../policy/service.ts';
import {
  deleteReviewer,
  findProgramme,
  findVisibleGrant,
  type GrantRow,
  insertBar,
  insertReview,
  isFunder,
  lockGrant,
  overdueReturned,
  updateGrant,
  upsertReviewer,
} from './repo.ts';
import { lapse, programmeOf, releaseGrant } from './service.ts';

/** The grant as its reviewer sees it, with the programme and the stage it waits at. */
async function grantUnderReview(ctx: Ctx, id: string) {
  const grant = await lockGrant(ctx.db, id);
  const view = grant ? await findVisibleGrant(ctx.db, { all: false, orgId: ctx.actor.orgId }, id) : null;
  const row = grant ? await findProgramme(ctx.db, grant.programme_code) : null;
  if (!grant || !view || !row) throw problem('subsidy.grant_not_found');
  const programme = programmeOf(row);
  const stages = reviewStages(programme);
  const index = Math.min(grant.review_stage, stages.length - 1);
  const stage = stages[index] as (typeof stages)[number];
  return { grant, view, programme, stages, index, stage };
}

/**
 * A reviewer decides on an application at the stage it waits at (申报审核): approval sends it to the next
 * stage or, at the last, grants it; a rejection ends it and gives the money back to the budget; a request
 * for more (补正) returns it to the enterprise with the materials asked for, due within the programme's
 * working days on the holiday calendar. Only the stage's reviewer may decide; every decision is kept.
 */
export async function reviewGrant(
  ctx: Ctx,
  id: string,
  input: { decision: ReviewDecision; note: string; requested?: readonly string[] | undefined },
) {
  const { grant, view, programme, stages, index, stage } = await grantUnderReview(ctx, id);
  if (grant.status !== 'submitted')
    throw problem('subsidy.not_pending', { params: { status: grant.status } });
  if (view.reviewer_org_id !== ctx.actor.orgId) {
    throw problem('subsidy.not_your_stage', {
      params: { stage: stage.names.zh, stageEn: stage.names.en, reviewer: view.reviewer_name },
    });
  }
  const requested = input.decision === 'request_more' ? [...new Set(input.requested ?? [])] : null;
  if (requested !== null) {
    const listed = new Set((programme.checklist ?? []).map((c) => c.key));
    const unknown = requested.find((key) => !listed.has(key));
    if (unknown !== undefined) throw problem('subsidy.material_not_listed', { params: { key: unknown } });
  }
  const next = afterReview(stages, index, input.decision);
  const today = shanghaiDateOf(ctx.now);
  const decided = { decided_by: ctx.actor.userId, decided_at: ctx.now, at: ctx.now };
  switch (next.status) {
    case 'submitted':
      await updateGrant(ctx.db, id, { review_stage: next.stage, at: ctx.now });
      break;
    case 'approved':
      await updateGrant(ctx.db, id, { status: 'approved', decision_note: input.note, ...decided });
      break;
    case 'rejected':
      await lapse(ctx, grant, input.note);
      await updateGrant(ctx.db, id, { status: 'rejected', ...decided });
      break;
    case 'returned': {
      const calendar = await workingCalendarFor(ctx.db, today);
      const due = workingDaysAfter(today, supplementWorkingDays(programme), calendar);
      await updateGrant(ctx.db, id, {
        status: 'returned',
        supplement_by: due,
        decision_note: input.note,
        at: ctx.now,
      });
      break;
    }
  }
  await insertReview(ctx.db, {
    id: newId(),
    grantId: id,
    stage: index,
    stageKey: stage.key,
    decision: input.decision,
    note: input.note,
    requested,
    orgId: ctx.actor.orgId as string,
    userId: ctx.actor.userId,
    at: ctx.now,
  });
  ctx.audit({
    action: `subsidy.${input.decision}`,
    entityType: 'subsidy_grant',
    entityId: id,
    before: { status: grant.status, stage: stage.key },
    after: { status: next.status, stage: stages[next.stage]?.key ?? stage.key, note: input.note, requested },
  });
  const after = await findVisibleGrant(ctx.db, { all: true, orgId: null }, id);
  const type =
    next.status === 'submitted'
      ? 'subsidy.stage_approved'
      : next.status === 'approved'
        ? 'subsidy.approved'
        : next.status === 'rejected'
          ? 'subsidy.rejected'
          : 'subsidy.returned';
  ctx.emit({
    type,
    aggregateType: 'subsidy_grant',
    aggregateId: id,
    payload: {
      grantId: id,
      policyId: grant.policy_id,
      stage: stage.key,
      note: input.note,
      ...(requested ? { requested, supplementBy: after?.supplement_by ?? null } : {}),
    },
    orgIds: [
      grant.insurer_org_id,
      ...(grant.enterprise_org ? [grant.enterprise_org] : []),
      ...(next.status === 'submitted' && after ? [after.reviewer_org_id] : []),
    ],
  });
}

/**
 * A fraud finding (骗取补贴) by the operating funder: the grant is revoked and everything it gave is taken
 * back — what was not paid yet is cancelled (under payee insurer the policyholder now owes that part of its
 * premium), what was paid becomes a receivable from the enterprise — the budget and any quota get it all
 * back, and the enterprise is barred from the programme for its bar period (取消申报资格).
 */
export async function findFraud(ctx: Ctx, id: string, input: { note: string }) {
  const { grant, programme, index, stage } = await grantUnderReview(ctx, id);
  if (grant.funder_org_id !== ctx.actor.orgId) throw problem('subsidy.grant_not_found');
  if (!['reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved'].includes(grant.status)) {
    throw problem('subsidy.not_pending', { params: { status: grant.status } });
  }
  const open = grant.amount - grant.clawed_back;
  const paidOut = grant.paid - grant.clawed_back;
  const paidOpen: Fen = paidOut <= 0n ? 0n : paidOut < open ? paidOut : open;
  const notPaid = open - paidOpen;
  const payeeId = grant.payee === 'insurer' ? grant.insurer_org_id : grant.enterprise_id;
  if (notPaid > 0n) {
    await releaseGrant(ctx.db, grant, notPaid);
    await postEntry(ctx, {
      kind: 'subsidy_clawback',
      description: `补贴撤销（骗补）${grant.programme_code}`,
      policyId: grant.policy_id,
      lines: reverseEntry(
        postSubsidyGrant({ funder: grant.funder_org_id, insurer: payeeId, amount: notPaid }),
      ).map((l) => ({ ...l, policyId: grant.policy_id })),
    });
    if (grant.payee === 'insurer') await shiftSubsidy(ctx, grant.policy_id, notPaid, '骗取补贴，补贴撤销');
  }
  if (paidOpen > 0n) {
    await releaseGrant(ctx.db, grant, paidOpen);
    await postEntry(ctx, {
      kind: 'subsidy_clawback',
      description: `补贴追回（骗补）${grant.programme_code}`,
      policyId: grant.policy_id,
      lines: postSubsidyClawback({
        funder: grant.funder_org_id,
        from: grant.enterprise_id,
        amount: paidOpen,
      }).map((l) => ({ ...l, policyId: grant.policy_id })),
    });
  }
  await updateGrant(ctx.db, id, {
    status: 'revoked',
    clawed_back: grant.amount,
    supplement_by: null,
    decision_note: input.note,
    decided_by: ctx.actor.userId,
    decided_at: ctx.now,
    at: ctx.now,
  });
  await insertReview(ctx.db, {
    id: newId(),
    grantId: id,
    stage: index,
    stageKey: stage.key,
    decision: 'fraud',
    note: input.note,
    requested: null,
    orgId: ctx.actor.orgId as string,
    userId: ctx.actor.userId,
    at: ctx.now,
  });
  const today = shanghaiDateOf(ctx.now);
  const until = barredUntil(programme, today);
  if (until !== null) {
    await insertBar(ctx.db, {
      id: newId(),
      enterpriseId: grant.enterprise_id,
      code: grant.programme_code,
      grantId: id,
      foundOn: today,
      until,
      note: input.note,
      orgId: ctx.actor.orgId as string,
      userId: ctx.actor.userId,
      at: ctx.now,
    });
  }
  const summary = {
    status: 'revoked',
    cancelled: formatYuan(notPaid),
    recoverable: formatYuan(paidOpen),
    barredUntil: until,
    note: input.note,
  };
  ctx.audit({
    action: 'subsidy.fraud',
    entityType: 'subsidy_grant',
    entityId: id,
    before: { status: grant.status, amount: formatYuan(grant.amount), paid: formatYuan(grant.paid) },
    after: summary,
  });
  ctx.emit({
    type: 'subsidy.revoked',
    aggregateType: 'subsidy_grant',
    aggregateId: id,
    payload: { grantId: id, policyId: grant.policy_id, programme: grant.programme_code, ...summary },
    orgIds: [grant.insurer_org_id, ...(grant.enterprise_org ? [grant.enterprise_org] : [])],
  });
}

/**
 * The platform assigns (or, with a null org, removes) the funder reviewing one stage of a programme for the
 * enterprises whose region code starts with the prefix.
 */
export async function assignReviewer(
  ctx: Ctx,
  code: string,
  input: { stage: string; regionPrefix: string; orgId: string | null },
) {
  const row = await findProgramme(ctx.db, code, true);
  if (!row) throw problem('subsidy.programme_not_found');
  if (!reviewStages(programmeOf(row)).some((s) => s.key === input.stage)) {
    throw problem('subsidy.stage_unknown', { params: { code, stage: input.stage } });
  }
  const key = { code, stageKey: input.stage, regionPrefix: input.regionPrefix };
  let before: string | null;
  if (input.orgId === null) {
    before = await deleteReviewer(ctx.db, key);
  } else {
    if (!(await isFunder(ctx.db, input.orgId))) throw problem('subsidy.reviewer_not_funder');
    before = await upsertReviewer(ctx.db, { ...key, orgId: input.orgId, at: ctx.now });
  }
  ctx.audit({
    action: 'subsidy.reviewer',
    entityType: 'subsidy_programme',
    entityId: code,
    before: { stage: input.stage, regionPrefix: input.regionPrefix, reviewer: before },
    after: { stage: input.stage, regionPrefix: input.regionPrefix, reviewer: input.orgId },
  });
}

/**
 * Applications returned for more materials and not resubmitted by the due day lapse (补正逾期): the money
 * goes back to the budget. Returns how many lapsed.
 */
export async function lapseOverdueSupplements(ctx: Ctx, limit = 200): Promise<number> {
  const ids = await overdueReturned(ctx.db, shanghaiDateOf(ctx.now), limit);
  for (const id of ids) {
    const grant = (await lockGrant(ctx.db, id)) as GrantRow;
    if (grant.status !== 'returned') continue;
    await lapse(ctx, grant, `逾期未补正（期限 ${grant.supplement_by}）`);
    ctx.audit({
      action: 'subsidy.lapse',
      entityType: 'subsidy_grant',
      entityId: id,
      before: { status: 'returned', supplementBy: grant.supplement_by },
      after: { status: 'lapsed' },
    });
    ctx.emit({
      type: 'subsidy.lapsed',
      aggregateType: 'subsidy_grant',
      aggregateId: id,
      payload: { grantId: id, policyId: grant.policy_id, supplementBy: grant.supplement_by },
      orgIds: [grant.funder_org_id, ...(grant.enterprise_org ? [grant.enterprise_org] : [])],
    });
  }
  return ids.length;
}
