import type { Queryable } from '@kebao/db';
import { type ProductDefinition, type QuoteRequest, resolvedOptions } from '@kebao/domain/catalog';
import {
  approvalAuthority,
  CLAIMS_AUTHORITY_LABELS,
  ClaimInputError,
  type ClaimsAuthorityRole,
  checkCoverage,
  slaDue,
  toCnyFen,
} from '@kebao/domain/claims';
import {
  type ClaimParticipant,
  type JournalLine,
  postClaimPayment,
  postClaimReserve,
} from '@kebao/domain/ledger';
import { type Fen, formatYuan } from '@kebao/domain/money';
import { coveredSections } from '@kebao/domain/policy';
import { addDays, shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { checkUpload } from '../../platform/http/uploads.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { postEntry } from '../ledger/service.ts';
import { rolesOfActor } from '../org/service.ts';
import { policyForClaim } from '../policy/service.ts';
import { applyReinsurance } from './recoveries-service.ts';
import {
  type ClaimRow,
  type ClaimStatus,
  claimLedgerMismatches,
  findClaim,
  findEvent,
  findEventByCode,
  insertClaim,
  insertDocument,
  insertEvent,
  insertStep,
  nextClaimSeq,
  sectionUsage,
  updateClaim,
} from './repo.ts';

/*
 * The claims desk (理赔). A notice of loss is checked against the policy at once (period, section,
 * trigger and retroactive date, deductible, limits: the pure rules in @kebao/domain/claims) and declined
 * with the clause cited when it is not covered. The lead insurer registers it (立案) with a case reserve,
 * has it assessed (an expert of the pool, without conflicts of interest), moves the reserve, approves an
 * amount within the handler's authority, and pays it: the payment is split by the signed lines, and under
 * 主代从收 the lead pays the whole and each follower owes it its part through the ledger. Every movement
 * of the incurred amount re-applies each co-insurer's reinsurance in its inuring order and posts the
 * recoveries' change. Every step is audited, kept on the claim's timeline and carries the next SLA.
 */

const STATUS_ZH: Record<ClaimStatus, string> = {
  notified: '已报案',
  declined: '已拒赔',
  assessing: '查勘定损中',
  reserved: '已立案估损',
  approved: '已核赔',
  paid: '已赔付',
  closed: '已结案',
  reopened: '已重开',
  withdrawn: '已撤案',
};

/** The end (24:00 Shanghai) of the last day of the step entered now; null when the step has no limit. */
function dueAt(status: ClaimStatus, now: Date): Date | null {
  const day = slaDue(status, shanghaiDateOf(now));
  return day === null ? null : new Date(`${addDays(day, 1)}T00:00:00+08:00`);
}

/** The highest claims authority among the actor's roles (an API token acts with a handler's). */
function authorityRole(roles: readonly string[], actor: Ctx['actor']): ClaimsAuthorityRole {
  if (actor.type === 'system') return 'admin';
  if (roles.includes('insurer_admin')) return 'admin';
  if (roles.includes('claims_manager')) return 'claims_manager';
  return 'claims_handler';
}

export function wrongStatus(claim: ClaimRow, action: string): never {
  throw problem('claim.wrong_status', { params: { status: STATUS_ZH[claim.status], action } });
}

/** Everyone the claim concerns: the co-insurers, the policyholder and its broker. */
export function partiesOf(claim: ClaimRow, lineOrgs: readonly string[]): string[] {
  return [
    ...new Set([
      ...lineOrgs,
      ...(claim.enterprise_org ? [claim.enterprise_org] : []),
      ...(claim.broker_org_id ? [claim.broker_org_id] : []),
    ]),
  ];
}

export function claimNumber(on: string, n: bigint): string {
  return `CLM-${on.slice(0, 4)}-${n.toString().padStart(6, '0')}`;
}

export function definitionOf(
  cached: { definition: ProductDefinition } | null,
  code: string,
): ProductDefinition {
  if (!cached) throw new Error(`product ${code} is not in the catalogue`);
  return cached.definition;
}

// ---- Notice of loss -----------------------------------------------------------------------------

export interface FileClaimInput {
  policyId: string;
  sectionKey: string;
  sublimitKey?: string | undefined;
  lossDate: string;
  reportedOn?: string | undefined;
  description: string;
  /** The loss claimed in CNY fen, or in a foreign currency with the rate of the day. */
  claimed?: Fen | undefined;
  foreign?: { currency: string; amount: bigint; rate: string } | undefined;
  interruptionDays?: number | undefined;
  eventCode?: string | undefined;
}

export async function fileClaim(ctx: Ctx, cache: CatalogCache, input: FileClaimInput): Promise<ClaimRow> {
  const found = await policyForClaim(ctx.db, input.policyId);
  const orgId = ctx.actor.orgId;
  if (
    !found ||
    orgId === null ||
    (found.policy.enterprise_org !== orgId &&
      found.policy.broker_org_id !== orgId &&
      ctx.actor.type !== 'system')
  ) {
    throw problem('claim.policy_not_found');
  }
  const { policy, lines } = found;
  const today = shanghaiDateOf(ctx.now);
  const reportedOn = input.reportedOn ?? today;
  if (reportedOn > today) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/reportedOn',
          code: 'future',
          message_zh: '报案日期不能晚于今天',
          message_en: 'The report date cannot be in the future',
        },
      ],
    });
  }
  let claimed: Fen;
  let currency = 'CNY';
  let claimedForeign: bigint | null = null;
  if (input.foreign) {
    currency = input.foreign.currency;
    claimedForeign = input.foreign.amount;
    try {
      claimed = toCnyFen(input.foreign.amount, input.foreign.currency, input.foreign.rate, reportedOn);
    } catch (error) {
      throw problem('request.invalid', {
        errors: [
          {
            path: '/body/foreign',
            code: 'fx',
            message_zh: `外币金额无效：${(error as Error).message}`,
            message_en: `The foreign amount is not valid: ${(error as Error).message}`,
          },
        ],
      });
    }
  } else if (input.claimed !== undefined) {
    claimed = input.claimed;
  } else {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/claimed',
          code: 'required',
          message_zh: '请填写索赔金额（人民币或外币）',
          message_en: 'Give the amount claimed (in CNY or a foreign currency)',
        },
      ],
    });
  }
  const event = input.eventCode ? await findEventByCode(ctx.db, input.eventCode) : null;
  if (input.eventCode && !event) throw problem('claim.event_not_found');

  const definition = definitionOf(
    await cache.get(policy.product_code, policy.product_version),
    policy.product_code,
  );
  const request = policy.request as QuoteRequest;
  const section = definition.sections.find((s) => s.key === input.sectionKey);
  const sublimitKey =
    input.sublimitKey && section?.sublimits?.some((s) => s.key === input.sublimitKey)
      ? input.sublimitKey
      : null;
  const used = await sectionUsage(ctx.db, policy.id, input.sectionKey, sublimitKey, null);
  const coverage = coverageOrProblem({
    definition,
    policy: {
      startDate: policy.start_date,
      endDate: policy.end_date,
      status: policy.status,
      cancelledOn: policy.cancelled_on,
      retroactiveDate: request.retroactiveDate ?? null,
    },
    claim: {
      lossDate: input.lossDate,
      reportedDate: reportedOn,
      sectionKey: input.sectionKey,
      sublimitKey,
      claimed,
      ...(input.interruptionDays !== undefined ? { interruptionDays: input.interruptionDays } : {}),
    },
    cover: coveredSections(definition, request),
    options: resolvedOptions(definition, request),
    used: { section: used.section, sublimit: used.sublimit },
  });

  const id = newId();
  const number = claimNumber(today, await nextSeq(ctx));
  const status: ClaimStatus = coverage.covered ? 'notified' : 'declined';
  const claim: ClaimRow = {
    id,
    number,
    policy_id: policy.id,
    enterprise_id: policy.enterprise_id,
    enterprise_org: policy.enterprise_org,
    broker_org_id: policy.broker_org_id,
    lead_org_id: policy.lead_org_id,
    product_code: policy.product_code,
    statistical_class: policy.statistical_class,
    section_key: input.sectionKey,
    sublimit_key: sublimitKey,
    source: 'notice',
    status,
    loss_date: input.lossDate,
    reported_on: reportedOn,
    description: input.description,
    event_id: event?.id ?? null,
    observation_id: null,
    currency,
    claimed_foreign: claimedForeign,
    claimed,
    claim_rate: input.foreign?.rate ?? null,
    paid_rate: null,
    deductible: coverage.covered ? coverage.deductible : 0n,
    payable: coverage.covered ? coverage.payable : 0n,
    reserve: 0n,
    paid: 0n,
    agreed: null,
    coverage: coverageJson(coverage),
    decline: coverage.covered
      ? null
      : { reason: coverage.reason, message: coverage.message, clause: coverage.clause, automatic: true },
    due_at: coverage.covered ? dueAt('notified', ctx.now) : null,
    status_since: ctx.now,
    filed_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await insertClaim(ctx.db, claim);
  await step(ctx, claim, 'notify', null, 'notified', claimed, input.description);
  if (!coverage.covered) {
    await step(
      ctx,
      claim,
      'decline',
      'notified',
      'declined',
      null,
      `${coverage.message.zh}（${coverage.clause.reference}·${coverage.clause.article.zh}）`,
    );
  }
  ctx.audit({
    action: coverage.covered ? 'claim.notify' : 'claim.decline',
    entityType: 'claim',
    entityId: id,
    after: {
      number,
      policy: policy.number,
      section: input.sectionKey,
      claimed: formatYuan(claimed),
      ...(coverage.covered ? { payable: formatYuan(coverage.payable) } : { reason: coverage.reason }),
    },
  });
  ctx.emit({
    type: coverage.covered ? 'claim.notified' : 'claim.declined',
    aggregateType: 'claim',
    aggregateId: id,
    payload: { claimId: id, number, policyId: policy.id, status },
    orgIds: partiesOf(
      claim,
      lines.map((l) => l.org_id),
    ),
  });
  return claim;
}

/** The coverage check; a fact it needs and lacks (the days of an interruption) is a 400 naming the field. */
function coverageOrProblem(input: Parameters<typeof checkCoverage>[0]) {
  try {
    return checkCoverage(input);
  } catch (error) {
    if (!(error instanceof ClaimInputError)) throw error;
    const field = error.code === 'claim.interruption_days_required' ? 'interruptionDays' : 'sublimitKey';
    throw problem('request.invalid', {
      errors: [
        { path: `/body/${field}`, code: error.code, message_zh: error.reasonZh, message_en: error.reason },
      ],
    });
  }
}

function coverageJson(coverage: ReturnType<typeof checkCoverage>): Record<string, unknown> {
  if (!coverage.covered) return { covered: false, reason: coverage.reason };
  return {
    covered: true,
    deductible: formatYuan(coverage.deductible),
    payable: formatYuan(coverage.payable),
    limitLeft: formatYuan(coverage.limitLeft),
    sublimitLeft: coverage.sublimitLeft === null ? null : formatYuan(coverage.sublimitLeft),
    notes: coverage.notes,
  };
}

export async function nextSeq(ctx: Ctx): Promise<bigint> {
  return nextClaimSeq(ctx.db);
}

export async function step(
  ctx: Ctx,
  claim: Pick<ClaimRow, 'id' | 'paid' | 'reserve'>,
  action: string,
  from: ClaimStatus | null,
  to: ClaimStatus,
  amount: Fen | null,
  note: string | null,
): Promise<void> {
  await insertStep(ctx.db, {
    claim_id: claim.id,
    action,
    from_status: from,
    to_status: to,
    amount,
    incurred_after: claim.paid + claim.reserve,
    paid_after: claim.paid,
    note,
    actor_id: ctx.actor.userId,
    actor_org: ctx.actor.orgId,
    at: ctx.now,
  });
}

// ---- The lead's desk ------------------------------------------------------------------------------

export async function lockForLead(ctx: Ctx, id: string): Promise<ClaimRow> {
  const claim = await findClaim(ctx.db, id, true);
  if (!claim) throw problem('claim.not_found');
  if (ctx.actor.type !== 'system' && claim.lead_org_id !== ctx.actor.orgId) {
    const found = await policyForClaim(ctx.db, claim.policy_id);
    if (found?.lines.some((l) => l.org_id === ctx.actor.orgId)) throw problem('claim.not_lead');
    throw problem('claim.not_found');
  }
  return claim;
}

export async function participantsOf(ctx: Ctx, claim: ClaimRow) {
  const found = await policyForClaim(ctx.db, claim.policy_id);
  if (!found) throw new Error(`policy ${claim.policy_id} of claim ${claim.number} is gone`);
  const participants: ClaimParticipant[] = found.lines.map((l) => ({
    orgId: l.org_id,
    lead: l.role === 'lead',
    share: l.share,
  }));
  return { ...found, participants };
}

/** Moves the case reserve to `reserve` (posting the change) and re-applies the reinsurance. */
export async function moveReserve(ctx: Ctx, claim: ClaimRow, reserve: Fen, why: string): Promise<Fen> {
  const change = reserve - claim.reserve;
  if (change === 0n) return 0n;
  const { participants } = await participantsOf(ctx, claim);
  await postEntry(ctx, {
    kind: 'claim_reserve',
    description: `${why} ${claim.number}`,
    policyId: claim.policy_id,
    lines: tagged(
      claim,
      postClaimReserve({
        participants,
        claimant: claim.enterprise_id,
        change,
        incurredBefore: claim.paid + claim.reserve,
      }),
    ),
  });
  claim.reserve = reserve;
  return change;
}

/** Claim postings carry the policy, product code and statistical class on every line. */
export function tagged(claim: ClaimRow, lines: readonly JournalLine[]) {
  return lines.map((l) => ({
    ...l,
    policyId: claim.policy_id,
    productCode: claim.product_code,
    statisticalClass: claim.statistical_class,
  }));
}

export async function transition(
  ctx: Ctx,
  claim: ClaimRow,
  action: string,
  to: ClaimStatus,
  amount: Fen | null,
  note: string | null,
  patch: Parameters<typeof updateClaim>[2] = {},
): Promise<void> {
  const from = claim.status;
  const due = to === 'declined' || to === 'closed' || to === 'withdrawn' ? null : dueAt(to, ctx.now);
  await updateClaim(
    ctx.db,
    claim.id,
    { status: to, status_since: ctx.now, due_at: due, reserve: claim.reserve, paid: claim.paid, ...patch },
    ctx.now,
  );
  await step(ctx, claim, action, from, to, amount, note);
  const { lines } = await participantsOf(ctx, claim);
  ctx.audit({
    action: `claim.${action}`,
    entityType: 'claim',
    entityId: claim.id,
    before: { status: from },
    after: {
      status: to,
      ...(amount !== null ? { amount: formatYuan(amount) } : {}),
      ...(note ? { note } : {}),
    },
  });
  ctx.emit({
    type: `claim.${to}`,
    aggregateType: 'claim',
    aggregateId: claim.id,
    payload: { claimId: claim.id, number: claim.number, policyId: claim.policy_id, status: to, action },
    orgIds: partiesOf(
      claim,
      lines.map((l) => l.org_id),
    ),
  });
  claim.status = to;
}

/** 立案: the lead accepts the notice and sets the first case reserve; assessment begins. */
export async function registerClaim(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: { reserve: Fen; note?: string | undefined },
) {
  const claim = await lockForLead(ctx, id);
  if (claim.status !== 'notified') wrongStatus(claim, '立案');
  await capByLimit(ctx, cache, claim, input.reserve, '/body/reserve');
  const change = await moveReserve(ctx, claim, input.reserve, '立案估损');
  await transition(ctx, claim, 'register', 'assessing', input.reserve, input.note ?? null);
  await applyReinsurance(ctx, claim);
  return { claim, change };
}

/** The lead declines after review, citing the clause (an automatic decline happens at notice). */
export async function declineClaim(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: { article: string; reason: string },
) {
  const claim = await lockForLead(ctx, id);
  if (!['notified', 'assessing', 'reserved', 'reopened'].includes(claim.status)) wrongStatus(claim, '拒赔');
  await moveReserve(ctx, claim, 0n, '拒赔释放准备金');
  const definition = definitionOf(await cache.get(claim.product_code), claim.product_code).clause.reference;
  await transition(
    ctx,
    claim,
    'decline',
    'declined',
    null,
    `${input.reason}（${definition}·${input.article}）`,
    {
      decline: {
        reason: 'claim.insurer_declined',
        message: { zh: input.reason, en: input.reason },
        clause: { reference: definition, article: { zh: input.article, en: input.article } },
        automatic: false,
      },
    },
  );
  await applyReinsurance(ctx, claim);
  return claim;
}

/** Moves the case reserve (估损调整); the claim stays with the lead until approved. */
export async function adjustReserve(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: { reserve: Fen; note?: string | undefined },
) {
  const claim = await lockForLead(ctx, id);
  if (!['assessing', 'reserved', 'reopened', 'approved'].includes(claim.status))
    wrongStatus(claim, '调整准备金');
  await capByLimit(ctx, cache, claim, claim.paid + input.reserve, '/body/reserve');
  const change = await moveReserve(ctx, claim, input.reserve, '调整未决赔款准备金');
  await transition(
    ctx,
    claim,
    'reserve',
    claim.status === 'approved' ? 'approved' : 'reserved',
    change,
    input.note ?? null,
  );
  await applyReinsurance(ctx, claim);
  return claim;
}

/** What the claim may take of the section and sublimit: the limit left by the policy's other claims. */
async function capByLimit(ctx: Ctx, cache: CatalogCache, claim: ClaimRow, amount: Fen, path: string) {
  const left = await limitLeft(ctx.db, cache, claim);
  if (amount > left) {
    throw problem('claim.amount_too_high', {
      params: { amount: formatYuan(amount), max: formatYuan(left) },
      errors: [
        {
          path,
          code: 'claim.amount_too_high',
          message_zh: `超过该保障项目剩余限额 ${formatYuan(left)} 元`,
          message_en: `Above the ${formatYuan(left)} yuan left of the section's limit`,
        },
      ],
    });
  }
}

async function limitLeft(db: Queryable, cache: CatalogCache, claim: ClaimRow): Promise<Fen> {
  const found = await policyForClaim(db, claim.policy_id);
  if (!found) return 0n;
  const { policy } = found;
  const definition = definitionOf(
    await cache.get(policy.product_code, policy.product_version),
    policy.product_code,
  );
  const section = coveredSections(definition, policy.request as QuoteRequest).find(
    (c) => c.key === claim.section_key,
  );
  if (!section) return 0n;
  const used = await sectionUsage(db, claim.policy_id, claim.section_key, claim.sublimit_key, claim.id);
  let left = section.limit - used.section;
  const sub = claim.sublimit_key ? section.sublimits.find((s) => s.key === claim.sublimit_key) : undefined;
  if (sub && sub.limit - used.sublimit < left) left = sub.limit - used.sublimit;
  return left < 0n ? 0n : left;
}

/** 核赔: the amount agreed, within the approver's authority and the limit left. */
export async function approveClaim(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: { amount: Fen; note?: string | undefined },
) {
  const claim = await lockForLead(ctx, id);
  if (!['assessing', 'reserved', 'reopened'].includes(claim.status)) wrongStatus(claim, '核赔');
  if (input.amount < claim.paid) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/amount',
          code: 'below_paid',
          message_zh: `核定金额不能低于已赔付的 ${formatYuan(claim.paid)} 元`,
          message_en: `The amount cannot be below the ${formatYuan(claim.paid)} yuan already paid`,
        },
      ],
    });
  }
  await capByLimit(ctx, cache, claim, input.amount, '/body/amount');
  const role = authorityRole(await rolesOfActor(ctx.db, ctx.actor), ctx.actor);
  const authority = approvalAuthority(role, input.amount);
  if (!authority.allowed) {
    throw problem('claim.over_authority', {
      params: {
        amount: formatYuan(input.amount),
        limit: `${formatYuan(authority.limit ?? 0n)} 元`,
        needed: CLAIMS_AUTHORITY_LABELS[authority.requiredRole].zh,
      },
    });
  }
  await moveReserve(ctx, claim, input.amount - claim.paid, '核赔调整准备金');
  await transition(ctx, claim, 'approve', 'approved', input.amount, input.note ?? null, {
    agreed: input.amount,
  });
  claim.agreed = input.amount;
  await applyReinsurance(ctx, claim);
  return claim;
}

/**
 * 支付: pays the agreed amount not yet paid, split by the signed lines. Under 主代从收 the lead pays the
 * enterprise the whole and books each follower's part as owed to it; under 各收各份额 each pays its part.
 */
export async function payClaim(ctx: Ctx, id: string, input: { rate?: string | undefined } = {}) {
  const claim = await lockForLead(ctx, id);
  if (claim.status !== 'approved') wrongStatus(claim, '支付');
  // A cross-border claim records the exchange rate of the payment date (the CNY amount is what was agreed).
  if (claim.currency !== 'CNY' && input.rate === undefined) {
    throw problem('claim.fx_rate_required', {
      errors: [
        {
          path: '/body/rate',
          code: 'claim.fx_rate_required',
          message_zh: `请填写支付日 ${claim.currency} 兑人民币汇率`,
          message_en: `Give the ${claim.currency}/CNY rate of the payment date`,
        },
      ],
    });
  }
  const rateNote = claim.currency !== 'CNY' ? `支付日汇率 1 ${claim.currency} = ${input.rate} CNY` : null;
  if (rateNote) {
    await updateClaim(ctx.db, claim.id, { paid_rate: input.rate ?? null }, ctx.now);
    claim.paid_rate = input.rate ?? null;
  }
  const due = (claim.agreed ?? 0n) - claim.paid;
  const { participants, policy } = await participantsOf(ctx, claim);
  if (due > 0n) {
    if (claim.reserve < due) await moveReserve(ctx, claim, due, '支付前补足准备金');
    const { lines, parts } = postClaimPayment({
      participants,
      claimant: claim.enterprise_id,
      amount: due,
      collectionMode: policy.collection_mode,
      paidBefore: claim.paid,
    });
    await postEntry(ctx, {
      kind: 'claim_payment',
      description: `赔款支付 ${claim.number}`,
      policyId: claim.policy_id,
      lines: tagged(claim, lines),
    });
    claim.paid += due;
    claim.reserve -= due;
    await transition(ctx, claim, 'pay', 'paid', due, rateNote);
    await applyReinsurance(ctx, claim);
    return { claim, parts };
  }
  await transition(ctx, claim, 'pay', 'paid', 0n, rateNote);
  return { claim, parts: [] };
}

/** 结案: releases what is left of the reserve. */
export async function closeClaim(ctx: Ctx, id: string, input: { note?: string | undefined }) {
  const claim = await lockForLead(ctx, id);
  if (!['paid', 'approved', 'reserved', 'assessing', 'reopened'].includes(claim.status))
    wrongStatus(claim, '结案');
  const released = -claim.reserve;
  await moveReserve(ctx, claim, 0n, '结案释放准备金');
  await transition(ctx, claim, 'close', 'closed', released, input.note ?? null);
  await applyReinsurance(ctx, claim);
  return claim;
}

/** 重开: a closed or declined claim is reopened with a new reserve (e.g. after a dispute). */
export async function reopenClaim(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: { reserve: Fen; note: string },
) {
  const claim = await lockForLead(ctx, id);
  if (claim.status !== 'closed' && claim.status !== 'declined') wrongStatus(claim, '重开');
  await capByLimit(ctx, cache, claim, claim.paid + input.reserve, '/body/reserve');
  const change = await moveReserve(ctx, claim, input.reserve, '重开赔案');
  await transition(ctx, claim, 'reopen', 'reopened', change, input.note, { agreed: null, decline: null });
  await applyReinsurance(ctx, claim);
  return claim;
}

/** The enterprise withdraws its notice before anything is agreed (撤案). */
export async function withdrawClaim(ctx: Ctx, id: string, input: { note?: string | undefined }) {
  const claim = await findClaim(ctx.db, id, true);
  if (!claim || (claim.enterprise_org !== ctx.actor.orgId && claim.broker_org_id !== ctx.actor.orgId)) {
    throw problem('claim.not_found');
  }
  if (!['notified', 'assessing', 'reserved'].includes(claim.status)) wrongStatus(claim, '撤案');
  await moveReserve(ctx, claim, 0n, '撤案释放准备金');
  await transition(ctx, claim, 'withdraw', 'withdrawn', null, input.note ?? null);
  await applyReinsurance(ctx, claim);
  return claim;
}

/** Links a claim to a loss event (for catastrophe excess of loss). */
export async function linkEvent(ctx: Ctx, id: string, eventId: string | null) {
  const claim = await lockForLead(ctx, id);
  const event = eventId === null ? null : await findEvent(ctx.db, eventId);
  if (eventId !== null && !event) throw problem('claim.event_not_found');
  await updateClaim(ctx.db, id, { event_id: eventId }, ctx.now);
  claim.event_id = eventId;
  await step(
    ctx,
    claim,
    'link_event',
    claim.status,
    claim.status,
    null,
    event ? `${event.code} ${event.name}` : '取消关联事件',
  );
  ctx.audit({ action: 'claim.link_event', entityType: 'claim', entityId: id, after: { eventId } });
  await applyReinsurance(ctx, claim);
  return claim;
}

export async function createEvent(
  ctx: Ctx,
  input: { code: string; name: string; kind: string; occurredOn: string },
) {
  if (await findEventByCode(ctx.db, input.code)) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/code',
          code: 'taken',
          message_zh: '事件编号已存在',
          message_en: 'An event with this code exists',
        },
      ],
    });
  }
  const row = {
    id: newId(),
    code: input.code,
    name: input.name,
    kind: input.kind,
    occurred_on: input.occurredOn,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  };
  await insertEvent(ctx.db, row);
  ctx.audit({ action: 'claim.event_create', entityType: 'loss_event', entityId: row.id, after: input });
  return row;
}

// ---- Documents ------------------------------------------------------------------------------------

export async function uploadDocument(
  ctx: Ctx,
  claim: ClaimRow,
  kind: string,
  file: { filename: string; contentType: string; content: unknown },
) {
  if (claim.status === 'withdrawn') wrongStatus(claim, '上传材料');
  const checked = checkUpload(file.contentType, file.content);
  if (!checked) throw problem('claim.document_type');
  const id = newId();
  await insertDocument(ctx.db, {
    id,
    claim_id: claim.id,
    kind,
    filename: file.filename,
    content_type: checked.contentType,
    size: checked.size,
    sha256: checked.sha256,
    content: file.content as Buffer,
    uploaded_by: ctx.actor.userId,
    uploader_org: ctx.actor.orgId,
    uploaded_at: ctx.now,
  });
  await step(ctx, claim, 'document', claim.status, claim.status, null, `${kind}: ${file.filename}`);
  ctx.audit({
    action: 'claim.document',
    entityType: 'claim',
    entityId: claim.id,
    after: { kind, filename: file.filename, size: checked.size, sha256: checked.sha256 },
  });
  return id;
}

/** What `kebao ledger verify` checks of claims (see claimLedgerMismatches). */
export async function claimMismatches(db: Queryable) {
  return claimLedgerMismatches(db);
}
