import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { claimRoutes } from './modules/claim/routes.ts';
import { enterpriseImportRoutes } from './modules/enterprise/import-routes.ts';
import { enterpriseRoutes } from './modules/enterprise/routes.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { monitorRoutes } from './modules/monitor/routes.ts';
import { authRoutes } from './modules/org/auth-routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { placementRoutes } from './modules/placement/routes.ts';
import { policyRoutes } from './modules/policy/routes.ts';
import { quoteRequestRoutes } from './modules/quote/request-routes.ts';
import { quoteRoutes } from './modules/quote/routes.ts';
import { regionRoutes } from './modules/region/routes.ts';
import { riskRoutes } from './modules/risk/routes.ts';
import { subsidyBreakdownRoutes } from './modules/subsidy/breakdown-routes.ts';
import { subsidyRoutes } from './modules/subsidy/routes.ts';
import { webhookRoutes } from './modules/webhook/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { registerGuard } from './platform/auth/guard.ts';
import { problem } from './platform/errors.ts';
import { healthRoutes } from './platform/http/health.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerProblemHandlers, sendProblem } from './platform/http/problem-handler.ts';
import { serializerFormats, validatorCompiler } from './platform/http/validation.ts';
import { registerWeb } from './platform/http/web.ts';
import { newId } from './platform/ids.ts';
import { sseRoutes } from './platform/outbox/sse-route.ts';
import type { Services } from './platform/services.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller's X-Request-Id is kept when it is sane, so one id follows a request across systems. */
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
}

export interface BuildOptions {
  /** Register extra routes before the app is sealed (tests use it to prove undeclared routes fail). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

/** The HTTP application: platform plumbing, then each context's routes. */
export async function buildApp(services: Services, options: BuildOptions = {}) {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => requestId(req as unknown as FastifyRequest),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    serializerOpts: { ajv: { formats: serializerFormats } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Before any route: plugins keep the error handler that was current when they were registered.
  registerProblemHandlers(app);
  app.decorate('kebao', services);
  // The API speaks JSON only: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers({
      'x-request-id': request.id,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    });
    done();
  });

  registerGuard(app, { pool: services.pool, clock: services.clock, config });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(catalogRoutes);
  await app.register(quoteRoutes);
  await app.register(quoteRequestRoutes);
  await app.register(placementRoutes);
  await app.register(policyRoutes);
  await app.register(ledgerRoutes);
  await app.register(subsidyRoutes);
  await app.register(calendarRoutes);
  await app.register(regionRoutes);
  await app.register(subsidyBreakdownRoutes);
  await app.register(claimRoutes);
  await app.register(monitorRoutes);
  await app.register(riskRoutes);
  await app.register(webhookRoutes);
  await app.register(enterpriseRoutes);
  await app.register(enterpriseImportRoutes);
  await app.register(auditRoutes);
  await app.register(sseRoutes);
  await options.extend?.(app);

  const spa = await registerWeb(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    if (spa?.(request, reply)) return;
    return sendProblem(
      reply,
      problem('request.not_found', { detail: `${request.method} ${request.url.split('?')[0]}` }),
    );
  });

  // Open event streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => services.hub.closeAll('shutdown'));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
