/**
 * `kebao start` for the bind workload: the product as it runs, on its own embedded PostgreSQL in a fresh
 * data directory, with a small demo registry; and what the workload needs of that cluster (a connection
 * URL for another database on it, the postmaster's process id, its log).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachEmbeddedCluster } from '@kebao/db';
import { processCpuSeconds } from '../../harness/machine.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../apps/cli/src/main.ts', import.meta.url));
const READY = /Web and API:\s+(http:\/\/\S+)/;
const READY_TIMEOUT_MS = 180_000; // a first start runs initdb, the migrations and the demo seed
const STOP_TIMEOUT_MS = 20_000; // kebao gives itself 10 s to shut down
const KEEP_OUTPUT = 200_000;

/** Demo enterprises generated at the first start (the server's default is 2,000, which takes a while). */
export const DEMO_ENTERPRISES = 20;

export interface KebaoServer {
  url: string;
  pid: number;
  /** CPU-seconds of the kebao Node process (not its PostgreSQL); null without /proc. */
  cpuSeconds(): number | null;
  /** What it printed (the last part): the banner, then warnings and errors only. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The child's environment: this one without DATABASE_URL (so the embedded database is used) and without
 * any KEBAO_* setting (so the product runs with its defaults), plus what the benchmark needs.
 */
function childEnv(dataDir: string, webDist: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key !== 'DATABASE_URL' && !key.startsWith('KEBAO_')) env[key] = value;
  }
  return {
    ...env,
    KEBAO_DATA_DIR: dataDir,
    KEBAO_DEMO_ENTERPRISES: String(DEMO_ENTERPRISES),
    // A placeholder page: the API does not need the web app, and a first start would otherwise build it.
    KEBAO_WEB_DIST: webDist,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
}

function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  return Promise.race([exited.then(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** Starts `kebao start` on a free port and resolves once it prints its URL. */
export function startKebao(dataDir: string, webDist: string): Promise<KebaoServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    cwd: REPO,
    env: childEnv(dataDir, webDist),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Keep reading after the banner too: a full pipe would stall the server.
  const onData = (d: Buffer) => {
    out = (out + d.toString()).slice(-KEEP_OUTPUT);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise<KebaoServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kebao start did not print its URL within ${READY_TIMEOUT_MS / 1000} s:\n${out}`));
    }, READY_TIMEOUT_MS);
    const onReady = () => {
      const url = READY.exec(out)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onReady);
      const pid = child.pid as number;
      resolve({
        url,
        pid,
        cpuSeconds: () => processCpuSeconds(pid),
        output: () => out,
        stop: () => stopChild(child, exited),
      });
    };
    child.stdout?.on('data', onReady);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kebao start exited with ${code}:\n${out}`));
    });
  });
}

/** A connection URL for `database` on the cluster the running kebao started in `dataDir`. */
export async function clusterUrl(dataDir: string, database: string): Promise<string> {
  const url = await attachEmbeddedCluster(dataDir, database);
  if (url === null) throw new Error('the embedded PostgreSQL of the running kebao was not found');
  return url;
}

/** The process id of the cluster's postmaster (its backends are its children). */
export function postmasterPid(dataDir: string): number {
  const first = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '';
  const pid = Number.parseInt(first, 10);
  if (!Number.isInteger(pid)) throw new Error('the embedded PostgreSQL has no postmaster.pid');
  return pid;
}

/** The cluster's server log, from `offset` on (bytes), or '' when there is none. */
export function postgresLog(dataDir: string, offset = 0): string {
  try {
    return readFileSync(path.join(dataDir, 'pg', 'postgres.log'))
      .subarray(offset)
      .toString();
  } catch {
    return '';
  }
}
