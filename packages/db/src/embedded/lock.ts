import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class DataDirectoryLockedError extends Error {
  readonly holder: LockInfo;
  constructor(dataDir: string, holder: LockInfo) {
    super(
      `Kebao is already running on the data directory ${dataDir} (pid ${holder.pid} on ${holder.hostname}, ` +
        `since ${holder.startedAt}). Stop that process first, or choose another directory with KEBAO_DATA_DIR.`,
    );
    this.name = 'DataDirectoryLockedError';
    this.holder = holder;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'kebao.lock');
}

export async function readLock(dataDir: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** The live holder of the data directory, if any (a lock left by a dead process does not count). */
export async function liveLockHolder(dataDir: string): Promise<LockInfo | null> {
  const info = await readLock(dataDir);
  return info && info.pid !== process.pid && isProcessAlive(info.pid) ? info : null;
}

/**
 * Takes the data directory for this process: a lock file holding our pid, created exclusively.
 * A lock whose pid is dead (a crashed or killed Kebao) is taken over; a live one is refused.
 */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const file = lockPath(dataDir);
  await mkdir(dataDir, { recursive: true });
  const mine: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      await handle.writeFile(`${JSON.stringify(mine)}\n`);
      await handle.close();
      return async () => {
        const current = await readLock(dataDir);
        if (current?.pid === process.pid) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readLock(dataDir);
      if (holder && isProcessAlive(holder.pid)) {
        throw new DataDirectoryLockedError(dataDir, holder);
      }
      // Stale: its process is gone. Remove it and try again; a racing taker fails on 'wx'.
      await unlink(file).catch(() => {});
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
