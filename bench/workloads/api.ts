import { deepStrictEqual } from 'node:assert/strict';
import os from 'node:os';
import { load, type ServerProcess, startServer } from '../harness/http.ts';
import { machineBusySeconds } from '../harness/machine.ts';
import { type BenchContext, median, type Workload } from '../harness/workload.ts';
import { BAD_BODIES, EDGE_BODIES, previewQuote, VALID_BODY } from './api/quote.ts';

const FIGURE = new URL('./api/fastify-app.ts', import.meta.url);
const BASELINE = new URL('./api/bare-app.ts', import.meta.url);
const CONNECTIONS = 32;
const PIPELINING = 1;
const PATH = '/quote-preview';
const BODY = JSON.stringify(VALID_BODY);
const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(server: ServerProcess, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(server.url + PATH, { method: 'POST', headers: JSON_HEADERS, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text for the error message
  }
  return { status: res.status, json };
}

const show = (json: unknown) => JSON.stringify(json).slice(0, 200);

/** Both servers must give the same answers: 200 with the same premium, 400 for every broken rule. */
async function checkAnswers(label: string, server: ServerProcess): Promise<void> {
  const cases: [string, QuoteCase][] = [
    ['the load body', { body: BODY, expect: previewQuote(VALID_BODY) }],
    ...Object.entries(EDGE_BODIES).map(([k, b]): [string, QuoteCase] => [
      k,
      { body: JSON.stringify(b), expect: previewQuote(b) },
    ]),
    ...Object.entries(BAD_BODIES).map(([k, body]): [string, QuoteCase] => [k, { body, expect: 400 }]),
  ];
  for (const [name, c] of cases) {
    const { status, json } = await post(server, c.body);
    if (c.expect === 400) {
      if (status !== 400) throw new Error(`${label}: ${name}: expected 400, got ${status} ${show(json)}`);
    } else {
      if (status !== 200) throw new Error(`${label}: ${name}: expected 200, got ${status} ${show(json)}`);
      deepStrictEqual(json, c.expect, `${label}: ${name}: wrong answer`);
    }
  }
}

interface QuoteCase {
  body: string;
  expect: 400 | ReturnType<typeof previewQuote>;
}

interface Run {
  reqPerSecond: number;
  /** Share of one core the server process used while under load. */
  serverCpu: number;
  /** Share of one core the load generator (this process) used. */
  loaderCpu: number;
  /** Cores' worth of CPU used by everything else on the machine meanwhile (other jobs, the kernel). */
  otherCpu: number;
  latencyP99Ms: number;
}

const runs: Record<'figure' | 'baseline', Run[]> = { figure: [], baseline: [] };

/** Starts a fresh server process, warms it up, measures requests/second, stops it. */
async function measureServer(ctx: BenchContext, module: URL, kind: 'figure' | 'baseline'): Promise<number> {
  const server = await startServer(module);
  try {
    const options = {
      url: server.url + PATH,
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
    const serverSeconds = (await server.cpuSeconds()) - serverBefore;
    const share = (cpuSeconds: number) => round(cpuSeconds / result.duration);
    runs[kind].push({
      reqPerSecond: result.requests.average,
      serverCpu: share(serverSeconds),
      loaderCpu: share(loaderSeconds),
      otherCpu: share(Math.max(0, machineSeconds - serverSeconds - loaderSeconds)),
      latencyP99Ms: result.latency.p99,
    });
    return result.requests.average;
  } finally {
    await server.stop();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
const medianOf = (list: Run[], pick: (r: Run) => number) => median(list.map(pick));

/** What the CPU accounting says about the runs: is the server the bottleneck, and what does a request cost? */
function summariseRuns(ctx: BenchContext): void {
  const { figure, baseline } = runs;
  ctx.detail('figureRuns', figure);
  ctx.detail('baselineRuns', baseline);
  if (figure.length === 0 || baseline.length === 0) return;
  const perCpu = (r: Run) => r.reqPerSecond / r.serverCpu;
  const f = medianOf(figure, perCpu);
  const b = medianOf(baseline, perCpu);
  ctx.detail('requestsPerServerCpuSecond', {
    figure: Math.round(f),
    baseline: Math.round(b),
    ratio: round(f / b),
  });
  const fCpu = medianOf(figure, (r) => r.serverCpu);
  const bCpu = medianOf(baseline, (r) => r.serverCpu);
  ctx.note(
    `server CPU under load (median share of one core): fastify ${fCpu}, node:http ${bCpu}; ` +
      `requests per server CPU-second: ${Math.round(f).toLocaleString('en-US')} vs ` +
      `${Math.round(b).toLocaleString('en-US')}, ratio ${(f / b).toFixed(2)}× (the cost per request, ` +
      'whatever share of the CPU the server got)',
  );
  if (Math.min(fCpu, bCpu) < 0.9) {
    ctx.note(
      'below ~0.9 of a core the server was not the only limit: it shared the CPU with the load generator ' +
        '(and anything else running), so req/s depend on how the CPU was shared; requests per server ' +
        'CPU-second is the steadier comparison',
    );
  }
  const other = median([...figure, ...baseline].map((r) => r.otherCpu));
  if (other >= 0.2) {
    ctx.note(
      `other work used a median ${other} of a core during the measurements: the machine was not quiet, ` +
        'so these figures are disturbed; run again on an idle machine',
    );
  }
}

const workload: Workload = {
  name: 'api',
  description:
    'Validated JSON POST /quote-preview: Fastify 5 + TypeBox (Ajv, fast-json-stringify) vs bare node:http validating by hand',
  unit: 'req/s',
  baselineUnit: 'req/s bare node:http',
  higherIsBetter: true,
  target: { ratio: 0.9, describe: '≥ 0.90×' },
  runs: 5,

  async setup(ctx) {
    runs.figure = [];
    runs.baseline = [];
    for (const [label, module] of [
      ['fastify', FIGURE],
      ['node:http', BASELINE],
    ] as const) {
      const server = await startServer(module);
      try {
        await checkAnswers(label, server);
      } finally {
        await server.stop();
      }
    }
    const cpus = os.availableParallelism();
    ctx.detail('load', {
      tool: 'autocannon 9 (in the harness process)',
      connections: CONNECTIONS,
      pipelining: PIPELINING,
      seconds: ctx.seconds,
      warmupSeconds: ctx.warmupSeconds,
      bodyBytes: Buffer.byteLength(BODY),
    });
    ctx.note(
      `each measurement starts a fresh server child process (same Node flags for both), warms it up for ` +
        `${ctx.warmupSeconds} s and loads it for ${ctx.seconds} s; every answer under load must be a 2xx, and ` +
        `both servers were first checked to give the same 200 answers and a 400 for the same ` +
        `${Object.keys(BAD_BODIES).length} broken bodies`,
    );
    ctx.note(
      'the Fastify app uses the Ajv settings apps/server uses for bodies (unknown fields refused, no type ' +
        "coercion); with Fastify's defaults it would strip unknown fields and answer 200 where the baseline says 400",
    );
    if (cpus <= 2) {
      ctx.note(
        `this machine has ${cpus} CPUs: the server (one core at most, single-threaded) and autocannon in ` +
          'the harness process share them, so absolute req/s are low and noisy; the ratio is what matters',
      );
    }
  },

  measure: (ctx) => measureServer(ctx, FIGURE, 'figure'),
  baseline: (ctx) => measureServer(ctx, BASELINE, 'baseline'),
  teardown: summariseRuns,
};

export default workload;
