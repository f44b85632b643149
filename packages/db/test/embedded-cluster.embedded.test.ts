import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, openDatabase } from '../src/index.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kebao-embedded-'));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the embedded PostgreSQL', () => {
  it('initialises on first open, keeps data across restarts, and never uses port 5432', async () => {
    const first = await openDatabase({ dataDir });
    expect(first.engine).toBe('embedded');
    expect(first.cluster?.port).not.toBe(5432);
    expect(first.url).toMatch(/^postgres:\/\/kebao:[^@]+@127\.0\.0\.1:\d+\/kebao$/);
    await first.pool.query('CREATE TABLE kept (v text)');
    await first.pool.query("INSERT INTO kept VALUES ('still here')");
    await first.close();

    const second = await openDatabase({ dataDir });
    expect((await second.pool.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    // No Unix socket and loopback only.
    const settings = await second.pool.query(
      "SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'unix_socket_directories') ORDER BY name",
    );
    expect(settings.rows).toEqual([
      { name: 'listen_addresses', setting: '127.0.0.1' },
      { name: 'unix_socket_directories', setting: '' },
    ]);
    await second.close();
  });

  it('refuses a second process on the same data directory, naming the holder', async () => {
    const holder = await openDatabase({ dataDir });
    try {
      const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirectoryLockedError);
      expect((error as Error).message).toContain(`pid ${process.pid}`);
      // A shared opener (a CLI command) attaches to the running cluster instead.
      const lock = JSON.parse(await readFile(path.join(dataDir, 'kebao.lock'), 'utf8'));
      expect(lock.pid).toBe(process.pid);
    } finally {
      await holder.close();
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(
      path.join(dataDir, 'kebao.lock'),
      JSON.stringify({ pid: dead.pid, hostname: 'gone', startedAt: new Date(0).toISOString() }),
    );
    const db = await openDatabase({ dataDir });
    expect(JSON.parse(await readFile(path.join(dataDir, 'kebao.lock'), 'utf8')).pid).toBe(process.pid);
    await db.close();
  });

  it('adopts a server left running by a killed process, and recovers one that was killed with it', async () => {
    // Simulate `kill -9` of Kebao: the cluster keeps running, the lock's pid is dead.
    const orphaned = await openDatabase({ dataDir });
    const port = orphaned.cluster?.port;
    await orphaned.pool.query("INSERT INTO kept VALUES ('before the crash')");
    await orphaned.pool.end();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(
      path.join(dataDir, 'kebao.lock'),
      JSON.stringify({ pid: dead.pid, hostname: 'x', startedAt: '' }),
    );

    const adopter = await openDatabase({ dataDir });
    expect(adopter.cluster?.adopted).toBe(true);
    expect(adopter.cluster?.port).toBe(port);
    expect((await adopter.pool.query('SELECT count(*)::int AS n FROM kept')).rows[0].n).toBe(2);
    // Now kill the postmaster itself hard: the next open must run crash recovery and keep the data.
    const pid = Number(
      (await readFile(path.join(adopter.cluster?.pgData as string, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    await adopter.pool.end();
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await writeFile(
      path.join(dataDir, 'kebao.lock'),
      JSON.stringify({ pid: dead.pid, hostname: 'x', startedAt: '' }),
    );
    const recovered = await openDatabase({ dataDir });
    expect(recovered.cluster?.adopted).toBe(false);
    expect((await recovered.pool.query('SELECT count(*)::int AS n FROM kept')).rows[0].n).toBe(2);
    await recovered.close();
  });
});
