import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envInteger } from '../harness/env.ts';
import { machineBusySeconds } from '../harness/machine.ts';
import { formatNumber, formatRatio } from '../harness/report.ts';
import { type BenchContext, median, quantile, type Workload } from '../harness/workload.ts';
import { BindClient, type BindSample, drive, PRODUCT_CODE } from './bind/client.ts';
import {
  clusterUrl,
  DEMO_ENTERPRISES,
  type KebaoServer,
  postgresLog,
  postmasterPid,
  startKebao,
} from './bind/kebao.ts';
import {
  drainOutbox,
  outboxState,
  policyCount,
  postgresCpuSeconds,
  queryOnce,
  SessionSampler,
  type SessionStates,
} from './bind/observe.ts';
import {
  initialise,
  PGBENCH_SCALE,
  PGBENCH_THREADS,
  type PgbenchRun,
  pgbenchVersion,
  requirePgbench,
  runPgbench,
} from './bind/pgbench.ts';

/** Concurrent simulated users, each one chain at a time; pgbench gets as many clients. */
const CLIENTS = envInteger('KEBAO_BENCH_CLIENTS', 16, 1);
/** Binds before each measurement (all clients together). */
const WARMUP_BINDS = envInteger('KEBAO_BENCH_BIND_WARMUP', 200, 0);
/** Seconds per measurement unless KEBAO_BENCH_SECONDS says otherwise (its default of 5 is for lighter loads). */
const DEFAULT_SECONDS = 20;
/** How long to wait for the server's outbox to be delivered before the baseline runs next to it. */
const DRAIN_TIMEOUT_MS = 60_000;
const PGBENCH_DATABASE = 'kebao_bench_pgbench';

/** The issue's targets: ≥ 0.4× pgbench and ≥ 1,000 binds/s with a p99 ≤ 50 ms, on 2 cores. */
const RATIO_TARGET = 0.4;
const BINDS_TARGET = 1000;
const P99_TARGET_MS = 50;

interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** Cores' worth of CPU each part used during a measurement (null where /proc cannot be read). */
interface Cores {
  kebao: number | null;
  postgres: number | null;
  /** This process: the load generator (and the session sampler). */
  harness: number;
  /** Everything else: pgbench during the baseline; other jobs, the kernel. */
  other: number | null;
}

interface FigureRun {
  bindsPerSecond: number;
  binds: number;
  seconds: number;
  warmupSeconds: number;
  latencyMs: { chain: Latency; quote: Latency; accept: Latency; bind: Latency };
  cores: Cores;
  sessions: SessionStates;
  /** Outbox events not yet delivered when the measurement ended, and the seconds until all were. */
  outboxPendingAtEnd: number;
  outboxDrainSeconds: number;
}

interface BaselineRun extends PgbenchRun {
  cores: Cores;
}

interface State {
  work: string;
  dataDir: string;
  kebao: KebaoServer;
  kebaoUrl: string;
  pgbenchUrl: string;
  pgbench: string;
  postmaster: number;
  clients: BindClient[];
  /** Policies in the database before the first bind. */
  policiesBefore: number;
  /** Bind answers of 201 so far, measured or not: each must be one policy row. */
  bound: number;
  /** Where the PostgreSQL log stood when the runs began (bytes). */
  logOffset: number;
}

let state: State | null = null;
const runs: { figure: FigureRun[]; baseline: BaselineRun[] } = { figure: [], baseline: [] };

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => formatNumber(x);

function requireState(): State {
  if (state === null) throw new Error('bind: setup has not started the server');
  return state;
}

function measureSeconds(ctx: BenchContext): number {
  return process.env.KEBAO_BENCH_SECONDS ? ctx.seconds : DEFAULT_SECONDS;
}

function latency(values: number[]): Latency {
  if (values.length === 0) return { p50: 0, p99: 0, max: 0 };
  return {
    p50: round1(quantile(values, 0.5)),
    p99: round1(quantile(values, 0.99)),
    max: round1(Math.max(...values)),
  };
}

interface CpuMark {
  at: number;
  kebao: number | null;
  postgres: number | null;
  harness: NodeJS.CpuUsage;
  machine: number;
}

function cpuMark(s: State): CpuMark {
  return {
    at: performance.now(),
    kebao: s.kebao.cpuSeconds(),
    postgres: postgresCpuSeconds(s.postmaster),
    harness: process.cpuUsage(),
    machine: machineBusySeconds(),
  };
}

function coresSince(s: State, before: CpuMark): Cores {
  const after = cpuMark(s);
  const seconds = (after.at - before.at) / 1000;
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const harnessUsage = process.cpuUsage(before.harness);
  const harness = (harnessUsage.user + harnessUsage.system) / 1e6;
  const kebao = diff(after.kebao, before.kebao);
  const postgres = diff(after.postgres, before.postgres);
  const machine = after.machine - before.machine;
  const other =
    kebao === null || postgres === null ? null : Math.max(0, machine - kebao - postgres - harness);
  const share = (x: number | null) => (x === null ? null : round2(x / seconds));
  return {
    kebao: share(kebao),
    postgres: share(postgres),
    harness: round2(harness / seconds),
    other: share(other),
  };
}

async function checkPolicies(s: State): Promise<void> {
  const made = (await policyCount(s.kebaoUrl)) - s.policiesBefore;
  if (made !== s.bound) {
    throw new Error(`${s.bound} binds answered 201 but ${made} policies were made: every bind must make one`);
  }
}

async function measure(ctx: BenchContext): Promise<number> {
  const s = requireState();
  const onBind = () => {
    s.bound++;
  };

  const warmupStarted = performance.now();
  let warmed = 0;
  await drive(
    s.clients,
    () => warmed < WARMUP_BINDS,
    () => {
      warmed++;
      onBind();
    },
  );
  const warmupSeconds = (performance.now() - warmupStarted) / 1000;

  const seconds = measureSeconds(ctx);
  const samples: BindSample[] = [];
  const sampler = new SessionSampler(s.kebaoUrl);
  await sampler.start();
  const cpu = cpuMark(s);
  const deadline = cpu.at + seconds * 1000;
  let sessions: SessionStates;
  let cores: Cores;
  try {
    await drive(
      s.clients,
      () => performance.now() < deadline,
      (sample) => {
        onBind();
        if (sample.endedAt <= deadline) samples.push(sample);
      },
    );
  } finally {
    cores = coresSince(s, cpu);
    sessions = await sampler.stop();
  }

  const pendingAtEnd = (await outboxState(s.kebaoUrl)).pending;
  const drained = await drainOutbox(s.kebaoUrl, DRAIN_TIMEOUT_MS);
  if (drained.left > 0) {
    ctx.note(
      `the server’s outbox still had ${drained.left} undelivered events ${DRAIN_TIMEOUT_MS / 1000} s after a ` +
        'measurement: its dispatcher was still busy while pgbench ran',
    );
  }
  await checkPolicies(s);

  const pick = (key: keyof Omit<BindSample, 'endedAt'>) => latency(samples.map((x) => x[key]));
  const run: FigureRun = {
    bindsPerSecond: samples.length / seconds,
    binds: samples.length,
    seconds,
    warmupSeconds: round1(warmupSeconds),
    latencyMs: {
      chain: pick('chainMs'),
      quote: pick('quoteMs'),
      accept: pick('acceptMs'),
      bind: pick('bindMs'),
    },
    cores,
    sessions,
    outboxPendingAtEnd: pendingAtEnd,
    outboxDrainSeconds: round1(drained.seconds),
  };
  runs.figure.push(run);
  const { chain, bind } = run.latencyMs;
  console.log(
    `  bind: ${fmt(run.bindsPerSecond)} binds/s (${fmt(run.binds)} in ${seconds} s); chain p50 ${chain.p50} ms, ` +
      `p99 ${chain.p99} ms; bind request p50 ${bind.p50} ms, p99 ${bind.p99} ms; cores: kebao ${cores.kebao}, ` +
      `PostgreSQL ${cores.postgres}, load generator ${cores.harness}; outbox ${pendingAtEnd} behind at the end`,
  );
  return run.bindsPerSecond;
}

async function baseline(ctx: BenchContext): Promise<number> {
  const s = requireState();
  const cpu = cpuMark(s);
  const result = await runPgbench(s.pgbench, s.pgbenchUrl, CLIENTS, measureSeconds(ctx));
  const cores = coresSince(s, cpu);
  runs.baseline.push({ ...result, cores });
  console.log(
    `  pgbench: ${fmt(result.tps)} tps, latency average ${result.latencyAverageMs} ms; cores: PostgreSQL ` +
      `${cores.postgres}, pgbench and the rest ${cores.other}`,
  );
  return result.tps;
}

const medianOf = <T>(list: T[], pick: (r: T) => number) => median(list.map(pick));
const met = (ok: boolean) => (ok ? 'met' : 'missed');

/** The issue's three targets next to the medians, the per-run details, the logs. */
function summarise(ctx: BenchContext, s: State): void {
  const { figure, baseline: base } = runs;
  ctx.detail('figureRuns', figure);
  ctx.detail('baselineRuns', base);
  if (figure.length === 0 || base.length === 0) return;

  const binds = medianOf(figure, (r) => r.bindsPerSecond);
  const tps = medianOf(base, (r) => r.tps);
  const ratio = binds / tps;
  const lat = (step: keyof FigureRun['latencyMs'], q: 'p50' | 'p99') =>
    round1(medianOf(figure, (r) => r.latencyMs[step][q]));
  const latencyMs = {
    chain: { p50: lat('chain', 'p50'), p99: lat('chain', 'p99') },
    quote: { p50: lat('quote', 'p50'), p99: lat('quote', 'p99') },
    accept: { p50: lat('accept', 'p50'), p99: lat('accept', 'p99') },
    bind: { p50: lat('bind', 'p50'), p99: lat('bind', 'p99') },
  };
  ctx.detail('latencyMs', latencyMs);
  const issue = {
    ratio: { target: RATIO_TARGET, value: Math.round(ratio * 10_000) / 10_000, met: ratio >= RATIO_TARGET },
    bindsPerSecond: { target: BINDS_TARGET, value: Math.round(binds), met: binds >= BINDS_TARGET },
    bindP99Ms: { target: P99_TARGET_MS, value: latencyMs.bind.p99, met: latencyMs.bind.p99 <= P99_TARGET_MS },
    chainP99Ms: {
      target: P99_TARGET_MS,
      value: latencyMs.chain.p99,
      met: latencyMs.chain.p99 <= P99_TARGET_MS,
    },
    cpus: os.availableParallelism(),
  };
  ctx.detail('issueTargets', issue);
  ctx.note(
    `the issue’s targets (on 2 cores; this machine has ${issue.cpus}): ≥ ${RATIO_TARGET}× pgbench — ` +
      `${formatRatio(ratio, workload.target)}×, ${met(issue.ratio.met)}; ≥ ${fmt(BINDS_TARGET)} binds/s — ${fmt(binds)}, ` +
      `${met(issue.bindsPerSecond.met)}; p99 ≤ ${P99_TARGET_MS} ms — the bind request ${latencyMs.bind.p99} ms ` +
      `(${met(issue.bindP99Ms.met)}), the whole quote → accept → bind chain ${latencyMs.chain.p99} ms ` +
      `(${met(issue.chainP99Ms.met)}). meetsTarget in the JSON is the ratio target only`,
  );
  ctx.note(
    `latency per step at ${CLIENTS} clients, p50 / p99 (medians over the runs): quote ${latencyMs.quote.p50} / ` +
      `${latencyMs.quote.p99} ms, accept ${latencyMs.accept.p50} / ${latencyMs.accept.p99} ms, bind ` +
      `${latencyMs.bind.p50} / ${latencyMs.bind.p99} ms, whole chain ${latencyMs.chain.p50} / ` +
      `${latencyMs.chain.p99} ms; pgbench’s own latency average ${round1(medianOf(base, (r) => r.latencyAverageMs))} ms ` +
      'per TPC-B transaction',
  );
  const known = (x: number | null) => x !== null;
  if (figure.every((r) => known(r.cores.kebao) && known(r.cores.postgres))) {
    const core = (list: { cores: Cores }[], pick: (c: Cores) => number | null) =>
      round2(medianOf(list, (r) => pick(r.cores) ?? 0));
    const kebaoCores = core(figure, (c) => c.kebao);
    const pgCores = core(figure, (c) => c.postgres);
    ctx.note(
      `CPU during the binds (cores, medians): kebao’s Node process ${kebaoCores}, its PostgreSQL ${pgCores}, the ` +
        `load generator ${core(figure, (c) => c.harness)}, other ${core(figure, (c) => c.other)}; per bind: ` +
        `${round2((kebaoCores * 1000) / binds)} ms of server CPU and ${round2((pgCores * 1000) / binds)} ms of ` +
        `PostgreSQL CPU. During pgbench: PostgreSQL ${core(base, (c) => c.postgres)}, pgbench and the rest ` +
        `${core(base, (c) => c.other)}`,
    );
  }
  const busy = figure.map((r) => r.cores.other).filter((x): x is number => x !== null && x >= 0.2);
  if (busy.length > 0) {
    ctx.note(
      `${busy.length} of ${figure.length} bind measurements ran while work outside kebao, its PostgreSQL and ` +
        `the load generator used ≥ 0.2 of a core (up to ${Math.max(...busy)}): the machine was not quiet, ` +
        'those figures are disturbed (the per-run values are in details)',
    );
  }
  const states = new Map<string, number[]>();
  for (const r of figure) {
    for (const [k, v] of Object.entries(r.sessions.meanSessions))
      states.set(k, [...(states.get(k) ?? []), v]);
  }
  const stateLine = [...states.entries()]
    .map(([k, v]): [string, number] => [k, round2(v.reduce((a, b) => a + b, 0) / figure.length)])
    .filter(([, v]) => v >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  ctx.note(
    `the server’s database sessions during the binds (mean number in each state, sampled from pg_stat_activity ` +
      `every 100 ms): ${stateLine}`,
  );
  const waits = new Map<string, number>();
  for (const r of figure)
    for (const w of r.sessions.lockWaits) waits.set(w.statement, (waits.get(w.statement) ?? 0) + w.samples);
  const top = [...waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (top.length > 0) {
    ctx.detail(
      'lockWaits',
      top.map(([statement, samples]) => ({ statement, samples })),
    );
    ctx.note(
      `statements seen waiting for a lock (samples): ${top.map(([q, n]) => `${n}× ${q}`).join(' | ')}`,
    );
  }
  const drain = Math.max(...figure.map((r) => r.outboxDrainSeconds));
  const behind = Math.max(...figure.map((r) => r.outboxPendingAtEnd));
  if (behind > 0) {
    ctx.note(
      `the outbox dispatcher fell behind during the binds: up to ${fmt(behind)} events undelivered when a ` +
        `measurement ended, ${drain} s to deliver them (waited for before pgbench ran)`,
    );
  }
  summariseLogs(ctx, s);
}

/** Warnings and errors the server printed and the PostgreSQL log holds since the runs began. */
function summariseLogs(ctx: BenchContext, s: State): void {
  const banner = s.kebao.output().lastIndexOf('Demo logins');
  const serverLines = s.kebao
    .output()
    .slice(Math.max(0, banner))
    .split('\n')
    .filter((l) => l.startsWith('{'));
  const serverMessages = new Map<string, number>();
  for (const line of serverLines) {
    const msg = /"msg":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line.slice(0, 160);
    serverMessages.set(msg, (serverMessages.get(msg) ?? 0) + 1);
  }
  const pgLines = postgresLog(s.dataDir, s.logOffset)
    .split('\n')
    .filter((l) => /\b(WARNING|ERROR|FATAL|PANIC):|checkpoints are occurring too frequently/.test(l));
  const pgMessages = new Map<string, number>();
  for (const line of pgLines) {
    const msg = line.replace(/^.*?\b(LOG|WARNING|ERROR|FATAL|PANIC):\s*/, '$1: ').slice(0, 200);
    pgMessages.set(msg, (pgMessages.get(msg) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([message, count]) => ({ message, count }));
  ctx.detail('logs', { server: list(serverMessages), postgres: list(pgMessages) });
  const say = (m: Map<string, number>) =>
    list(m)
      .map(({ message, count }) => `${count}× ${message}`)
      .join(' | ');
  ctx.note(
    serverLines.length === 0
      ? 'the server logged no warning or error during the runs'
      : `the server logged ${serverLines.length} warnings or errors during the runs: ${say(serverMessages)}`,
  );
  ctx.note(
    pgLines.length === 0
      ? 'the PostgreSQL log holds no warning or error from the runs'
      : `the PostgreSQL log holds ${pgLines.length} notable lines from the runs: ${say(pgMessages)}`,
  );
}

async function stopAll(s: State): Promise<void> {
  for (const client of s.clients) client.close();
  try {
    await s.kebao.stop();
  } finally {
    rmSync(s.work, { recursive: true, force: true });
  }
}

const workload: Workload = {
  name: 'bind',
  description:
    `quote → accept → bind of ${PRODUCT_CODE} over HTTP as the demo enterprise, ${CLIENTS} concurrent clients, ` +
    '`kebao start` on its embedded PostgreSQL, vs pgbench TPC-B (built-in script) on the same cluster',
  unit: 'binds/s',
  baselineUnit: `tps pgbench TPC-B (${CLIENTS} clients)`,
  higherIsBetter: true,
  target: { ratio: RATIO_TARGET, describe: `≥ ${RATIO_TARGET.toFixed(2)}× pgbench` },
  runs: 3,

  async setup(ctx) {
    runs.figure = [];
    runs.baseline = [];
    const pgbench = requirePgbench();
    ctx.machine('pgbench', await pgbenchVersion(pgbench));
    const work = mkdtempSync(path.join(os.tmpdir(), 'kebao-bench-bind-'));
    // The embedded PostgreSQL runs as the user postgres when started by root: it must reach the directory.
    chmodSync(work, 0o755);
    const dataDir = path.join(work, 'data');
    const webDist = path.join(work, 'web');
    mkdirSync(webDist);
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>kebao bench</title>\n');
    let kebao: KebaoServer | null = null;
    const clients: BindClient[] = [];
    try {
      const started = performance.now();
      kebao = await startKebao(dataDir, webDist);
      const startSeconds = (performance.now() - started) / 1000;
      const pg = /embedded PostgreSQL ([0-9.]+)/.exec(kebao.output())?.[1];
      if (pg) ctx.machine('postgresql', `${pg} (embedded)`);
      const kebaoUrl = await clusterUrl(dataDir, 'kebao');
      const adminUrl = await clusterUrl(dataDir, 'postgres');
      await queryOnce(adminUrl, `CREATE DATABASE ${PGBENCH_DATABASE}`);
      const pgbenchUrl = await clusterUrl(dataDir, PGBENCH_DATABASE);
      const initSeconds = await initialise(pgbench, pgbenchUrl);
      for (let i = 0; i < CLIENTS; i++) {
        const client = new BindClient(kebao.url);
        clients.push(client);
        await client.login();
      }
      const logFile = path.join(dataDir, 'pg', 'postgres.log');
      state = {
        work,
        dataDir,
        kebao,
        kebaoUrl,
        pgbenchUrl,
        pgbench,
        postmaster: postmasterPid(dataDir),
        clients,
        policiesBefore: await policyCount(kebaoUrl),
        bound: 0,
        logOffset: statSync(logFile, { throwIfNoEntry: false })?.size ?? 0,
      };
      console.log(
        `  bind: kebao ready in ${startSeconds.toFixed(1)} s (first start), pgbench -i -s ${PGBENCH_SCALE} in ` +
          `${initSeconds.toFixed(1)} s, ${CLIENTS} clients signed in`,
      );
      ctx.detail('load', {
        clients: CLIENTS,
        seconds: measureSeconds(ctx),
        warmupBinds: WARMUP_BINDS,
        demoEnterprises: DEMO_ENTERPRISES,
        pgbench: {
          scale: PGBENCH_SCALE,
          clients: CLIENTS,
          threads: Math.min(PGBENCH_THREADS, CLIENTS),
          mode: 'prepared',
        },
      });
      ctx.detail('setupSeconds', { kebaoFirstStart: round1(startSeconds), pgbenchInit: round1(initSeconds) });
    } catch (error) {
      for (const client of clients) client.close();
      await kebao?.stop();
      rmSync(work, { recursive: true, force: true });
      throw error;
    }
    const seconds = measureSeconds(ctx);
    ctx.note(
      `figure: ${CLIENTS} clients, each signed in as the demo enterprise with its own session and keep-alive ` +
        `connection, each in a closed loop of POST /api/quotes (${PRODUCT_CODE}, limit 5,000,000.00 → 201 offered), ` +
        'POST /api/quotes/{id}/accept (→ 200), POST /api/quotes/{id}/bind with a fresh Idempotency-Key (→ 201, ' +
        `the policy with its number); ${WARMUP_BINDS} binds of warm-up, then ${seconds} s counted: binds that ` +
        'completed within the window ÷ its length. Any other answer fails the run; after each measurement the ' +
        'policy table must hold one row per 201',
    );
    ctx.note(
      '`kebao start` as shipped on a fresh embedded PostgreSQL (its default settings), LOG_LEVEL=warn, ' +
        `KEBAO_DEMO_ENTERPRISES=${DEMO_ENTERPRISES}, a placeholder web page instead of the web app; the server ` +
        'keeps running across the runs, so the quote, placement, policy, journal, audit and outbox tables grow ' +
        'from run to run',
    );
    ctx.note(
      `baseline: pgbench's built-in TPC-B script on a database of its own on the same cluster (-i -s ` +
        `${PGBENCH_SCALE}, then -c ${CLIENTS} -j ${Math.min(PGBENCH_THREADS, CLIENTS)} -T ${seconds} -M prepared), ` +
        '“tps without initial connection time”; it runs after the server’s outbox is delivered, with the ' +
        'server idle. A TPC-B transaction is 5 statements; a bind chain is 3 HTTP requests and 3 transactions ' +
        'with many statements each, so the ratio says how many whole chains the platform completes per ' +
        'simple OLTP transaction of the same database on the same machine',
    );
    if (os.availableParallelism() <= 2) {
      ctx.note(
        `this machine has ${os.availableParallelism()} CPUs: the server, its PostgreSQL and the load generator ` +
          '(pgbench, for the baseline) share them, so both figures are bounded by CPU and move with the host’s load',
      );
    }
  },

  measure,
  baseline,

  async teardown(ctx) {
    const s = state;
    state = null;
    if (s === null) return;
    try {
      summarise(ctx, s);
    } finally {
      await stopAll(s);
    }
  },
};

export default workload;
