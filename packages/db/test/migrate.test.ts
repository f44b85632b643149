import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../test/db.ts';
import { createPool, loadMigrations, MIGRATIONS_DIR, migrate, migrationStatus } from '../src/index.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('migrations', () => {
  it('apply once, then are a no-op', async () => {
    const db = await createEmptyDatabase();
    cleanups.push(db.drop);
    const first = await migrate(db.url);
    const all = await loadMigrations();
    expect(first.applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
  });

  it('do not race when several processes start at once', async () => {
    const db = await createEmptyDatabase();
    cleanups.push(db.drop);
    const reports = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url), migrate(db.url)]);
    // One process applies them all; the others wait for its lock and find nothing to do.
    const all = (await loadMigrations()).length;
    expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, all]);
    const pool = createPool(db.url);
    cleanups.push(() => pool.end());
    expect((await migrationStatus(pool)).upToDate).toBe(true);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const db = await createEmptyDatabase();
    cleanups.push(db.drop);
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-mig-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = (await loadMigrations()).map(
      (m) => `${String(m.version).padStart(4, '0')}_${m.name}.sql`,
    )[0] as string;
    const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
    await writeFile(path.join(dir, file), sql);
    await migrate(db.url, dir);
    await writeFile(path.join(dir, file), `${sql}\n-- edited\n`);
    await expect(migrate(db.url, dir)).rejects.toThrow(/applied with different contents/);
  });

  it('roll back a failing migration completely', async () => {
    const db = await createEmptyDatabase();
    cleanups.push(db.drop);
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-mig-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, '0001_half.sql'), 'CREATE TABLE half_done (x int);\nSELECT 1/0;');
    await expect(migrate(db.url, dir)).rejects.toThrow(/0001_half failed: division by zero/);
    const pool = createPool(db.url);
    cleanups.push(() => pool.end());
    expect((await pool.query("SELECT to_regclass('half_done') AS t")).rows[0].t).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(0);
  });
});
