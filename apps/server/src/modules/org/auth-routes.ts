import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission, type Permission as PermissionName } from '@kebao/domain/org';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SESSION_COOKIE, sessionPrincipal } from '../../platform/auth/principal.ts';
import type { TokenRow } from '../../platform/auth/repo.ts';
import { activeSessions, login, revokeOwnSessions } from '../../platform/auth/sessions.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../platform/auth/tokens.ts';
import { problem } from '../../platform/errors.ts';
import { problemResponses, Uuid } from '../../platform/http/schemas.ts';
import { findOrganisation, findUser } from './repo.ts';
import { ApiToken, CreateApiToken, CreatedApiToken, Login, Me, Session } from './schemas.ts';

function presentToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
    createdBy: { id: t.created_by, displayName: t.creator_name },
  };
}

/** Sign-in, sign-out, the caller's own profile and sessions, and API tokens. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.kebao;
  const { pool, tx, config } = services;
  const tags = ['auth'];

  async function me(request: FastifyRequest) {
    const { actor, session } = request;
    const user = await findUser(pool, actor.orgId as string, actor.userId as string);
    const org = await findOrganisation(pool, { all: false, orgId: actor.orgId }, actor.orgId as string);
    if (!user || !org) throw problem('auth.required');
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      roles: user.roles,
      permissions: [...actor.permissions].sort(),
      organisation: { id: org.id, kind: org.kind, nameZh: org.name_zh, nameEn: org.name_en },
      csrfToken: session?.session.csrf_token ?? null,
      session: session
        ? {
            id: session.session.session_id,
            expiresAt: session.session.expires_at.toISOString(),
            idleExpiresAt: session.idleExpiresAt.toISOString(),
          }
        : null,
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        description:
          'Failures are limited per account and per client address; past the limit the answer is 429 with Retry-After.',
        body: Login,
        response: { 200: Me, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await login(services, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.session.secureCookies,
        expires: result.expiresAt,
      });
      // Authenticate the new session so /me reads exactly what later requests will see.
      const principal = await sessionPrincipal(pool, result.cookie, services.clock(), {
        idleMs: config.session.idleMinutes * 60_000,
      });
      if (!principal) throw problem('auth.session_expired');
      request.actor = principal.actor;
      request.session = principal;
      return me(request);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Sign out: revokes the current session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const sessionId = request.session?.session.session_id;
      if (sessionId) await tx(request.actor, request.id, (ctx) => revokeOwnSessions(ctx, sessionId));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The caller: user, organisation, permissions, CSRF token',
        response: { 200: Me, ...problemResponses(401) },
      },
    },
    async (request) => me(request),
  );

  app.get(
    '/api/me/sessions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: "The caller's active sessions",
        response: { 200: Type.Object({ items: Type.Array(Session) }) },
      },
    },
    async (request) => {
      const current = request.session?.session.session_id;
      const rows = await activeSessions(services, request.actor.userId as string);
      return {
        items: rows.map((s) => ({
          id: s.id,
          createdAt: s.created_at.toISOString(),
          lastSeenAt: s.last_seen_at.toISOString(),
          expiresAt: s.expires_at.toISOString(),
          ip: s.ip,
          userAgent: s.user_agent,
          current: s.id === current,
        })),
      };
    },
  );

  app.delete(
    '/api/me/sessions/:sessionId',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Revoke one of your sessions (it stops working at once)',
        params: Type.Object({ sessionId: Uuid }),
        response: { 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await tx(request.actor, request.id, (ctx) => revokeOwnSessions(ctx, request.params.sessionId));
      if (request.params.sessionId === request.session?.session.session_id)
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: Permission.TokenManage },
      schema: {
        tags,
        summary: "The organisation's API tokens",
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }) },
      },
    },
    async (request) => ({
      items: (await listApiTokens(pool, request.actor.orgId as string)).map(presentToken),
    }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: Permission.TokenManage },
      schema: {
        tags,
        summary: 'Create an API token (its secret is returned once)',
        description:
          'Scopes must be permissions the creator holds. Use as `Authorization: Bearer <secret>`. No Idempotency-Key: ' +
          'the secret is never stored, so a response could not be replayed.',
        body: CreateApiToken,
        response: { 201: CreatedApiToken, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const input = { ...request.body, scopes: request.body.scopes as PermissionName[] };
      const { token, secret } = await tx(request.actor, request.id, (ctx) => createApiToken(ctx, input));
      return reply.code(201).send({ ...presentToken(token), secret });
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    {
      config: { access: Permission.TokenManage },
      schema: {
        tags,
        summary: 'Revoke an API token (it stops working at once)',
        params: Type.Object({ tokenId: Uuid }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await tx(request.actor, request.id, (ctx) => revokeApiToken(ctx, request.params.tokenId));
      return reply.code(204).send(null);
    },
  );
};
