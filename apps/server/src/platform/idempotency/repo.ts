import type { Queryable } from '@kebao/db';

/** Claims a key; waits for a concurrent holder of the same key to finish. True when claimed. */
export async function claimKey(
  db: Queryable,
  orgId: string,
  key: string,
  requestHash: Buffer,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO idempotency_key (org_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, key) DO NOTHING`,
    [orgId, key, requestHash],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function findKey(db: Queryable, orgId: string, key: string) {
  const r = await db.query<{ request_hash: Buffer; status_code: number | null; response: unknown }>(
    'SELECT request_hash, status_code, response FROM idempotency_key WHERE org_id = $1 AND key = $2',
    [orgId, key],
  );
  return r.rows[0] ?? null;
}

export async function storeResponse(
  db: Queryable,
  orgId: string,
  key: string,
  status: number,
  response: string,
) {
  await db.query(
    'UPDATE idempotency_key SET status_code = $3, response = $4 WHERE org_id = $1 AND key = $2',
    [orgId, key, status, response],
  );
}
