import type { Queryable } from '@kebao/db';
import {
  isPermission,
  isRole,
  type OrganisationKind,
  type Permission,
  permissionsOf,
} from '@kebao/domain/org';
import type { Actor } from '../actor.ts';
import { problem } from '../errors.ts';
import {
  findSession,
  findToken,
  type PrincipalRow,
  type SessionRow,
  touchSession,
  touchToken,
} from './repo.ts';
import { sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'kebao_session';

/** The permissions a user holds now: computed per request from its current roles. */
function userPermissions(row: PrincipalRow): Permission[] {
  return permissionsOf(row.roles.filter(isRole));
}

function actorOf(row: PrincipalRow, type: 'user' | 'token', permissions: Iterable<Permission>): Actor {
  return {
    type,
    userId: row.user_id,
    orgId: row.org_id,
    orgKind: row.org_kind as OrganisationKind,
    displayName: row.display_name,
    permissions: new Set(permissions),
    sessionId: null,
    tokenId: null,
  };
}

export interface SessionTimes {
  idleMs: number;
}

export interface SessionPrincipal {
  actor: Actor;
  session: SessionRow;
  idleExpiresAt: Date;
}

/**
 * The actor behind a session cookie, or null when the cookie names no usable session (revoked,
 * expired, idle too long, its user disabled or its organisation suspended).
 */
export async function sessionPrincipal(
  db: Queryable,
  cookie: string,
  now: Date,
  times: SessionTimes,
): Promise<SessionPrincipal | null> {
  const row = await findSession(db, sha256(cookie));
  if (!row || row.revoked_at) return null;
  const lastSeen = row.last_seen_at.getTime();
  if (row.expires_at <= now || lastSeen + times.idleMs <= now.getTime()) return null;
  if (row.user_status !== 'active' || row.org_status !== 'active') return null;
  // Refresh the idle timer at most once a minute: one write per minute per active session.
  const touched = now.getTime() - lastSeen > 60_000;
  if (touched) await touchSession(db, row.session_id, now);
  const actor = { ...actorOf(row, 'user', userPermissions(row)), sessionId: row.session_id };
  return {
    actor,
    session: row,
    idleExpiresAt: new Date((touched ? now.getTime() : lastSeen) + times.idleMs),
  };
}

/**
 * The actor behind a bearer token. A token acts as the user who created it, limited to its
 * scopes and to what that user may still do; it dies with the user.
 */
export async function tokenPrincipal(db: Queryable, bearer: string, now: Date): Promise<Actor> {
  const row = await findToken(db, sha256(bearer));
  if (!row || row.revoked_at || row.expires_at <= now) throw problem('auth.token_invalid');
  if (row.user_status !== 'active' || row.org_status !== 'active' || row.token_org_id !== row.org_id) {
    throw problem('auth.token_invalid');
  }
  const held = new Set(userPermissions(row));
  const scoped = row.scopes.filter(isPermission).filter((p) => held.has(p));
  await touchToken(db, row.token_id, now);
  return { ...actorOf(row, 'token', scoped), tokenId: row.token_id };
}
