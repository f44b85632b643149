import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { Client } from '../../../test/http.ts';
import { startCli } from './run-cli.ts';

/*
 * A kill -9 in the middle of binds: the server process dies with transactions open, and what the
 * database keeps must be whole — every bound quote has exactly one policy with its lines, its journal
 * entry (balanced) and its placement marked bound; nothing bound is missing any part.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function bindLoop(url: string, stop: { now: boolean }, started: { binds: number }) {
  const c = new Client(url);
  if ((await c.login('enterprise@demo.kebao.cn')).status !== 200) throw new Error('login failed');
  while (!stop.now) {
    try {
      const q = await c.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: { limit: '5000000.00' } });
      if (q.status !== 201) continue;
      await c.post(`/api/quotes/${q.body.id}/accept`, {});
      started.binds++;
      await c.post(
        `/api/quotes/${q.body.id}/bind`,
        {},
        { headers: { 'idempotency-key': `crash-${q.body.id}` } },
      );
    } catch {
      return; // the server is gone
    }
  }
}

describe('bind survives kill -9', () => {
  it('leaves each policy whole or absent', async () => {
    const server = await startCli({
      DATABASE_URL: db.url,
      KEBAO_DEMO_ENTERPRISES: '5',
      KEBAO_DEMO_POLICIES: '0',
      LOG_LEVEL: 'warn',
    });
    const stop = { now: false };
    const started = { binds: 0 };
    const loops = Array.from({ length: 6 }, () => bindLoop(server.url, stop, started));
    // Let binds run, then kill the process without warning while requests are in flight.
    const deadline = Date.now() + 20_000;
    while (started.binds < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.child.kill('SIGKILL');
    await server.exited;
    stop.now = true;
    await Promise.all(loops);

    const q = <T extends object>(sql: string) => db.pool.query<T>(sql).then((r) => r.rows);
    const policies = await q<{ n: string }>('SELECT count(*)::text AS n FROM policy');
    expect(Number(policies[0]?.n)).toBeGreaterThan(0);
    // Bound quotes ⇔ policies.
    expect(
      await q(`SELECT q.id FROM quote q LEFT JOIN policy p ON p.quote_id = q.id
                WHERE (q.status = 'bound') <> (p.id IS NOT NULL)`),
    ).toEqual([]);
    // Every policy: lines summing to its premium and sum insured, shares to 100 % less the retained part.
    expect(
      await q(`SELECT p.id FROM policy p LEFT JOIN policy_line l ON l.policy_id = p.id
                GROUP BY p.id, p.premium, p.sum_insured, p.insured_retention
               HAVING coalesce(sum(l.premium), -1) <> p.premium OR coalesce(sum(l.sum_insured), -1) <> p.sum_insured
                   OR coalesce(sum(l.share), -1) <> 1000000 - p.insured_retention`),
    ).toEqual([]);
    // Every policy has its bind entry; every entry balances.
    expect(
      await q(`SELECT p.id FROM policy p WHERE p.master_policy_id IS NULL AND NOT EXISTS
                (SELECT 1 FROM journal_entry e WHERE e.policy_id = p.id AND e.kind = 'bind')`),
    ).toEqual([]);
    expect(await q('SELECT entry_id FROM journal_line GROUP BY entry_id HAVING sum(amount) <> 0')).toEqual(
      [],
    );
    // Placements: bound exactly when their quote is.
    expect(
      await q(`SELECT pl.id FROM placement pl JOIN quote q ON q.id = pl.quote_id
                WHERE (pl.status = 'bound') <> (q.status = 'bound')`),
    ).toEqual([]);
    // Each bind has its audit record and its event.
    expect(
      await q(`SELECT p.id FROM policy p WHERE p.master_policy_id IS NULL AND NOT EXISTS (SELECT 1 FROM outbox_event o
                WHERE o.type = 'policy.bound' AND o.aggregate_id = p.id::text)`),
    ).toEqual([]);
  });
});
