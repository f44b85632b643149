import type { Queryable } from '@kebao/db';
import type { QuoteRequest } from '@kebao/domain/catalog';
import { requestTermDays } from '@kebao/domain/catalog';
import { postPremiumMovement } from '@kebao/domain/ledger';
import { allocate, type Fen, formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { formatPercent, WHOLE } from '@kebao/domain/placement';
import { cancellationRefund, policyNumber } from '@kebao/domain/policy';
import { addDays, compareDates, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { takeSandboxRoom } from '../catalog/sandbox.ts';
import { postJournal } from '../ledger/service.ts';
import {
  cessionsAtBind,
  closePlacement,
  markPlacementBound,
  placementIdOfQuote,
  releasePoolCapacity,
  takePoolCapacity,
} from '../placement/service.ts';
import type { QuoteRow } from '../quote/repo.ts';
import {
  checkStillValid,
  isRequesterOf,
  lockQuote,
  markQuoteBound,
  requestQuote,
} from '../quote/request-service.ts';
import {
  cancelCertificate,
  cancelGroupPolicy,
  endorseCertificate,
  isGroupMaster,
} from './group-lifecycle.ts';
import {
  audienceOf,
  bindCessionRows,
  type CancelInput,
  checkEffective,
  type EndorseInput,
  mayCancel,
  moveCessions,
  rerateEndorsement,
  splitByLines,
} from './movement.ts';
import {
  applyPolicyChange,
  type CessionRow,
  cessionsOf,
  findPolicy,
  findPolicyByQuote,
  insertCessions,
  insertEndorsement,
  insertPolicy,
  insertPolicyLines,
  linesOf,
  moveLines,
  nextPolicySeq,
  type PolicyLineRow,
  type PolicyRow,
  shiftSubsidyToHolder,
} from './repo.ts';
import { noSubsidy, type SubsidyEngine } from './subsidy-port.ts';

/*
 * Bind (出单) and the policy lifecycle. The bind is ONE transaction: quote and placement locked, the slip
 * signed, pool capacity and sandbox room taken, the premium and sum insured split exactly by the signed
 * lines, cessions computed and the art. 103 retention checked, the subsidy asked for, the journal posted,
 * audit and `policy.bound`. Endorsements and cancellations move premium by the 1/365 method (or a
 * short-rate table), split by the same lines, posted the same way.
 */

export type { CancelInput, EndorseInput } from './movement.ts';

export interface BindInput {
  /** The insured keeps what the lines do not cover (when they total less than 100 %). */
  retainUnplaced?: boolean | undefined;
}

export interface BindDeps {
  cache: CatalogCache;
  subsidy: SubsidyEngine;
}

export async function bindQuote(
  ctx: Ctx,
  deps: BindDeps,
  quoteId: string,
  input: BindInput,
): Promise<PolicyRow> {
  const quote = await lockQuote(ctx, quoteId);
  if (!quote || !isRequesterOf(ctx, quote)) throw problem('quote.not_found');
  if (quote.status === 'bound') {
    const existing = await findPolicyByQuote(ctx.db, quoteId);
    throw problem('quote.already_bound', { params: { policyNumber: existing?.number ?? '' } });
  }
  if (quote.status !== 'accepted') throw problem('quote.not_accepted', { params: { status: quote.status } });
  checkStillValid(ctx, quote);
  if (compareDates(parseCalendarDate(quote.start_date), shanghaiDateOf(ctx.now)) < 0) {
    throw problem('quote.start_in_past');
  }
  const placementId = await placementIdOfQuote(ctx.db, quoteId);
  if (!placementId) throw problem('placement.not_found');
  const slip = await closePlacement(ctx, placementId, false);
  if (slip.unplaced > 0 && !input.retainUnplaced) {
    throw problem('placement.under_placed', {
      params: { placed: formatPercent(WHOLE - slip.unplaced), unplaced: formatPercent(slip.unplaced) },
    });
  }
  const premium = quote.premium as Fen;
  const shares = slip.lines.map((l) => l.signed);
  const premiums = splitByLines(premium, shares, slip.unplaced);
  const sums = splitByLines(quote.sum_insured, shares, slip.unplaced);
  const insurersPremium = premiums.reduce((s, p) => s + p, 0n);

  if (quote.pool_code) await takePoolCapacity(ctx, quote.pool_code, quote.sum_insured);
  await takeSandboxRoom(ctx, {
    code: quote.product_code,
    version: quote.product_version,
    sumInsured: quote.sum_insured,
    facts: quote.facts as never,
  });
  const cessions = await cessionsAtBind(ctx, {
    statisticalClass: quote.statistical_class,
    startDate: quote.start_date,
    participants: slip.lines.map((l, i) => ({
      orgId: l.orgId,
      sumInsured: sums[i] as Fen,
      premium: premiums[i] as Fen,
      facultative: l.facultative,
    })),
  });

  const policyId = newId();
  const year = Number(shanghaiDateOf(ctx.now).slice(0, 4));
  const number = policyNumber(quote.product_code, year, await nextPolicySeq(ctx.db));
  const grant = await deps.subsidy.atBind(ctx, {
    policyId,
    enterpriseId: quote.enterprise_id,
    productCode: quote.product_code,
    productVersion: quote.product_version,
    statisticalClass: quote.statistical_class,
    startDate: quote.start_date,
    premium: insurersPremium,
    sumInsured: quote.sum_insured,
    facts: quote.facts,
  });
  const cached = await deps.cache.get(quote.product_code, quote.product_version);
  const policy: PolicyRow = {
    id: policyId,
    number,
    quote_id: quoteId,
    placement_id: placementId,
    enterprise_id: quote.enterprise_id,
    enterprise_org: quote.enterprise_org,
    broker_org_id: quote.broker_org_id,
    lead_org_id: slip.placement.lead_org_id,
    pool_code: quote.pool_code,
    product_code: quote.product_code,
    product_version: quote.product_version,
    statistical_class: quote.statistical_class,
    sandbox: cached?.version.status === 'sandbox',
    status: 'in_force',
    start_date: quote.start_date,
    end_date: quote.end_date,
    sum_insured: quote.sum_insured,
    premium: insurersPremium,
    written_premium: insurersPremium,
    subsidy: grant.subsidy,
    subsidy_funder: grant.subsidy > 0n ? grant.funderOrgId : null,
    net_payable: insurersPremium - grant.subsidy,
    insured_retention: slip.unplaced,
    collection_mode: slip.placement.collection_mode,
    request: quote.request,
    facts: quote.facts,
    prior_policy_id: quote.prior_policy_id,
    master_policy_id: null,
    member_seq: null,
    endorsement_seq: 0,
    last_effective: null,
    cancelled_on: null,
    bound_by: ctx.actor.userId,
    bound_at: ctx.now,
    updated_at: ctx.now,
  };
  await insertPolicy(ctx.db, policy);
  const lines: PolicyLineRow[] = slip.lines.map((l, i) => ({
    policy_id: policyId,
    org_id: l.orgId,
    role: l.lead ? 'lead' : 'follower',
    written: l.written,
    share: l.signed,
    premium: premiums[i] as Fen,
    sum_insured: sums[i] as Fen,
  }));
  await insertPolicyLines(ctx.db, lines);
  const cessionRows = bindCessionRows(policyId, cessions);
  await insertCessions(ctx.db, cessionRows);
  await deps.subsidy.recordBind?.(
    ctx,
    {
      policyId,
      enterpriseId: quote.enterprise_id,
      enterpriseOrg: quote.enterprise_org,
      collectorOrgId: slip.placement.lead_org_id,
    },
    grant,
  );
  await postJournal(ctx, {
    kind: 'bind',
    policyId,
    description: `出单 ${number}`,
    productCode: quote.product_code,
    statisticalClass: quote.statistical_class,
    lines: postPremiumMovement({
      policyholder: quote.enterprise_id,
      funder: grant.funderOrgId,
      collectionMode: policy.collection_mode,
      participants: lines.map((l) => ({
        orgId: l.org_id,
        lead: l.role === 'lead',
        share: l.share,
        premium: l.premium,
      })),
      subsidy: grant.subsidy,
      cessions: cessionRows.map((c) => ({
        orgId: c.org_id,
        reinsurer: c.reinsurer,
        cededPremium: c.ceded_premium,
        commission: c.commission,
      })),
    }),
  });
  await markQuoteBound(ctx, quoteId);
  await markPlacementBound(ctx, slip.placement);
  const summary = {
    number,
    premium: formatYuan(insurersPremium),
    subsidy: formatYuan(grant.subsidy),
    netPayable: formatYuan(policy.net_payable),
    sumInsured: formatYuan(policy.sum_insured),
    lines: lines.map((l) => ({
      orgId: l.org_id,
      share: formatPercent(l.share),
      premium: formatYuan(l.premium),
    })),
    insuredRetention: formatPercent(slip.unplaced),
    cessions: cessionRows.length,
  };
  ctx.audit({ action: 'policy.bind', entityType: 'policy', entityId: policyId, after: summary });
  ctx.emit({
    type: 'policy.bound',
    aggregateType: 'policy',
    aggregateId: policyId,
    payload: {
      policyId,
      quoteId,
      placementId,
      ...summary,
      productCode: policy.product_code,
      statisticalClass: policy.statistical_class,
      enterpriseId: policy.enterprise_id,
      startDate: policy.start_date,
      endDate: policy.end_date,
      poolCode: policy.pool_code,
      sandbox: policy.sandbox,
      programme: grant.programme,
    },
    orgIds: audienceOf(policy, lines),
  });
  return policy;
}

// ---- lifecycle ----------------------------------------------------------------------------------

async function lockInForce(ctx: Ctx, id: string): Promise<PolicyRow> {
  const policy = await findPolicy(ctx.db, id, true);
  if (!policy) throw problem('policy.not_found');
  return policy;
}

function requireLeadOrAll(ctx: Ctx, policy: PolicyRow) {
  if (policy.lead_org_id !== ctx.actor.orgId) throw problem('policy.not_found');
}

/** A premium movement split by the lines (sum insured too), posted and recorded as endorsement `seq`. */
async function moveAndPost(
  ctx: Ctx,
  subsidy: SubsidyEngine,
  policy: PolicyRow,
  move: {
    kind: 'endorse' | 'cancel';
    seq: number;
    effective: string;
    delta: Fen;
    sumInsuredDelta: Fen;
    changes: Record<string, unknown>;
    premiumAfter: Fen;
    reason: string | null;
  },
) {
  const lines = await linesOf(ctx.db, policy.id);
  const shares = lines.map((l) => l.share);
  const premiumDeltas = move.delta === 0n ? lines.map(() => 0n) : allocate(move.delta, shares);
  const sumDeltas =
    move.sumInsuredDelta === 0n
      ? lines.map(() => 0n)
      : splitByLines(move.sumInsuredDelta, shares, policy.insured_retention);
  await moveLines(
    ctx.db,
    policy.id,
    lines.map((l, i) => ({
      orgId: l.org_id,
      premium: premiumDeltas[i] as Fen,
      sumInsured: sumDeltas[i] as Fen,
    })),
  );
  await insertEndorsement(ctx.db, {
    policy_id: policy.id,
    seq: move.seq,
    kind: move.kind,
    effective_date: move.effective,
    changes: move.changes,
    premium_before: policy.premium,
    premium_after: move.premiumAfter,
    premium_delta: move.delta,
    line_deltas: lines.map((l, i) => ({ orgId: l.org_id, delta: formatYuan(premiumDeltas[i] as Fen) })),
    reason: move.reason,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  // Cessions follow the movement in proportion: each treaty's ceded premium and commission by the line's
  // premium movement, its ceded sum insured by the line's sum insured movement; net retention re-checked.
  const cessionMoves = await moveCessions(ctx, policy, move.seq, lines, premiumDeltas, sumDeltas);
  // A return premium on a subsidised policy goes back to each payer in the bind's proportion: the funder's
  // part (clawed back by the subsidy engine) and the policyholder's.
  let subsidyBack = 0n;
  if (move.delta < 0n && subsidy.onReturn) {
    const proposed =
      policy.subsidy > 0n && policy.subsidy_funder
        ? (allocate(-move.delta, [policy.subsidy, policy.net_payable])[0] as Fen)
        : 0n;
    if (proposed > 0n || move.kind === 'cancel') {
      subsidyBack = await subsidy.onReturn(
        ctx,
        { id: policy.id, funderOrgId: policy.subsidy_funder },
        proposed,
        move.kind === 'cancel',
      );
    }
  }
  if (move.delta !== 0n) {
    await postJournal(ctx, {
      kind: move.kind,
      policyId: policy.id,
      description: `${move.kind === 'cancel' ? '退保' : '批改'} ${policy.number} 第${move.seq}号`,
      productCode: policy.product_code,
      statisticalClass: policy.statistical_class,
      lines: postPremiumMovement({
        policyholder: policy.enterprise_id,
        funder: subsidyBack !== 0n ? policy.subsidy_funder : null,
        collectionMode: policy.collection_mode,
        participants: lines.map((l, i) => ({
          orgId: l.org_id,
          lead: l.role === 'lead',
          share: l.share,
          premium: premiumDeltas[i] as Fen,
        })),
        subsidy: -subsidyBack,
        cessions: cessionMoves.map((c) => ({
          orgId: c.org_id,
          reinsurer: c.reinsurer,
          cededPremium: c.ceded_premium,
          commission: c.commission,
        })),
      }),
    });
  }
  return { lines, premiumDeltas, subsidyBack };
}

/**
 * An endorsement (批改) by the lead: the changed request is re-rated on the product version and facts of
 * the bind (the underwriter's loading kept), the full-term premium recomputed, and the 1/365 movement from
 * the effective date charged or returned. Effective dates must not go back before the last endorsement.
 */
export async function endorsePolicy(
  ctx: Ctx,
  cache: CatalogCache,
  id: string,
  input: EndorseInput,
  subsidy: SubsidyEngine = noSubsidy,
): Promise<PolicyRow> {
  // A member certificate moves with its group policy: the master is locked before the certificate.
  const found = await findPolicy(ctx.db, id);
  if (found?.master_policy_id) return endorseCertificate(ctx, cache, found, input);
  const policy = await lockInForce(ctx, id);
  requireLeadOrAll(ctx, policy);
  if (isGroupMaster(policy)) throw problem('endorsement.group_master');
  checkEffective(policy, input.effectiveDate);
  const {
    next,
    endDate,
    premium: insurersFull,
    sumInsured: newSum,
    delta,
    changes,
  } = await rerateEndorsement(ctx, cache, policy, input);
  const seq = policy.endorsement_seq + 1;
  const { lines, premiumDeltas } = await moveAndPost(ctx, subsidy, policy, {
    kind: 'endorse',
    seq,
    effective: input.effectiveDate,
    delta,
    sumInsuredDelta: newSum - policy.sum_insured,
    changes,
    premiumAfter: insurersFull,
    reason: input.reason,
  });
  await applyPolicyChange(ctx.db, id, {
    status: 'in_force',
    endDate,
    sumInsured: newSum,
    premium: insurersFull,
    writtenPremium: policy.written_premium + delta,
    request: next as Record<string, unknown>,
    endorsementSeq: seq,
    lastEffective: input.effectiveDate,
    cancelledOn: null,
    at: ctx.now,
  });
  if (policy.pool_code && newSum !== policy.sum_insured) {
    if (newSum > policy.sum_insured)
      await takePoolCapacity(ctx, policy.pool_code, newSum - policy.sum_insured);
    else await releasePoolCapacity(ctx, policy.pool_code, policy.sum_insured - newSum);
  }
  const payload = {
    policyId: id,
    number: policy.number,
    seq,
    effectiveDate: input.effectiveDate,
    premiumDelta: formatYuan(delta),
    lineDeltas: lines.map((l, i) => ({ orgId: l.org_id, delta: formatYuan(premiumDeltas[i] as Fen) })),
    changes,
  };
  ctx.audit({
    action: 'policy.endorse',
    entityType: 'policy',
    entityId: id,
    before: {
      premium: formatYuan(policy.premium),
      sumInsured: formatYuan(policy.sum_insured),
      endDate: policy.end_date,
    },
    after: payload,
  });
  ctx.emit({
    type: 'policy.endorsed',
    aggregateType: 'policy',
    aggregateId: id,
    payload,
    orgIds: audienceOf(policy, lines),
  });
  return (await findPolicy(ctx.db, id)) as PolicyRow;
}

/**
 * Cancellation (退保/注销) from 00:00 of the cancel date, by the lead or by the policyholder (or its
 * broker). The refund is pro rata by day, or by the short-rate table when the policyholder cancels and
 * the method says so; split by the lines and posted. `policy.cancelled` lets the subsidy engine claw back.
 */
export async function cancelPolicy(
  ctx: Ctx,
  id: string,
  input: CancelInput,
  subsidy: SubsidyEngine = noSubsidy,
): Promise<PolicyRow> {
  // A member leaving its group (减员): the certificate, under its master locked first.
  const found = await findPolicy(ctx.db, id);
  if (found?.master_policy_id) return cancelCertificate(ctx, found, input);
  const policy = await lockInForce(ctx, id);
  if (!mayCancel(ctx, policy)) throw problem('policy.not_found');
  if (isGroupMaster(policy)) return cancelGroupPolicy(ctx, policy, input);
  checkEffective(policy, input.cancelDate);
  const refund = cancellationRefund({
    premium: policy.written_premium,
    startDate: policy.start_date,
    endDate: policy.end_date,
    cancelDate: input.cancelDate,
    method: input.method,
  });
  const seq = policy.endorsement_seq + 1;
  const { lines, premiumDeltas, subsidyBack } = await moveAndPost(ctx, subsidy, policy, {
    kind: 'cancel',
    seq,
    effective: input.cancelDate,
    delta: -refund,
    sumInsuredDelta: 0n,
    changes: { method: input.method, refund: formatYuan(refund) },
    premiumAfter: policy.premium,
    reason: input.reason,
  });
  await applyPolicyChange(ctx.db, id, {
    status: 'cancelled',
    endDate: policy.end_date,
    sumInsured: policy.sum_insured,
    premium: policy.premium,
    writtenPremium: policy.written_premium - refund,
    request: policy.request,
    endorsementSeq: seq,
    lastEffective: input.cancelDate,
    cancelledOn: input.cancelDate,
    at: ctx.now,
  });
  if (policy.pool_code) await releasePoolCapacity(ctx, policy.pool_code, policy.sum_insured);
  const payload = {
    policyId: id,
    number: policy.number,
    cancelDate: input.cancelDate,
    method: input.method,
    refund: formatYuan(refund),
    subsidy: formatYuan(policy.subsidy),
    subsidyReturned: formatYuan(subsidyBack),
    enterpriseId: policy.enterprise_id,
    lineRefunds: lines.map((l, i) => ({ orgId: l.org_id, refund: formatYuan(-(premiumDeltas[i] as Fen)) })),
  };
  ctx.audit({
    action: 'policy.cancel',
    entityType: 'policy',
    entityId: id,
    before: { status: policy.status },
    after: payload,
  });
  ctx.emit({
    type: 'policy.cancelled',
    aggregateType: 'policy',
    aggregateId: id,
    payload,
    orgIds: audienceOf(policy, lines),
  });
  return (await findPolicy(ctx.db, id)) as PolicyRow;
}

/**
 * Renewal (续保): a new quote for the same product (its newest quotable version) starting the day after
 * the policy ends, re-rated on the enterprise's current profile, its continuous year counted up, linked
 * to the prior policy. It then follows the usual path (offer or referral, accept, place, bind).
 */
export async function renewPolicy(ctx: Ctx, cache: CatalogCache, id: string): Promise<QuoteRow> {
  const policy = await findPolicy(ctx.db, id);
  if (!policy) throw problem('policy.not_found');
  const isHolder =
    ctx.actor.orgId !== null &&
    (policy.enterprise_org === ctx.actor.orgId || policy.broker_org_id === ctx.actor.orgId);
  if (!isHolder) throw problem('policy.not_found');
  const prior = policy.request as QuoteRequest;
  const start = addDays(parseCalendarDate(policy.end_date), 1);
  const { startDate: _s, termDays: _t, ...rest } = prior;
  const request: QuoteRequest = {
    ...rest,
    startDate: start,
    termDays: requestTermDays({ startDate: start }),
    continuousYear: (prior.continuousYear ?? 1) + 1,
  };
  return requestQuote(ctx, cache, {
    productCode: policy.product_code,
    enterpriseId: policy.enterprise_id,
    request,
    priorPolicyId: policy.id,
  });
}

export const canReadAllPolicies = (ctx: Ctx) => can(ctx.actor, Permission.PolicyReadAll);

/**
 * A subsidy the funder will not pay after all (a 免申即享 grant not confirmed in time): the policyholder owes
 * that part. Posted as a movement between the two receivables in the collecting insurer's books, which
 * raises a credit note to the funder (offsetting its subsidy invoice) and an invoice to the policyholder.
 */
export async function shiftSubsidy(ctx: Ctx, policyId: string, amount: Fen, why: string): Promise<void> {
  const policy = await findPolicy(ctx.db, policyId);
  if (!policy?.subsidy_funder || amount <= 0n) return;
  const take = amount < policy.subsidy ? amount : policy.subsidy;
  await shiftSubsidyToHolder(ctx.db, policyId, take, ctx.now);
  const funder = policy.subsidy_funder;
  // Whoever collected the subsidy share moves it: the lead (主代从收) or each co-insurer by its share.
  const collectors =
    policy.collection_mode === 'lead_collects'
      ? [{ orgId: policy.lead_org_id, part: take }]
      : await linesOf(ctx.db, policyId).then((ls) => {
          const parts = allocate(
            take,
            ls.map((l) => l.share),
          );
          return ls.map((l, i) => ({ orgId: l.org_id, part: parts[i] as Fen }));
        });
  await postJournal(ctx, {
    kind: 'subsidy_lapse',
    policyId,
    description: `补贴失效，改由投保人缴纳 ${policy.number}（${why}）`,
    productCode: policy.product_code,
    statisticalClass: policy.statistical_class,
    lines: collectors
      .filter((c) => c.part !== 0n)
      .flatMap((c) => [
        {
          account: 'premium_receivable' as const,
          orgId: c.orgId,
          counterparty: policy.enterprise_id,
          amount: c.part,
        },
        { account: 'subsidy_receivable' as const, orgId: c.orgId, counterparty: funder, amount: -c.part },
      ]),
  });
  ctx.audit({
    action: 'policy.subsidy_shift',
    entityType: 'policy',
    entityId: policyId,
    before: { subsidy: formatYuan(policy.subsidy) },
    after: { subsidy: formatYuan(policy.subsidy - take), why },
  });
}

/** A policy with its signed lines and cessions, as the claims desk needs it (null when there is none). */
export async function policyForClaim(
  db: Queryable,
  id: string,
): Promise<{ policy: PolicyRow; lines: PolicyLineRow[]; cessions: CessionRow[] } | null> {
  const policy = await findPolicy(db, id);
  if (!policy) return null;
  const lines = await linesOf(db, id);
  const cessions = await cessionsOf(db, id);
  return { policy, lines, cessions };
}
