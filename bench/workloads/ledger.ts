import { chmodSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, type EmbeddedCluster } from '@kebao/db';
import { verifyLedger } from '@kebao/server';
import { envInteger } from '../harness/env.ts';
import { machineBusySeconds } from '../harness/machine.ts';
import { formatNumber, formatRatio } from '../harness/report.ts';
import { type BenchContext, median, quantile, type Workload } from '../harness/workload.ts';
import { postmasterPid } from './bind/kebao.ts';
import { postgresCpuSeconds, queryOnce, SessionSampler, type SessionStates } from './bind/observe.ts';
import {
  admin,
  commitSettings,
  databaseUrl,
  freshDatabase,
  startCluster,
  TEMPLATE_DATABASE,
  type WalCounters,
  walCounters,
} from './ledger/cluster.ts';
import {
  type FsyncRun,
  findPgTestFsync,
  nodeFsyncRate,
  pgTestFsyncVersion,
  runPgTestFsync,
} from './ledger/fsync.ts';
import {
  BARE_TABLE,
  BARE_TABLE_SQL,
  type BulkRun,
  barePoster,
  bulkAnatomy,
  bulkLoad,
  type Completed,
  drive,
  type StatementCost,
  servicePoster,
} from './ledger/load.ts';
import { ENTRY_KIND, LINES_PER_POSTING } from './ledger/postings.ts';

/** Concurrent clients of the one-posting-per-transaction loads (the same variable as the bind workload's). */
const CLIENTS = envInteger('KEBAO_BENCH_CLIENTS', 16, 1);
/** Postings per transaction of the bulk path. */
const BATCH = 1_000;
/** Journal lines the bulk path loads before the ledger is verified: the issue's million. */
const VERIFY_LINES = 1_000_000;
const BULK_POSTINGS = Math.ceil(VERIFY_LINES / LINES_PER_POSTING);
const FIGURE_DATABASE = 'kebao_ledger';
/** Backends report their statistics about once a second: wait that long before reading the WAL counters. */
const SETTLE_MS = 1_100;
const TMPFS_MAGIC = 0x01021994;

/** The issue's targets. */
const RATIO_TARGET = 0.5;
const BATCHED_TARGET = 40_000;
const VERIFY_TARGET_SECONDS = 5;

interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** Cores' worth of CPU each part used during a load (null where /proc cannot be read). */
interface Cores {
  postgres: number | null;
  /** This process: the clients and, on the service path, the server's code. */
  harness: number;
  other: number | null;
}

interface LoadRun {
  path: 'service' | 'bare';
  perSecond: number;
  postings: number;
  seconds: number;
  warmupPostings: number;
  latencyMs: Latency;
  cores: Cores;
  /** WAL flushes of the whole cluster per posting, warm-up and measurement together (null: not counted). */
  walFlushesPerPosting: number | null;
  walBytesPerPosting: number;
  sessions: SessionStates;
}

interface BulkAndVerify {
  load: BulkRun & { perSecond: number; linesPerSecond: number; cores: Cores };
  vacuumSeconds: number;
  /** One more batch on the loaded tables, each statement under EXPLAIN ANALYZE (rolled back). */
  anatomy: StatementCost[];
  verify: { seconds: number; entries: number; lines: number; trialBalanceTotal: string; problems: string };
}

interface FigureRun {
  service: LoadRun;
  bare: LoadRun;
  bulk: BulkAndVerify;
}

interface State {
  work: string;
  dataDir: string;
  cluster: EmbeddedCluster;
  figureUrl: string;
  postmaster: number;
  walSyncMethod: string;
  fsyncProgram: string | null;
  /** The next posting's number (premiums and policyholders vary with it). */
  next: number;
  /** Postings committed so far by each path: the tables must hold exactly these. */
  stored: { service: number; bare: number };
}

let state: State | null = null;
const runs: { figure: FigureRun[]; baseline: FsyncRun[] } = { figure: [], baseline: [] };

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const fmt = (x: number) => formatNumber(x);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ready(): State {
  if (state === null) throw new Error('ledger: setup has not started the cluster');
  return state;
}

function latency(values: number[]): Latency {
  if (values.length === 0) return { p50: 0, p99: 0, max: 0 };
  return {
    p50: round2(quantile(values, 0.5)),
    p99: round2(quantile(values, 0.99)),
    max: round1(Math.max(...values)),
  };
}

interface CpuMark {
  at: number;
  postgres: number | null;
  harness: NodeJS.CpuUsage;
  machine: number;
}

function cpuMark(s: State): CpuMark {
  return {
    at: performance.now(),
    postgres: postgresCpuSeconds(s.postmaster),
    harness: process.cpuUsage(),
    machine: machineBusySeconds(),
  };
}

function coresSince(s: State, before: CpuMark): Cores {
  const after = cpuMark(s);
  const seconds = (after.at - before.at) / 1000;
  const usage = process.cpuUsage(before.harness);
  const harness = (usage.user + usage.system) / 1e6;
  const postgres =
    after.postgres === null || before.postgres === null ? null : after.postgres - before.postgres;
  const other = postgres === null ? null : Math.max(0, after.machine - before.machine - postgres - harness);
  const share = (x: number | null) => (x === null ? null : round2(x / seconds));
  return { postgres: share(postgres), harness: round2(harness / seconds), other: share(other) };
}

function perPosting(before: WalCounters, after: WalCounters, postings: number) {
  const flushes =
    before.flushes === null || after.flushes === null ? null : (after.flushes - before.flushes) / postings;
  return {
    walFlushesPerPosting: flushes === null ? null : round3(flushes),
    walBytesPerPosting: Math.round((after.bytes - before.bytes) / postings),
  };
}

/** Warm-up, then `ctx.seconds` of `CLIENTS` closed loops of one posting per transaction on one path. */
async function loadRun(ctx: BenchContext, s: State, which: 'service' | 'bare'): Promise<LoadRun> {
  // A pool of its own for each load (connected during the warm-up), so the sessions sampled are its own.
  // The service path's is configured as the server's: named statements, the server's application name.
  const pool =
    which === 'service'
      ? createPool(s.figureUrl, { max: CLIENTS, applicationName: 'kebao', prepareStatements: true })
      : createPool(s.figureUrl, { max: CLIENTS, applicationName: 'kebao' });
  const post = which === 'service' ? servicePoster(pool) : barePoster(pool);
  const next = () => s.next++;
  let warm: Completed[];
  let done: Completed[];
  let cores: Cores;
  let sessions: SessionStates;
  let deadline: number;
  let walBefore: WalCounters;
  try {
    await sleep(SETTLE_MS);
    walBefore = await walCounters(s.figureUrl);
    warm = await drive(CLIENTS, performance.now() + ctx.warmupSeconds * 1000, next, post);
    const sampler = new SessionSampler(s.figureUrl);
    await sampler.start();
    const cpu = cpuMark(s);
    deadline = cpu.at + ctx.seconds * 1000;
    try {
      done = await drive(CLIENTS, deadline, next, post);
    } finally {
      cores = coresSince(s, cpu);
      sessions = await sampler.stop();
    }
  } finally {
    await pool.end();
  }
  s.stored[which] += warm.length + done.length;
  await sleep(SETTLE_MS);
  const walAfter = await walCounters(s.figureUrl);
  const counted = done.filter((d) => d.endedAt <= deadline);
  return {
    path: which,
    perSecond: counted.length / ctx.seconds,
    postings: counted.length,
    seconds: ctx.seconds,
    warmupPostings: warm.length,
    latencyMs: latency(counted.map((d) => d.latencyMs)),
    cores,
    ...perPosting(walBefore, walAfter, warm.length + done.length),
    sessions,
  };
}

/** Every posting committed is in its table, with all its lines. */
async function checkStored(s: State): Promise<void> {
  const [row] = await queryOnce<{ entries: number; lines: number; bare: number }>(
    s.figureUrl,
    `SELECT (SELECT count(*) FROM journal_entry)::int AS entries, (SELECT count(*) FROM journal_line)::int AS lines,
            (SELECT count(*) FROM ${BARE_TABLE})::int AS bare`,
  );
  const want = {
    entries: s.stored.service,
    lines: s.stored.service * LINES_PER_POSTING,
    bare: s.stored.bare * LINES_PER_POSTING,
  };
  if (row?.entries !== want.entries || row.lines !== want.lines || row.bare !== want.bare) {
    throw new Error(
      `the tables hold ${JSON.stringify(row)} but the committed postings make ${JSON.stringify(want)}`,
    );
  }
}

/**
 * The bulk path into a fresh migrated database up to a million journal lines, then `verifyLedger` over
 * them (after the VACUUM ANALYZE autovacuum would run on tables that grew this much); the database is
 * dropped afterwards, so every run loads and verifies the same amount.
 */
async function bulkAndVerify(s: State, run: number): Promise<BulkAndVerify> {
  const name = `kebao_ledger_bulk_${run}`;
  const url = await freshDatabase(s.cluster, name);
  const pool = createPool(url, { max: 1, applicationName: 'kebao', prepareStatements: true });
  try {
    const cpu = cpuMark(s);
    const load = await bulkLoad(pool, BULK_POSTINGS, BATCH);
    const cores = coresSince(s, cpu);
    const v0 = performance.now();
    await pool.query('VACUUM (ANALYZE) journal_entry, journal_line');
    const vacuumSeconds = (performance.now() - v0) / 1000;
    const t0 = performance.now();
    const report = await verifyLedger(pool);
    const verifySeconds = (performance.now() - t0) / 1000;
    // The postings carry no policy, so no invoice was raised for their receivables: verify names those
    // entries (up to 100). Anything else it finds is a fault of the load.
    const other = report.problems.filter((p) => p.code !== 'invoice.receivable');
    if (
      report.entries !== load.postings ||
      report.lines !== load.lines ||
      report.trialBalanceTotal !== '0.00' ||
      other.length > 0
    ) {
      throw new Error(
        `verifyLedger after the bulk load of ${load.postings} postings (${load.lines} lines) reported ` +
          `${report.entries} entries, ${report.lines} lines, trial balance ${report.trialBalanceTotal}, ` +
          `problems: ${JSON.stringify(other.slice(0, 5))}`,
      );
    }
    const anatomy = await bulkAnatomy(pool, BULK_POSTINGS, BATCH);
    const codes = new Map<string, number>();
    for (const p of report.problems) codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
    return {
      load: {
        ...load,
        perSecond: load.postings / load.seconds,
        linesPerSecond: load.lines / load.seconds,
        cores,
      },
      vacuumSeconds: round2(vacuumSeconds),
      anatomy,
      verify: {
        seconds: verifySeconds,
        entries: report.entries,
        lines: report.lines,
        trialBalanceTotal: report.trialBalanceTotal,
        problems: [...codes.entries()].map(([code, n]) => `${n}× ${code}`).join(', ') || 'none',
      },
    };
  } finally {
    await pool.end();
    await admin(s.cluster, `DROP DATABASE IF EXISTS ${name}`);
  }
}

function describeLoad(r: LoadRun): string {
  const wal = r.walFlushesPerPosting === null ? '' : `, ${r.walFlushesPerPosting} WAL flushes per posting`;
  return (
    `${fmt(r.perSecond)} postings/s, latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms${wal}; ` +
    `cores: PostgreSQL ${r.cores.postgres}, this process ${r.cores.harness}, other ${r.cores.other}`
  );
}

async function measure(ctx: BenchContext): Promise<number> {
  const s = ready();
  const run = runs.figure.length;
  // Alternate the order of the two paths so drift falls on both alike.
  const order: ('service' | 'bare')[] = run % 2 === 0 ? ['service', 'bare'] : ['bare', 'service'];
  const loads: Partial<Record<'service' | 'bare', LoadRun>> = {};
  for (const which of order) loads[which] = await loadRun(ctx, s, which);
  const service = loads.service as LoadRun;
  const bare = loads.bare as LoadRun;
  await checkStored(s);
  const bulk = await bulkAndVerify(s, run);
  // The baseline writes to the same disk: flush what the loads left dirty before it runs.
  await admin(s.cluster, 'CHECKPOINT');
  runs.figure.push({ service, bare, bulk });
  ctx.observe('batchedPerSecond', bulk.load.perSecond);
  ctx.observe('verifySeconds', bulk.verify.seconds);
  console.log(`  service path: ${describeLoad(service)}`);
  console.log(`  bare INSERT:  ${describeLoad(bare)}`);
  console.log(
    `  bulk path: ${fmt(bulk.load.perSecond)} postings/s (${fmt(bulk.load.lines)} lines in ` +
      `${bulk.load.seconds.toFixed(2)} s, ${bulk.load.transactions} transactions; building the lines ` +
      `${bulk.load.buildSeconds.toFixed(2)} s, in transactions ${bulk.load.transactionSeconds.toFixed(2)} s; ` +
      `cores: PostgreSQL ${bulk.load.cores.postgres}, this process ${bulk.load.cores.harness}); ` +
      `verifyLedger over ${fmt(bulk.verify.lines)} lines: ${bulk.verify.seconds.toFixed(2)} s`,
  );
  return service.perSecond;
}

async function baseline(ctx: BenchContext): Promise<number> {
  const s = ready();
  const file = path.join(s.work, 'fsync-test.out');
  const result = s.fsyncProgram
    ? await runPgTestFsync(s.fsyncProgram, file, ctx.seconds, s.walSyncMethod)
    : nodeFsyncRate(file, ctx.seconds, s.walSyncMethod);
  runs.baseline.push(result);
  const others = Object.entries(result.methods)
    .filter(([m, v]) => m !== result.method && v !== null)
    .map(([m, v]) => `${m} ${fmt(v as number)}`)
    .join(', ');
  console.log(
    `  fsync ceiling (${result.by}): ${fmt(result.opsPerSecond)} ${result.method}/s of one 8 kB write` +
      (others ? ` (also measured: ${others})` : ''),
  );
  return result.opsPerSecond;
}

const medianOf = <T>(list: T[], pick: (r: T) => number) => median(list.map(pick));
const met = (ok: boolean) => (ok ? 'met' : 'missed');

function sessionLine(list: LoadRun[]): string {
  const states = new Map<string, number>();
  for (const r of list) {
    for (const [k, v] of Object.entries(r.sessions.meanSessions)) states.set(k, (states.get(k) ?? 0) + v);
  }
  return [...states.entries()]
    .map(([k, v]): [string, number] => [k, round2(v / list.length)])
    .filter(([, v]) => v >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function summarise(ctx: BenchContext): void {
  const { figure, baseline: base } = runs;
  ctx.detail(
    'figureRuns',
    figure.map((r) => ({
      service: { ...r.service, perSecond: Math.round(r.service.perSecond) },
      bare: { ...r.bare, perSecond: Math.round(r.bare.perSecond) },
      bulk: {
        ...r.bulk,
        load: {
          ...r.bulk.load,
          perSecond: Math.round(r.bulk.load.perSecond),
          linesPerSecond: Math.round(r.bulk.load.linesPerSecond),
          seconds: round2(r.bulk.load.seconds),
          buildSeconds: round2(r.bulk.load.buildSeconds),
          transactionSeconds: round2(r.bulk.load.transactionSeconds),
        },
        verify: { ...r.bulk.verify, seconds: round2(r.bulk.verify.seconds) },
      },
    })),
  );
  ctx.detail('baselineRuns', base);
  if (figure.length === 0 || base.length === 0) return;

  const service = medianOf(figure, (r) => r.service.perSecond);
  const bare = medianOf(figure, (r) => r.bare.perSecond);
  const fsync = medianOf(base, (r) => r.opsPerSecond);
  const batched = medianOf(figure, (r) => r.bulk.load.perSecond);
  const verify = medianOf(figure, (r) => r.bulk.verify.seconds);
  const ratio = service / fsync;
  const bareRatio = service / bare;
  const issue = {
    unbatchedRatio: { target: RATIO_TARGET, value: round3(ratio), met: ratio >= RATIO_TARGET },
    batchedPerSecond: { target: BATCHED_TARGET, value: Math.round(batched), met: batched >= BATCHED_TARGET },
    verifySeconds: {
      target: VERIFY_TARGET_SECONDS,
      value: round2(verify),
      met: verify <= VERIFY_TARGET_SECONDS,
    },
    unbatchedPerSecond: Math.round(service),
    fsyncPerSecond: Math.round(fsync),
    bareInsertPerSecond: Math.round(bare),
    serviceToBareRatio: round3(bareRatio),
    cpus: os.availableParallelism(),
  };
  ctx.detail('issueTargets', issue);
  ctx.note(
    `the issue’s targets (medians): unbatched ≥ ${RATIO_TARGET}× the fsync-bound rate — ${fmt(service)} postings/s ` +
      `÷ ${fmt(fsync)} ${base[0]?.method}/s = ${formatRatio(ratio, workload.target)}×, ${met(issue.unbatchedRatio.met)}; ` +
      `batched ≥ ${fmt(BATCHED_TARGET)} postings/s — ${fmt(batched)}, ${met(issue.batchedPerSecond.met)}; verify ` +
      `over ${fmt(VERIFY_LINES)} journal lines ≤ ${VERIFY_TARGET_SECONDS} s — ${verify.toFixed(2)} s, ` +
      `${met(issue.verifySeconds.met)}`,
  );
  ctx.note(
    `the bare INSERT baseline: ${fmt(bare)} postings/s at the same concurrency; the service path reaches ` +
      `${formatRatio(bareRatio, { describe: '' })}× of it (latency p50 / p99: service ` +
      `${round2(medianOf(figure, (r) => r.service.latencyMs.p50))} / ` +
      `${round2(medianOf(figure, (r) => r.service.latencyMs.p99))} ms, bare ` +
      `${round2(medianOf(figure, (r) => r.bare.latencyMs.p50))} / ` +
      `${round2(medianOf(figure, (r) => r.bare.latencyMs.p99))} ms)`,
  );
  const flushes = figure.map((r) => r.service.walFlushesPerPosting);
  if (flushes.every((x): x is number => x !== null)) {
    const f = median(flushes);
    const b = median(figure.map((r) => r.bare.walFlushesPerPosting ?? 0));
    ctx.note(
      `group commit: one WAL flush makes every commit waiting on it durable, so ${CLIENTS} concurrent clients are ` +
        `not bound by one fsync per posting and the figure may exceed the single-session fsync rate. Here the ` +
        `cluster issued ${f} WAL flushes per posting on the service path (${round1(1 / f)} postings per flush, ` +
        `about ${fmt(service * f)} flushes/s against a ceiling of ${fmt(fsync)}/s) and ${b} on the bare INSERT ` +
        `(about ${fmt(bare * b)}/s); WAL written per posting: ` +
        `${fmt(medianOf(figure, (r) => r.service.walBytesPerPosting))} bytes (service), ` +
        `${fmt(medianOf(figure, (r) => r.bare.walBytesPerPosting))} (bare)`,
    );
  }
  const rates = base.map((r) => r.opsPerSecond);
  if (Math.max(...rates) > 1.5 * Math.min(...rates)) {
    ctx.note(
      `the fsync-bound rate ranged from ${fmt(Math.min(...rates))} to ${fmt(Math.max(...rates))}/s over the runs: ` +
        'the disk is shared with other work on this host (a virtual disk), and the ratio moves with it',
    );
  }
  const core = (list: LoadRun[], pick: (c: Cores) => number | null) =>
    round2(medianOf(list, (r) => pick(r.cores) ?? 0));
  const services = figure.map((r) => r.service);
  const bares = figure.map((r) => r.bare);
  const pgCores = core(services, (c) => c.postgres);
  const nodeCores = core(services, (c) => c.harness);
  ctx.note(
    `CPU during the service path (cores, medians): PostgreSQL ${pgCores}, this process (clients, runner, ` +
      `postEntry) ${nodeCores}, other ${core(services, (c) => c.other)} — per posting ` +
      `${round3((pgCores * 1000) / service)} ms of PostgreSQL and ${round3((nodeCores * 1000) / service)} ms of ` +
      `Node; bare INSERT: PostgreSQL ${core(bares, (c) => c.postgres)}, this process ` +
      `${core(bares, (c) => c.harness)}. Of ${os.availableParallelism()} CPUs`,
  );
  ctx.note(
    `the service path’s sessions (mean number in each state, pg_stat_activity every 100 ms): ${sessionLine(services)}; ` +
      `bare INSERT: ${sessionLine(bares)}`,
  );
  const loads = figure.map((r) => r.bulk.load);
  ctx.note(
    `bulk path (medians): ${fmt(BULK_POSTINGS)} postings of ${LINES_PER_POSTING} lines in ` +
      `${medianOf(loads, (l) => l.seconds).toFixed(2)} s — building the lines with the posting rule ` +
      `${medianOf(loads, (l) => l.buildSeconds).toFixed(2)} s, inside the transactions ` +
      `${medianOf(loads, (l) => l.transactionSeconds).toFixed(2)} s; cores: PostgreSQL ` +
      `${round2(medianOf(loads, (l) => l.cores.postgres ?? 0))}, this process ` +
      `${round2(medianOf(loads, (l) => l.cores.harness))}; ${fmt(medianOf(loads, (l) => l.linesPerSecond))} lines/s`,
  );
  type Seen = { ms: number[]; rows: number; triggers: Map<string, number[]> };
  const statements = new Map<string, Seen>();
  for (const r of figure) {
    for (const c of r.bulk.anatomy) {
      const entry: Seen = statements.get(c.statement) ?? { ms: [], rows: c.rows, triggers: new Map() };
      entry.ms.push(c.ms);
      for (const t of c.triggers) entry.triggers.set(t.name, [...(entry.triggers.get(t.name) ?? []), t.ms]);
      statements.set(c.statement, entry);
    }
  }
  if (statements.size > 0) {
    const perBatch = medianOf(loads, (l) => (l.transactionSeconds * 1000) / l.transactions);
    const parts = [...statements.entries()].map(([statement, e]) => {
      const triggers = [...e.triggers.entries()]
        .map(([name, ms]) => `${round1(median(ms))} ms in ${name}`)
        .join(', ');
      return `${statement} ${fmt(e.rows)} rows ${round1(median(e.ms))} ms${triggers ? ` (of which ${triggers})` : ''}`;
    });
    ctx.note(
      `where a batch’s time goes (one more batch of ${fmt(BATCH)} postings on the loaded tables, each statement of ` +
        `postJournalBatch under EXPLAIN ANALYZE, rolled back; medians): ${parts.join('; ')}. A whole batch ` +
        `transaction took ${round1(perBatch)} ms in the load`,
    );
  }
  ctx.note(
    `verify (medians): VACUUM ANALYZE after the load ${medianOf(figure, (r) => r.bulk.vacuumSeconds).toFixed(2)} s ` +
      `(not counted), then verifyLedger ${verify.toFixed(2)} s over ${fmt(figure[0]?.bulk.verify.lines ?? 0)} lines ` +
      `and ${fmt(figure[0]?.bulk.verify.entries ?? 0)} entries; it found ${figure[0]?.bulk.verify.problems} — the ` +
      'receivables of postings without a policy have no invoice, as expected here. The policy, invoice, payment ' +
      'and statement tables are empty, so the checks that join them cost less than on a real ledger of that size',
  );
  const busy = [...services, ...bares]
    .map((r) => r.cores.other)
    .filter((x): x is number => x !== null && x >= 0.2);
  if (busy.length > 0) {
    ctx.note(
      `${busy.length} of ${services.length + bares.length} loads ran while other work used ≥ 0.2 of a core (up to ` +
        `${Math.max(...busy)}): the machine was not quiet, those figures are disturbed`,
    );
  }
}

const workload: Workload = {
  name: 'ledger',
  description:
    `journal postings (a ${LINES_PER_POSTING}-line bind under 主代从收: three insurers, one quota-share cession), ` +
    `${CLIENTS} clients each one posting per transaction through the server’s transaction runner and postEntry, ` +
    'on an embedded PostgreSQL, vs the fsync-bound rate of the same disk (pg_test_fsync, one 8 kB write with the ' +
    'cluster’s wal_sync_method); besides: a bare INSERT of the same lines, the batched bulk path, and ' +
    `verifyLedger over ${formatNumber(VERIFY_LINES)} lines`,
  unit: 'postings/s',
  baselineUnit: 'fsyncs/s (one 8 kB write)',
  higherIsBetter: true,
  target: { ratio: RATIO_TARGET, describe: `≥ ${RATIO_TARGET.toFixed(2)}× the fsync-bound rate` },
  limits: [
    {
      key: 'batchedPerSecond',
      what: 'batched postings',
      unit: 'postings/s',
      min: BATCHED_TARGET,
      describe: `batched ≥ ${formatNumber(BATCHED_TARGET)} postings/s`,
    },
    {
      key: 'verifySeconds',
      what: `verify over ${formatNumber(VERIFY_LINES)} lines`,
      unit: 's',
      max: VERIFY_TARGET_SECONDS,
      describe: `verify ≤ ${VERIFY_TARGET_SECONDS} s`,
    },
  ],
  runs: 3,

  async setup(ctx) {
    runs.figure = [];
    runs.baseline = [];
    const work = mkdtempSync(path.join(os.tmpdir(), 'kebao-bench-ledger-'));
    // The embedded PostgreSQL runs as the user postgres when started by root: it must reach the directory.
    chmodSync(work, 0o755);
    const dataDir = path.join(work, 'data');
    let cluster: EmbeddedCluster | null = null;
    try {
      const started = performance.now();
      cluster = await startCluster(dataDir);
      const startSeconds = (performance.now() - started) / 1000;
      ctx.machine('postgresql', `${cluster.version} (embedded)`);
      // The bare baseline's table goes in the template: the figure's database and every bulk one have it.
      await queryOnce(databaseUrl(cluster, TEMPLATE_DATABASE), BARE_TABLE_SQL);
      const figureUrl = await freshDatabase(cluster, FIGURE_DATABASE);
      const settings = await commitSettings(figureUrl);
      const walSyncMethod = settings.wal_sync_method ?? 'fdatasync';
      const fsyncProgram = await findPgTestFsync();
      if (fsyncProgram) ctx.machine('pg_test_fsync', pgTestFsyncVersion(fsyncProgram));
      await admin(cluster, 'CHECKPOINT');
      state = {
        work,
        dataDir,
        cluster,
        figureUrl,
        postmaster: postmasterPid(dataDir),
        walSyncMethod,
        fsyncProgram,
        next: 0,
        stored: { service: 0, bare: 0 },
      };
      ctx.detail('settings', settings);
      ctx.detail('load', {
        clients: CLIENTS,
        seconds: ctx.seconds,
        warmupSeconds: ctx.warmupSeconds,
        linesPerPosting: LINES_PER_POSTING,
        bulk: { postings: BULK_POSTINGS, perTransaction: BATCH },
      });
      ctx.detail('setupSeconds', round1(startSeconds));
      console.log(
        `  ledger: embedded PostgreSQL ${cluster.version} ready and migrated in ${startSeconds.toFixed(1)} s; ` +
          `wal_sync_method ${walSyncMethod}; fsync ceiling by ${fsyncProgram ? 'pg_test_fsync' : 'an equivalent loop in this process'}`,
      );
    } catch (error) {
      await cluster?.stop();
      rmSync(work, { recursive: true, force: true });
      throw error;
    }
    const s = ready();
    ctx.note(
      `figure: ${CLIENTS} clients in closed loops, each posting the journal entry of a bind (${LINES_PER_POSTING} ` +
        `lines from postPremiumMovement: the lead collects for two followers and cedes 30 % of its share to a ` +
        `quota-share reinsurer; premiums and policyholders vary) in a transaction of its own through ` +
        `createTxRunner and postEntry (kind '${ENTRY_KIND}', policy_id NULL; postEntry stores the entry and its ` +
        'lines without raising invoices — postJournal would, for a bind’s receivables, and needs the policy row; ' +
        'no audit record or event is written: the runner adds none when the service gives none), on a pool ' +
        `configured as the server’s (named statements); ${ctx.warmupSeconds} s of warm-up, then postings committed ` +
        `in ${ctx.seconds} s ÷ that time. The journal tables grow from run to run`,
    );
    ctx.note(
      `baseline: the fsync-bound rate — ${
        s.fsyncProgram
          ? `pg_test_fsync -s ${Math.max(1, Math.round(ctx.seconds))} on a file next to the cluster’s data ` +
            `directory, its “one 8kB write” rate for the cluster’s wal_sync_method (${s.walSyncMethod}); it is ` +
            'stopped once that line is out'
          : `pg_test_fsync was not found, so the same loop (8 kB written at the start of a 16 MB file, then ` +
            `${s.walSyncMethod}) ran in this process for ${ctx.seconds} s on a file next to the cluster’s data directory`
      }. It is the rate of one durable commit after another from a single session, measured with the cluster ` +
        'idle after a CHECKPOINT',
    );
    ctx.note(
      `besides, in each run: a bare INSERT of the same lines by ${CLIENTS} clients (one prepared INSERT … unnest ` +
        'committed on its own, into a table without keys or indexes, no entry row, no service code); the bulk path ' +
        `— one connection, ${fmt(BATCH)} postings per transaction through the runner and postJournalBatch, ` +
        `${fmt(BULK_POSTINGS)} postings (${fmt(BULK_POSTINGS * LINES_PER_POSTING)} lines) into a fresh migrated ` +
        'database, postings ÷ the whole load’s time (building the lines included); then VACUUM ANALYZE and ' +
        'verifyLedger over those lines, timed; the database is dropped after',
    );
    try {
      if (statfsSync(work).type === TMPFS_MAGIC) {
        ctx.note(
          'the data directory is on tmpfs: fsync costs next to nothing there, so neither figure is a disk’s',
        );
      }
    } catch {
      // statfs is not available here
    }
    if (os.availableParallelism() <= 2) {
      ctx.note(
        `this machine has ${os.availableParallelism()} CPUs: PostgreSQL and this process (clients and service code) ` +
          'share them, so the posting rates are bounded by CPU as much as by the disk',
      );
    }
  },

  measure,
  baseline,

  async teardown(ctx) {
    const s = state;
    state = null;
    try {
      summarise(ctx);
    } finally {
      if (s !== null) {
        try {
          await s.cluster.stop();
        } finally {
          rmSync(s.work, { recursive: true, force: true });
        }
      }
    }
  },
};

export default workload;
