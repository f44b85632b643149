import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built web app. Unknown non-API paths get index.html so the client router can take
 * them (deep links such as /org/users survive a reload).
 */
export async function registerWeb(app: FastifyInstance, dist: string | undefined) {
  if (!dist || !existsSync(path.join(dist, 'index.html'))) return null;
  const indexHtml = readFileSync(path.join(dist, 'index.html'));
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' };
    });
    await web.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      maxAge: '1h',
      setHeaders(res, file) {
        // Hashed asset names may be cached for ever; index.html must be revalidated.
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  });
  return (request: FastifyRequest, reply: FastifyReply): boolean => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || url.startsWith('/api/') || path.extname(url) !== '') return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    void reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    return true;
  };
}
