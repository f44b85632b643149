import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ProblemSchema } from './schemas.ts';

export const API_VERSION = '0.1.0';

/**
 * The OpenAPI 3.1 document, generated from the route schemas, at /api/openapi.json, and the
 * interactive docs at /api/docs (Swagger UI served from the package, no CDN).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kebao (科保) API',
        version: API_VERSION,
        description:
          'The open platform for tech insurance. Errors are RFC 9457 problem+json with a stable `code`, ' +
          '`message_zh`, `message_en` and field paths. Money is a decimal yuan string ("1234.56"). Browser clients ' +
          'use the session cookie and send `X-CSRF-Token` on unsafe requests; systems use `Authorization: Bearer`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kebao_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      tags: [
        { name: 'auth', description: '登录与令牌 Sign-in, sessions and API tokens' },
        { name: 'org', description: '机构与用户 Organisations and users' },
        { name: 'audit', description: '审计日志 Audit log' },
        { name: 'events', description: '事件流 Live events' },
        { name: 'ops', description: '运维 Health and readiness' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(async (docs) => {
    // Everything the docs plugin registers is public: declared here, for the whole scope.
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
}
