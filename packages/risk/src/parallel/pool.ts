import { Worker } from 'node:worker_threads';
import {
  abortReason,
  allocateYearArrays,
  checkRunOptions,
  type RunOptions,
  type YearLosses,
} from '../engine/run.ts';
import type { CompiledPortfolio } from '../model/compile.ts';
import type { FromWorker, ToWorker } from './messages.ts';

export interface SimulationPoolOptions {
  /** Worker threads to start (1–64). */
  threads: number;
}

export interface PoolRunOptions extends RunOptions {
  /** Use at most this many of the pool's threads for this run (all of them by default). */
  threads?: number;
}

/**
 * Worker threads that simulate blocks of years. A run cuts the years into blocks that the threads take in
 * turn, each with its next block already waiting (a slow thread does not hold the others up); each writes its years' rows into shared result arrays,
 * so nothing is copied back, and — every year being a pure function of its address — the results are
 * identical for any thread count and block size. Runs queue: one at a time.
 */
export interface SimulationPool {
  readonly threads: number;
  run(portfolio: CompiledPortfolio, options: PoolRunOptions): Promise<YearLosses>;
  /** Lets queued runs finish, then stops the threads. */
  close(): Promise<void>;
  /** Stops the threads now; a run under way fails. */
  terminate(): Promise<void>;
}

const WORKER = new URL('./worker.ts', import.meta.url);
const MAX_THREADS = 64;

/**
 * What a worker thread runs first: it registers tsx's loader in the thread, then imports worker.ts, so the
 * TypeScript sources run as everywhere else in the repository — under `node --import tsx` and under
 * Vitest alike. (On Node 20 a worker does not take `--import tsx` from its execArgv, so the loader is
 * registered by hand; it is resolved from here, so the working directory does not matter.) The same
 * bootstrap as the matching pool of @kebao/domain.
 */
function bootstrap(): string {
  const loader = import.meta.resolve('tsx/esm/api');
  return (
    `import(${JSON.stringify(loader)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`
  );
}

interface ActiveRun {
  readonly run: number;
  fail(error: unknown): void;
  done(worker: number, from: number, to: number, losses: number): void;
  error(message: string, stack: string | undefined): void;
}

/** Starts `threads` simulation threads and answers once every one is ready. Close the pool when done. */
export async function startSimulationPool(options: SimulationPoolOptions): Promise<SimulationPool> {
  const { threads } = options;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads must be a whole number from 1 to ${MAX_THREADS}, not ${threads}`);
  }
  const source = bootstrap();
  const workers: Worker[] = [];
  let active: ActiveRun | null = null;
  let stopped = false;
  let broken: Error | null = null;

  const ready = Array.from({ length: threads }, (_, index) => {
    const worker = new Worker(source, { eval: true });
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          worker.unref();
          resolve();
        } else if (message.type === 'done') {
          if (active !== null && active.run === message.run)
            active.done(index, message.from, message.to, message.losses);
        } else if (active !== null && active.run === message.run) {
          active.error(`simulation worker ${index}: ${message.message}`, message.stack);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        broken ??= error;
        active?.fail(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`simulation worker ${index} stopped (exit code ${code})`);
        reject(error);
        if (!stopped) {
          broken ??= error;
          active?.fail(error);
        }
      });
    });
  });

  const terminateAll = async (): Promise<void> => {
    stopped = true;
    active?.fail(new Error('the simulation pool was terminated'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  };

  try {
    await Promise.all(ready);
  } catch (error) {
    await terminateAll();
    throw error;
  }

  let runs = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const send = (worker: number, message: ToWorker): void => {
    workers[worker]?.postMessage(message);
  };

  const runOnce = (portfolio: CompiledPortfolio, options: PoolRunOptions) =>
    new Promise<YearLosses>((resolve, reject) => {
      const started = performance.now();
      if (stopped) throw new Error('the simulation pool is closed');
      if (broken !== null) throw broken;
      const using = options.threads ?? threads;
      if (!Number.isInteger(using) || using < 1 || using > threads) {
        throw new RangeError(`threads must be a whole number from 1 to ${threads}, not ${using}`);
      }
      const { blockYears, seed } = checkRunOptions(options, using);
      const { years, signal, onProgress } = options;
      if (signal?.aborted) throw abortReason(signal);
      const P = portfolio.perspectiveCount;
      const { annual, maxOccurrence } = allocateYearArrays(years, P, true);
      const blocks = Math.ceil(years / blockYears);
      const run = ++runs;
      let next = 0;
      let blocksDone = 0;
      let yearsDone = 0;
      let losses = 0;
      let settled = false;

      const give = (worker: number): void => {
        if (next >= blocks) return;
        const from = next++ * blockYears;
        send(worker, { type: 'block', run, from, to: Math.min(years, from + blockYears) });
      };
      const finish = (): void => {
        settled = true;
        active = null;
        signal?.removeEventListener('abort', onAbort);
        for (const worker of workers) worker.unref();
      };
      const onAbort = (): void => {
        if (settled) return;
        finish();
        reject(abortReason(signal as AbortSignal));
      };
      active = {
        run,
        fail(error) {
          if (settled) return;
          finish();
          reject(error);
        },
        error(message, stack) {
          const error = new Error(message);
          if (stack !== undefined) error.stack = stack;
          this.fail(error);
        },
        done(worker, from, to, blockLosses) {
          if (settled) return;
          blocksDone++;
          yearsDone += to - from;
          losses += blockLosses;
          try {
            onProgress?.({ yearsDone, years, blocksDone, blocks });
          } catch (error) {
            this.fail(error);
            return;
          }
          if (blocksDone < blocks) {
            give(worker);
            return;
          }
          finish();
          resolve({
            years,
            perspectiveCount: P,
            annual,
            maxOccurrence,
            losses,
            blockYears,
            threads: using,
            elapsedMs: performance.now() - started,
          });
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      for (let w = 0; w < using; w++) {
        workers[w]?.ref();
        send(w, {
          type: 'run',
          run,
          portfolio,
          seedLow: seed.low,
          seedHigh: seed.high,
          groundUpOnly: options.groundUpOnly === true,
          annual,
          maxOccurrence,
        });
      }
      // Two blocks each to start: a thread finds its next block waiting when it finishes one, instead of
      // idling while its answer goes to this thread and a new block comes back.
      for (let w = 0; w < using; w++) give(w);
      for (let w = 0; w < using; w++) give(w);
    });

  return {
    threads,
    run(portfolio, options) {
      const result = queue.then(() => runOnce(portfolio, options));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      if (!stopped) await terminateAll();
    },
    terminate: terminateAll,
  };
}
