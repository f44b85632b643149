import os from 'node:os';
import { compileProduct, type QuoteEvaluation, type QuoteInput } from '@kebao/domain/catalog';
import { type BenchContext, median, type Workload } from '../harness/workload.ts';
import { PRODUCT_CODE, readProduct } from './quote/preview.ts';
import { handPremiumFen, quoteInputs } from './quote-inprocess/inputs.ts';

/** Seconds of one timed loop (KEBAO_BENCH_SECONDS sizes the HTTP loads, not this). */
const MEASURE_SECONDS = 2;
/** Inputs priced in turn; a power of two, checked for the clock once per pass over them all. */
const INPUTS = 1024;
const TARGET = 50_000;

interface Loop {
  quotes: number;
  wallSeconds: number;
  cpuSeconds: number;
  /** Quotes per second of one core: quotes ÷ the larger of elapsed time and the process's CPU time. */
  perCoreSecond: number;
  /** Kept so the work cannot be optimised away. */
  sink: number;
}

let inputs: QuoteInput[] = [];
let quote: ((input: QuoteInput) => QuoteEvaluation) | null = null;
const loops: Record<'figure' | 'baseline', Loop[]> = { figure: [], baseline: [] };

function finish(quotes: number, sink: number, wallStart: number, cpuStart: NodeJS.CpuUsage): Loop {
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { quotes, wallSeconds, cpuSeconds, perCoreSecond: quotes / Math.max(wallSeconds, cpuSeconds), sink };
}

/** Prices the inputs in turn with the compiled product for `seconds`. */
function loopEngine(price: (input: QuoteInput) => QuoteEvaluation, seconds: number): Loop {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  let quotes = 0;
  let sink = 0;
  do {
    for (let i = 0; i < INPUTS; i++) {
      const result = price(inputs[i] as QuoteInput);
      sink += result.premium === null ? 0 : result.premium.length;
    }
    quotes += INPUTS;
  } while (performance.now() < end);
  return finish(quotes, sink, start, cpuStart);
}

/** The same loop over the same inputs with the hand-written formula. */
function loopFormula(seconds: number): Loop {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  let quotes = 0;
  let sink = 0;
  do {
    for (let i = 0; i < INPUTS; i++) sink += handPremiumFen(inputs[i] as QuoteInput);
    quotes += INPUTS;
  } while (performance.now() < end);
  return finish(quotes, sink, start, cpuStart);
}

function compiled(): (input: QuoteInput) => QuoteEvaluation {
  if (quote === null) throw new Error('quote-inprocess: setup has not compiled the product');
  return quote;
}

function measureLoop(ctx: BenchContext, kind: 'figure' | 'baseline'): number {
  const run = (seconds: number) =>
    kind === 'figure' ? loopEngine(compiled(), seconds) : loopFormula(seconds);
  run(ctx.warmupSeconds);
  const loop = run(MEASURE_SECONDS);
  loops[kind].push(loop);
  return loop.perCoreSecond;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Every input priced by the engine, and how the hand formula's premiums compare with the exact ones. */
function checkInputs(ctx: BenchContext, price: (input: QuoteInput) => QuoteEvaluation): void {
  const outcomes: Record<string, number> = {};
  const bound: Record<string, number> = {};
  let agree = 0;
  let maxFen = 0;
  for (const input of inputs) {
    const result = price(input);
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.premiumFen === null || result.rating?.ok !== true) {
      throw new Error(`an input was not priced (${result.outcome}): ${JSON.stringify(input)}`);
    }
    for (const step of result.rating.breakdown) {
      if (step.bound) bound[step.key] = (bound[step.key] ?? 0) + 1;
    }
    const difference = Math.abs(handPremiumFen(input) - Number(result.premiumFen));
    if (difference === 0) agree++;
    maxFen = Math.max(maxFen, difference);
  }
  ctx.detail('inputs', { count: inputs.length, outcomes, bound });
  ctx.detail('handFormula', { agreesToTheFen: agree, of: inputs.length, largestDifferenceFen: maxFen });
  ctx.note(
    `${inputs.length} seeded inputs priced in turn: every score band, TRL 1–9, 0–5 claims, contract values ` +
      `100 thousand to 300 million yuan, half a policy year and half 1–730 days pro rata, every deductible; ` +
      `outcomes ${Object.entries(outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; the minimum premium binds ${bound.minimum ?? 0} times, the rate cap ` +
      `${bound.rate_cap ?? 0}`,
  );
  ctx.note(
    `baseline: the same loop over the same inputs calling a premium formula written by hand for this one ` +
      'product with plain numbers (basis × 1.2% × factors × days/365, cap, minimum, Math.round to the fen) — ' +
      'no input checks, eligibility, underwriting or breakdown, binary floating point. It is the floor of ' +
      'what pricing can cost, not a like-for-like rival: the ratio says how much of the engine’s time goes ' +
      `to everything else, and the target is the absolute ${TARGET.toLocaleString('en-US')} quotes/s. The ` +
      `formula agrees with the exact premium to the fen on ${agree} of ${inputs.length} inputs` +
      (maxFen > 0 ? ` (off by up to ${maxFen} fen elsewhere)` : ''),
  );
}

function summarise(ctx: BenchContext): void {
  const { figure, baseline } = loops;
  ctx.detail('figureLoops', figure);
  ctx.detail('baselineLoops', baseline);
  if (figure.length === 0) return;
  const usPerQuote = 1e6 / median(figure.map((l) => l.perCoreSecond));
  const cpuPerWall = median(figure.map((l) => l.cpuSeconds / l.wallSeconds));
  ctx.detail('engine', { microsecondsPerQuote: round(usPerQuote), cpuPerWallSecond: round(cpuPerWall) });
  const rates = figure.map((l) => l.perCoreSecond);
  const [low, high] = [Math.min(...rates), Math.max(...rates)];
  ctx.note(
    `the engine's runs ranged from ${Math.round(low).toLocaleString('en-US')} to ` +
      `${Math.round(high).toLocaleString('en-US')} quotes/s (the inputs are the same every run: the ` +
      `spread is the machine); the slowest is ${(low / TARGET).toFixed(1)}× the target`,
  );
  ctx.note(
    `the engine takes ${usPerQuote.toFixed(1)} µs a quote (median); the process used ${cpuPerWall.toFixed(2)} ` +
      'CPU-seconds per elapsed second while pricing' +
      (cpuPerWall > 1.02
        ? ' (V8’s garbage collector helped on the other core; the figure divides by the CPU time, so it is ' +
          'what one core does)'
        : cpuPerWall < 0.95
          ? ' (it did not get a whole core: something else ran; the figure divides by the elapsed time)'
          : ''),
  );
}

const workload: Workload = {
  name: 'quote-inprocess',
  description:
    'In-process rating on one core: compileProduct(KB-AP-EQUIP) pricing varied inputs (eligibility, ' +
    'underwriting, exact premium with breakdown) vs a plain-number premium formula written by hand',
  unit: 'quotes/s',
  baselineUnit: 'quotes/s hand formula',
  higherIsBetter: true,
  target: { absolute: TARGET, describe: `≥ ${TARGET.toLocaleString('en-US')} quotes/s` },
  runs: 5,

  setup(ctx) {
    loops.figure = [];
    loops.baseline = [];
    inputs = quoteInputs(INPUTS);
    const definition = readProduct(PRODUCT_CODE);
    const price = compileProduct(definition);
    quote = price;
    checkInputs(ctx, price);
    ctx.note(
      `each measurement warms the loop up for ${ctx.warmupSeconds} s, then times ${MEASURE_SECONDS} s in the ` +
        'harness process (one JavaScript thread, nothing else of the benchmark running); quotes/s = quotes ÷ ' +
        'the larger of the elapsed time and the process’s CPU time',
    );
    const cpus = os.availableParallelism();
    if (cpus <= 2) {
      ctx.note(
        `this machine has ${cpus} CPUs whose speed varies from run to run (the host’s load is invisible to ` +
          'the guest), so the absolute figure moves between runs',
      );
    }
  },

  measure: async (ctx) => measureLoop(ctx, 'figure'),
  baseline: async (ctx) => measureLoop(ctx, 'baseline'),
  teardown: summarise,
};

export default workload;
