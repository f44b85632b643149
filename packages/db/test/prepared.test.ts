import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { createPool } from '../src/pool.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('named statements', () => {
  it('names a parameterised statement once per connection and leaves other statements unnamed', async () => {
    const pool = createPool(db.url, { max: 1, prepareStatements: true });
    try {
      const client = await pool.connect();
      const answers: (number | undefined)[] = [];
      try {
        for (let i = 0; i < 3; i++)
          answers.push((await client.query<{ n: number }>('SELECT $1::int + 1 AS n', [i])).rows[0]?.n);
      } finally {
        client.release();
      }
      expect(answers).toEqual([1, 2, 3]);
      // Through pool.query (which passes a callback) the same statement is reused.
      expect((await pool.query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).rows[0]?.n).toBe(42);
      const prepared = await pool.query<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements',
      );
      expect(prepared.rows.map((r) => r.statement)).toEqual(['SELECT $1::int + 1 AS n']);
    } finally {
      await pool.end();
    }
  });

  it('does not name statements with many parameters (bulk VALUES lists)', async () => {
    const pool = createPool(db.url, { max: 1, prepareStatements: true });
    try {
      const params = Array.from({ length: 50 }, (_, i) => i);
      const text = `SELECT ${params.map((_, i) => `$${i + 1}::int`).join(' + ')} AS n`;
      expect((await pool.query<{ n: number }>(text, params)).rows[0]?.n).toBe(1225);
      const prepared = await pool.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM pg_prepared_statements',
      );
      expect(prepared.rows[0]?.n).toBe('0');
    } finally {
      await pool.end();
    }
  });
});
