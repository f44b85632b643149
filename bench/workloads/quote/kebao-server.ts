import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { processCpuSeconds } from '../../harness/machine.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../apps/cli/src/main.ts', import.meta.url));
const READY = /Web and API:\s+(http:\/\/\S+)/;
const READY_TIMEOUT_MS = 180_000; // a first start runs initdb and the migrations
const STOP_TIMEOUT_MS = 20_000; // kebao gives itself 10 s to shut down
const KEEP_OUTPUT = 200_000;

/** A `kebao start` process: the product as it runs, with its own embedded PostgreSQL. */
export interface KebaoServer {
  url: string;
  pid: number;
  /** CPU-seconds of the kebao Node process (not its PostgreSQL); null without /proc. */
  cpuSeconds(): number | null;
  /** What it printed (the last part), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The environment of the child: this one without DATABASE_URL (so the embedded database is used) and
 * without any KEBAO_* setting (so the product runs with its defaults: shipped catalogue, body limit, …),
 * plus what the benchmark needs and the workload's own `settings`.
 */
function childEnv(dataDir: string, settings: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key !== 'DATABASE_URL' && !key.startsWith('KEBAO_')) env[key] = value;
  }
  return {
    ...env,
    KEBAO_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // The preview is limited per client address by default (120 a minute); the load comes from one.
    KEBAO_QUOTE_PREVIEW_PER_MINUTE: '0',
    // No simulated year of demo business: every run starts from the same small zone.
    KEBAO_DEMO_POLICIES: '0',
    ...settings,
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

/**
 * Starts `kebao start` (node --import tsx apps/cli/src/main.ts start) on a free port and resolves once
 * it prints its URL. `dataDir` holds its embedded PostgreSQL; a second start on the same one is quick.
 * `settings` are KEBAO_* variables a workload needs (every other KEBAO_* of this process is dropped).
 */
export function startKebao(
  dataDir: string,
  settings: Readonly<Record<string, string>> = {},
): Promise<KebaoServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    cwd: REPO,
    env: childEnv(dataDir, settings),
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
