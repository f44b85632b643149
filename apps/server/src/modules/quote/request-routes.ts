import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '@kebao/db';
import type { EnterpriseFacts, StatisticalClass } from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { compareDates, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { Type } from 'typebox';
import { problem } from '../../platform/errors.ts';
import { IdempotencyHeaders, Page, problemResponses } from '../../platform/http/schemas.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { searchRegistryEntries } from '../enterprise/service.ts';
import { presentPolicyDetail } from '../policy/present.ts';
import {
  BindBody,
  ClientView,
  DecisionBody,
  IdParams,
  PolicyDetail,
  QuoteCreate,
  QuoteListQuery,
  QuoteView,
} from '../policy/schemas.ts';
import { bindQuote } from '../policy/service.ts';
import { estimateForQuote, subsidyEngine } from '../subsidy/service.ts';
import { findVisibleQuote, listMandates, listQuotes, mandatesFor, type QuoteListRow } from './repo.ts';
import { acceptQuote, decideQuote, requestQuote } from './request-service.ts';
import { RegistryEntryView, RegistrySearchQuery } from './schemas.ts';

const tags = ['quote'];

/** A quote as its reader sees it; `viewer` says what the reader may do with it. */
export function presentQuote(row: QuoteListRow, readerOrgId: string | null) {
  const money = (v: bigint | null) => (v === null ? null : formatYuan(v));
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    outcome: row.outcome,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    broker: row.broker_org_id,
    insurer: { id: row.insurer_org_id, name: row.insurer_name },
    poolCode: row.pool_code,
    product: {
      code: row.product_code,
      version: row.product_version,
      names: { zh: row.product_name_zh, en: row.product_name_en },
      statisticalClass: row.statistical_class,
    },
    request: row.request,
    sumInsured: formatYuan(row.sum_insured),
    startDate: row.start_date,
    endDate: row.end_date,
    basePremium: money(row.base_premium),
    loading: row.loading,
    premium: money(row.premium),
    rating: row.rating,
    reasons: row.reasons as { reason: string; message: { zh: string; en: string } }[],
    conditions: row.conditions as string[],
    decision: row.decision,
    validUntil: row.valid_until?.toISOString() ?? null,
    placementId: row.placement_id,
    policy: row.policy_id ? { id: row.policy_id, number: row.policy_number ?? '' } : null,
    priorPolicyId: row.prior_policy_id,
    createdAt: row.created_at.toISOString(),
    viewer: {
      isRequester:
        readerOrgId !== null && (row.enterprise_org === readerOrgId || row.broker_org_id === readerOrgId),
      isInsurer: readerOrgId !== null && row.insurer_org_id === readerOrgId,
    },
  };
}

/** Quote requests (询价), the underwriting queue (核保), acceptance and bind (出单). */
export const quoteRequestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, hub, tx, clock } = app.kebao;
  const cache = new CatalogCache(pool, hub);
  const scopeOf = (orgId: string | null) => ({ orgId });
  const visible = async (orgId: string | null, id: string) => {
    const row = await findVisibleQuote(pool, scopeOf(orgId), id);
    if (!row) throw problem('quote.not_found');
    return { ...presentQuote(row, orgId), estimatedSubsidy: await estimatedSubsidyOf(pool, row) };
  };
  /** 预计补贴 next to a priced quote still open to its requester (offered, accepted). */
  async function estimatedSubsidyOf(db: Queryable, row: QuoteListRow) {
    if (row.premium === null || !['offered', 'accepted', 'referred'].includes(row.status)) return null;
    const cached = await cache.get(row.product_code, row.product_version);
    if (!cached) return null;
    const estimate = await estimateForQuote(db, {
      productCode: row.product_code,
      productVersion: row.product_version,
      statisticalClass: row.statistical_class as StatisticalClass,
      subsidyTags: cached.definition.subsidyTags ?? [],
      premium: row.premium,
      sumInsured: row.sum_insured,
      startDate: row.start_date,
      // The facts the quote was priced on, as the bind will decide on them.
      enterpriseFacts: row.facts as EnterpriseFacts,
    });
    return estimate
      ? {
          amount: formatYuan(estimate.amountFen),
          programme: estimate.programmeCode,
          explanation: estimate.explanation,
        }
      : null;
  }

  app.post(
    '/api/quotes',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary: 'Ask for a quote: priced on the registry profile, then offered, referred or declined',
        description:
          'An enterprise quotes for itself; a broker names its client (enterpriseId) and records the client’s ' +
          'mandate (or has one on record). The answer is stored: an offer is valid for 30 days.',
        headers: IdempotencyHeaders,
        body: QuoteCreate,
        response: { 201: QuoteView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const row = await requestQuote(ctx, cache, request.body);
          const listed = (await findVisibleQuote(ctx.db, scopeOf(ctx.actor.orgId), row.id)) as QuoteListRow;
          return {
            status: 201,
            body: {
              ...presentQuote(listed, ctx.actor.orgId),
              estimatedSubsidy: await estimatedSubsidyOf(ctx.db, listed),
            },
          };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/api/quotes',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: "Quotes the caller is party to: its own, its clients', or those its company decides",
        querystring: QuoteListQuery,
        response: { 200: Page(QuoteView), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listQuotes(pool, scopeOf(request.actor.orgId), { status, limit, offset });
      return { items: rows.map((r) => presentQuote(r, request.actor.orgId)), total, limit, offset };
    },
  );

  app.get(
    '/api/underwriting/queue',
    {
      config: { access: Permission.QuoteUnderwrite },
      schema: {
        tags,
        summary: "The underwriting queue: own company's referred quotes waiting for a decision",
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(QuoteView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const { rows, total } = await listQuotes(pool, scopeOf(request.actor.orgId), {
        queue: true,
        limit,
        offset,
      });
      return { items: rows.map((r) => presentQuote(r, request.actor.orgId)), total, limit, offset };
    },
  );

  app.get(
    '/api/quotes/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'One quote (404 unless the caller is party to it)',
        params: IdParams,
        response: { 200: QuoteView, ...problemResponses(401, 404) },
      },
    },
    async (request) => visible(request.actor.orgId, request.params.id),
  );

  app.post(
    '/api/quotes/:id/decision',
    {
      config: { access: Permission.QuoteUnderwrite },
      schema: {
        tags,
        summary:
          'Decide a referred quote: accept, accept with conditions or a loading, or decline — with reasons',
        params: IdParams,
        body: DecisionBody,
        response: { 200: QuoteView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => decideQuote(ctx, request.params.id, request.body));
      return visible(request.actor.orgId, request.params.id);
    },
  );

  app.post(
    '/api/quotes/:id/accept',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary: 'Accept an offer: the co-insurance placement opens on the lead’s terms',
        params: IdParams,
        response: { 200: QuoteView, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => acceptQuote(ctx, cache, request.params.id));
      return visible(request.actor.orgId, request.params.id);
    },
  );

  app.post(
    '/api/quotes/:id/bind',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary:
          'Bind an accepted quote: the policy, signed lines, cessions, premium split and journal, at once',
        description:
          'One transaction. Closes the slip if the lead has not (lines signed down); refuses an under-placed slip ' +
          'unless retainUnplaced; checks pool capacity, sandbox limits and each insurer’s net retention (art. 103). ' +
          'Send an Idempotency-Key: a retry replays the policy; a second bind of the quote is a 409.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Optional(BindBody),
        response: { 201: PolicyDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const policy = await bindQuote(
            ctx,
            { cache, subsidy: subsidyEngine(cache) },
            request.params.id,
            request.body ?? {},
          );
          return { status: 201, body: await presentPolicyDetail(ctx.db, ctx.actor, policy.id) };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/api/broker/clients',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary: "A broker's clients: the enterprises whose mandate it holds",
        response: { 200: Type.Array(ClientView), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      if (request.actor.orgKind !== 'broker' || !request.actor.orgId) return [];
      return (await listMandates(pool, request.actor.orgId)).map((m) => ({
        enterpriseId: m.enterprise_id,
        name: m.name,
        uscc: m.uscc,
        reference: m.reference,
        validUntil: m.valid_until,
      }));
    },
  );

  app.get(
    '/api/broker/registry',
    {
      config: { access: Permission.EnterpriseSearch },
      schema: {
        tags,
        summary:
          'A broker finds a new client in the registry by name or USCC: identity only, before any mandate',
        description:
          'Entries whose name contains `q`, or whose code is `q` (the full 18 characters), exact code first. Each shows ' +
          'its name, USCC, region and industry, and the broker’s own mandate for it if one is on record — never the ' +
          'profile, scores, credit or policies. Record the client’s mandate with its first quote (`POST /api/quotes` ' +
          'with `mandate`); with a valid mandate the broker reads the client’s profile.',
        querystring: RegistrySearchQuery,
        response: { 200: Page(RegistryEntryView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, limit = 20, offset = 0 } = request.query;
      const { rows, total } = await searchRegistryEntries(pool, { q, limit, offset });
      const ids = rows.map((r) => r.id);
      const broker = request.actor.orgId;
      const held = broker ? await mandatesFor(pool, broker, ids) : [];
      const mandates = new Map(held.map((m) => [m.enterprise_id, m]));
      const today = shanghaiDateOf(clock());
      return {
        items: rows.map((r) => {
          const m = mandates.get(r.id);
          return {
            id: r.id,
            name: r.name,
            uscc: r.uscc,
            regionCode: r.region_code,
            industryCode: r.industry_code,
            mandate: m
              ? {
                  reference: m.reference,
                  validUntil: m.valid_until,
                  valid: compareDates(parseCalendarDate(m.valid_until), today) >= 0,
                }
              : null,
          };
        }),
        total,
        limit,
        offset,
      };
    },
  );
};
