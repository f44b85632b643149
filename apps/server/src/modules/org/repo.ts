import type { Queryable } from '@kebao/db';
import type { OrganisationKind, Role } from '@kebao/domain/org';
import type { OrgScope } from '../../platform/actor.ts';

export interface OrganisationRow {
  id: string;
  kind: OrganisationKind;
  name_zh: string;
  name_en: string;
  uscc: string | null;
  region_code: string | null;
  registered_capital: bigint | null;
  status: 'active' | 'suspended';
  created_at: Date;
  updated_at: Date;
}

export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  display_name: string;
  /** Only roles of the vocabulary are ever stored (checked on write). */
  roles: Role[];
  status: 'active' | 'disabled';
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

const userColumns = 'id, org_id, email, display_name, roles, status, created_at, updated_at, last_login_at';

/** `scope` limits every read: an actor without the *_all permission sees its own organisation. */
const orgVisible = '($1::boolean OR id = $2::uuid)';

export async function findOrganisation(
  db: Queryable,
  scope: OrgScope,
  id: string,
): Promise<OrganisationRow | null> {
  const r = await db.query<OrganisationRow>(`SELECT * FROM organisation WHERE ${orgVisible} AND id = $3`, [
    scope.all,
    scope.orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function listOrganisations(
  db: Queryable,
  scope: OrgScope,
  filter: { kind?: string | undefined; limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const params = [scope.all, scope.orgId, filter.kind ?? null];
  const where = `${orgVisible} AND ($3::text IS NULL OR kind = $3)`;
  const [rows, count] = await Promise.all([
    db.query<OrganisationRow>(
      `SELECT * FROM organisation WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`,
      [...params, filter.limit, filter.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organisation WHERE ${where}`, params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

export async function insertOrganisation(
  db: Queryable,
  o: Omit<OrganisationRow, 'updated_at'>,
): Promise<OrganisationRow> {
  const r = await db.query<OrganisationRow>(
    `INSERT INTO organisation (id, kind, name_zh, name_en, uscc, region_code, registered_capital, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
    [o.id, o.kind, o.name_zh, o.name_en, o.uscc, o.region_code, o.registered_capital, o.status, o.created_at],
  );
  return r.rows[0] as OrganisationRow;
}

export async function usccTaken(db: Queryable, uscc: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM organisation WHERE uscc = $1', [uscc]);
  return (r.rowCount ?? 0) > 0;
}

export async function listUsers(
  db: Queryable,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<UserRow>(
      `SELECT ${userColumns} FROM app_user WHERE org_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [orgId, page.limit, page.offset],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user WHERE org_id = $1', [orgId]),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

export async function findUser(
  db: Queryable,
  orgId: string,
  userId: string,
  forUpdate = false,
): Promise<UserRow | null> {
  const r = await db.query<UserRow>(
    `SELECT ${userColumns} FROM app_user WHERE org_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, userId],
  );
  return r.rows[0] ?? null;
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [email]);
  return (r.rowCount ?? 0) > 0;
}

export async function insertUser(
  db: Queryable,
  u: Omit<UserRow, 'updated_at' | 'last_login_at'> & { password_hash: string | null },
): Promise<UserRow> {
  const r = await db.query<UserRow>(
    `INSERT INTO app_user (id, org_id, email, display_name, password_hash, roles, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${userColumns}`,
    [u.id, u.org_id, u.email, u.display_name, u.password_hash, u.roles, u.status, u.created_at],
  );
  return r.rows[0] as UserRow;
}

export async function updateUser(
  db: Queryable,
  orgId: string,
  userId: string,
  change: { display_name?: string | undefined; roles?: string[] | undefined; status?: string | undefined },
  now: Date,
): Promise<UserRow> {
  const r = await db.query<UserRow>(
    `UPDATE app_user SET display_name = coalesce($3, display_name), roles = coalesce($4, roles),
            status = coalesce($5, status), updated_at = $6
      WHERE org_id = $1 AND id = $2 RETURNING ${userColumns}`,
    [orgId, userId, change.display_name ?? null, change.roles ?? null, change.status ?? null, now],
  );
  return r.rows[0] as UserRow;
}

export async function setPassword(
  db: Queryable,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db.query('UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE id = $1', [
    userId,
    passwordHash,
    now,
  ]);
}

export async function countOrganisations(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisation');
  return r.rows[0]?.n ?? 0;
}

export async function findOrganisationByUscc(db: Queryable, uscc: string): Promise<OrganisationRow | null> {
  const r = await db.query<OrganisationRow>('SELECT * FROM organisation WHERE uscc = $1', [uscc]);
  return r.rows[0] ?? null;
}
