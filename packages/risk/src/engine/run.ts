import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CompiledPortfolio } from '../model/compile.ts';
import { seedWords } from '../random/draw-stream.ts';
import { createYearEngine } from './year-engine.ts';

/** How to run a simulation of `years` years (0 … years − 1). */
export interface RunOptions {
  years: number;
  /** 0 ≤ seed < 2^53. */
  seed: number;
  /** Years per block handed out; the results do not depend on it. Default: about 64 blocks per thread. */
  blockYears?: number;
  /** Only ground-up losses (benchmarks): the other perspectives stay 0. */
  groundUpOnly?: boolean;
  /** Called after each finished block, on the calling thread. */
  onProgress?: (progress: Progress) => void;
  /** Stops the run: it rejects with the signal's reason, and no further block is started. */
  signal?: AbortSignal;
}

export interface Progress {
  yearsDone: number;
  years: number;
  blocksDone: number;
  blocks: number;
}

/** The per-year losses of a run: row y holds year y's value for each of `perspectiveCount` perspectives. */
export interface YearLosses {
  years: number;
  perspectiveCount: number;
  /** Annual aggregate loss (AEP), years × perspectiveCount. */
  annual: Float64Array;
  /** Largest occurrence loss of the year (OEP), years × perspectiveCount. */
  maxOccurrence: Float64Array;
  /** Ground-up losses drawn (attritional claims plus event hits). */
  losses: number;
  blockYears: number;
  /** Threads that simulated (0: the calling thread). */
  threads: number;
  elapsedMs: number;
}

export const MAX_YEARS = 50_000_000;

/** Checks the options and fills in the block size. */
export function checkRunOptions(
  options: RunOptions,
  threads: number,
): { blockYears: number; seed: { low: number; high: number } } {
  const { years } = options;
  if (!Number.isSafeInteger(years) || years < 1 || years > MAX_YEARS) {
    throw new RangeError(`years must be a whole number from 1 to ${MAX_YEARS}, not ${years}`);
  }
  const seed = seedWords(options.seed);
  const blockYears = options.blockYears ?? defaultBlockYears(years, threads);
  if (!Number.isSafeInteger(blockYears) || blockYears < 1) {
    throw new RangeError(`blockYears must be a positive whole number, not ${blockYears}`);
  }
  return { blockYears, seed };
}

/**
 * About 64 blocks per thread, 1 … 5,000 years each: when the years run out, the threads that finish first
 * wait at most one small block for the last (about 1.5 % of a run on 2 threads).
 */
export function defaultBlockYears(years: number, threads: number): number {
  return Math.min(5000, Math.max(1, Math.ceil(years / (Math.max(1, threads) * 64))));
}

/** Result arrays for a run; in shared memory when worker threads write them. */
export function allocateYearArrays(
  years: number,
  perspectiveCount: number,
  shared: boolean,
): { annual: Float64Array; maxOccurrence: Float64Array } {
  const length = years * perspectiveCount;
  const bytes = length * Float64Array.BYTES_PER_ELEMENT;
  if (!Number.isSafeInteger(bytes) || bytes > 2 ** 32) {
    throw new RangeError(
      `${years} years × ${perspectiveCount} perspectives need ${(2 * bytes) / 2 ** 30} GiB of results; simulate fewer years`,
    );
  }
  return shared
    ? {
        annual: new Float64Array(new SharedArrayBuffer(bytes)),
        maxOccurrence: new Float64Array(new SharedArrayBuffer(bytes)),
      }
    : { annual: new Float64Array(length), maxOccurrence: new Float64Array(length) };
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('the simulation was aborted', 'AbortError');
}

/**
 * The simulation on the calling thread, block after block, yielding to the event loop between blocks so
 * progress callbacks and an abort get their turn. Gives the same per-year losses as any worker pool.
 */
export async function runInline(portfolio: CompiledPortfolio, options: RunOptions): Promise<YearLosses> {
  const started = performance.now();
  const { blockYears, seed } = checkRunOptions(options, 1);
  const { years, signal, onProgress } = options;
  if (signal?.aborted) throw abortReason(signal);
  const P = portfolio.perspectiveCount;
  const { annual, maxOccurrence } = allocateYearArrays(years, P, false);
  const engine = createYearEngine(portfolio, {
    seedLow: seed.low,
    seedHigh: seed.high,
    groundUpOnly: options.groundUpOnly === true,
  });
  const blocks = Math.ceil(years / blockYears);
  for (let block = 0; block < blocks; block++) {
    const from = block * blockYears;
    const to = Math.min(years, from + blockYears);
    engine.simulate(from, to, annual, maxOccurrence, 0);
    onProgress?.({ yearsDone: to, years, blocksDone: block + 1, blocks });
    if (block + 1 < blocks && (signal !== undefined || onProgress !== undefined)) {
      await nextTurn();
      if (signal?.aborted) throw abortReason(signal);
    }
  }
  return {
    years,
    perspectiveCount: P,
    annual,
    maxOccurrence,
    losses: engine.losses,
    blockYears,
    threads: 0,
    elapsedMs: performance.now() - started,
  };
}
