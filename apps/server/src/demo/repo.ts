import type { Queryable } from '@kebao/db';

/** The few reads the demo activity needs to find its actors and clients. */

export async function userByEmail(db: Queryable, email: string) {
  const r = await db.query<{ user_id: string; org_id: string; kind: string; name_zh: string }>(
    `SELECT u.id AS user_id, u.org_id, o.kind, o.name_zh FROM app_user u JOIN organisation o ON o.id = u.org_id
      WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return r.rows[0] ?? null;
}

/** Registry enterprises without a platform account (a broker's clients), by id, with their frontier tags. */
export async function brokerClients(db: Queryable, limit: number) {
  const r = await db.query<{ id: string; ic: boolean }>(
    `SELECT e.id, coalesce(e.facts->'frontierTags' ? 'ic', false) AS ic
       FROM enterprise e WHERE e.org_id IS NULL ORDER BY e.uscc LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export async function hasPolicies(db: Queryable): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM policy LIMIT 1');
  return (r.rowCount ?? 0) > 0;
}
