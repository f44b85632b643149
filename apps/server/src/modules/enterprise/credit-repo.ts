import type { Queryable } from '@kebao/db';

export interface CreditRecordRow {
  id: string;
  enterprise_id: string;
  kind: string;
  severity: string;
  occurred_on: string;
  revoked_on: string | null;
  description: string;
  evidence: unknown;
  recorded_by: string | null;
  recorded_org: string | null;
  recorded_at: Date;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export async function insertCreditRecord(db: Queryable, r: CreditRecordRow): Promise<void> {
  await db.query(
    `INSERT INTO credit_record (id, enterprise_id, kind, severity, occurred_on, revoked_on, description, evidence,
       recorded_by, recorded_org, recorded_at)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10)`,
    [
      r.id,
      r.enterprise_id,
      r.kind,
      r.severity,
      r.occurred_on,
      r.description,
      JSON.stringify(r.evidence),
      r.recorded_by,
      r.recorded_org,
      r.recorded_at,
    ],
  );
}

export async function creditRecordsOf(db: Queryable, enterpriseId: string): Promise<CreditRecordRow[]> {
  const r = await db.query<CreditRecordRow>(
    'SELECT * FROM credit_record WHERE enterprise_id = $1 ORDER BY occurred_on, recorded_at',
    [enterpriseId],
  );
  return r.rows;
}

/** Every record of the given enterprises, grouped by enterprise, oldest first. */
export async function creditRecordsOfMany(
  db: Queryable,
  enterpriseIds: string[],
): Promise<Map<string, CreditRecordRow[]>> {
  const grouped = new Map<string, CreditRecordRow[]>();
  if (enterpriseIds.length === 0) return grouped;
  const r = await db.query<CreditRecordRow>(
    'SELECT * FROM credit_record WHERE enterprise_id = ANY($1::uuid[]) ORDER BY enterprise_id, occurred_on, recorded_at',
    [enterpriseIds],
  );
  for (const row of r.rows) {
    const list = grouped.get(row.enterprise_id);
    if (list) list.push(row);
    else grouped.set(row.enterprise_id, [row]);
  }
  return grouped;
}

export async function findCreditRecord(db: Queryable, id: string, forUpdate = false) {
  const r = await db.query<CreditRecordRow>(
    `SELECT * FROM credit_record WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function revokeCreditRecord(
  db: Queryable,
  id: string,
  on: string,
  by: string | null,
  reason: string,
) {
  await db.query(
    'UPDATE credit_record SET revoked_on = $2, revoked_by = $3, revoke_reason = $4 WHERE id = $1',
    [id, on, by, reason],
  );
}

export async function currentCredit(db: Queryable, enterpriseId: string) {
  const r = await db.query<{ grade: string; explanation: unknown; as_of: string; computed_at: Date }>(
    'SELECT grade, explanation, as_of, computed_at FROM enterprise_credit WHERE enterprise_id = $1',
    [enterpriseId],
  );
  return r.rows[0] ?? null;
}

export async function saveCredit(
  db: Queryable,
  enterpriseId: string,
  grade: string,
  explanation: unknown,
  asOf: string,
  at: Date,
) {
  await db.query(
    `INSERT INTO enterprise_credit (enterprise_id, grade, explanation, as_of, computed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (enterprise_id) DO UPDATE SET grade = EXCLUDED.grade, explanation = EXCLUDED.explanation,
       as_of = EXCLUDED.as_of, computed_at = EXCLUDED.computed_at`,
    [enterpriseId, grade, JSON.stringify(explanation), asOf, at],
  );
}
