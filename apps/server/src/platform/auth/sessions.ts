import type { OrganisationKind } from '@kebao/domain/org';
import type pg from 'pg';
import { type Actor, anonymousActor } from '../actor.ts';
import type { Config } from '../config.ts';
import { problem } from '../errors.ts';
import { type Clock, newId } from '../ids.ts';
import type { Ctx, RunInTransaction } from '../transaction.ts';
import { verifyPassword } from './passwords.ts';
import { tokenPrincipal } from './principal.ts';
import {
  findCredentials,
  insertSession,
  listActiveSessions,
  recordLogin,
  revokeSessions,
  revokeTokensOf,
} from './repo.ts';
import { randomSecret, sha256 } from './secrets.ts';
import { assertNotThrottled, clearAccountThrottle, countLoginFailure } from './throttle.ts';

export interface AuthDeps {
  pool: pg.Pool;
  tx: RunInTransaction;
  clock: Clock;
  config: Config;
}

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  cookie: string;
  sessionId: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Signs a user in: throttle check, password check (Argon2id), then a new session, all audited.
 * Failures are counted per account and per client address and audited on the account's
 * organisation, so its administrators see attempts on their users.
 */
export async function login(deps: AuthDeps, input: LoginInput): Promise<LoginResult> {
  const now = deps.clock();
  const limits = {
    windowMs: deps.config.login.windowMinutes * 60_000,
    perAccount: deps.config.login.maxFailuresPerAccount,
    perIp: deps.config.login.maxFailuresPerIp,
  };
  await assertNotThrottled(deps.pool, input.email, input.ip, now, limits);
  const found = await findCredentials(deps.pool, input.email);
  const ok = await verifyPassword(found?.password_hash ?? null, input.password);

  if (!found || !ok) {
    const actor: Actor = { ...anonymousActor, orgId: found?.org_id ?? null };
    await deps.tx(actor, input.requestId, async (ctx) => {
      await countLoginFailure(ctx.db, input.email, input.ip, ctx.now, limits.windowMs);
      ctx.audit({
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: found?.user_id ?? null,
        after: {
          email: input.email.toLowerCase(),
          ip: input.ip,
          reason: found ? 'password' : 'unknown_account',
        },
      });
    });
    throw problem('auth.invalid_credentials');
  }
  if (found.user_status !== 'active' || found.org_status !== 'active') throw problem('auth.account_disabled');

  const actor: Actor = {
    ...anonymousActor,
    type: 'user',
    userId: found.user_id,
    orgId: found.org_id,
    orgKind: found.org_kind as OrganisationKind,
    displayName: found.display_name,
  };
  const cookie = randomSecret();
  const sessionId = newId(now.getTime());
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + deps.config.session.absoluteHours * 3_600_000);
  await deps.tx(actor, input.requestId, async (ctx) => {
    await insertSession(ctx.db, {
      id: sessionId,
      tokenHash: sha256(cookie),
      userId: found.user_id,
      orgId: found.org_id,
      csrfToken,
      now: ctx.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await recordLogin(ctx.db, found.user_id, ctx.now);
    await clearAccountThrottle(ctx.db, input.email);
    ctx.audit({
      action: 'session.create',
      entityType: 'session',
      entityId: sessionId,
      after: { ip: input.ip },
    });
  });
  return { cookie, sessionId, userId: found.user_id, csrfToken, expiresAt };
}

/** Revokes sessions of the acting user (one, or all when no id) and tells live streams. */
export async function revokeOwnSessions(ctx: Ctx, sessionId?: string): Promise<string[]> {
  const userId = ctx.actor.userId;
  if (!userId) throw problem('auth.required');
  const revoked = await revokeSessions(ctx.db, { userId, ...(sessionId ? { sessionId } : {}) }, ctx.now);
  if (sessionId && revoked.length === 0) throw problem('session.not_found');
  announceRevocation(ctx, userId, { sessionIds: revoked });
  return revoked;
}

/** Ends everything a user holds — on disabling the account. */
export async function revokeEverythingOf(ctx: Ctx, userId: string, orgId: string): Promise<void> {
  const sessionIds = await revokeSessions(ctx.db, { userId }, ctx.now);
  const tokenIds = await revokeTokensOf(ctx.db, userId, ctx.now);
  announceRevocation(ctx, userId, { sessionIds, tokenIds, orgIds: [orgId] });
}

function announceRevocation(
  ctx: Ctx,
  userId: string,
  what: { sessionIds: string[]; tokenIds?: string[]; orgIds?: string[] },
): void {
  for (const id of what.sessionIds) {
    ctx.audit({ action: 'session.revoke', entityType: 'session', entityId: id, orgIds: what.orgIds ?? [] });
  }
  for (const id of what.tokenIds ?? []) {
    ctx.audit({ action: 'token.revoke', entityType: 'api_token', entityId: id, orgIds: what.orgIds ?? [] });
  }
  if (what.sessionIds.length + (what.tokenIds?.length ?? 0) === 0) return;
  ctx.emit({
    type: 'session.revoked',
    aggregateType: 'user',
    aggregateId: userId,
    payload: { userId, sessionIds: what.sessionIds, tokenIds: what.tokenIds ?? [] },
    orgIds: what.orgIds ?? [],
  });
}

export async function activeSessions(deps: AuthDeps, userId: string) {
  return listActiveSessions(deps.pool, userId, deps.clock(), deps.config.session.idleMinutes * 60_000);
}

export { tokenPrincipal };
