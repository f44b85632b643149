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

/** Insurers of the zone other than those given, oldest first: they write business in their own systems. */
export async function otherInsurers(db: Queryable, except: readonly string[]) {
  const r = await db.query<{ id: string; name_zh: string; uscc: string; registered_capital: bigint | null }>(
    `SELECT id, name_zh, uscc, registered_capital FROM organisation
      WHERE kind = 'insurer' AND NOT (id = ANY($1::uuid[])) ORDER BY uscc`,
    [except],
  );
  return r.rows;
}

/** Registry enterprises as an insurer's bordereau names them: code, name, industry, region, tech qualification. */
export async function registryInsureds(db: Queryable, limit: number) {
  const r = await db.query<{
    uscc: string;
    name: string;
    industry_code: string | null;
    region_code: string | null;
    ic: boolean;
  }>(
    `SELECT uscc, name, industry_code, region_code, coalesce(facts->'frontierTags' ? 'ic', false) AS ic
       FROM enterprise ORDER BY uscc DESC LIMIT $1`,
    [limit],
  );
  return r.rows;
}

/** The registry enterprise of an organisation's account (the demo enterprise login's). */
export async function enterpriseOfOrg(db: Queryable, orgId: string): Promise<string | null> {
  const r = await db.query<{ id: string }>('SELECT id FROM enterprise WHERE org_id = $1', [orgId]);
  return r.rows[0]?.id ?? null;
}
