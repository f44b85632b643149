import { createLogger } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { EventStream } from '../../../test/sse.ts';
import { systemActor } from '../src/platform/actor.ts';
import { Dispatcher } from '../src/platform/outbox/dispatcher.ts';
import { publishAllToStream } from '../src/platform/outbox/repo.ts';
import type { OutboxEvent } from '../src/platform/outbox/types.ts';
import { createTxRunner } from '../src/platform/transaction.ts';

const quiet = createLogger({ level: 'silent' });

describe('the outbox dispatcher', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const emitMany = async (aggregate: string, n: number) => {
    const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
    for (let i = 1; i <= n; i++) {
      await tx(systemActor, null, async (ctx) =>
        ctx.emit({ type: 'test.step', aggregateType: 'test', aggregateId: aggregate, payload: { step: i } }),
      );
    }
  };

  it('delivers events committed while no dispatcher ran, in order per aggregate, once each', async () => {
    await emitMany('a', 5);
    await emitMany('b', 3);
    const seen: OutboxEvent[] = [];
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({ name: 'recorder', handle: async (e) => void seen.push(e) });
    expect(await d.drain()).toBe(0);
    await d.stop();
    const steps = (agg: string) =>
      seen.filter((e) => e.aggregateId === agg).map((e) => (e.payload as { step: number }).step);
    expect(steps('a')).toEqual([1, 2, 3, 4, 5]);
    expect(steps('b')).toEqual([1, 2, 3]);
    expect(seen.filter((e) => e.aggregateId === 'a').map((e) => e.aggregateSeq)).toEqual([
      1n,
      2n,
      3n,
      4n,
      5n,
    ]);
  });

  it('retries a failing subscriber, holding back later events of the same aggregate only', async () => {
    await emitMany('c', 3);
    await emitMany('d', 2);
    const order: string[] = [];
    let failures = 0;
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({
      name: 'flaky',
      accepts: (type) => type === 'test.step',
      handle: async (e) => {
        const step = (e.payload as { step: number }).step;
        // Down for the batch of all five and for c1's first delivery on its own.
        if (e.aggregateId === 'c' && step === 1 && failures < 2) {
          failures++;
          throw new Error('downstream is down');
        }
        order.push(`${e.aggregateId}${step}`);
      },
    });
    expect(await d.drain(15_000)).toBe(0);
    await d.stop();
    expect(order.filter((x) => x.startsWith('c'))).toEqual(['c1', 'c2', 'c3']);
    expect(order.filter((x) => x.startsWith('d'))).toEqual(['d1', 'd2']);
    expect(order.indexOf('d1')).toBeLessThan(order.indexOf('c1'));
    expect(failures).toBe(2);
  });

  it('numbers the events of many aggregates appended at once, each after its own last number', async () => {
    await emitMany('h', 2);
    const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
    await tx(systemActor, null, async (ctx) => {
      for (const [aggregateId, step] of [
        ['j', 1],
        ['h', 3],
        ['i', 1],
        ['h', 4],
        ['j', 2],
      ] as const)
        ctx.emit({ type: 'test.many', aggregateType: 'test', aggregateId, payload: { step } });
    });
    const r = await db.pool.query<{ aggregate_id: string; aggregate_seq: string; step: number }>(
      `SELECT aggregate_id, aggregate_seq::text, (payload->>'step')::int AS step FROM outbox_event
        WHERE aggregate_id IN ('h', 'i', 'j') ORDER BY aggregate_id, aggregate_seq`,
    );
    expect(r.rows.map((row) => `${row.aggregate_id}${row.aggregate_seq}:${row.step}`)).toEqual([
      'h1:1',
      'h2:2',
      'h3:3',
      'h4:4',
      'i1:1',
      'j1:1',
      'j2:2',
    ]);
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({ name: 'recorder', handle: async () => {} });
    expect(await d.drain()).toBe(0);
    await d.stop();
  });

  it('gives a batch of events consecutive stream positions in the order of their ids, once', async () => {
    await emitMany('k', 5);
    const ids = (
      await db.pool.query<{ id: string }>(
        "SELECT id::text FROM outbox_event WHERE aggregate_id = 'k' ORDER BY id",
      )
    ).rows.map((r) => BigInt(r.id));
    const shuffled = [ids[3], ids[0], ids[4], ids[2], ids[1]] as bigint[];
    await publishAllToStream(db.pool, shuffled);
    await publishAllToStream(db.pool, shuffled); // already published: unchanged
    const r = await db.pool.query<{ pos: string }>(
      "SELECT stream_pos::text AS pos FROM outbox_event WHERE aggregate_id = 'k' ORDER BY id",
    );
    const positions = r.rows.map((row) => Number(row.pos));
    expect(positions.every((p, i) => i === 0 || p === (positions[i - 1] as number) + 1)).toBe(true);
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({ name: 'recorder', handle: async () => {} });
    expect(await d.drain()).toBe(0);
    await d.stop();
  });

  it('delivers a batch of events to a subscriber in one transaction, with handleBatch when it has one', async () => {
    await emitMany('f', 3);
    await emitMany('g', 2);
    const batches: string[][] = [];
    const singles: string[] = [];
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({
      name: 'batcher',
      accepts: (type) => type === 'test.step',
      handle: async (e) => {
        singles.push(e.aggregateId);
      },
      handleBatch: async (events, tx) => {
        const r = await tx.query<{ xid: string }>('SELECT txid_current()::text AS xid');
        batches.push([
          r.rows[0]?.xid as string,
          ...events.map((e) => `${e.aggregateId}${(e.payload as { step: number }).step}`),
        ]);
      },
    });
    expect(await d.drain(15_000)).toBe(0);
    await d.stop();
    expect(singles).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.slice(1)).toEqual(['f1', 'f2', 'f3', 'g1', 'g2']);
    const recorded = await db.pool.query(
      "SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id IN ('f', 'g') AND done_at IS NOT NULL",
    );
    expect(recorded.rows[0].n).toBe(5);
  });

  it("rolls back a handler's own writes when it fails, and applies them once when it succeeds", async () => {
    await db.pool.query('CREATE TABLE IF NOT EXISTS test_effect (event_id bigint PRIMARY KEY)');
    await emitMany('e', 1);
    let attempts = 0;
    const d = new Dispatcher({ pool: db.pool, log: quiet });
    d.register({
      name: 'writer',
      handle: async (e, tx) => {
        await tx.query('INSERT INTO test_effect (event_id) VALUES ($1)', [e.id]);
        if (e.aggregateId === 'e' && attempts++ === 0) throw new Error('crash after the write');
      },
    });
    expect(await d.drain(15_000)).toBe(0);
    await d.stop();
    // Earlier events were already delivered to every subscriber of their time; only 'e' is new.
    const effects = await db.pool.query('SELECT count(*)::int AS n FROM test_effect');
    expect(attempts).toBe(2);
    expect(effects.rows[0].n).toBe(1);
  });

  it('lets one dispatcher lead while another stands by', async () => {
    const a = new Dispatcher({ pool: db.pool, log: quiet });
    const b = new Dispatcher({ pool: db.pool, log: quiet });
    a.start();
    await new Promise((r) => setTimeout(r, 200));
    b.start();
    await new Promise((r) => setTimeout(r, 200));
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await expect.poll(() => b.drain(3000).then(() => b.isLeader), { timeout: 5000 }).toBe(true);
    await b.stop();
  });
});

describe('GET /api/events', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ KEBAO_SSE_HEARTBEAT_SECONDS: '1' });
  });
  afterAll(() => t.close());

  const addUser = async (who: string, email: string) => {
    const admin = await t.as(who);
    const orgId = (await admin.get('/api/me')).body.organisation.id;
    const answer = await admin.post(`/api/orgs/${orgId}/users`, {
      email,
      displayName: '事件',
      roles: [who.startsWith('insurer') ? 'underwriter' : 'enterprise_member'],
      password: 'a-long-password-1',
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };

  it('streams events live, only to those who may see them', async () => {
    const insurer = await t.as('insurer@demo.kebao.cn');
    const enterprise = await t.as('enterprise@demo.kebao.cn');
    const regulator = await t.as('regulator@demo.kebao.cn');
    const [si, se, sr] = (await Promise.all(
      [insurer, enterprise, regulator].map((c) => EventStream.open(c)),
    )) as [EventStream, EventStream, EventStream];
    expect(si.status).toBe(200);
    const insurerUser = await addUser('insurer@demo.kebao.cn', 'ev-i@demo.kebao.cn');
    const enterpriseUser = await addUser('enterprise@demo.kebao.cn', 'ev-e@demo.kebao.cn');
    const has = (s: EventStream, id: string) => s.events.some((f) => f.data.aggregateId === id);
    await sr.until((s) => has(s, insurerUser) && has(s, enterpriseUser));
    await si.until((s) => has(s, insurerUser));
    await se.until((s) => has(s, enterpriseUser));
    // Give a wrongly routed event time to arrive before concluding it did not.
    await new Promise((r) => setTimeout(r, 300));
    expect(has(si, enterpriseUser)).toBe(false);
    expect(has(se, insurerUser)).toBe(false);
    expect(si.events.find((f) => f.data.aggregateId === insurerUser)).toMatchObject({
      event: 'user.created',
    });
    for (const s of [si, se, sr]) s.close();
  });

  it('sends heartbeats', async () => {
    const s = await EventStream.open(await t.as('insurer@demo.kebao.cn'));
    await s.until((x) => x.frames.some((f) => f.comment === 'ping'), 4000);
    s.close();
  });

  it('replays what was missed after Last-Event-ID, then continues live', async () => {
    const insurer = await t.as('insurer@demo.kebao.cn');
    const first = await EventStream.open(insurer);
    const a = await addUser('insurer@demo.kebao.cn', 'ev-a@demo.kebao.cn');
    await first.until((s) => s.events.some((f) => f.data.aggregateId === a));
    const lastId = first.events.at(-1)?.id as string;
    first.close();
    const b = await addUser('insurer@demo.kebao.cn', 'ev-b@demo.kebao.cn');
    const c = await addUser('insurer@demo.kebao.cn', 'ev-c@demo.kebao.cn');
    await new Promise((r) => setTimeout(r, 300));
    const resumed = await EventStream.open(insurer, lastId);
    await resumed.until((s) => s.events.some((f) => f.data.aggregateId === c));
    const d = await addUser('insurer@demo.kebao.cn', 'ev-d@demo.kebao.cn');
    await resumed.until((s) => s.events.some((f) => f.data.aggregateId === d));
    const created = resumed.events.filter((f) => f.event === 'user.created').map((f) => f.data.aggregateId);
    expect(created).toEqual([b, c, d]);
    const ids = resumed.events.map((f) => BigInt(f.id as string));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : 1)));
    expect(ids.every((id) => id > BigInt(lastId))).toBe(true);
    resumed.close();
  });

  it('closes the stream at once when its session is signed out', async () => {
    const c = await t.as('broker@demo.kebao.cn');
    const s = await EventStream.open(c);
    await c.post('/api/auth/logout');
    await s.until((x) => x.ended && x.frames.some((f) => f.event === 'close'), 3000);
    expect(s.frames.find((f) => f.event === 'close')?.data).toEqual({ reason: 'revoked' });
  });

  it('refuses anonymous listeners', async () => {
    const s = await EventStream.open(t.client());
    expect(s.status).toBe(401);
  });
});
