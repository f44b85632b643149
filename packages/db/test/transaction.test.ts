import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { createPool, withSnapshot, withTransaction } from '../src/pool.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const pool = createPool(db.url, { max: 1 });
  await pool.query('CREATE TABLE counter (n int NOT NULL)');
  await pool.query('INSERT INTO counter VALUES (1)');
  await pool.end();
});
afterAll(async () => {
  await db?.drop();
});

describe('transactions on a pool', () => {
  it('a snapshot sees one moment: a commit made meanwhile is not in it', async () => {
    const pool = createPool(db.url, { max: 2 });
    try {
      const seen = await withSnapshot(pool, async (client) => {
        const before = (await client.query<{ n: number }>('SELECT n FROM counter')).rows[0]?.n;
        await withTransaction(pool, (other) => other.query('UPDATE counter SET n = n + 1'));
        const after = (await client.query<{ n: number }>('SELECT n FROM counter')).rows[0]?.n;
        return [before, after];
      });
      expect(seen[0]).toBe(seen[1]);
      const now = (await pool.query<{ n: number }>('SELECT n FROM counter')).rows[0]?.n;
      expect(now).toBe((seen[0] as number) + 1);
    } finally {
      await pool.end();
    }
  });

  it('a snapshot cannot write, and a failed one leaves its connection clean for the next user', async () => {
    const pool = createPool(db.url, { max: 1 });
    try {
      await expect(withSnapshot(pool, (client) => client.query('UPDATE counter SET n = 0'))).rejects.toThrow(
        /read-only transaction/,
      );
      // One connection: the next statement gets the same one, outside any transaction.
      const state = await pool.query<{ n: number; open: boolean }>(
        "SELECT (SELECT n FROM counter) AS n, now() <> statement_timestamp() OR current_setting('transaction_read_only') = 'on' AS open",
      );
      expect(state.rows[0]?.n).toBeGreaterThan(0);
      expect(state.rows[0]?.open).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
