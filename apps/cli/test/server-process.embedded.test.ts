import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@kebao/db';
import { createTxRunner, systemActor } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../../test/http.ts';
import { EventStream } from '../../../test/sse.ts';
import { runCli, startCli } from './run-cli.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kebao-process-'));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('kebao start as a process', () => {
  it('starts on a fresh data directory, answers /ready and serves the login page', async () => {
    const started = Date.now();
    const s = await startCli({ KEBAO_DATA_DIR: dataDir });
    const firstStartMs = Date.now() - started;
    try {
      const c = new Client(s.url);
      expect((await c.get('/ready')).status).toBe(200);
      const page = await c.get('/login', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<div id="root">');
      expect((await c.login('enterprise@demo.kebao.cn')).status).toBe(200);
      expect(s.output()).toContain('enterprise@demo.kebao.cn');
      console.info(`first start ready in ${firstStartMs} ms`);

      // A second server on the same data directory is refused with a clear message.
      const second = await runCli(['start'], { KEBAO_DATA_DIR: dataDir, PORT: '0' });
      expect(second.code).toBe(3);
      expect(second.stderr).toMatch(/already running on the data directory .* \(pid \d+/);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('stops cleanly within 10 s on SIGTERM: database stopped, lock released', async () => {
    const s = await startCli({ KEBAO_DATA_DIR: dataDir });
    const stream = await EventStream.open(await signedIn(s.url)); // an open stream must not hold shutdown up
    const t0 = Date.now();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const took = Date.now() - t0;
    console.info(`SIGTERM to exit: ${took} ms`);
    expect(took).toBeLessThan(10_000);
    expect(s.output()).toContain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'kebao.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    await stream.until((x) => x.ended);
  });

  it('recovers after SIGKILL and delivers the events committed but not yet delivered', async () => {
    const warm = Date.now();
    const s = await startCli({ KEBAO_DATA_DIR: dataDir });
    console.info(`warm start ready in ${Date.now() - warm} ms`);
    s.child.kill('SIGKILL');
    await s.exited;

    // The process is gone mid-flight: commit events nobody has delivered yet.
    const db = await openDatabase({ dataDir });
    const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
    for (let i = 0; i < 3; i++) {
      await tx(systemActor, 'crash-test', async (ctx) =>
        ctx.emit({ type: 'crash.pending', aggregateType: 'crash', aggregateId: 'c1', payload: { i } }),
      );
    }
    const pending = await db.pool.query(
      "SELECT count(*)::int AS n FROM outbox_event WHERE type = 'crash.pending' AND done_at IS NULL",
    );
    expect(pending.rows[0].n).toBe(3);
    await db.close();

    const again = await startCli({ KEBAO_DATA_DIR: dataDir });
    try {
      const regulator = await signedIn(again.url, 'regulator@demo.kebao.cn');
      const stream = await EventStream.open(regulator, '0');
      await stream.until((x) => x.events.filter((f) => f.event === 'crash.pending').length === 3, 10_000);
      expect(stream.events.filter((f) => f.event === 'crash.pending').map((f) => f.data.payload.i)).toEqual([
        0, 1, 2,
      ]);
      stream.close();
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});

async function signedIn(url: string, email = 'insurer@demo.kebao.cn'): Promise<Client> {
  const c = new Client(url);
  const answer = await c.login(email);
  if (answer.status !== 200) throw new Error(answer.text);
  return c;
}
