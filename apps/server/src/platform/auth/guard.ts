import { isPermission, type Permission } from '@kebao/domain/org';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type pg from 'pg';
import { type Actor, anonymousActor } from '../actor.ts';
import type { Config } from '../config.ts';
import { problem } from '../errors.ts';
import type { Clock } from '../ids.ts';
import { SESSION_COOKIE, type SessionPrincipal, sessionPrincipal, tokenPrincipal } from './principal.ts';
import { safeEqual } from './secrets.ts';

/**
 * What a route requires: `public` (anyone), `session` (any signed-in user or token), or one
 * permission of the vocabulary. Every route must say which; the app refuses to start otherwise.
 */
export type RouteAccess = Permission | 'public' | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
    session: SessionPrincipal | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardOptions {
  pool: pg.Pool;
  clock: Clock;
  config: Config;
}

export function isRouteAccess(value: unknown): value is RouteAccess {
  return value === 'public' || value === 'session' || (typeof value === 'string' && isPermission(value));
}

/** Routes registered without a declared access, by method and URL. */
export function undeclaredRoutes(routes: readonly RouteOptions[]): string[] {
  return routes
    .filter((r) => !isRouteAccess((r.config as { access?: unknown } | undefined)?.access))
    .map((r) => `${Array.isArray(r.method) ? r.method.join(',') : r.method} ${r.url}`);
}

export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw problem('auth.token_invalid');
  return match[1] as string;
}

/** Installs authentication, CSRF protection and the permission check on every route. */
export function registerGuard(app: FastifyInstance, options: GuardOptions): void {
  const routes: RouteOptions[] = [];
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const missing = undeclaredRoutes(routes);
    if (missing.length > 0)
      throw new Error(`Routes without a declared access (permission): ${missing.join('; ')}`);
  });

  const idleMs = options.config.session.idleMinutes * 60_000;

  /** Who is asking: a bearer token or a session cookie, read from the database (CSRF checked). */
  async function authenticate(
    request: FastifyRequest,
    reply: FastifyReply,
    access: RouteAccess,
    bearer: string | null,
  ) {
    const now = options.clock();
    if (bearer) {
      request.actor = await tokenPrincipal(options.pool, bearer, now);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE] as string;
    const principal = await sessionPrincipal(options.pool, cookie, now, { idleMs });
    if (principal) {
      request.actor = principal.actor;
      request.session = principal;
      const sent = request.headers[CSRF_HEADER];
      if (access !== 'public' && !SAFE_METHODS.has(request.method)) {
        if (typeof sent !== 'string' || !safeEqual(sent, principal.session.csrf_token))
          throw problem('auth.csrf');
      }
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (access !== 'public') throw problem('auth.session_expired');
    }
  }

  // A callback hook, not an async one: a request without credentials (every public call of an
  // anonymous visitor) passes without a promise or a turn of the event loop.
  app.addHook('onRequest', (request, reply, done) => {
    request.actor = anonymousActor;
    const access = request.routeOptions.config?.access;
    if (access === undefined) return done(); // not a route (404), or a framework route declared elsewhere
    let bearer: string | null;
    try {
      bearer = bearerOf(request);
    } catch (error) {
      return done(error as Error);
    }
    if (bearer === null && !request.cookies[SESSION_COOKIE]) return done(refusal(access, request.actor));
    authenticate(request, reply, access, bearer).then(
      () => done(refusal(access, request.actor)),
      (error: Error) => done(error),
    );
  });
}

/** Why `actor` may not use a route of `access`, or undefined when it may. */
function refusal(access: RouteAccess, actor: Actor): Error | undefined {
  if (access === 'public') return undefined;
  if (actor.type === 'anonymous') return problem('auth.required');
  if (access !== 'session' && !actor.permissions.has(access)) return problem('auth.forbidden');
  return undefined;
}
