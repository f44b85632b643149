import { Worker } from 'node:worker_threads';
import type { MatchPrograms } from '../compile-programs.ts';
import type { EnterpriseFeatures } from '../encode-enterprise.ts';
import {
  createMatchResults,
  type LeadResults,
  type MatchOptions,
  type MatchResults,
  mergeLeads,
} from '../match-results.ts';
import { BLOCK } from '../program-code.ts';
import type { FromWorker, ToWorker } from './messages.ts';

export interface MatchPoolOptions {
  /** Worker threads to start (1–64). */
  threads: number;
}

export interface PoolMatchOptions extends MatchOptions {
  /** Use at most this many of the pool's threads for this run (all of them by default). */
  threads?: number;
  /**
   * Rows per chunk handed to a worker (any positive integer; a multiple of 32 fills every block). By
   * default the rows are cut into about eight chunks per thread, so a slow thread does not hold up the rest.
   */
  chunkRows?: number;
}

/** Worker threads that match enterprises with products: the same results as matchAll, on several cores. */
export interface MatchPool {
  readonly threads: number;
  /**
   * matchAll on the pool's threads: the rows are cut into chunks that the threads take in turn, each
   * writes its rows' product rankings into shared memory and answers with its rows' lead rankings, which
   * are merged in row order — so the results are identical to matchAll's for any thread count and chunk
   * size. Runs queue: one at a time.
   */
  matchAll(
    features: EnterpriseFeatures,
    programs: MatchPrograms,
    options?: PoolMatchOptions,
  ): Promise<MatchResults>;
  /** Lets queued runs finish, then stops the threads. */
  close(): Promise<void>;
  /** Stops the threads now; a run under way fails. */
  terminate(): Promise<void>;
}

const WORKER = new URL('./worker.ts', import.meta.url);
const CHUNKS_PER_THREAD = 8;
const MAX_THREADS = 64;

/**
 * What a worker thread runs first: it registers tsx's loader in the thread, then imports worker.ts — the
 * TypeScript sources run as everywhere else in the repository. (On Node 20 a worker does not take up
 * `--import tsx` from its execArgv, so the loader is registered by hand; the loader is resolved from
 * here, so it does not depend on the working directory.)
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
  fail(error: Error): void;
  done(worker: number, chunk: number, leads: LeadResults): void;
}

/** Starts `threads` worker threads and answers once every one is ready. Close the pool when done. */
export async function startMatchPool(options: MatchPoolOptions): Promise<MatchPool> {
  const { threads } = options;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads must be a whole number from 1 to ${MAX_THREADS}, not ${threads}`);
  }
  const source = bootstrap();
  const workers: Worker[] = [];
  let active: ActiveRun | null = null;
  let stopped = false;
  let broken: Error | null = null;

  const fail = (error: Error): void => {
    broken ??= error;
    active?.fail(error);
  };

  const ready = Array.from({ length: threads }, (_, index) => {
    const worker = new Worker(source, { eval: true });
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          worker.unref();
          resolve();
        } else if (message.type === 'done') {
          if (active !== null && active.run === message.run) active.done(index, message.chunk, message.leads);
        } else {
          const error = new Error(`matching worker ${index}: ${message.message}`);
          if (message.stack !== undefined) error.stack = message.stack;
          reject(error);
          fail(error);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        fail(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`matching worker ${index} stopped (exit code ${code})`);
        reject(error);
        if (!stopped) fail(error);
      });
    });
  });

  const terminateAll = async (): Promise<void> => {
    stopped = true;
    active?.fail(new Error('the match pool was terminated'));
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

  const runOnce = (features: EnterpriseFeatures, programs: MatchPrograms, options: PoolMatchOptions) =>
    new Promise<MatchResults>((resolve, reject) => {
      if (stopped) throw new Error('the match pool is closed');
      if (broken !== null) throw broken;
      const { code } = programs;
      if (features.width !== code.width)
        throw new RangeError('the features and the programs were built with different feature schemas');
      const count = features.count;
      const results = createMatchResults(count, code.productCount, options, true);
      if (count === 0 || code.productCount === 0) {
        resolve(results);
        return;
      }
      const using = options.threads ?? threads;
      if (!Number.isInteger(using) || using < 1 || using > threads)
        throw new RangeError(`threads must be a whole number from 1 to ${threads}, not ${using}`);
      const chunkRows = options.chunkRows ?? defaultChunkRows(count, using);
      if (!Number.isInteger(chunkRows) || chunkRows < 1)
        throw new RangeError(`chunkRows must be a positive whole number, not ${chunkRows}`);
      const rows = sharedRows(features);
      const chunkCount = Math.ceil(count / chunkRows);
      const parts: LeadResults[] = new Array(chunkCount);
      const k = results.leadsPerProduct;
      const run = ++runs;
      let next = 0;
      let finished = 0;
      const give = (worker: number): void => {
        if (next >= chunkCount) return;
        const chunk = next++;
        const from = chunk * chunkRows;
        send(worker, { type: 'chunk', run, chunk, from, to: Math.min(count, from + chunkRows) });
      };
      const stop = () => {
        active = null;
        for (const worker of workers) worker.unref();
      };
      active = {
        run,
        fail(error) {
          stop();
          reject(error);
        },
        done(worker, chunk, leads) {
          parts[chunk] = leads;
          finished++;
          if (finished < chunkCount) {
            give(worker);
            return;
          }
          stop();
          try {
            mergeLeads(parts, k, results);
            resolve(results);
          } catch (error) {
            reject(error);
          }
        },
      };
      const enterprises = {
        productsPerEnterprise: results.productsPerEnterprise,
        topCount: results.topCount,
        topProducts: results.topProducts,
        topScores: results.topScores,
        topStatuses: results.topStatuses,
        productMatches: results.productMatches,
      };
      for (let w = 0; w < using; w++) {
        workers[w]?.ref();
        send(w, { type: 'run', run, code, rows, enterprises, leadsPerProduct: k });
      }
      for (let w = 0; w < using; w++) give(w);
    });

  const send = (worker: number, message: ToWorker): void => {
    workers[worker]?.postMessage(message);
  };

  return {
    threads,
    matchAll(features, programs, options = {}) {
      const result = queue.then(() => runOnce(features, programs, options));
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

/** About CHUNKS_PER_THREAD chunks per thread, whole blocks each. */
function defaultChunkRows(count: number, threads: number): number {
  const rows = Math.ceil(count / (threads * CHUNKS_PER_THREAD));
  return Math.max(BLOCK, Math.ceil(rows / BLOCK) * BLOCK);
}

/** The rows in a SharedArrayBuffer: as they are when encoded with `shared`, else copied once. */
function sharedRows(features: EnterpriseFeatures): Float64Array {
  const length = features.count * features.width;
  if (features.rows.buffer instanceof SharedArrayBuffer) return features.rows.subarray(0, length);
  const rows = new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
  rows.set(features.rows.subarray(0, length));
  return rows;
}
