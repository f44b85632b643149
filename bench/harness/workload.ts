/** What a benchmark workload is, and the rule that decides whether it met its target. */

export interface Target {
  /** figure ÷ baseline must be at least this (or at most, when lower is better). */
  ratio?: number;
  /** The figure itself must be at least this (or at most, when lower is better). */
  absolute?: number;
  /** How the target reads in the output, e.g. '≥ 0.90×'. */
  describe: string;
}

/**
 * A bound on a second quantity of the figure, checked besides the target: e.g. the figure's p99 latency
 * ≤ 10 ms while the ratio is about throughput. The workload reports one value per figure measurement with
 * `ctx.observe(key, value)`; the median over the runs must keep the bound.
 */
export interface Limit {
  /** The name the workload observes the value under, e.g. 'latencyP99Ms'. */
  key: string;
  /** What the value is, e.g. 'p99 latency'. */
  what: string;
  unit: string;
  /** The median must be at most this … */
  max?: number;
  /** … or at least this. */
  min?: number;
  /** How the limit reads in the output, e.g. 'p99 ≤ 10 ms'. */
  describe: string;
}

/** Handed to every step of a workload so it can say more than one number. */
export interface BenchContext {
  /** Seconds each measurement should last (KEBAO_BENCH_SECONDS, default 5). */
  seconds: number;
  /** Seconds of warm-up before each measurement (KEBAO_BENCH_WARMUP_SECONDS, default 2). */
  warmupSeconds: number;
  /** A remark printed under the result line and kept in the JSON (caveats, settings). */
  note(text: string): void;
  /** A fact about the machine beyond CPU, memory, OS and Node, e.g. the PostgreSQL version. */
  machine(key: string, value: string): void;
  /** A value kept in the JSON under `details`, e.g. the load settings or per-run measurements. */
  detail(key: string, value: unknown): void;
  /** One figure measurement's value of a quantity a `Limit` bounds (call it from `measure`). */
  observe(key: string, value: number): void;
}

export interface Workload {
  name: string;
  description: string;
  unit: string;
  /** The baseline's unit with what it is, e.g. 'req/s bare node:http'. */
  baselineUnit: string;
  higherIsBetter: boolean;
  target: Target;
  /** Further bounds the result must keep to meet its target (medians over the runs); none by default. */
  limits?: Limit[];
  /** How many figure and baseline measurements to take (interleaved); the medians count. Default 5; KEBAO_BENCH_RUNS overrides. */
  runs?: number;
  setup?(ctx: BenchContext): Promise<void> | void;
  /** One measurement of the figure. */
  measure(ctx: BenchContext): Promise<number>;
  /** One measurement of the baseline, in the same run on the same machine. */
  baseline(ctx: BenchContext): Promise<number>;
  teardown?(ctx: BenchContext): Promise<void> | void;
}

/** Thrown from `setup` when a workload cannot run here (a missing tool); the runner reports it and moves on. */
export class Skip extends Error {
  override name = 'Skip';
}

/** Whether a result meets its target; computed, never written by hand. */
export function meetsTarget(target: Target, higherIsBetter: boolean, figure: number, ratio: number): boolean {
  if (target.ratio === undefined && target.absolute === undefined) {
    throw new Error('a target needs a ratio, an absolute figure, or both');
  }
  const ok = (value: number, bound: number) => (higherIsBetter ? value >= bound : value <= bound);
  return (
    (target.ratio === undefined || ok(ratio, target.ratio)) &&
    (target.absolute === undefined || ok(figure, target.absolute))
  );
}

/** Whether the median of a limited quantity keeps its limit; computed, never written by hand. */
export function meetsLimit(limit: Limit, value: number): boolean {
  if (limit.max === undefined && limit.min === undefined) {
    throw new Error(`limit ${limit.key} needs a max, a min, or both`);
  }
  return (limit.max === undefined || value <= limit.max) && (limit.min === undefined || value >= limit.min);
}

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation; q = 0.5 is the median. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = sorted[Math.floor(at)] as number;
  const hi = sorted[Math.ceil(at)] as number;
  return lo + (hi - lo) * (at - Math.floor(at));
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
