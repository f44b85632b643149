import type { EnterpriseFacts, QuoteRequest } from '@kebao/domain/catalog';
import { allocate, ExactDecimal, type Fen, formatYuan, mulRate, mulRatio } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { WHOLE } from '@kebao/domain/placement';
import { endorsementPremium, type RefundMethod, sumInsuredOf } from '@kebao/domain/policy';
import { compareDates, parseCalendarDate, termDays } from '@kebao/domain/time';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CachedVersion, CatalogCache } from '../catalog/catalog-cache.ts';
import { checkNetRetention, type ParticipantCessions } from '../placement/service.ts';
import { readQuote } from '../quote/request-service.ts';
import { type CessionRow, cessionsOf, insertCessions, type PolicyLineRow, type PolicyRow } from './repo.ts';

/*
 * What every premium movement of a policy shares — a standalone policy's and a group member certificate's:
 * the effective date checked against the period and the last endorsement, the endorsement re-rated, the
 * movement split by the lines, and the cessions moved in proportion with the net retention re-checked.
 */

export interface EndorseInput {
  effectiveDate: string;
  sumInsured?: string | undefined;
  limit?: string | undefined;
  contractValue?: string | undefined;
  loanPrincipal?: string | undefined;
  loanInterest?: string | undefined;
  headcount?: number | undefined;
  endDate?: string | undefined;
  options?: Record<string, string | number | boolean> | undefined;
  reason: string;
}

export interface CancelInput {
  cancelDate: string;
  method: RefundMethod;
  reason: string;
}

export const audienceOf = (
  policy: Pick<PolicyRow, 'enterprise_org' | 'broker_org_id'>,
  lines: readonly { org_id: string }[],
  ...more: (string | null)[]
) => [
  ...new Set([
    ...lines.map((l) => l.org_id),
    ...(policy.enterprise_org ? [policy.enterprise_org] : []),
    ...(policy.broker_org_id ? [policy.broker_org_id] : []),
    ...more.filter((o): o is string => o !== null),
  ]),
];

/** Who may cancel a policy: its policyholder or the policyholder's broker, or the lead. */
export function mayCancel(ctx: Ctx, policy: PolicyRow): boolean {
  const isHolder =
    can(ctx.actor, Permission.QuoteRequest) &&
    ctx.actor.orgId !== null &&
    (policy.enterprise_org === ctx.actor.orgId || policy.broker_org_id === ctx.actor.orgId);
  const isLead = can(ctx.actor, Permission.PolicyManage) && policy.lead_org_id === ctx.actor.orgId;
  return isHolder || isLead;
}

/** Splits an amount by the signed lines, after the insured's retained part is taken off. */
export function splitByLines(total: Fen, shares: readonly number[], retained: number): Fen[] {
  const insured = retained > 0 ? (allocate(total, [WHOLE - retained, retained])[0] as Fen) : total;
  return allocate(insured, shares);
}

/** A movement's date: the policy in force, the date in its period and not before its last endorsement's. */
export function checkEffective(policy: PolicyRow, effective: string) {
  if (policy.status !== 'in_force')
    throw problem('policy.not_in_force', { params: { status: policy.status } });
  const date = parseCalendarDate(effective);
  if (
    compareDates(date, parseCalendarDate(policy.start_date)) < 0 ||
    compareDates(date, parseCalendarDate(policy.end_date)) > 0
  ) {
    throw problem('endorsement.outside_period', {
      params: { start: policy.start_date, end: policy.end_date },
    });
  }
  if (policy.last_effective && compareDates(date, parseCalendarDate(policy.last_effective)) < 0) {
    throw problem('endorsement.out_of_sequence', { params: { effective, last: policy.last_effective } });
  }
}

/** The cession rows a bind stores for a policy: every participant's cessions that cede anything. */
export function bindCessionRows(
  policyId: string,
  participants: readonly Pick<ParticipantCessions, 'orgId' | 'cessions'>[],
): CessionRow[] {
  return participants.flatMap((p) =>
    p.cessions
      .filter((c) => c.cededSumInsured !== 0n || c.cededPremium !== 0n)
      .map((c) => ({
        id: newId(),
        policy_id: policyId,
        org_id: p.orgId,
        treaty_id: c.treatyId,
        kind: c.kind,
        reinsurer: c.reinsurer,
        ceded_sum_insured: c.cededSumInsured,
        ceded_premium: c.cededPremium,
        commission: c.commission,
        endorsement_seq: 0,
      })),
  );
}

const cessionKey = (c: Pick<CessionRow, 'org_id' | 'treaty_id' | 'kind' | 'reinsurer'>) =>
  `${c.org_id}|${c.treaty_id}|${c.kind}|${c.reinsurer}`;

/** A policy's cessions summed per participant and treaty (the bind's and every movement's since). */
export function cumulativeCessions(rows: readonly CessionRow[]): CessionRow[] {
  const cumulative = new Map<string, CessionRow>();
  for (const c of rows) {
    const sum = cumulative.get(cessionKey(c));
    if (sum) {
      sum.ceded_sum_insured += c.ceded_sum_insured;
      sum.ceded_premium += c.ceded_premium;
      sum.commission += c.commission;
    } else cumulative.set(cessionKey(c), { ...c });
  }
  return [...cumulative.values()];
}

/** Cession rows added up per participant and treaty into rows of `policyId` (zero rows left out). */
export function sumCessions(rows: readonly CessionRow[], policyId: string, seq: number): CessionRow[] {
  return cumulativeCessions(rows)
    .filter((c) => c.ceded_sum_insured !== 0n || c.ceded_premium !== 0n || c.commission !== 0n)
    .map((c) => ({ ...c, id: newId(), policy_id: policyId, endorsement_seq: seq }));
}

/**
 * The cessions' movement for a movement of the lines: each treaty's ceded premium and commission by the
 * line's premium movement, its ceded sum insured by the line's sum insured movement. Returns the rows to
 * store (for `seq`) and, per line, the net sum insured after the movement.
 */
export function cessionMoves(
  cessions: readonly CessionRow[],
  lines: readonly PolicyLineRow[],
  premiumDeltas: readonly Fen[],
  sumDeltas: readonly Fen[],
  seq: number,
): { moves: CessionRow[]; netAfter: { orgId: string; net: Fen; raised: boolean }[] } {
  const cumulative = cumulativeCessions(cessions);
  const moves: CessionRow[] = [];
  const netAfter: { orgId: string; net: Fen; raised: boolean }[] = [];
  for (const [i, line] of lines.entries()) {
    const premiumDelta = premiumDeltas[i] as Fen;
    const sumDelta = sumDeltas[i] as Fen;
    let cededAfter = 0n;
    for (const c of cumulative.filter((x) => x.org_id === line.org_id)) {
      const premium = line.premium === 0n ? 0n : mulRatio(c.ceded_premium, premiumDelta, line.premium);
      const commission = line.premium === 0n ? 0n : mulRatio(c.commission, premiumDelta, line.premium);
      const si = line.sum_insured === 0n ? 0n : mulRatio(c.ceded_sum_insured, sumDelta, line.sum_insured);
      cededAfter += c.ceded_sum_insured + si;
      if (premium === 0n && commission === 0n && si === 0n) continue;
      moves.push({
        ...c,
        id: newId(),
        ceded_sum_insured: si,
        ceded_premium: premium,
        commission,
        endorsement_seq: seq,
      });
    }
    netAfter.push({
      orgId: line.org_id,
      net: line.sum_insured + sumDelta - cededAfter,
      raised: sumDelta > 0n,
    });
  }
  return { moves, netAfter };
}

/** Cessions follow a movement in proportion (stored); the net retention is re-checked where it rose. */
export async function moveCessions(
  ctx: Ctx,
  policy: PolicyRow,
  seq: number,
  lines: readonly PolicyLineRow[],
  premiumDeltas: readonly Fen[],
  sumDeltas: readonly Fen[],
): Promise<CessionRow[]> {
  const { moves, netAfter } = cessionMoves(
    await cessionsOf(ctx.db, policy.id),
    lines,
    premiumDeltas,
    sumDeltas,
    seq,
  );
  for (const n of netAfter) if (n.raised) await checkNetRetention(ctx, n.orgId, n.net);
  await insertCessions(ctx.db, moves);
  return moves;
}

/** The underwriter's loading of the quote, kept on every re-rating of the policy. */
export function withLoading(premium: Fen, loading: string): Fen {
  const factor = new ExactDecimal(1).plus(loading);
  return factor.eq(1) ? premium : mulRate(premium, factor.toFixed());
}

const AMOUNT_FIELDS = [
  'sumInsured',
  'limit',
  'contractValue',
  'loanPrincipal',
  'loanInterest',
  'headcount',
] as const;

/** An endorsement re-rated: the new request, period end, full-term premium, sum insured and movement. */
export interface Rerated {
  next: QuoteRequest;
  endDate: string;
  premium: Fen;
  sumInsured: Fen;
  delta: Fen;
  changes: Record<string, unknown>;
}

/**
 * An endorsement's terms re-rated on the product version and facts of the bind (the underwriter's loading
 * kept), the full-term premium recomputed and the 1/365 movement from the effective date; refused when
 * the rules now decline the terms or nothing changes.
 */
export async function rerateEndorsement(
  ctx: Ctx,
  cache: CatalogCache,
  policy: PolicyRow,
  input: EndorseInput,
): Promise<Rerated> {
  const before = policy.request as QuoteRequest;
  const endDate = input.endDate ? parseCalendarDate(input.endDate) : parseCalendarDate(policy.end_date);
  if (compareDates(endDate, parseCalendarDate(input.effectiveDate)) < 0) {
    throw problem('endorsement.outside_period', {
      params: { start: policy.start_date, end: policy.end_date },
    });
  }
  const amounts = Object.fromEntries(
    AMOUNT_FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
  );
  const next: QuoteRequest = {
    ...before,
    ...amounts,
    ...(input.options ? { options: { ...(before.options ?? {}), ...input.options } } : {}),
    termDays: termDays(parseCalendarDate(policy.start_date), endDate),
  };
  const cached = (await cache.get(policy.product_code, policy.product_version)) as CachedVersion;
  const evaluation = cached.quote({ enterprise: policy.facts as EnterpriseFacts, request: next });
  if (evaluation.inputErrors.length > 0) {
    throw problem('quote.invalid_input', {
      errors: evaluation.inputErrors.map((e) => ({ ...e, path: `/body${e.path.replace(/^\/request/, '')}` })),
    });
  }
  if (
    evaluation.premiumFen === null ||
    evaluation.outcome === 'decline' ||
    evaluation.outcome === 'ineligible'
  ) {
    throw problem('endorsement.refused', {
      params: { reasons: evaluation.reasons.map((r) => r.message.zh).join('；') || evaluation.outcome },
    });
  }
  const quote = policy.quote_id ? await readQuote(ctx, policy.quote_id) : null;
  const loading = quote?.loading ?? '0';
  const fullTerm = withLoading(evaluation.premiumFen, loading);
  const insurersFull =
    policy.insured_retention > 0
      ? (allocate(fullTerm, [WHOLE - policy.insured_retention, policy.insured_retention])[0] as Fen)
      : fullTerm;
  const newSum = sumInsuredOf(cached.definition, next);
  if (
    insurersFull === policy.premium &&
    newSum === policy.sum_insured &&
    endDate === policy.end_date &&
    !input.options
  ) {
    throw problem('endorsement.no_change');
  }
  const delta = endorsementPremium({
    old: { premium: policy.premium, startDate: policy.start_date, endDate: policy.end_date },
    next: { premium: insurersFull, startDate: policy.start_date, endDate },
    effective: input.effectiveDate,
  });
  const changes = {
    ...(input.sumInsured !== undefined
      ? { sumInsured: { from: formatYuan(policy.sum_insured), to: formatYuan(newSum) } }
      : {}),
    ...(input.endDate !== undefined ? { endDate: { from: policy.end_date, to: endDate } } : {}),
    ...(input.options ? { options: input.options } : {}),
  };
  return { next, endDate, premium: insurersFull, sumInsured: newSum, delta, changes };
}
