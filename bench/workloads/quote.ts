import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, startServer } from '../harness/http.ts';
import { machineBusySeconds } from '../harness/machine.ts';
import { type BenchContext, median, type Workload } from '../harness/workload.ts';
import { startKebao } from './quote/kebao-server.ts';
import { ANSWERED_BODIES, BAD_OPTION_BODY, LOAD_BODY, LOAD_PREMIUM, PREVIEW_PATH } from './quote/preview.ts';

const BASELINE = new URL('./quote/bare-app.ts', import.meta.url);
const CONNECTIONS = 100;
const PIPELINING = 1;
const P99_LIMIT_MS = 10;
const BODY = JSON.stringify(LOAD_BODY);
const JSON_HEADERS = { 'content-type': 'application/json' };

/** What the workload needs of either server. */
interface Server {
  url: string;
  /** CPU-seconds the server process has used so far; null when it cannot be read here. */
  cpuSeconds(): number | null | Promise<number | null>;
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

async function post(server: Server, body: string): Promise<Answer> {
  const res = await fetch(server.url + PREVIEW_PATH, { method: 'POST', headers: JSON_HEADERS, body });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** Where two texts first differ, with some context, for the error message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 60), i + 60));
  return `at character ${i}:\n  kebao:     ${around(a)}\n  node:http: ${around(b)}`;
}

/** A problem+json body without its requestId, which each server makes up per request. */
function withoutRequestId(text: string): unknown {
  const { requestId, ...rest } = JSON.parse(text) as Record<string, unknown>;
  if (typeof requestId !== 'string' || requestId === '') throw new Error(`no requestId in ${text}`);
  return rest;
}

/**
 * Both servers must give byte-identical 200 bodies (one of each outcome, a pro-rata term, the minimum
 * premium) with the same content type, and the same 422 problem for an option the product does not offer.
 */
async function checkAnswers(kebao: Server, bare: Server): Promise<number> {
  let loadBytes = 0;
  for (const [name, body] of Object.entries(ANSWERED_BODIES)) {
    const text = JSON.stringify(body);
    const [k, b] = [await post(kebao, text), await post(bare, text)];
    for (const [label, a] of [
      ['kebao', k],
      ['node:http', b],
    ] as const) {
      if (a.status !== 200) throw new Error(`${label}: ${name}: expected 200, got ${a.status} ${a.text}`);
    }
    if (k.contentType !== b.contentType)
      throw new Error(`${name}: content types differ: kebao ${k.contentType}, node:http ${b.contentType}`);
    if (k.text !== b.text) throw new Error(`${name}: the answers differ ${firstDifference(k.text, b.text)}`);
    if (body === LOAD_BODY) {
      const premium = (JSON.parse(k.text) as { premium?: unknown }).premium;
      if (premium !== LOAD_PREMIUM) throw new Error(`the load body: premium ${premium}, not ${LOAD_PREMIUM}`);
      loadBytes = Buffer.byteLength(k.text);
    }
  }
  const text = JSON.stringify(BAD_OPTION_BODY);
  const [k, b] = [await post(kebao, text), await post(bare, text)];
  if (k.status !== 422 || b.status !== 422)
    throw new Error(`a bad option: expected 422 from both, got kebao ${k.status}, node:http ${b.status}`);
  const [kj, bj] = [withoutRequestId(k.text), withoutRequestId(b.text)];
  if (JSON.stringify(kj) !== JSON.stringify(bj))
    throw new Error(`a bad option: the problems differ:\n  kebao:     ${k.text}\n  node:http: ${b.text}`);
  return loadBytes;
}

interface Run {
  reqPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Share of one core the server's Node process used under load; null when it could not be read. */
  serverCpu: number | null;
  /** Share of one core the load generator (this process) used. */
  loaderCpu: number;
  /** Cores' worth of CPU used by everything else meanwhile: kebao's PostgreSQL, other jobs, the kernel. */
  otherCpu: number | null;
}

const runs: Record<'figure' | 'baseline', Run[]> = { figure: [], baseline: [] };
let dataDir: string | null = null;

const round = (x: number) => Math.round(x * 100) / 100;

/** Starts a fresh server, warms it up, measures requests/second under 100 connections, stops it. */
async function measureServer(
  ctx: BenchContext,
  server: Server,
  kind: 'figure' | 'baseline',
): Promise<number> {
  try {
    const options = {
      url: server.url + PREVIEW_PATH,
      method: 'POST' as const,
      headers: JSON_HEADERS,
      body: BODY,
      connections: CONNECTIONS,
      pipelining: PIPELINING,
    };
    await load({ ...options, seconds: ctx.warmupSeconds });
    const serverBefore = await server.cpuSeconds();
    const loaderBefore = process.cpuUsage();
    const machineBefore = machineBusySeconds();
    const result = await load({ ...options, seconds: ctx.seconds });
    const machineSeconds = machineBusySeconds() - machineBefore;
    const loader = process.cpuUsage(loaderBefore);
    const loaderSeconds = (loader.user + loader.system) / 1e6;
    const serverAfter = await server.cpuSeconds();
    const serverSeconds = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
    const share = (cpuSeconds: number) => round(cpuSeconds / result.duration);
    runs[kind].push({
      reqPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      serverCpu: serverSeconds === null ? null : share(serverSeconds),
      loaderCpu: share(loaderSeconds),
      otherCpu:
        serverSeconds === null ? null : share(Math.max(0, machineSeconds - serverSeconds - loaderSeconds)),
    });
    if (kind === 'figure') ctx.observe('latencyP99Ms', result.latency.p99);
    return result.requests.average;
  } finally {
    await server.stop();
  }
}

function requireDataDir(): string {
  if (dataDir === null) throw new Error('quote: setup has not made the data directory');
  return dataDir;
}

const medianOf = (list: Run[], pick: (r: Run) => number) => median(list.map(pick));
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** What latency and CPU accounting say about the runs. */
function summariseRuns(ctx: BenchContext): void {
  const { figure, baseline } = runs;
  ctx.detail('figureRuns', figure);
  ctx.detail('baselineRuns', baseline);
  if (figure.length === 0 || baseline.length === 0) return;

  const fP99 = medianOf(figure, (r) => r.latencyP99Ms);
  const bP99 = medianOf(baseline, (r) => r.latencyP99Ms);
  const fRps = medianOf(figure, (r) => r.reqPerSecond);
  const bRps = medianOf(baseline, (r) => r.reqPerSecond);
  ctx.detail('latencyP99Ms', { figure: fP99, baseline: bP99 });
  ctx.note(
    `p99 latency at ${CONNECTIONS} connections (median over the runs; autocannon measures whole ms): ` +
      `kebao ${fP99} ms, node:http ${bP99} ms; p50 ${medianOf(figure, (r) => r.latencyP50Ms)} vs ` +
      `${medianOf(baseline, (r) => r.latencyP50Ms)} ms`,
  );
  // A closed loop of N connections keeps N requests in flight: mean latency = N / throughput.
  ctx.note(
    `with ${CONNECTIONS} connections always waiting for an answer, the mean latency is ${CONNECTIONS} ÷ req/s ` +
      `(Little's law): ${(1000 * (CONNECTIONS / fRps)).toFixed(1)} ms at kebao's ${fmt(fRps)} req/s, ` +
      `${(1000 * (CONNECTIONS / bRps)).toFixed(1)} ms at node:http's ${fmt(bRps)} req/s; a p99 ≤ ` +
      `${P99_LIMIT_MS} ms needs well over ${fmt((1000 * CONNECTIONS) / P99_LIMIT_MS)} req/s, so on this machine ` +
      'the latency limit is a throughput limit in disguise',
  );

  const known = (list: Run[]) =>
    list.filter((r): r is Run & { serverCpu: number; otherCpu: number } => r.serverCpu !== null);
  const [f, b] = [known(figure), known(baseline)];
  if (f.length === 0 || b.length === 0) {
    ctx.note(
      'the server processes’ CPU use could not be read here (no /proc), so there is no per-CPU figure',
    );
    return;
  }
  const perCpu = (r: Run & { serverCpu: number }) => r.reqPerSecond / r.serverCpu;
  const fPer = median(f.map(perCpu));
  const bPer = median(b.map(perCpu));
  ctx.detail('requestsPerServerCpuSecond', {
    figure: Math.round(fPer),
    baseline: Math.round(bPer),
    ratio: round(fPer / bPer),
  });
  const fCpu = median(f.map((r) => r.serverCpu));
  const bCpu = median(b.map((r) => r.serverCpu));
  const loader = median([...figure, ...baseline].map((r) => r.loaderCpu));
  ctx.note(
    `server CPU under load (median share of one core): kebao ${fCpu}, node:http ${bCpu}, autocannon ${loader}; ` +
      `requests per server CPU-second: ${fmt(fPer)} vs ${fmt(bPer)}, ratio ${(fPer / bPer).toFixed(2)}× ` +
      '(the cost per request, whatever share of the CPU the server got)',
  );
  if (Math.min(fCpu, bCpu) < 0.9) {
    ctx.note(
      'below ~0.9 of a core the server was not the only limit: it shared the two cores with autocannon ' +
        '(and anything else running), so req/s depend on how the CPU was shared; requests per server ' +
        'CPU-second is the steadier comparison',
    );
  }
  const all = [...f, ...b];
  const other = median(all.map((r) => r.otherCpu));
  const disturbed = all.filter((r) => r.otherCpu >= 0.2);
  if (other >= 0.2) {
    ctx.note(
      `other work used a median ${other} of a core during the measurements (kebao's PostgreSQL is idle: ` +
        'the preview answers from memory): the machine was not quiet, so these figures are disturbed',
    );
  } else if (disturbed.length > 0) {
    ctx.note(
      `${disturbed.length} of ${all.length} measurements ran while other work used ≥ 0.2 of a core ` +
        `(up to ${Math.max(...disturbed.map((r) => r.otherCpu))}); the medians lean on the quiet ones, the ` +
        'per-run values in details show which',
    );
  }
}

const workload: Workload = {
  name: 'quote',
  description:
    'POST /api/quotes/preview of `kebao start` (Fastify, Ajv, guard, catalogue cache, domain rating) vs bare ' +
    'node:http calling the same compiled product and answering the same JSON',
  unit: 'req/s',
  baselineUnit: 'req/s bare node:http',
  higherIsBetter: true,
  target: { ratio: 0.8, describe: '≥ 0.80×' },
  limits: [
    {
      key: 'latencyP99Ms',
      what: 'p99',
      unit: 'ms',
      max: P99_LIMIT_MS,
      describe: `p99 ≤ ${P99_LIMIT_MS} ms at ${CONNECTIONS} connections`,
    },
  ],
  runs: 5,

  async setup(ctx) {
    runs.figure = [];
    runs.baseline = [];
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kebao-bench-quote-'));
    // The embedded PostgreSQL runs as the user postgres when started by root: it must reach the directory.
    chmodSync(dataDir, 0o755);
    try {
      const started = performance.now();
      const kebao = await startKebao(dataDir);
      const firstStart = (performance.now() - started) / 1000;
      let responseBytes = 0;
      try {
        const pg = /embedded PostgreSQL ([0-9.]+)/.exec(kebao.output())?.[1];
        if (pg) ctx.machine('postgresql', `${pg} (embedded)`);
        const bare = await startServer(BASELINE);
        try {
          responseBytes = await checkAnswers(kebao, bare);
        } finally {
          await bare.stop();
        }
      } finally {
        await kebao.stop();
      }
      ctx.detail('load', {
        tool: 'autocannon 9 (in the harness process)',
        connections: CONNECTIONS,
        pipelining: PIPELINING,
        seconds: ctx.seconds,
        warmupSeconds: ctx.warmupSeconds,
        bodyBytes: Buffer.byteLength(BODY),
        responseBytes,
      });
      ctx.detail('firstStartSeconds', Math.round(firstStart * 10) / 10);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      dataDir = null;
      throw error;
    }
    ctx.note(
      'figure: `kebao start` as shipped (node --import tsx, embedded PostgreSQL in a fresh data directory, the ' +
        'shipped catalogue, LOG_LEVEL=warn so no per-request log lines, KEBAO_QUOTE_PREVIEW_PER_MINUTE=0 to ' +
        'turn off the per-client limit that would refuse one load generator); baseline: bare node:http in a ' +
        'child with the same Node flags, parsing the body with JSON.parse and answering with JSON.stringify ' +
        'from compileProduct on catalog/products/KB-AP-EQUIP.yaml',
    );
    ctx.note(
      `both servers were first checked to give byte-identical 200 bodies for ${Object.keys(ANSWERED_BODIES).length} ` +
        'bodies (every outcome, a pro-rata term, the minimum premium) and the same 422 problem for an option ' +
        'the product does not offer; every answer under load must be a 2xx',
    );
    ctx.note(
      'both do the same domain work per request (validateQuoteInput, eligibility, underwriting, exact rating ' +
        'with its breakdown), so the ratio is the cost of the platform around it: Fastify routing and ' +
        'hooks, Ajv validation of the body against the fact dictionary, the auth guard (anonymous: no ' +
        'database, no promise), request ids and security headers, the catalogue cache lookup (a Map hit, no ' +
        'query after the first), JSON.stringify of the answer built in the schema order',
    );
    ctx.note(
      'each measurement starts a fresh server (kebao on the same data directory, so only the first start ' +
        `runs initdb), warms it up for ${ctx.warmupSeconds} s and loads it for ${ctx.seconds} s`,
    );
    const cpus = os.availableParallelism();
    if (cpus <= 2) {
      ctx.note(
        `this machine has ${cpus} CPUs whose speed varies from run to run: the server (one core at most), ` +
          'autocannon (in the harness process) and kebao’s PostgreSQL share them, so absolute req/s and ' +
          'latencies are low and noisy; the ratio and the requests per server CPU-second are steadier',
      );
    }
  },

  measure: async (ctx) => measureServer(ctx, await startKebao(requireDataDir()), 'figure'),
  baseline: async (ctx) => measureServer(ctx, await startServer(BASELINE), 'baseline'),
  teardown(ctx) {
    try {
      summariseRuns(ctx);
    } finally {
      if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
      dataDir = null;
    }
  },
};

export default workload;
