import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createClient } from './pool.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  /** The file name without `.sql`, e.g. `0001_platform`. */
  id: string;
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: Migration[];
  alreadyApplied: number;
}

// One key for the whole installation; taken on a dedicated connection, never in a request path.
const MIGRATION_LOCK_KEY = 7_384_102_117n;

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const sql = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      id: file.slice(0, -4),
      version: Number.parseInt(file.slice(0, 4), 10),
      name: file.slice(5, -4),
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.id} is out of sequence (expected ${i + 1})`);
  });
  return migrations;
}

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock held by
 * a dedicated connection so that two starting processes never race: the second waits, then finds
 * nothing to do. An applied migration whose file has since changed is refused, not re-run.
 */
export async function migrate(url: string, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const migrations = await loadMigrations(dir);
  const client = createClient(url, 'kebao-migrate');
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = await appliedMigrations(client);
      const report: MigrationReport = { applied: [], alreadyApplied: 0 };
      for (const m of migrations) {
        const done = applied.get(m.version);
        if (done) {
          if (done !== m.checksum) {
            throw new Error(
              `Migration ${m.id} was applied with different contents; migrations are never edited ` +
                'after they land — add a new one instead.',
            );
          }
          report.alreadyApplied++;
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            m.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`Migration ${m.id} failed: ${(error as Error).message}`);
        }
        report.applied.push(m);
      }
      return report;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function appliedMigrations(db: pg.Client | pg.Pool): Promise<Map<number, string>> {
  const result = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return new Map(result.rows.map((r) => [r.version, r.checksum]));
}

export interface MigrationStatus {
  upToDate: boolean;
  pending: string[];
  latest: number;
}

/** Whether every migration shipped with this build is applied (used by /ready). */
export async function migrationStatus(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const migrations = await loadMigrations(dir);
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  const applied = exists.rows[0]?.t ? await appliedMigrations(pool) : new Map<number, string>();
  const pending = migrations.filter((m) => applied.get(m.version) !== m.checksum).map((m) => m.id);
  return { upToDate: pending.length === 0, pending, latest: migrations.at(-1)?.version ?? 0 };
}
