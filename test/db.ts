import { randomBytes } from 'node:crypto';
import { createPool } from '@kebao/db';
import type pg from 'pg';
import { inject } from 'vitest';
import { admin, withDatabase } from './global-setup.ts';

export interface TestDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `kebao_t_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  const url = withDatabase(adminUrl, name);
  // Named statements as the server's own pool uses them, so every integration test runs through them.
  const pool = createPool(url, { max: 10, applicationName: 'kebao-test', prepareStatements: true });
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end().catch(() => {});
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** An empty database (no migrations), for migration and restore tests. */
export async function createEmptyDatabase(): Promise<Omit<TestDatabase, 'pool'>> {
  const adminUrl = inject('adminUrl');
  const name = `kebao_e_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
