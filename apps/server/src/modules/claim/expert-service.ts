import type { Queryable } from '@kebao/db';
import { type Fen, formatYuan } from '@kebao/domain/money';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { readQuote } from '../quote/request-service.ts';
import {
  type AssignmentRow,
  type ExpertRow,
  findAssignment,
  findClaim,
  findExpert,
  insertAssignment,
  insertExpert,
  recentPayers,
  reportAssignment,
  rotationOrder,
  setExpertAvailable,
} from './repo.ts';
import { lockForLead, participantsOf, partiesOf, step, transition, wrongStatus } from './service.ts';

/*
 * The expert pool (专家库): experts by field, region and availability; assignment to a claim by rotation,
 * best match or by name, never to one with a conflict of interest (employed by a party to the claim, or
 * paid by one in the last year); the expert's report on the claim's timeline.
 */

export async function addExpert(
  ctx: Ctx,
  input: {
    name: string;
    employer: string;
    employerOrgId?: string | null | undefined;
    userId?: string | null | undefined;
    fields: string[];
    qualifications?: string[] | undefined;
    regionCode?: string | null | undefined;
  },
): Promise<ExpertRow> {
  const row: ExpertRow = {
    id: newId(),
    name: input.name,
    employer: input.employer,
    employer_org_id: input.employerOrgId ?? null,
    user_id: input.userId ?? null,
    fields: input.fields,
    qualifications: input.qualifications ?? [],
    region_code: input.regionCode ?? null,
    available: true,
    last_assigned_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await insertExpert(ctx.db, row);
  ctx.audit({ action: 'expert.create', entityType: 'expert', entityId: row.id, after: input });
  return row;
}

export async function changeAvailability(ctx: Ctx, id: string, available: boolean) {
  const row = await setExpertAvailable(ctx.db, id, available, ctx.now);
  if (!row) throw problem('expert.not_found');
  ctx.audit({ action: 'expert.availability', entityType: 'expert', entityId: id, after: { available } });
  return row;
}

/** How long a fee from a party keeps an expert off that party's claims. */
const PAID_CONFLICT_DAYS = 365;

/**
 * Why an expert may not act on a claim: employed by one of its parties (an insurer on the policy, the
 * policyholder, its broker); or paid a fee in the last year by the policyholder or its broker, or by an
 * insurer on the policy for anything but assessing its claims (the pool's ordinary claim fees, which the
 * insurers pay, are not a conflict). Null when there is none.
 */
export async function conflictOf(
  db: Queryable,
  expert: ExpertRow,
  parties: { claimant: readonly string[]; insurers: readonly string[] },
  now: Date,
) {
  const all = [...parties.claimant, ...parties.insurers];
  if (expert.employer_org_id && all.includes(expert.employer_org_id)) {
    return { zh: `受雇于案件当事方（${expert.employer}）`, en: `employed by a party (${expert.employer})` };
  }
  const since = new Date(now.getTime() - PAID_CONFLICT_DAYS * 86_400_000);
  const paid = await recentPayers(db, expert.id, since);
  if (
    paid.some(
      (p) =>
        parties.claimant.includes(p.paid_by_org) ||
        (parties.insurers.includes(p.paid_by_org) && p.purpose !== 'claim'),
    )
  ) {
    return { zh: '近一年内收取过当事方费用', en: 'paid by a party within the last year' };
  }
  return null;
}

/** The enterprise's region code (GB/T 2260) among the facts a quote or policy was priced on. */
function regionOf(facts: Record<string, unknown>): string | null {
  return typeof facts.region === 'string' ? facts.region : null;
}

/** The expert to assign: the one named, or the first of the rotation (region first for a match) without a conflict. */
async function chooseExpert(
  ctx: Ctx,
  input: { field: string; method: 'rotation' | 'match' | 'named'; expertId?: string | undefined },
  parties: { claimant: readonly string[]; insurers: readonly string[] },
  region: string | null,
): Promise<ExpertRow> {
  if (input.method === 'named') {
    const expert = input.expertId ? await findExpert(ctx.db, input.expertId, true) : null;
    if (!expert?.available) throw problem('expert.not_found');
    const conflict = await conflictOf(ctx.db, expert, parties, ctx.now);
    if (conflict) throw problem('expert.conflict', { params: { reason: conflict.zh } });
    return expert;
  }
  const candidates = await rotationOrder(ctx.db, input.field);
  const ordered =
    input.method === 'match' && region
      ? [
          ...candidates.filter((c) => c.region_code === region),
          ...candidates.filter((c) => c.region_code !== region),
        ]
      : candidates;
  for (const candidate of ordered) {
    if (!(await conflictOf(ctx.db, candidate, parties, ctx.now))) return candidate;
  }
  throw problem('expert.none_available', { params: { field: input.field } });
}

/**
 * A risk evaluation at underwriting (承保前风险评估): the quote's insurer asks an expert of the pool, by
 * the same rules and conflict checks as a claim; the report comes back through the expert's workspace.
 */
export async function assignQuoteExpert(
  ctx: Ctx,
  quoteId: string,
  input: { field: string; method: 'rotation' | 'match' | 'named'; expertId?: string | undefined; fee: Fen },
): Promise<AssignmentRow> {
  const quote = await readQuote(ctx, quoteId);
  if (!quote || quote.insurer_org_id !== ctx.actor.orgId) throw problem('quote.not_found');
  const parties = {
    claimant: [quote.enterprise_org, quote.broker_org_id].filter((o): o is string => o !== null),
    insurers: [quote.insurer_org_id],
  };
  const region = regionOf(quote.facts);
  const chosen = await chooseExpert(ctx, input, parties, region);
  const row: AssignmentRow = {
    id: newId(),
    expert_id: chosen.id,
    claim_id: null,
    quote_id: quote.id,
    purpose: 'underwriting',
    method: input.method,
    status: 'assigned',
    fee: input.fee,
    paid_by_org: input.fee > 0n ? ctx.actor.orgId : null,
    report: null,
    report_amount: null,
    assigned_by: ctx.actor.userId,
    assigned_at: ctx.now,
    reported_at: null,
  };
  await insertAssignment(ctx.db, row);
  ctx.audit({
    action: 'quote.expert_assign',
    entityType: 'quote',
    entityId: quote.id,
    after: { expert: chosen.id, field: input.field, method: input.method },
  });
  return { ...row, expert_name: chosen.name, expert_employer: chosen.employer };
}

/**
 * Assigns an expert of the field to a claim: a named one, the best match (the field and the claim's
 * region first, then rotation), or the next in rotation; never one with a conflict of interest.
 */
export async function assignExpert(
  ctx: Ctx,
  id: string,
  input: { field: string; method: 'rotation' | 'match' | 'named'; expertId?: string | undefined; fee: Fen },
): Promise<AssignmentRow> {
  const claim = await lockForLead(ctx, id);
  if (!['notified', 'assessing', 'reserved', 'reopened'].includes(claim.status))
    wrongStatus(claim, '指派专家');
  const found = await participantsOf(ctx, claim);
  const parties = {
    claimant: [claim.enterprise_org, claim.broker_org_id].filter((o): o is string => o !== null),
    insurers: found.lines.map((l) => l.org_id),
  };
  const region = regionOf(found.policy.facts);
  const chosen = await chooseExpert(ctx, input, parties, region);
  const row: AssignmentRow = {
    id: newId(),
    expert_id: chosen.id,
    claim_id: claim.id,
    quote_id: null,
    purpose: 'claim',
    method: input.method,
    status: 'assigned',
    fee: input.fee,
    paid_by_org: input.fee > 0n ? ctx.actor.orgId : null,
    report: null,
    report_amount: null,
    assigned_by: ctx.actor.userId,
    assigned_at: ctx.now,
    reported_at: null,
  };
  await insertAssignment(ctx.db, row);
  if (claim.status === 'notified') {
    await transition(ctx, claim, 'assign_expert', 'assessing', null, `${chosen.name}（${chosen.employer}）`);
  } else {
    await step(
      ctx,
      claim,
      'assign_expert',
      claim.status,
      claim.status,
      null,
      `${chosen.name}（${chosen.employer}）`,
    );
    ctx.audit({
      action: 'claim.assign_expert',
      entityType: 'claim',
      entityId: claim.id,
      after: { expert: chosen.id },
    });
  }
  return { ...row, expert_name: chosen.name, expert_employer: chosen.employer };
}

/** The expert's report (查勘定损报告): findings and the loss as assessed. */
export async function submitReport(
  ctx: Ctx,
  assignmentId: string,
  input: { report: string; amount: Fen | null },
) {
  const assignment = await findAssignment(ctx.db, assignmentId, true);
  if (!assignment || assignment.expert_user_id !== ctx.actor.userId) throw problem('expert.not_found');
  if (assignment.status !== 'assigned')
    throw problem('claim.wrong_status', { params: { status: assignment.status, action: '提交报告' } });
  await reportAssignment(ctx.db, assignmentId, input.report, input.amount, ctx.now);
  if (assignment.claim_id) {
    const claim = await findClaim(ctx.db, assignment.claim_id, true);
    if (claim) {
      await step(
        ctx,
        claim,
        'expert_report',
        claim.status,
        claim.status,
        input.amount,
        input.report.slice(0, 500),
      );
      const found = await participantsOf(ctx, claim);
      ctx.emit({
        type: 'claim.expert_reported',
        aggregateType: 'claim',
        aggregateId: claim.id,
        payload: { claimId: claim.id, number: claim.number, assignmentId },
        orgIds: partiesOf(
          claim,
          found.lines.map((l) => l.org_id),
        ),
      });
    }
  }
  ctx.audit({
    action: 'expert.report',
    entityType: 'expert_assignment',
    entityId: assignmentId,
    after: { amount: input.amount === null ? null : formatYuan(input.amount) },
  });
}
