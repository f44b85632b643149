/**
 * The bind workload's baseline: PostgreSQL's own load generator running its built-in TPC-B-like script
 * against a database of its own on the same cluster. Connection settings go in PG* variables, so the
 * password is not on a command line.
 */
import { execFile } from 'node:child_process';
import { findPgbench } from '../../harness/tools.ts';

export const PGBENCH_SCALE = 10;
export const PGBENCH_THREADS = 2;

/** pgbench from PATH, or an error that says what is missing and what needs it. */
export function requirePgbench(): string {
  const found = findPgbench();
  if (found) return found;
  throw new Error(
    'pgbench was not found on PATH: the bind workload measures its baseline (TPC-B on the same cluster) ' +
      'with it; install the PostgreSQL client programs (e.g. the postgresql-client package) and run again',
  );
}

function envFor(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  return {
    ...env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    PGAPPNAME: 'pgbench',
  };
}

function run(pgbench: string, args: string[], url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(pgbench, args, { env: envFor(url), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error)
        reject(new Error(`pgbench ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${output}`));
      else resolve(output);
    });
  });
}

/** "pgbench (PostgreSQL) 15.20 (…)" → "15.20". */
export async function pgbenchVersion(pgbench: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(pgbench, ['--version'], (error, stdout) => {
      resolve(error ? 'unknown' : (/\) ([0-9][^\s]*)/.exec(stdout)?.[1] ?? stdout.trim()));
    });
  });
}

/** `pgbench -i -s SCALE`: the four tables, 100,000 accounts per scale unit; the seconds it took. */
export async function initialise(pgbench: string, url: string): Promise<number> {
  const started = performance.now();
  await run(pgbench, ['-i', '-s', String(PGBENCH_SCALE), '-q'], url);
  return (performance.now() - started) / 1000;
}

export interface PgbenchRun {
  /** Transactions per second without the initial connection time (pgbench's own figure). */
  tps: number;
  latencyAverageMs: number;
  transactions: number;
  failed: number;
}

/** `pgbench -c CLIENTS -j 2 -T SECONDS -M prepared` with the built-in script; its figures, parsed. */
export async function runPgbench(
  pgbench: string,
  url: string,
  clients: number,
  seconds: number,
): Promise<PgbenchRun> {
  const threads = Math.min(PGBENCH_THREADS, clients);
  const args = ['-c', String(clients), '-j', String(threads), '-T', String(seconds), '-M', 'prepared'];
  const output = await run(pgbench, args, url);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(output)?.[1];
  const transactions = /number of transactions actually processed: (\d+)/.exec(output)?.[1];
  if (tps === undefined || latency === undefined || transactions === undefined) {
    throw new Error(`unexpected output of pgbench ${args.join(' ')}:\n${output}`);
  }
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  if (failed > 0) throw new Error(`pgbench reported ${failed} failed transactions:\n${output}`);
  return { tps: Number(tps), latencyAverageMs: Number(latency), transactions: Number(transactions), failed };
}
