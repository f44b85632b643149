import type { Queryable } from '@kebao/db';

export interface ModelRow {
  code: string;
  version: number;
  definition: unknown;
  checksum: string;
  created_at: Date;
}

export async function findModel(db: Queryable, code: string, version: number) {
  const r = await db.query<ModelRow>('SELECT * FROM evaluation_model WHERE code = $1 AND version = $2', [
    code,
    version,
  ]);
  return r.rows[0] ?? null;
}

/** The newest version of every model. */
export async function latestModels(db: Queryable): Promise<ModelRow[]> {
  const r = await db.query<ModelRow>(
    'SELECT DISTINCT ON (code) * FROM evaluation_model ORDER BY code, version DESC',
  );
  return r.rows;
}

export async function insertModel(db: Queryable, m: ModelRow): Promise<void> {
  await db.query(
    'INSERT INTO evaluation_model (code, version, definition, checksum, created_at) VALUES ($1, $2, $3, $4, $5)',
    [m.code, m.version, JSON.stringify(m.definition), m.checksum, m.created_at],
  );
}
