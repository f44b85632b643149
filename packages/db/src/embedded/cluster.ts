import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '../pool.ts';
import { findBinaries, type PostgresBinaries } from './binaries.ts';
import { isProcessAlive } from './lock.ts';
import { postgresRunAs, type RunAs, runProgram } from './run-as.ts';

export const EMBEDDED_SUPERUSER = 'kebao';
export const EMBEDDED_DATABASE = 'kebao';

export interface EmbeddedCluster {
  /** Connection string of the Kebao database on this cluster. */
  url: string;
  port: number;
  pgData: string;
  /** True when a server left running by a killed Kebao process was taken over instead of started. */
  adopted: boolean;
  version: string;
  /** Stops the server cleanly (fast shutdown: sessions ended, transactions rolled back, checkpoint). */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
}

const paths = (dataDir: string) => ({
  pgData: path.join(dataDir, 'pg'),
  secret: path.join(dataDir, 'pg.secret'),
});

/**
 * Starts (initialising on first use) the PostgreSQL cluster that lives in `<dataDir>/pg`, on a
 * free port of 127.0.0.1 with no Unix socket, password-protected. If a server from an earlier
 * Kebao process is still running on that directory (the process was killed), it is adopted.
 * The caller must hold the data-directory lock.
 */
export async function startEmbeddedCluster(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {});
  const { pgData } = paths(options.dataDir);
  const bin = await findBinaries();
  const runAs = await postgresRunAs();
  await mkdir(options.dataDir, { recursive: true });
  if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgData}`);
    await initialise(bin, runAs, options.dataDir);
  }
  const password = await readFile(paths(options.dataDir).secret, 'utf8').then((s) => s.trim());

  let port = await runningPort(pgData);
  const adopted = port !== null;
  if (port === null) port = await startServer(bin, runAs, pgData, log);
  else log(`adopting the embedded PostgreSQL already running on port ${port}`);

  const database = options.database ?? EMBEDDED_DATABASE;
  const version = await ensureDatabase(port, password, database);
  const url = `postgres://${EMBEDDED_SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url,
    port,
    pgData,
    adopted,
    version,
    async stop() {
      if (stopped) return;
      stopped = true;
      const result = await runProgram(
        bin.pgCtl,
        ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60', '-s'],
        runAs,
      );
      if (result.code !== 0 && (await runningPort(pgData)) !== null) {
        throw new Error(`pg_ctl stop failed: ${result.stderr.trim()}`);
      }
    },
  };
}

/**
 * Connection string of a cluster that another live Kebao process runs on this data directory, so
 * commands such as `kebao backup` can work next to a running server. Null when none is running.
 */
export async function attachEmbeddedCluster(
  dataDir: string,
  database = EMBEDDED_DATABASE,
): Promise<string | null> {
  const { pgData, secret } = paths(dataDir);
  const port = await runningPort(pgData);
  if (port === null || !existsSync(secret)) return null;
  const password = (await readFile(secret, 'utf8')).trim();
  return `postgres://${EMBEDDED_SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function initialise(bin: PostgresBinaries, runAs: RunAs, dataDir: string): Promise<void> {
  const { pgData, secret } = paths(dataDir);
  const password = randomBytes(24).toString('base64url');
  await rm(pgData, { recursive: true, force: true });
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  const pwFile = path.join(tmpdir(), `kebao-pw-${randomBytes(8).toString('hex')}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs.uid !== undefined && runAs.gid !== undefined) {
      await chown(pgData, runAs.uid, runAs.gid);
      await chown(pwFile, runAs.uid, runAs.gid);
      // The server's user must be able to reach its directory through ours.
      await chmod(dataDir, 0o755);
    }
    const args = ['-D', pgData, '-U', EMBEDDED_SUPERUSER, `--pwfile=${pwFile}`, '-A', 'scram-sha-256'];
    const result = await runProgram(
      bin.initdb,
      [...args, '-E', 'UTF8', '--locale=C', '--no-instructions'],
      runAs,
    );
    if (result.code !== 0) {
      throw new Error(
        `initdb failed (exit ${result.code}): ${result.stderr.trim()}\n` +
          'The embedded PostgreSQL runs as an unprivileged user that must be able to enter every parent ' +
          `directory of ${pgData}; choose another KEBAO_DATA_DIR or set DATABASE_URL.`,
      );
    }
  } finally {
    await rm(pwFile, { force: true });
  }
  // Loopback only, no Unix socket: nothing outside this machine reaches the embedded server, and it
  // never collides with a system PostgreSQL's socket.
  await appendFile(
    path.join(pgData, 'postgresql.conf'),
    [
      '',
      '# Kebao embedded cluster',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 200',
      "timezone = 'Asia/Shanghai'",
      "log_timezone = 'Asia/Shanghai'",
      "log_line_prefix = '%m [%p] %q%u@%d '",
      '',
    ].join('\n'),
  );
  await writeFile(secret, `${password}\n`, { mode: 0o600 });
}

async function startServer(bin: PostgresBinaries, runAs: RunAs, pgData: string, log: (m: string) => void) {
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const result = await runProgram(
      bin.pgCtl,
      [
        'start',
        '-D',
        pgData,
        '-w',
        '-t',
        '120',
        '-s',
        '-l',
        path.join(pgData, 'postgres.log'),
        '-o',
        `-p ${port}`,
      ],
      runAs,
    );
    if (result.code === 0) {
      log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
      return port;
    }
    lastError = `${result.stderr.trim()} ${await tail(path.join(pgData, 'postgres.log'))}`;
    // Another program may have taken the port between our probe and the server's bind, or the
    // backends of a killed server are still exiting: wait a little and retry.
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
  throw new Error(`The embedded PostgreSQL did not start: ${lastError}`);
}

/** The port of a live postmaster on this data directory, read from its postmaster.pid. */
async function runningPort(pgData: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(pgData, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  const status = (lines[7] ?? '').trim();
  if (!Number.isFinite(pid) || !Number.isFinite(port) || !isProcessAlive(pid)) return null;
  // A postmaster that is still recovering or shutting down is not one to adopt; nor is a killed
  // one whose pid lingers as an unreaped zombie (containers without an init): it must answer.
  return status === 'ready' && (await answers(port)) ? port : null;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function ensureDatabase(port: number, password: string, database: string): Promise<string> {
  const client = createClient(
    `postgres://${EMBEDDED_SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    'kebao-init',
  );
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    const v = await client.query<{ server_version: string }>('SHOW server_version');
    return v.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
}
