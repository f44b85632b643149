import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RateLimiter } from '../../platform/http/rate-limit.ts';
import { problemResponses } from '../../platform/http/schemas.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { PreviewAnswer, PreviewBody } from './schemas.ts';
import { previewQuote } from './service.ts';

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
    async (request) => {
      limiter?.hit(request.actor.orgId ?? `ip:${request.ip}`, clock().getTime());
      const { productCode, version, enterprise, request: quoteRequest } = request.body;
      return previewQuote(cache, request.actor, { productCode, version, enterprise, request: quoteRequest });
    },
  );
};
