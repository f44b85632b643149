import { type RunOptions, runInline, type YearLosses } from './engine/run.ts';
import { type Compiled, compilePortfolio } from './model/compile.ts';
import type { PortfolioInput } from './model/portfolio.ts';
import { type SimulationPool, startSimulationPool } from './parallel/pool.ts';
import { type CapacityRow, type PerspectiveSummary, summarise } from './results/metrics.ts';

export interface SimulateOptions extends RunOptions {
  /** Worker threads; 0 (the default) simulates on the calling thread. Ignored when `pool` is given. */
  workers?: number;
  /** A started pool to run on (it stays open); its thread count is used unless `workers` says fewer. */
  pool?: SimulationPool;
}

export interface SimulationResult {
  portfolio: {
    name: string;
    /** Policies and homogeneous groups. */
    units: number;
    /** Risks in all (Σ members of the groups). */
    risks: number;
    classes: string[];
    insurers: string[];
    reinsurers: string[];
    pools: string[];
    events: { id: string; kind: string; name: string }[];
  };
  years: number;
  seed: number;
  /** Threads that simulated (0: the calling thread). */
  workers: number;
  blockYears: number;
  /** Ground-up losses drawn (attritional claims and event hits). */
  losses: number;
  elapsedMs: number;
  /** Every amount is yuan as a binary float (an estimate, not an amount to post). */
  currency: 'CNY';
  perspectives: PerspectiveSummary[];
  capacity: CapacityRow[];
  /** The per-year losses behind the measures (not part of the JSON output). */
  yearLosses: YearLosses;
}

/**
 * Simulates a portfolio (validated and compiled here, or compiled already) for `years` years from `seed`
 * and measures every perspective. The per-year losses — and so every measure — are identical whatever
 * the number of workers and the block size.
 */
export async function simulate(
  portfolio: PortfolioInput | Compiled,
  options: SimulateOptions,
): Promise<SimulationResult> {
  const compiled =
    'labels' in portfolio && 'portfolio' in portfolio ? portfolio : compilePortfolio(portfolio);
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0)
    throw new RangeError(`workers must be a whole number ≥ 0, not ${workers}`);
  let losses: YearLosses;
  if (options.pool !== undefined) {
    const threads =
      options.workers === undefined ? options.pool.threads : Math.min(workers, options.pool.threads);
    losses = await options.pool.run(compiled.portfolio, { ...options, threads: Math.max(1, threads) });
  } else if (workers === 0) {
    losses = await runInline(compiled.portfolio, options);
  } else {
    const pool = await startSimulationPool({ threads: workers });
    try {
      losses = await pool.run(compiled.portfolio, options);
    } finally {
      await pool.terminate();
    }
  }
  const { labels } = compiled;
  const { perspectives, capacity } = summarise(losses, labels, compiled.portfolio.insurerCapital);
  return {
    portfolio: {
      name: labels.name,
      units: compiled.portfolio.unitCount,
      risks: labels.risks,
      classes: labels.classes,
      insurers: labels.insurers,
      reinsurers: labels.reinsurers,
      pools: labels.pools,
      events: labels.events,
    },
    years: losses.years,
    seed: options.seed,
    workers: losses.threads,
    blockYears: losses.blockYears,
    losses: losses.losses,
    elapsedMs: losses.elapsedMs,
    currency: 'CNY',
    perspectives,
    capacity,
    yearLosses: losses,
  };
}
