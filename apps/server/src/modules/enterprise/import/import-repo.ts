import type { Queryable } from '@kebao/db';
import { type EnterpriseScope, scopeParams, VISIBLE_ENTERPRISE } from '../repo.ts';
import type { ImportRowError } from './header-plan.ts';

export interface ImportRow {
  id: string;
  org_id: string | null;
  user_id: string | null;
  file_name: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  status: 'running' | 'finished' | 'failed';
  total_rows: number | null;
  read_rows: number;
  created_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  error_rows: number;
  error_count: number;
  failure_code: string | null;
  failure_zh: string | null;
  failure_en: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** The counters of an import as they stand after a committed batch. */
export interface ImportCounters {
  totalRows: number | null;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  errorRows: number;
  errors: number;
}

export async function insertImport(
  db: Queryable,
  row: Pick<ImportRow, 'id' | 'org_id' | 'user_id' | 'file_name' | 'format' | 'encoding' | 'started_at'>,
): Promise<void> {
  await db.query(
    `INSERT INTO enterprise_import (id, org_id, user_id, file_name, format, encoding, status, started_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $7)`,
    [row.id, row.org_id, row.user_id, row.file_name, row.format, row.encoding, row.started_at],
  );
}

const counterColumns = `total_rows AS "totalRows", read_rows AS "rowsRead", created_rows AS created,
  updated_rows AS updated, unchanged_rows AS unchanged, error_rows AS "errorRows", error_count AS errors`;

export async function setImportTotal(db: Queryable, id: string, totalRows: number): Promise<void> {
  await db.query('UPDATE enterprise_import SET total_rows = $2 WHERE id = $1', [id, totalRows]);
}

/**
 * Adds a committed batch to the counters and returns them as they now stand. Increments, not
 * values: batches committing side by side each add their own (the row lock orders them).
 */
export async function addImportCounters(
  db: Queryable,
  id: string,
  d: ImportCounters,
  at: Date,
): Promise<ImportCounters> {
  const r = await db.query<ImportCounters>(
    `UPDATE enterprise_import SET read_rows = read_rows + $2, created_rows = created_rows + $3,
       updated_rows = updated_rows + $4, unchanged_rows = unchanged_rows + $5, error_rows = error_rows + $6,
       error_count = error_count + $7, updated_at = $8
     WHERE id = $1
     RETURNING ${counterColumns}`,
    [id, d.rowsRead, d.created, d.updated, d.unchanged, d.errorRows, d.errors, at],
  );
  return r.rows[0] as ImportCounters;
}

/** Records the end (finished, or failed with why) and returns the final counters. */
export async function finishImport(
  db: Queryable,
  id: string,
  at: Date,
  failure: { code: string; zh: string; en: string } | null,
): Promise<ImportCounters> {
  const r = await db.query<ImportCounters>(
    `UPDATE enterprise_import SET status = $2, failure_code = $3, failure_zh = $4, failure_en = $5,
       finished_at = $6, updated_at = $6
     WHERE id = $1
     RETURNING ${counterColumns}`,
    [
      id,
      failure ? 'failed' : 'finished',
      failure?.code ?? null,
      failure?.zh ?? null,
      failure?.en ?? null,
      at,
    ],
  );
  return r.rows[0] as ImportCounters;
}

/** Problems in one statement (arrays unnested); `seq` numbers them in the order they were found. */
export async function insertImportErrors(
  db: Queryable,
  importId: string,
  firstSeq: number,
  errors: readonly ImportRowError[],
): Promise<void> {
  if (errors.length === 0) return;
  await db.query(
    `INSERT INTO enterprise_import_error (import_id, seq, row_number, column_name, code, message_zh, message_en)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      importId,
      errors.map((_, i) => firstSeq + i),
      errors.map((e) => e.row),
      errors.map((e) => e.column),
      errors.map((e) => e.code),
      errors.map((e) => e.message_zh),
      errors.map((e) => e.message_en),
    ],
  );
}

/** An import of the given organisation (another organisation's is not found). */
export async function findImport(db: Queryable, orgId: string | null, id: string): Promise<ImportRow | null> {
  const r = await db.query<ImportRow>(
    'SELECT * FROM enterprise_import WHERE id = $1 AND org_id IS NOT DISTINCT FROM $2',
    [id, orgId],
  );
  return r.rows[0] ?? null;
}

export async function listImports(db: Queryable, orgId: string | null, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    db.query<ImportRow>(
      `SELECT * FROM enterprise_import WHERE org_id IS NOT DISTINCT FROM $1
        ORDER BY started_at DESC, id LIMIT $2 OFFSET $3`,
      [orgId, limit, offset],
    ),
    db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enterprise_import WHERE org_id IS NOT DISTINCT FROM $1',
      [orgId],
    ),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** Whether the organisation has an import still running that showed progress since `since`. */
export async function runningImport(db: Queryable, orgId: string, since: Date): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM enterprise_import WHERE org_id = $1 AND status = 'running' AND updated_at >= $2 LIMIT 1`,
    [orgId, since],
  );
  return r.rows[0]?.id ?? null;
}

/**
 * Marks an organisation's imports that stopped showing progress before `before` as failed (their
 * process ended with the import running: a crash or a kill). Returns how many.
 */
export async function failStaleImports(
  db: Queryable,
  orgId: string,
  before: Date,
  failure: { code: string; zh: string; en: string },
  at: Date,
): Promise<number> {
  const r = await db.query(
    `UPDATE enterprise_import SET status = 'failed', failure_code = $3, failure_zh = $4, failure_en = $5,
       finished_at = $6, updated_at = $6
     WHERE org_id = $1 AND status = 'running' AND updated_at < $2`,
    [orgId, before, failure.code, failure.zh, failure.en, at],
  );
  return r.rowCount ?? 0;
}

interface ErrorRow {
  seq: number;
  row_number: number;
  column_name: string | null;
  code: string;
  message_zh: string;
  message_en: string;
}

const toError = (r: ErrorRow): ImportRowError => ({
  row: r.row_number,
  column: r.column_name,
  code: r.code,
  message_zh: r.message_zh,
  message_en: r.message_en,
});

export async function importErrorsPage(db: Queryable, importId: string, limit: number, offset: number) {
  const r = await db.query<ErrorRow>(
    `SELECT seq, row_number, column_name, code, message_zh, message_en FROM enterprise_import_error
      WHERE import_id = $1 ORDER BY row_number, seq LIMIT $2 OFFSET $3`,
    [importId, limit, offset],
  );
  return r.rows.map(toError);
}

/** Every problem of an import in row order, read in keyset pages (bounded memory for any size). */
export async function* allImportErrors(
  db: Queryable,
  importId: string,
  pageSize = 2000,
): AsyncGenerator<ImportRowError> {
  let after: { row: number; seq: number } | null = null;
  for (;;) {
    const r: { rows: ErrorRow[] } = await db.query<ErrorRow>(
      `SELECT seq, row_number, column_name, code, message_zh, message_en FROM enterprise_import_error
        WHERE import_id = $1 AND ($2::int IS NULL OR (row_number, seq) > ($2, $3))
        ORDER BY row_number, seq LIMIT $4`,
      [importId, after?.row ?? null, after?.seq ?? null, pageSize],
    );
    for (const row of r.rows) yield toError(row);
    const last = r.rows.at(-1);
    if (!last || r.rows.length < pageSize) return;
    after = { row: last.row_number, seq: last.seq };
  }
}

/**
 * The stored profiles of the given codes, locked for the rest of the transaction (the import
 * merges a row into the profile it reads here, so nobody may change it before the save).
 */
export async function lockStoredProfiles(
  db: Queryable,
  usccs: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (usccs.length === 0) return new Map();
  const r = await db.query<{ uscc: string; profile: Record<string, unknown> }>(
    `SELECT e.uscc, v.profile FROM enterprise e
       JOIN enterprise_profile_version v ON v.enterprise_id = e.id AND v.version = e.current_version
      WHERE e.uscc = ANY($1::text[])
      ORDER BY e.uscc
        FOR UPDATE OF e`,
    [usccs],
  );
  return new Map(r.rows.map((row) => [row.uscc, row.profile]));
}

/** The registry filters an export takes: those of the list, without paging. */
export interface ExportFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  industryCode?: string | undefined;
  scoreBand?: string | undefined;
  creditGrade?: string | undefined;
  consented?: boolean | undefined;
}

/** One page of the visible registry's current profiles in USCC order, after `afterUscc` (keyset). */
export async function exportPage(
  db: Queryable,
  scope: EnterpriseScope,
  f: ExportFilter,
  afterUscc: string | null,
  limit: number,
): Promise<{ uscc: string; profile: Record<string, unknown> }[]> {
  const r = await db.query<{ uscc: string; profile: Record<string, unknown> }>(
    `SELECT e.uscc, v.profile FROM enterprise e
       JOIN enterprise_profile_version v ON v.enterprise_id = e.id AND v.version = e.current_version
      WHERE ${VISIBLE_ENTERPRISE}
        AND ($4::text IS NULL OR e.name ILIKE $4 OR e.uscc ILIKE $4)
        AND ($5::text IS NULL OR e.region_code = $5)
        AND ($6::text IS NULL OR e.industry_code LIKE $6)
        AND ($7::text IS NULL OR e.score_band = $7)
        AND ($8::text IS NULL OR e.credit_grade = $8)
        AND ($9::boolean IS NULL OR e.consent_to_insurers = $9)
        AND ($10::text IS NULL OR e.uscc > $10)
      ORDER BY e.uscc LIMIT $11`,
    [
      ...scopeParams(scope),
      f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      f.regionCode ?? null,
      f.industryCode ? `${f.industryCode}%` : null,
      f.scoreBand ?? null,
      f.creditGrade ?? null,
      f.consented ?? null,
      afterUscc,
      limit,
    ],
  );
  return r.rows;
}
