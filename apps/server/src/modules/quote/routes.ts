import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RateLimiter } from '../../platform/http/rate-limit.ts';
import { problemResponses } from '../../platform/http/schemas.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { PreviewAnswer, PreviewBody } from './schemas.ts';
import { previewCached, previewQuote } from './service.ts';

/** Quotes (询价/报价). The preview prices without storing; quote requests arrive with the placement issue. */
export const quoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, hub, config, clock } = app.kebao;
  const cache = new CatalogCache(pool, hub);
  const perMinute = config.quotePreviewPerMinute;
  const limiter = perMinute > 0 ? new RateLimiter(perMinute, 60_000) : null;

  app.post(
    '/api/quotes/preview',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quote'],
        summary:
          'Price a product for given enterprise facts: eligibility, underwriting outcome, premium and breakdown',
        description:
          'No sign-in needed for filed and sandbox products; limited per client address (per organisation when signed ' +
          'in). Nothing is stored. Facts left out are unknown: the answer lists the ones the decision needs.',
        body: PreviewBody,
        response: { 200: PreviewAnswer, ...problemResponses(400, 404, 409, 422, 429) },
      },
    },
    (request, reply) => {
      limiter?.hit(request.actor.orgId ?? `ip:${request.ip}`, clock().getTime());
      const { productCode, version, enterprise, request: quoteRequest } = request.body;
      const input = { productCode, version, enterprise, request: quoteRequest };
      // The answer is built in the schema's order with nothing else (see previewAnswer): JSON.stringify
      // writes the same bytes as the schema's serializer, faster. Problems keep the default path.
      const send = (answer: ReturnType<typeof previewCached>): void => {
        reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(answer);
      };
      // A version already in the cache is priced at once, without a promise.
      const cached = cache.peek(productCode, version);
      if (cached !== undefined) return send(previewCached(cached, request.actor, input));
      return previewQuote(cache, request.actor, input).then(send);
    },
  );
};
