import { describeMachine } from './machine.ts';
import { formatNumber, type LimitResult, type Result } from './report.ts';
import { type BenchContext, median, meetsLimit, meetsTarget, quantile, type Workload } from './workload.ts';

function envSeconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number of seconds, not "${raw}"`);
  return value;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Runs one workload: setup, `runs` interleaved figure/baseline measurements, teardown; medians count. */
export async function runWorkload(w: Workload, log: (line: string) => void): Promise<Result> {
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  const observed = new Map<string, number[]>();
  const machine = describeMachine();
  const ctx: BenchContext = {
    seconds: envSeconds('KEBAO_BENCH_SECONDS', 5),
    warmupSeconds: envSeconds('KEBAO_BENCH_WARMUP_SECONDS', 2),
    note: (text) => {
      if (!notes.includes(text)) notes.push(text);
    },
    machine: (key, value) => {
      machine[key] = value;
    },
    detail: (key, value) => {
      details[key] = value;
    },
    observe: (key, value) => {
      observed.set(key, [...(observed.get(key) ?? []), value]);
    },
  };
  const runs = process.env.KEBAO_BENCH_RUNS ? Number(process.env.KEBAO_BENCH_RUNS) : (w.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`${w.name}: runs must be a positive integer, not ${runs}`);
  }

  const figures: number[] = [];
  const baselines: number[] = [];
  await w.setup?.(ctx);
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate the order so drift (heat, other load) falls on figure and baseline alike.
      if (i % 2 === 0) {
        figures.push(await w.measure(ctx));
        baselines.push(await w.baseline(ctx));
      } else {
        baselines.push(await w.baseline(ctx));
        figures.push(await w.measure(ctx));
      }
      log(
        `  ${w.name} run ${i + 1}/${runs}: ${formatNumber(figures[i] as number)} ${w.unit}` +
          ` vs ${formatNumber(baselines[i] as number)} ${w.baselineUnit}`,
      );
    }
  } finally {
    await w.teardown?.(ctx);
  }

  const figure = median(figures);
  const baseline = median(baselines);
  const ratio = figure / baseline;
  // Each run pairs a figure with the baseline measured next to it; their ratios show how settled the result is.
  const paired = figures.map((f, i) => f / (baselines[i] as number));
  const [q1, q3] = [quantile(paired, 0.25), quantile(paired, 0.75)];
  details.pairedRatios = {
    min: round(Math.min(...paired)),
    q1: round(q1),
    median: round(median(paired)),
    q3: round(q3),
    max: round(Math.max(...paired)),
  };
  if (q3 - q1 > 0.1) {
    ctx.note(
      `the middle half of the per-run ratios spans ${q1.toFixed(2)}–${q3.toFixed(2)}×: the ratio is not ` +
        'settled to better than that here; more runs (KEBAO_BENCH_RUNS) or a quieter machine narrow it',
    );
  }
  const limits = (w.limits ?? []).map((limit): LimitResult => {
    const values = observed.get(limit.key) ?? [];
    if (values.length === 0) throw new Error(`${w.name}: no value observed for the limit ${limit.key}`);
    const value = median(values);
    return { ...limit, value, values, met: meetsLimit(limit, value) };
  });
  return {
    name: w.name,
    description: w.description,
    figure,
    unit: w.unit,
    baseline,
    baselineUnit: w.baselineUnit,
    ratio,
    target: w.target,
    higherIsBetter: w.higherIsBetter,
    meetsTarget: meetsTarget(w.target, w.higherIsBetter, figure, ratio) && limits.every((limit) => limit.met),
    ...(limits.length > 0 ? { limits } : {}),
    runs,
    figures,
    baselines,
    notes,
    details,
    machine,
    at: new Date().toISOString(),
  };
}
