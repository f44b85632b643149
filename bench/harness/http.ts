import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

/** A server running in a child process, so the load generator does not share its event loop. */
export interface ServerProcess {
  url: string;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

type ChildMessage = { port: number } | { cpu: NodeJS.CpuUsage };

/**
 * Starts `module` (which exports `listen(): Promise<{ port, close }>`) in a fresh Node process with
 * this process's flags (so `--import tsx` carries over) and waits until it listens on 127.0.0.1.
 */
export function startServer(module: URL): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [module.href], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends ChildMessage>(key: keyof T) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (key in m) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m as T);
        }
      };
      const onExit = (code: number | null) => reject(new Error(`server ${module.pathname} exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  return next<{ port: number }>('port').then(({ port }) => ({
    url: `http://127.0.0.1:${port}`,
    cpuSeconds: async () => {
      const reply = next<{ cpu: NodeJS.CpuUsage }>('cpu');
      child.send('cpu');
      const { cpu } = await reply;
      return (cpu.user + cpu.system) / 1e6;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  }));
}

export interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  pipelining: number;
  seconds: number;
}

/** Drives `url` with autocannon; fails when any request errored, timed out or was not a 2xx. */
export async function load(options: LoadOptions): Promise<Result> {
  const result = await autocannon({
    url: options.url,
    method: options.method,
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    pipelining: options.pipelining,
    duration: options.seconds,
  });
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0) {
    throw new Error(
      `${options.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`,
    );
  }
  return result;
}
