import type { EnterpriseFacts, QuoteRequest } from '@kebao/domain/catalog';
import { requestTermDays } from '@kebao/domain/catalog';
import { ExactDecimal, type Fen, formatYuan, mulRate } from '@kebao/domain/money';
import { coveredSections, quoteNumber, sumInsuredOf } from '@kebao/domain/policy';
import { addDays, compareDates, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CachedVersion, CatalogCache } from '../catalog/catalog-cache.ts';
import { enterpriseOfOrganisation, enterpriseRecord } from '../enterprise/service.ts';
import { openPlacement, poolLeadOn } from '../placement/service.ts';
import {
  findMandate,
  findQuote,
  findVisibleQuote,
  insertQuote,
  lockExpiredQuotes,
  nextQuoteSeq,
  type QuoteListRow,
  type QuoteRow,
  setQuoteStatus,
  updateQuoteDecision,
  upsertMandate,
} from './repo.ts';

/*
 * Quote requests (询价) and underwriting (核保): a request is priced by the rating engine on the
 * enterprise's registry facts and stored with them; the product's rules accept it (an offer valid for
 * QUOTE_VALID_DAYS), refer it to the insurer's underwriting queue, or decline it. The underwriter
 * accepts (with conditions or a loading) or declines, with reasons the requester sees. Accepting an
 * offer opens the co-insurance placement.
 */

export const QUOTE_VALID_DAYS = 30;

export interface QuoteRequestInput {
  productCode: string;
  version?: number | undefined;
  /** For a broker: the client. An enterprise always quotes for itself. */
  enterpriseId?: string | undefined;
  mandate?: { reference: string; validUntil: string } | undefined;
  request: QuoteRequest;
  /** A renewal's prior policy (set by the renewal, not by callers). */
  priorPolicyId?: string | null;
}

const validUntil = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000);

/** The enterprise a request is for, and the broker asking on its behalf (its mandate recorded). */
async function requester(ctx: Ctx, input: QuoteRequestInput) {
  const { actor } = ctx;
  if (actor.orgKind === 'broker') {
    if (!input.enterpriseId) {
      throw problem('request.invalid', {
        errors: [
          {
            path: '/body/enterpriseId',
            code: 'quote.enterprise_required',
            message_zh: '请选择为哪家企业询价',
            message_en: 'Name the enterprise the quote is for',
          },
        ],
      });
    }
    const enterprise = await enterpriseRecord(ctx.db, input.enterpriseId);
    if (!enterprise) throw problem('enterprise.version_not_found', { detail: 'no such enterprise' });
    const today = shanghaiDateOf(ctx.now);
    if (input.mandate) {
      const until = parseCalendarDate(input.mandate.validUntil);
      if (compareDates(until, today) < 0) throw problem('quote.mandate_required');
      await upsertMandate(ctx.db, {
        brokerOrgId: actor.orgId as string,
        enterpriseId: enterprise.id,
        reference: input.mandate.reference,
        validUntil: input.mandate.validUntil,
        at: ctx.now,
        by: actor.userId,
      });
      ctx.audit({
        action: 'mandate.record',
        entityType: 'enterprise',
        entityId: enterprise.id,
        after: { broker: actor.orgId, ...input.mandate },
      });
    } else {
      const mandate = await findMandate(ctx.db, actor.orgId as string, enterprise.id);
      if (!mandate || compareDates(parseCalendarDate(mandate.valid_until), today) < 0) {
        throw problem('quote.mandate_required');
      }
    }
    return { enterprise, brokerOrgId: actor.orgId };
  }
  const enterprise = actor.orgId ? await enterpriseOfOrganisation(ctx.db, actor.orgId) : null;
  if (!enterprise) throw problem('enterprise.not_registered');
  if (input.enterpriseId && input.enterpriseId !== enterprise.id) throw problem('quote.not_found');
  return { enterprise, brokerOrgId: null };
}

function quoteDates(ctx: Ctx, request: QuoteRequest) {
  const today = shanghaiDateOf(ctx.now);
  const start = request.startDate ? parseCalendarDate(request.startDate) : addDays(today, 1);
  if (compareDates(start, today) < 0) throw problem('quote.start_in_past');
  const term = requestTermDays({ ...request, startDate: start });
  return { start, end: addDays(start, term - 1), term };
}

/** Prices and stores a quote request; the answer says whether it is offered, referred or declined. */
export async function requestQuote(
  ctx: Ctx,
  cache: CatalogCache,
  input: QuoteRequestInput,
): Promise<QuoteRow> {
  const cached = await cache.get(input.productCode, input.version);
  if (!cached) throw problem(input.version === undefined ? 'product.not_found' : 'product.version_not_found');
  const { version, product, definition } = cached;
  if (version.status !== 'filed' && version.status !== 'sandbox') throw problem('quote.product_unavailable');
  const { enterprise, brokerOrgId } = await requester(ctx, input);
  const { start, end, term } = quoteDates(ctx, input.request);
  const request: QuoteRequest = { ...input.request, startDate: start, termDays: term };
  const facts = enterprise.facts as EnterpriseFacts;
  const evaluation = cached.quote({ enterprise: facts, request });
  if (evaluation.inputErrors.length > 0) {
    throw problem('quote.invalid_input', {
      errors: evaluation.inputErrors.map((e) => ({
        ...e,
        path: `/body/request${e.path.replace(/^\/request/, '')}`,
      })),
    });
  }
  if (evaluation.outcome === 'needs_information') {
    throw problem('quote.needs_information', { params: { facts: evaluation.missingFacts.join(', ') } });
  }
  const insurerOrgId = product.writer_pool_code
    ? await poolLeadOn(ctx.db, product.writer_pool_code, start)
    : product.writer_org_id;
  if (!insurerOrgId) throw problem('quote.product_unavailable');
  const outcome = evaluation.outcome;
  const status = outcome === 'accept' ? 'offered' : outcome === 'refer' ? 'referred' : 'declined';
  const sumInsured = sumInsuredOf(definition, request);
  const row: QuoteRow = {
    id: newId(),
    number: quoteNumber(Number(shanghaiDateOf(ctx.now).slice(0, 4)), await nextQuoteSeq(ctx.db)),
    enterprise_id: enterprise.id,
    enterprise_org: enterprise.org_id,
    broker_org_id: brokerOrgId,
    product_code: version.code,
    product_version: version.version,
    statistical_class: product.statistical_class,
    insurer_org_id: insurerOrgId,
    pool_code: product.writer_pool_code,
    request: request as Record<string, unknown>,
    facts: enterprise.facts,
    profile_version: enterprise.current_version,
    outcome,
    status,
    base_premium: evaluation.premiumFen,
    loading: null,
    premium: outcome === 'accept' ? evaluation.premiumFen : null,
    sum_insured: sumInsured,
    start_date: start,
    end_date: end,
    rating: evaluation.rating?.ok ? toJson(evaluation.rating) : null,
    reasons: evaluation.reasons,
    conditions: [],
    decision: null,
    valid_until: outcome === 'accept' ? validUntil(ctx.now, QUOTE_VALID_DAYS) : null,
    prior_policy_id: input.priorPolicyId ?? null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await insertQuote(ctx.db, row);
  const audience = [
    insurerOrgId,
    ...(enterprise.org_id ? [enterprise.org_id] : []),
    ...(brokerOrgId ? [brokerOrgId] : []),
  ];
  ctx.audit({
    action: 'quote.request',
    entityType: 'quote',
    entityId: row.id,
    after: {
      number: row.number,
      product: `${row.product_code}@${row.product_version}`,
      status,
      premium: row.premium,
    },
  });
  ctx.emit({
    type:
      status === 'referred' ? 'quote.referred' : status === 'offered' ? 'quote.offered' : 'quote.declined',
    aggregateType: 'quote',
    aggregateId: row.id,
    payload: { quoteId: row.id, number: row.number, status, productCode: row.product_code },
    orgIds: audience,
  });
  return row;
}

/** bigint-safe JSON for the stored rating breakdown. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export interface DecisionInput {
  decision: 'accept' | 'accept_with_conditions' | 'decline';
  /** A loading on the rated premium, decimal: "0.15" = +15 %; "-0.10" = a 10 % discount. */
  loading?: string | undefined;
  conditions?: string[] | undefined;
  reason: { zh: string; en?: string | undefined };
  validDays?: number | undefined;
}

/** The underwriter decides a referred quote: offer (with conditions or a loading) or decline, with reasons. */
export async function decideQuote(ctx: Ctx, quoteId: string, input: DecisionInput): Promise<QuoteRow> {
  const quote = await findQuote(ctx.db, quoteId, true);
  if (!quote || quote.insurer_org_id !== ctx.actor.orgId) throw problem('quote.not_found');
  if (quote.status !== 'referred') throw problem('quote.not_referred', { params: { status: quote.status } });
  const decline = input.decision === 'decline';
  if (!decline && quote.base_premium === null) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/decision',
          code: 'quote.no_premium',
          message_zh: '该报价无法计算保费，只能拒保',
          message_en: 'No premium can be computed for this quote; it can only be declined',
        },
      ],
    });
  }
  const loading = input.loading ?? '0';
  const premium = decline ? null : applyLoading(quote.base_premium as Fen, loading);
  const status = decline ? 'declined' : 'offered';
  const decision = {
    decision: input.decision,
    loading: decline ? null : loading,
    reason: { zh: input.reason.zh, en: input.reason.en ?? input.reason.zh },
    by: ctx.actor.displayName,
    at: ctx.now.toISOString(),
  };
  await updateQuoteDecision(ctx.db, quoteId, {
    status,
    loading: decline ? null : loading,
    premium,
    conditions: input.conditions ?? [],
    decision,
    validUntil: decline ? null : validUntil(ctx.now, input.validDays ?? QUOTE_VALID_DAYS),
    at: ctx.now,
  });
  ctx.audit({
    action: 'quote.decide',
    entityType: 'quote',
    entityId: quoteId,
    before: { status: quote.status },
    after: { status, premium, conditions: input.conditions ?? [], decision },
  });
  ctx.emit({
    type: decline ? 'quote.declined' : 'quote.offered',
    aggregateType: 'quote',
    aggregateId: quoteId,
    payload: {
      quoteId,
      number: quote.number,
      status,
      premium: premium === null ? null : formatYuan(premium),
    },
    orgIds: [
      quote.insurer_org_id,
      ...(quote.enterprise_org ? [quote.enterprise_org] : []),
      ...(quote.broker_org_id ? [quote.broker_org_id] : []),
    ],
  });
  return (await findQuote(ctx.db, quoteId)) as QuoteRow;
}

function applyLoading(base: Fen, loading: string): Fen {
  const factor = new ExactDecimal(1).plus(loading);
  if (factor.lte(0)) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/loading',
          code: 'quote.loading_range',
          message_zh: '加费/减费比例必须大于 -100%',
          message_en: 'The loading must be above -100%',
        },
      ],
    });
  }
  return mulRate(base, factor.toFixed());
}

/** Who may act for the insured on a quote: its own organisation, or the broker that asked. */
export function isRequesterOf(ctx: Ctx, quote: QuoteRow): boolean {
  return (
    ctx.actor.orgId !== null &&
    (quote.enterprise_org === ctx.actor.orgId || quote.broker_org_id === ctx.actor.orgId)
  );
}

export function checkStillValid(ctx: Ctx, quote: QuoteRow): void {
  if (quote.valid_until && quote.valid_until.getTime() < ctx.now.getTime()) {
    throw problem('quote.expired', { params: { validUntil: quote.valid_until.toISOString() } });
  }
}

/** The insured (or its broker) accepts an offer: the placement opens with the lead's terms. */
export async function acceptQuote(ctx: Ctx, cache: CatalogCache, quoteId: string): Promise<QuoteRow> {
  const quote = await findQuote(ctx.db, quoteId, true);
  if (!quote || !isRequesterOf(ctx, quote)) throw problem('quote.not_found');
  if (quote.status !== 'offered') throw problem('quote.not_offered', { params: { status: quote.status } });
  checkStillValid(ctx, quote);
  const cached = (await cache.get(quote.product_code, quote.product_version)) as CachedVersion;
  const enterprise = await enterpriseRecord(ctx.db, quote.enterprise_id);
  await setQuoteStatus(ctx.db, quoteId, 'accepted', ctx.now);
  await openPlacement(ctx, {
    quoteId,
    enterpriseId: quote.enterprise_id,
    enterpriseUscc: enterprise?.uscc ?? '',
    watchers: [
      ...(quote.enterprise_org ? [quote.enterprise_org] : []),
      ...(quote.broker_org_id ? [quote.broker_org_id] : []),
    ],
    leadOrgId: quote.insurer_org_id,
    poolCode: quote.pool_code,
    productCode: quote.product_code,
    productVersion: quote.product_version,
    sections: coveredSections(cached.definition, quote.request as QuoteRequest).map((s) => s.key),
    startDate: quote.start_date,
    endDate: quote.end_date,
    sumInsured: quote.sum_insured,
  });
  ctx.audit({
    action: 'quote.accept',
    entityType: 'quote',
    entityId: quoteId,
    before: { status: 'offered' },
    after: { status: 'accepted' },
  });
  ctx.emit({
    type: 'quote.accepted',
    aggregateType: 'quote',
    aggregateId: quoteId,
    payload: { quoteId, number: quote.number },
    orgIds: [quote.insurer_org_id, ...(quote.broker_org_id ? [quote.broker_org_id] : [])],
  });
  return { ...quote, status: 'accepted', updated_at: ctx.now };
}

/** Marks offered and accepted quotes past their validity as expired (a job; idempotent). */
export async function expireQuotes(ctx: Ctx, limit = 500): Promise<number> {
  const rows = await lockExpiredQuotes(ctx.db, ctx.now, limit);
  for (const q of rows) {
    await setQuoteStatus(ctx.db, q.id, 'expired', ctx.now);
    ctx.audit({
      action: 'quote.expire',
      entityType: 'quote',
      entityId: q.id,
      before: { status: q.status },
      after: { status: 'expired' },
    });
    ctx.emit({
      type: 'quote.expired',
      aggregateType: 'quote',
      aggregateId: q.id,
      payload: { quoteId: q.id, number: q.number },
      orgIds: [
        q.insurer_org_id,
        ...(q.enterprise_org ? [q.enterprise_org] : []),
        ...(q.broker_org_id ? [q.broker_org_id] : []),
      ],
    });
  }
  return rows.length;
}

/** A quote as listed, for a reader who is party to it (the actor of `ctx`). */
export async function quoteView(ctx: Ctx, id: string): Promise<QuoteListRow> {
  const row = await findVisibleQuote(ctx.db, { orgId: ctx.actor.orgId }, id);
  if (!row) throw problem('quote.not_found');
  return row;
}

/** For the bind: the quote, locked for the rest of the transaction. */
export const lockQuote = (ctx: Ctx, id: string) => findQuote(ctx.db, id, true);
export const readQuote = (ctx: Ctx, id: string) => findQuote(ctx.db, id);
export const markQuoteBound = (ctx: Ctx, id: string) => setQuoteStatus(ctx.db, id, 'bound', ctx.now);
