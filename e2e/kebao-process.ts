import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const MAIN = fileURLToPath(new URL('../apps/cli/src/main.ts', import.meta.url));

export interface RunningKebao {
  url: string;
  /** SIGTERM, then waits for the process to end (SIGKILL after `graceMs`); resolves to its exit code. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/**
 * `kebao start` as a real process, as `npm start` runs it, with its own data directory and a free
 * port. An inherited DATABASE_URL is dropped: the journeys always run on the embedded cluster.
 */
export function startKebao(dataDir: string, timeoutMs = 240_000): Promise<RunningKebao> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEBAO_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // A small registry: the demo enterprise and a few fictitious ones are enough for the journeys and start fast.
    KEBAO_DEMO_ENTERPRISES: process.env.KEBAO_DEMO_ENTERPRISES ?? '20',
    KEBAO_DEMO_POLICIES: process.env.KEBAO_DEMO_POLICIES ?? '0',
  };
  delete env.DATABASE_URL;
  delete env.KEBAO_WEB_DIST;

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], { cwd: REPO, env });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kebao start was not ready after ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /Web and API:\s+(http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      // Keep draining the pipes so a chatty server never blocks on a full buffer.
      child.stdout.resume();
      child.stderr.on('data', (e: Buffer) => process.stderr.write(e));
      resolve({ url: match[1] as string, stop: (graceMs) => stop(child, exited, graceMs) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kebao start exited with ${code} before it was ready:\n${out}`));
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
