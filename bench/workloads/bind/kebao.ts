/**
 * `kebao start` for the bind workload: the product as it runs, on its own embedded PostgreSQL in a fresh
 * data directory, with a small demo registry; and what the workload needs of that cluster (a connection
 * URL for another database on it, the postmaster's process id, its log).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attachEmbeddedCluster } from '@kebao/db';
import { type KebaoServer, startKebao as startServer } from '../quote/kebao-server.ts';

export type { KebaoServer };

/** Demo enterprises generated at the first start (the server's default is 2,000, which takes a while). */
export const DEMO_ENTERPRISES = 20;

/**
 * Starts `kebao start` on a free port with a small demo registry and a placeholder web page (the API
 * does not need the web app, and a first start would otherwise build it).
 */
export function startKebao(dataDir: string, webDist: string): Promise<KebaoServer> {
  return startServer(dataDir, { KEBAO_DEMO_ENTERPRISES: String(DEMO_ENTERPRISES), KEBAO_WEB_DIST: webDist });
}

/** A `kebao start` in a fresh temporary directory of its own (removed again by `stop`). */
export interface FreshKebao {
  /** The temporary directory: the data directory and the placeholder web page are in it. */
  work: string;
  dataDir: string;
  kebao: KebaoServer;
  /** Seconds the first start took (initdb, migrations, the demo zone). */
  startSeconds: number;
  /** Stops the server and removes the directory. */
  stop(): Promise<void>;
}

/**
 * `startKebao` in a new temporary directory named after `prefix`: its data directory, a placeholder web
 * page, a server started on them. The directory is removed when the start fails and by `stop`.
 */
export async function startFreshKebao(prefix: string): Promise<FreshKebao> {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  // The embedded PostgreSQL runs as the user postgres when started by root: it must reach the directory.
  chmodSync(work, 0o755);
  const dataDir = path.join(work, 'data');
  const webDist = path.join(work, 'web');
  try {
    mkdirSync(webDist);
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>kebao bench</title>\n');
    const started = performance.now();
    const kebao = await startKebao(dataDir, webDist);
    const startSeconds = (performance.now() - started) / 1000;
    return {
      work,
      dataDir,
      kebao,
      startSeconds,
      stop: async () => {
        try {
          await kebao.stop();
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
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
