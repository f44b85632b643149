import { createHash } from 'node:crypto';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { withSnapshot } from './pool.ts';

/**
 * A SHA-256 of every table's contents, to show that two databases hold the same data (two `kebao seed`
 * runs with the same seed, a restore). Each row is rendered as PostgreSQL's COPY text line of its
 * columns, under fixed session settings (UTC, ISO dates, round-trip floats, hex bytea), so the result
 * depends neither on the servers' time zone nor on their collation; rows are taken in primary-key
 * order (text keys in byte order), or — in a table without one — ordered by every column's text.
 */

/**
 * Columns left out because they legitimately differ between two databases with the same data, each
 * with its reason.
 */
export const CHECKSUM_EXCLUDED: readonly { table: string; column: string; reason: string }[] = [
  {
    table: 'schema_migrations',
    column: 'applied_at',
    reason: 'when the migration ran on this server (the version, name and file checksum are compared)',
  },
];

export interface TableChecksum {
  table: string;
  rows: number;
  sha256: string;
}

export interface DatabaseChecksum {
  tables: TableChecksum[];
  /** Rows in all tables, and the SHA-256 of the per-table lines (`table rows sha256\n`, by table name). */
  total: { rows: number; sha256: string };
  excluded: typeof CHECKSUM_EXCLUDED;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Column {
  name: string;
  collatable: boolean;
}

async function columnsOf(db: pg.ClientBase, table: string): Promise<Column[]> {
  const r = await db.query<{ name: string; collatable: boolean }>(
    `SELECT a.attname AS name, a.attcollation <> 0 AS collatable FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [ident(table)],
  );
  return r.rows;
}

async function primaryKeyOf(db: pg.ClientBase, table: string): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY k.n`,
    [ident(table)],
  );
  return r.rows.map((x) => x.name);
}

/** The SELECT whose COPY output is hashed: the compared columns, in a total order. */
async function canonicalQuery(db: pg.ClientBase, table: string): Promise<string> {
  const excluded = new Set(CHECKSUM_EXCLUDED.filter((e) => e.table === table).map((e) => e.column));
  const columns = (await columnsOf(db, table)).filter((c) => !excluded.has(c.name));
  const key = await primaryKeyOf(db, table);
  const collatable = new Set(columns.filter((c) => c.collatable).map((c) => c.name));
  const order =
    key.length > 0
      ? key.map((k) => (collatable.has(k) ? `${ident(k)} COLLATE "C"` : ident(k)))
      : columns.map((c) => `${ident(c.name)}::text COLLATE "C"`);
  const list = columns.length > 0 ? columns.map((c) => ident(c.name)).join(', ') : 'NULL';
  return `SELECT ${list} FROM ${ident(table)}${order.length > 0 ? ` ORDER BY ${order.join(', ')}` : ''}`;
}

/** Checksums of every table of the public schema, from one consistent snapshot. */
export function databaseChecksum(pool: pg.Pool): Promise<DatabaseChecksum> {
  return withSnapshot(pool, async (client) => {
    await client.query("SET LOCAL TimeZone = 'UTC'");
    await client.query("SET LOCAL DateStyle = 'ISO, YMD'");
    await client.query("SET LOCAL IntervalStyle = 'postgres'");
    await client.query('SET LOCAL extra_float_digits = 3');
    await client.query("SET LOCAL bytea_output = 'hex'");
    const names = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE "C"`,
    );
    const tables: TableChecksum[] = [];
    for (const { name } of names.rows) {
      const hash = createHash('sha256');
      let rows = 0;
      const stream = client.query(copyTo(`COPY (${await canonicalQuery(client, name)}) TO STDOUT`));
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        // One line a row: COPY escapes the line breaks inside values.
        for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) rows++;
      }
      tables.push({ table: name, rows, sha256: hash.digest('hex') });
    }
    const total = createHash('sha256');
    for (const t of tables) total.update(`${t.table} ${t.rows} ${t.sha256}\n`);
    return {
      tables,
      total: { rows: tables.reduce((n, t) => n + t.rows, 0), sha256: total.digest('hex') },
      excluded: CHECKSUM_EXCLUDED,
    };
  });
}
