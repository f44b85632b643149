import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { migrationStatus } from '@kebao/db';
import { Type } from 'typebox';

/** `/health`: the process answers. `/ready`: the database answers and every migration is applied. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool } = app.kebao;
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['ops'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  const Ready = Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    checks: Type.Object({
      database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
      migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
    }),
    pending: Type.Array(Type.String()),
  });

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['ops'], summary: 'Readiness', response: { 200: Ready, 503: Ready } },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      try {
        await pool.query('SELECT 1');
      } catch {
        return reply.code(503).send({
          status: 'not_ready',
          checks: { database: 'unreachable', migrations: 'unknown' },
          pending: [],
        });
      }
      const m = await migrationStatus(pool);
      const body = {
        status: m.upToDate ? ('ready' as const) : ('not_ready' as const),
        checks: { database: 'ok' as const, migrations: m.upToDate ? ('ok' as const) : ('pending' as const) },
        pending: m.pending,
      };
      return reply.code(m.upToDate ? 200 : 503).send(body);
    },
  );
};
