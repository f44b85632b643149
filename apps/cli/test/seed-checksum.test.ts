import type { DatabaseChecksum } from '@kebao/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { runCli } from './run-cli.ts';

/*
 * `kebao seed` is deterministic: two runs with the same seed (and day) into fresh databases give the same
 * rows in every table — ids, timestamps, password hashes, audit hashes — as `kebao db checksum` shows;
 * another seed gives other policies.
 */
const zone = (seed: string) => [
  'seed',
  '--enterprises',
  '30',
  '--years',
  '1',
  '--policies',
  '40',
  '--seed',
  seed,
  '--as-of',
  '2026-03-15',
];

const databases: TestDatabase[] = [];
let first: DatabaseChecksum;
let second: DatabaseChecksum;
let other: DatabaseChecksum;

async function seeded(seed: string): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  const r = await runCli(zone(seed), { DATABASE_URL: db.url });
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/seeded the demo zone in [\d.]+ s: 31 enterprises, \d+ quotes, \d+ policies/);
  return db;
}

async function checksum(db: TestDatabase, json: boolean): Promise<string> {
  const r = await runCli(['db', 'checksum', ...(json ? ['--json'] : [])], { DATABASE_URL: db.url });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The plain output back into the JSON's shape. */
function parsePlain(text: string): DatabaseChecksum {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.split(/ +/));
  for (const l of lines)
    expect(l).toEqual([
      expect.stringMatching(/^\w+$/),
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
  const [, rows, sha256] = lines.pop() as string[];
  expect(lines.length).toBeGreaterThan(50);
  return {
    tables: lines.map(([table, n, sum]) => ({
      table: table as string,
      rows: Number(n),
      sha256: sum as string,
    })),
    total: { rows: Number(rows), sha256: sha256 as string },
    excluded: [],
  };
}

beforeAll(async () => {
  const [a, b, c] = await Promise.all([seeded('7'), seeded('7'), seeded('8')]);
  const [plain, json, otherJson] = await Promise.all([
    checksum(a, false),
    checksum(b, true),
    checksum(c, true),
  ]);
  first = parsePlain(plain);
  second = JSON.parse(json) as DatabaseChecksum;
  other = JSON.parse(otherJson) as DatabaseChecksum;
}, 240_000);
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const byTable = (sum: DatabaseChecksum) => Object.fromEntries(sum.tables.map((t) => [t.table, t]));

describe('kebao seed with a seed, then kebao db checksum', () => {
  it('gives the same checksum for every table in two runs with the same seed', () => {
    expect(byTable(first)).toEqual(byTable(second));
    expect(first.total).toEqual(second.total);
    // The zone is not empty: the registry, the year's business, its audit trail and events.
    for (const table of ['organisation', 'app_user', 'enterprise', 'policy', 'journal_entry', 'audit_log']) {
      expect(byTable(first)[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(second.excluded).toEqual([
      expect.objectContaining({ table: 'schema_migrations', column: 'applied_at' }),
    ]);
  });

  it('gives other policies for another seed', () => {
    expect(byTable(other).policy?.sha256).not.toBe(byTable(first).policy?.sha256);
    expect(other.total.sha256).not.toBe(first.total.sha256);
  });
});
