import type { Queryable } from '@kebao/db';
import type { Permission } from '@kebao/domain/org';

/** The user and organisation behind a credential, as authentication needs them. */
export interface PrincipalRow {
  user_id: string;
  email: string;
  display_name: string;
  roles: string[];
  user_status: 'active' | 'disabled';
  org_id: string;
  org_kind: string;
  org_status: 'active' | 'suspended';
}

const principalColumns = `u.id AS user_id, u.email, u.display_name, u.roles, u.status AS user_status,
  o.id AS org_id, o.kind AS org_kind, o.status AS org_status`;

export interface CredentialRow extends PrincipalRow {
  password_hash: string | null;
}

export async function findCredentials(db: Queryable, email: string): Promise<CredentialRow | null> {
  const r = await db.query<CredentialRow>(
    `SELECT ${principalColumns}, u.password_hash
       FROM app_user u JOIN organisation o ON o.id = u.org_id
      WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return r.rows[0] ?? null;
}

export interface SessionRow extends PrincipalRow {
  session_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function findSession(db: Queryable, tokenHash: Buffer): Promise<SessionRow | null> {
  const r = await db.query<SessionRow>(
    `SELECT ${principalColumns}, s.id AS session_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at
       FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.org_id
      WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('UPDATE user_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [
    sessionId,
    now,
  ]);
}

export interface NewSession {
  id: string;
  tokenHash: Buffer;
  userId: string;
  orgId: string;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Queryable, s: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO user_session (id, token_hash, user_id, org_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)`,
    [s.id, s.tokenHash, s.userId, s.orgId, s.csrfToken, s.now, s.expiresAt, s.ip, s.userAgent],
  );
}

export interface SessionListRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** A user's sessions that are neither revoked nor past their absolute or idle expiry. */
export async function listActiveSessions(db: Queryable, userId: string, now: Date, idleMs: number) {
  const r = await db.query<SessionListRow>(
    `SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM user_session
      WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
        AND last_seen_at > $2 - make_interval(secs => $3 / 1000.0)
      ORDER BY last_seen_at DESC`,
    [userId, now, idleMs],
  );
  return r.rows;
}

/** Revokes sessions; returns the ids actually revoked now. `userId` scopes the revocation. */
export async function revokeSessions(
  db: Queryable,
  where: { userId: string; sessionId?: string },
  now: Date,
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `UPDATE user_session SET revoked_at = $3
      WHERE user_id = $1 AND ($2::uuid IS NULL OR id = $2) AND revoked_at IS NULL
      RETURNING id`,
    [where.userId, where.sessionId ?? null, now],
  );
  return r.rows.map((x) => x.id);
}

export interface TokenAuthRow extends PrincipalRow {
  token_id: string;
  token_org_id: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export async function findToken(db: Queryable, tokenHash: Buffer): Promise<TokenAuthRow | null> {
  const r = await db.query<TokenAuthRow>(
    `SELECT ${principalColumns}, t.id AS token_id, t.org_id AS token_org_id, t.scopes, t.expires_at, t.revoked_at, t.last_used_at
       FROM api_token t JOIN app_user u ON u.id = t.created_by JOIN organisation o ON o.id = u.org_id
      WHERE t.token_hash = $1`,
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

export async function touchToken(db: Queryable, tokenId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [tokenId, now],
  );
}

export interface TokenRow {
  id: string;
  org_id: string;
  created_by: string;
  creator_name: string;
  name: string;
  prefix: string;
  /** Only permissions of the vocabulary are ever stored (checked on write). */
  scopes: Permission[];
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const tokenSelect = `SELECT t.id, t.org_id, t.created_by, u.display_name AS creator_name, t.name, t.prefix, t.scopes,
  t.created_at, t.expires_at, t.revoked_at, t.last_used_at
  FROM api_token t JOIN app_user u ON u.id = t.created_by`;

export async function insertToken(
  db: Queryable,
  t: Omit<TokenRow, 'creator_name' | 'revoked_at' | 'last_used_at'> & { token_hash: Buffer },
): Promise<void> {
  await db.query(
    `INSERT INTO api_token (id, org_id, created_by, name, prefix, token_hash, scopes, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [t.id, t.org_id, t.created_by, t.name, t.prefix, t.token_hash, t.scopes, t.created_at, t.expires_at],
  );
}

export async function listTokens(db: Queryable, orgId: string): Promise<TokenRow[]> {
  const r = await db.query<TokenRow>(`${tokenSelect} WHERE t.org_id = $1 ORDER BY t.created_at DESC`, [
    orgId,
  ]);
  return r.rows;
}

export async function findTokenById(db: Queryable, orgId: string, tokenId: string): Promise<TokenRow | null> {
  const r = await db.query<TokenRow>(`${tokenSelect} WHERE t.org_id = $1 AND t.id = $2`, [orgId, tokenId]);
  return r.rows[0] ?? null;
}

export async function revokeToken(
  db: Queryable,
  orgId: string,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const r = await db.query(
    'UPDATE api_token SET revoked_at = $3 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL',
    [orgId, tokenId, now],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Active tokens created by a user (revoked with the user). */
export async function revokeTokensOf(db: Queryable, userId: string, now: Date): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    'UPDATE api_token SET revoked_at = $2 WHERE created_by = $1 AND revoked_at IS NULL RETURNING id',
    [userId, now],
  );
  return r.rows.map((x) => x.id);
}

export async function recordLogin(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE app_user SET last_login_at = $2 WHERE id = $1', [userId, now]);
}

export async function throttleState(db: Queryable, keys: string[]) {
  const r = await db.query<{ key: string; window_start: Date; failures: number }>(
    'SELECT key, window_start, failures FROM login_throttle WHERE key = ANY($1::text[])',
    [keys],
  );
  return r.rows;
}

/** Counts a failure in the key's window, opening a new window when the old one has passed. */
export async function countFailure(db: Queryable, key: string, now: Date, windowMs: number): Promise<void> {
  await db.query(
    `INSERT INTO login_throttle (key, window_start, failures) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_start <= $2 - make_interval(secs => $3 / 1000.0) THEN 1
                       ELSE login_throttle.failures + 1 END,
       window_start = CASE WHEN login_throttle.window_start <= $2 - make_interval(secs => $3 / 1000.0) THEN $2
                           ELSE login_throttle.window_start END`,
    [key, now, windowMs],
  );
}

export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
