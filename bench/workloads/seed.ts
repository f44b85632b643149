import { createClient, createPool, migrate, redactUrl } from '@kebao/db';
import {
  createLogger,
  type LoadResult,
  loadScale,
  scalePlan,
  seedZone,
  syntheticMarket,
  verifyLedger,
} from '@kebao/server';
import { envInteger } from '../harness/env.ts';
import { formatNumber } from '../harness/report.ts';
import { median, Skip, type Workload } from '../harness/workload.ts';
import { databaseUrl } from './stats/generate.ts';

/*
 * Scale mode's bulk load (`kebao seed --scale`, issue: "100,000 enterprises and 1,000,000+ policies,
 * bulk-loaded fast (report the load rate)"). Figure: policies per second of the scale generator loading
 * KEBAO_BENCH_SEED_POLICIES platform policies (1,000,000) of KEBAO_BENCH_SEED_ENTERPRISES enterprises
 * (100,000) into a freshly migrated database on the server of DATABASE_URL — enterprises with their
 * profile versions, policies with their insurer lines, claims with their payment steps, every index and
 * unique constraint maintained (foreign keys checked once afterwards, not counted). Baseline: the same
 * server inserting as many rows of the policy table's shape with INSERT … SELECT over generate_series into
 * a table without indexes, keys or checks (NOT NULL and defaults kept), by as many sessions in the same chunks — what PostgreSQL itself
 * writes on this machine. Once, for context: the demo zone seeded through the platform's services
 * (`kebao seed --years 1`), whose rate is the other end of the scale.
 */

const POLICIES = envInteger('KEBAO_BENCH_SEED_POLICIES', 1_000_000, 1_000);
const ENTERPRISES = envInteger('KEBAO_BENCH_SEED_ENTERPRISES', 100_000, 10);
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DATABASE = 'kebao_bench_seed';
const BARE_DATABASE = 'kebao_bench_seed_bare';
/** 1,000,000 policies in under 100 s. */
const TARGET = 10_000;
const CHUNK = 250_000;
const SESSIONS = 4;

const fmt = (x: number) => formatNumber(Math.round(x));

async function admin(url: string, sql: string): Promise<void> {
  const client = createClient(url, 'kebao-bench');
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase(name: string): Promise<string> {
  await admin(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(SERVER_URL, `CREATE DATABASE ${name}`);
  return databaseUrl(SERVER_URL, name);
}

const loads: LoadResult[] = [];

async function measure(): Promise<number> {
  const url = await freshDatabase(DATABASE);
  await migrate(url);
  const load = await loadScale(url, scalePlan(POLICIES, 0, ENTERPRISES), syntheticMarket(), {
    seed: loads.length,
  });
  loads.push(load);
  console.log(
    `  seed: ${fmt(POLICIES)} policies in ${load.seconds.toFixed(1)} s — ${fmt(load.policiesPerSecond)} policies/s, ` +
      `${fmt(load.rowsPerSecond)} rows/s; VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s, foreign keys ` +
      `${load.referencesSeconds.toFixed(1)} s`,
  );
  return load.policiesPerSecond;
}

/** Rows of the policy table's width and types, from the row number alone. */
const bareRows = (lo: number, hi: number) => `INSERT INTO bare_policy (id, number, enterprise_id, lead_org_id,
    product_code, product_version, statistical_class, status, start_date, end_date, sum_insured, premium,
    written_premium, subsidy, net_payable, collection_mode, request, facts, bound_at, updated_at)
  SELECT ('a0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'KB' || lpad(i::text, 10, '0'),
         ('e0000000-0000-4000-8000-' || lpad(to_hex(i % ${ENTERPRISES}), 12, '0'))::uuid,
         'd0000000-0000-4000-8000-000000000001'::uuid, 'KB-RD-BENCH', 1, 'rd_transfer', 'in_force',
         DATE '2025-01-01' + (i % 365)::int, DATE '2025-12-31' + (i % 365)::int, 5000000000 + i, 10000000 + i,
         10000000 + i, 0, 10000000 + i, 'lead_collects',
         jsonb_build_object('sumInsured', 5000000000 + i, 'startDate', DATE '2025-01-01' + (i % 365)::int),
         jsonb_build_object('qualifications', '["tech_sme"]'::jsonb, 'industry', 'I6510', 'region', '310115',
                            'scoreBand', 'B', 'yearsInOperation', 1 + i % 25),
         TIMESTAMPTZ '2025-01-01 15:00+08', TIMESTAMPTZ '2025-01-01 15:00+08'
    FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i`;

async function baseline(): Promise<number> {
  const url = await freshDatabase(BARE_DATABASE);
  await migrate(url);
  await admin(url, 'CREATE TABLE bare_policy (LIKE policy INCLUDING DEFAULTS)');
  const pool = createPool(url, { max: SESSIONS, applicationName: 'kebao-bench-bare' });
  const chunks: [number, number][] = [];
  for (let lo = 0; lo < POLICIES; lo += CHUNK) chunks.push([lo, Math.min(POLICIES, lo + CHUNK)]);
  const started = performance.now();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: SESSIONS }, async () => {
        for (let c = chunks[next++]; c !== undefined; c = chunks[next++])
          await pool.query(bareRows(c[0], c[1]));
      }),
    );
  } finally {
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  seed: bare INSERT of ${fmt(POLICIES)} rows in ${seconds.toFixed(1)} s — ${fmt(POLICIES / seconds)} rows/s`,
  );
  return POLICIES / seconds;
}

const workload: Workload = {
  name: 'seed',
  description:
    `scale mode: ${fmt(POLICIES)} platform policies of ${fmt(ENTERPRISES)} enterprises bulk-loaded into a fresh ` +
    'database (profiles, insurer lines, claims, every index), vs a bare INSERT of as many policy-shaped rows into ' +
    'a table without indexes',
  unit: 'policies/s',
  baselineUnit: 'rows/s bare INSERT … SELECT',
  higherIsBetter: true,
  target: { absolute: TARGET, describe: `≥ ${fmt(TARGET)} policies/s (1,000,000 in under 100 s)` },
  runs: 3,

  async setup(ctx) {
    loads.length = 0;
    const client = createClient(SERVER_URL, 'kebao-bench');
    try {
      await client.connect();
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      ctx.machine('postgresql', `${rows[0]?.v} (${redactUrl(SERVER_URL)})`);
    } catch (error) {
      throw new Skip(
        `no PostgreSQL at ${redactUrl(SERVER_URL)} (${(error as Error).message}); set DATABASE_URL`,
      );
    } finally {
      await client.end().catch(() => {});
    }
    // Once: the demo zone through the services, one year of business.
    const url = await freshDatabase(DATABASE);
    await migrate(url);
    const pool = createPool(url, { max: 4, applicationName: 'kebao-bench-demo' });
    try {
      const started = performance.now();
      await seedZone(pool, createLogger({ level: 'warn', destination: process.stderr }), {
        enterprises: 2000,
        years: 1,
        policiesPerYear: 150,
        randomSeed: 42,
        asOf: '2026-11-01',
      });
      const seconds = (performance.now() - started) / 1000;
      const { rows } = await pool.query<{ policies: string; registered: string; journal: string }>(
        `SELECT (SELECT count(*) FROM policy) AS policies, (SELECT count(*) FROM registered_policy) AS registered,
                (SELECT count(*) FROM journal_entry) AS journal`,
      );
      const ledger = await verifyLedger(pool);
      const r = rows[0];
      ctx.detail('demoSeed', {
        seconds: Math.round(seconds * 10) / 10,
        policies: Number(r?.policies),
        registered: Number(r?.registered),
        journalEntries: Number(r?.journal),
        ledgerBalances: ledger.ok,
      });
      ctx.note(
        `once: the demo zone through the platform's services (kebao seed --years 1: 2,000 enterprises evaluated, ` +
          `quotes, binds, payments, claims, closes) took ${seconds.toFixed(1)} s for ${r?.policies} policies and ` +
          `${r?.registered} registered ones (${(Number(r?.policies) / seconds).toFixed(1)} policies/s of the whole ` +
          `seed, ${r?.journal} journal entries; the ledger ${ledger.ok ? 'balances' : 'DOES NOT balance'})`,
      );
    } finally {
      await pool.end();
    }
  },

  measure,
  baseline,

  async teardown(ctx) {
    if (loads.length > 0) {
      const last = loads[loads.length - 1] as LoadResult;
      ctx.detail(
        'loads',
        loads.map((l) => ({
          seconds: Math.round(l.seconds * 100) / 100,
          policiesPerSecond: Math.round(l.policiesPerSecond),
          rowsPerSecond: Math.round(l.rowsPerSecond),
          vacuumSeconds: Math.round(l.vacuumSeconds * 10) / 10,
          referencesSeconds: Math.round(l.referencesSeconds * 10) / 10,
        })),
      );
      ctx.detail('counts', last.counts);
      ctx.note(
        `each load: ${fmt(last.counts.enterprises)} enterprises with a profile version, ${fmt(last.counts.platform)} ` +
          `policies, ${fmt(last.counts.lines)} insurer lines, ${fmt(last.counts.claims)} claims (${fmt(last.rows)} rows ` +
          `besides profiles and claim steps), ${(last.bytes / 2 ** 30).toFixed(2)} GiB; median ` +
          `${fmt(median(loads.map((l) => l.rowsPerSecond)))} rows/s; ${last.foreignKeys} foreign keys checked after ` +
          `each load in a median ${median(loads.map((l) => l.referencesSeconds)).toFixed(1)} s (not in the figure)`,
      );
    }
    for (const name of [DATABASE, BARE_DATABASE])
      await admin(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  },
};

export default workload;
