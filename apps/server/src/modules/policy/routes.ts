import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { can } from '../../platform/actor.ts';
import { IdempotencyHeaders, Page, problemResponses } from '../../platform/http/schemas.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { presentQuote } from '../quote/request-routes.ts';
import { quoteView } from '../quote/request-service.ts';
import { subsidyEngine } from '../subsidy/service.ts';
import { policyScheduleHtml, policySlipHtml } from './documents.ts';
import { bindGroupPolicy } from './group-service.ts';
import { policyScope, presentPolicyDetail, presentPolicySummary } from './present.ts';
import { listPolicies } from './repo.ts';
import {
  CancelBody,
  EndorseBody,
  GroupBody,
  IdParams,
  PolicyDetail,
  PolicyListQuery,
  PolicySummary,
  QuoteView,
} from './schemas.ts';
import { cancelPolicy, endorsePolicy, renewPolicy } from './service.ts';
import { noSubsidy } from './subsidy-port.ts';

const tags = ['policy'];
const Html = Type.String({ description: 'text/html; charset=utf-8 — a printable document' });

/** Policies (保单): lists, detail, documents, endorsement, cancellation, renewal. */
export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, hub, tx } = app.kebao;
  const cache = new CatalogCache(pool, hub);

  app.get(
    '/api/policies',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: 'Policies the caller is party to (all of them with policy.read_all), newest first',
        querystring: PolicyListQuery,
        response: { 200: Page(PolicySummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listPolicies(pool, policyScope(request.actor), { status, limit, offset });
      return { items: rows.map(presentPolicySummary), total, limit, offset };
    },
  );

  app.get(
    '/api/policies/:id',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: 'One policy: co-insurers and shares for every party; cessions and journal for its insurers',
        params: IdParams,
        response: { 200: PolicyDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentPolicyDetail(pool, request.actor, request.params.id),
  );

  app.get(
    '/api/policies/:id/schedule',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: 'The printable policy schedule (保险单明细表), HTML in Chinese',
        params: IdParams,
        produces: ['text/html'],
        response: { 200: Html, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(await policyScheduleHtml(pool, cache, request.actor, request.params.id)),
  );

  app.get(
    '/api/policies/:id/slip',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: "The insurers' slip (共保/分保条): terms, written and signed lines, cessions",
        params: IdParams,
        produces: ['text/html'],
        response: { 200: Html, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          await policySlipHtml(
            pool,
            cache,
            request.actor,
            request.params.id,
            can(request.actor, Permission.PolicyReadAll),
          ),
        ),
  );

  app.post(
    '/api/policies/:id/endorsements',
    {
      config: { access: Permission.PolicyManage },
      schema: {
        tags,
        summary:
          'Endorse a policy one leads: sum insured, end date or options; 1/365 premium movement by the lines',
        description:
          'Re-rated on the product version and enterprise facts of the bind, the underwriter’s loading kept. An effective ' +
          'date before the last endorsement’s is refused (endorsement.out_of_sequence). A group policy is endorsed through ' +
          'its member certificates (the master is refused with endorsement.group_master and follows them); a ' +
          'certificate keeps the group’s period (endorsement.group_period).',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: EndorseBody,
        response: { 201: PolicyDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          await endorsePolicy(ctx, cache, request.params.id, request.body, subsidyEngine(cache));
          return { status: 201, body: await presentPolicyDetail(ctx.db, ctx.actor, request.params.id) };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    '/api/policies/:id/cancel',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary:
          'Cancel a policy (the policyholder or its broker, or the lead insurer): refund split by the lines',
        description:
          'Needs quote.request as the policyholder or its broker, or policy.manage as the lead. The refund is pro rata ' +
          'by day (default) or by the short-rate table. Emits policy.cancelled (the subsidy engine claws back). A group ' +
          'policy’s cancellation cancels every certificate in force, each refunded on its own premium; a certificate’s ' +
          'cancellation (by the park or the lead) takes its member out of the group and the master’s totals drop by its ' +
          'own — except the last member’s (group.last_member).',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CancelBody,
        response: { 200: PolicyDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const { cancelDate, method = 'pro_rata', reason } = request.body;
          await cancelPolicy(ctx, request.params.id, { cancelDate, method, reason }, subsidyEngine(cache));
          return { status: 200, body: await presentPolicyDetail(ctx.db, ctx.actor, request.params.id) };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    '/api/policies/:id/renew',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary:
          'Ask for the renewal quote: same product, re-rated on the current profile, linked to this policy',
        params: IdParams,
        response: { 201: QuoteView, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const quote = await tx(request.actor, request.id, async (ctx) => {
        const row = await renewPolicy(ctx, cache, request.params.id);
        return quoteView(ctx, row.id);
      });
      return reply.code(201).send(presentQuote(quote, request.actor.orgId));
    },
  );

  app.post(
    '/api/group-policies',
    {
      config: { access: Permission.QuoteRequest },
      schema: {
        tags,
        summary:
          'Group purchase (集中投保): a park buys a standard package for its member firms, one certificate each',
        description:
          'The buyer is the park’s registered enterprise; every member’s profile must name the same park. Each member is ' +
          'rated on its own facts and must be offered (no referral). One transaction: master policy, certificates, lines, ' +
          'cessions per member, journal. Send an Idempotency-Key.',
        headers: IdempotencyHeaders,
        body: GroupBody,
        response: { 201: PolicyDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const master = await bindGroupPolicy(ctx, { cache, subsidy: noSubsidy }, request.body);
          return { status: 201, body: await presentPolicyDetail(ctx.db, ctx.actor, master.id) };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/api/policies/:id/certificates',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: 'Member certificates (成员凭证) of a group policy the caller may see',
        params: IdParams,
        querystring: PolicyListQuery,
        response: { 200: Page(PolicySummary), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      await presentPolicyDetail(pool, request.actor, request.params.id);
      const { rows, total } = await listPolicies(pool, policyScope(request.actor), {
        status,
        masterId: request.params.id,
        limit,
        offset,
      });
      return { items: rows.map(presentPolicySummary), total, limit, offset };
    },
  );
};
