import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { systemActor } from '../src/platform/actor.ts';
import { verifyAudit } from '../src/platform/audit/verify.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.as('insurer@demo.kebao.cn');
  const orgId = (await admin.get('/api/me')).body.organisation.id;
  for (let i = 0; i < 6; i++) {
    await admin.post(`/api/orgs/${orgId}/users`, {
      email: `audit${i}@demo.kebao.cn`,
      displayName: `审计${i}`,
      roles: ['underwriter'],
      password: 'a-long-password-1',
    });
  }
});
afterAll(() => t.close());

async function chainOfInsurer(): Promise<string> {
  const r = await t.db.pool.query(
    "SELECT chain FROM audit_log WHERE action = 'user.create' AND chain <> 'system' LIMIT 1",
  );
  return r.rows[0].chain;
}

describe('the audit log', () => {
  it('records who did what, with before and after, under the request id', async () => {
    const r = await t.db.pool.query(
      "SELECT * FROM audit_log WHERE action = 'user.create' AND chain <> 'system' ORDER BY seq LIMIT 1",
    );
    const row = r.rows[0];
    expect(row.actor_type).toBe('user');
    expect(row.actor_user_id).toBeTruthy();
    expect(row.request_id).toBeTruthy();
    expect(row.before).toBeNull();
    expect(row.after.email).toBe('audit0@demo.kebao.cn');
    expect(JSON.stringify(row.after)).not.toContain('argon2');
  });

  it('writes nothing when the change rolls back', async () => {
    const before = await t.db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    await expect(
      t.server.services.tx(systemActor, 'test', async (ctx) => {
        ctx.audit({ action: 'test.change', entityType: 'test' });
        ctx.emit({ type: 'test.changed', aggregateType: 'test', aggregateId: '1', payload: {} });
        await ctx.db.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    const after = await t.db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const events = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM outbox_event WHERE type = 'test.changed'",
    );
    expect(events.rows[0].n).toBe(0);
  });

  it('verifies an untouched log', async () => {
    const result = await verifyAudit(t.db.pool);
    expect(result.ok).toBe(true);
    expect(result.records).toBeGreaterThan(5);
    expect(result.heads.length).toBe(result.chains);
  });

  it('verifies one snapshot: a record appended during the walk is not a broken head', async () => {
    // A pool whose connection appends a committed system record (on another connection) right after the
    // walk has read the chain heads, as a running server may.
    let appended = false;
    const racingQuery =
      (query: (...args: unknown[]) => Promise<unknown>) =>
      async (...args: unknown[]) => {
        const answer = await query(...args);
        if (!appended && String(args[0]).includes('FROM audit_chain')) {
          appended = true;
          await t.server.services.tx(systemActor, 'test', async (ctx) =>
            ctx.audit({ action: 'test.during_verify', entityType: 'test' }),
          );
        }
        return answer;
      };
    const racing = {
      query: racingQuery(t.db.pool.query.bind(t.db.pool) as (...args: unknown[]) => Promise<unknown>),
      connect: async () => {
        const client = await t.db.pool.connect();
        return Object.assign(Object.create(client), {
          query: racingQuery(client.query.bind(client) as (...args: unknown[]) => Promise<unknown>),
          release: () => client.release(),
        });
      },
    };
    const result = await verifyAudit(racing as never);
    expect(appended).toBe(true);
    expect(result.problems).toEqual([]);
    // The record is there, and the next walk sees it.
    const again = await verifyAudit(t.db.pool);
    expect(again.problems).toEqual([]);
    expect(again.records).toBe(result.records + 1);
  });

  it('stores text that needs quoting as it was given, and chains the records of one transaction', async () => {
    // The records go to the database as quoted literals (with COMMIT in the same message): quotes,
    // backslashes, placeholders and statement separators must arrive as text.
    const hostile = [
      "O'Brien's \\ \\\\' \\x00 $1 $$ ; COMMIT; DROP TABLE audit_log; --",
      'E\'\\\'\' 审计 🧾 "seq":"1" \u2028',
    ];
    const before = await t.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE chain = 'system'");
    await t.server.services.tx(systemActor, "req-'quoted'", async (ctx) => {
      ctx.audit({
        action: 'test.quoted',
        entityType: 'test',
        entityId: hostile[0],
        after: { text: hostile },
      });
      ctx.audit({ action: "test.quoted'2", entityType: 'test', before: { seq: '7', nested: [hostile[1]] } });
      ctx.audit({ action: 'test.quoted3', entityType: "t'", entityId: hostile[1], before: null, after: 1 });
    });
    const rows = await t.db.pool.query(
      "SELECT * FROM audit_log WHERE chain = 'system' ORDER BY seq DESC LIMIT 3",
    );
    const [third, second, first] = rows.rows;
    expect(first.entity_id).toBe(hostile[0]);
    expect(first.after).toEqual({ text: hostile });
    expect(first.request_id).toBe("req-'quoted'");
    expect(second.action).toBe("test.quoted'2");
    expect(second.before).toEqual({ seq: '7', nested: [hostile[1]] });
    expect(second.after).toBeNull();
    expect(third.entity_type).toBe("t'");
    expect(third.entity_id).toBe(hostile[1]);
    expect(third.after).toBe(1);
    // Consecutive numbers, each record hashed on the one before it.
    expect([first.seq, second.seq, third.seq].map(Number)).toEqual(
      [1, 2, 3].map((k) => Number(first.seq) + k - 1),
    );
    expect(second.prev_hash).toEqual(first.hash);
    expect(third.prev_hash).toEqual(second.hash);
    const head = await t.db.pool.query("SELECT last_seq, last_hash FROM audit_chain WHERE chain = 'system'");
    expect(head.rows[0].last_seq).toBe(third.seq);
    expect(head.rows[0].last_hash).toEqual(third.hash);
    const after = await t.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE chain = 'system'");
    expect(after.rows[0].n).toBe(before.rows[0].n + 3);
    const result = await verifyAudit(t.db.pool);
    expect(result.problems).toEqual([]);
  });

  it('refuses a record with a NUL character, and the change with it', async () => {
    // PostgreSQL text and jsonb cannot hold U+0000: the transaction fails as a whole.
    await expect(
      t.server.services.tx(systemActor, 'test', async (ctx) => {
        ctx.audit({ action: 'test.nul', entityType: 'test', entityId: 'a\u0000b', after: { x: 'c\u0000' } });
        ctx.emit({ type: 'test.nul', aggregateType: 'test', aggregateId: 'nul', payload: {} });
      }),
    ).rejects.toThrow(/Unicode escape|0x00/);
    const events = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM outbox_event WHERE type = 'test.nul'",
    );
    expect(events.rows[0].n).toBe(0);
  });

  it('rolls a change back when its chain has lost its head, and keeps refusing until the head is back', async () => {
    // The runner took the system chain's head for existing; without it the records cannot be numbered, so
    // the transaction must not commit (a change without its audit record).
    await t.server.services.tx(systemActor, 'test', async (ctx) =>
      ctx.audit({ action: 'test.before_headless', entityType: 'test' }),
    );
    const saved = await t.db.pool.query("SELECT * FROM audit_chain WHERE chain = 'system'");
    await t.db.pool.query("DELETE FROM audit_chain WHERE chain = 'system'");
    try {
      await expect(
        t.server.services.tx(systemActor, 'test', async (ctx) => {
          ctx.audit({ action: 'test.headless', entityType: 'test' });
          ctx.emit({ type: 'test.headless', aggregateType: 'test', aggregateId: 'h', payload: {} });
        }),
      ).rejects.toThrow(/audit chain system has no head/);
      const events = await t.db.pool.query(
        "SELECT count(*)::int AS n FROM outbox_event WHERE type = 'test.headless'",
      );
      expect(events.rows[0].n).toBe(0);
      const records = await t.db.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.headless'",
      );
      expect(records.rows[0].n).toBe(0);
      // The next transaction makes sure of the head again: it starts one at 0, which the chain's existing
      // records collide with — the chain was cut, and the database refuses to hide it; nothing is kept.
      await expect(
        t.server.services.tx(systemActor, 'test', async (ctx) =>
          ctx.audit({ action: 'test.again', entityType: 'test' }),
        ),
      ).rejects.toThrow(/audit_log_pkey|duplicate key/);
      const head = await t.db.pool.query("SELECT count(*)::int AS n FROM audit_chain WHERE chain = 'system'");
      expect(head.rows[0].n).toBe(0);
    } finally {
      const h = saved.rows[0];
      await t.db.pool.query(
        `INSERT INTO audit_chain (chain, last_seq, last_hash) VALUES ($1, $2, $3)
         ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash`,
        [h.chain, h.last_seq, h.last_hash],
      );
    }
    const result = await verifyAudit(t.db.pool);
    expect(result.problems).toEqual([]);
  });

  it('detects an edited record', async () => {
    const chain = await chainOfInsurer();
    await t.db.pool.query(
      `UPDATE audit_log SET after = jsonb_set(after, '{roles}', '["insurer_admin"]') WHERE chain = $1 AND seq = 2`,
      [chain],
    );
    const result = await verifyAudit(t.db.pool);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ chain, seq: '2', problem: 'edited' }));
  });

  it('detects a deleted record and a cut-off tail', async () => {
    const chain = await chainOfInsurer();
    const last = await t.db.pool.query('SELECT max(seq) AS m FROM audit_log WHERE chain = $1', [chain]);
    await t.db.pool.query('DELETE FROM audit_log WHERE chain = $1 AND seq = 3', [chain]);
    await t.db.pool.query('DELETE FROM audit_log WHERE chain = $1 AND seq = $2', [chain, last.rows[0].m]);
    const result = await verifyAudit(t.db.pool);
    expect(result.problems).toContainEqual(expect.objectContaining({ chain, seq: '4', problem: 'missing' }));
    expect(result.problems).toContainEqual(expect.objectContaining({ chain, problem: 'head_mismatch' }));
  });

  it('keeps chains contiguous when many requests of one organisation write at once', async () => {
    const s = await startTestServer();
    try {
      const admin = await s.as('broker@demo.kebao.cn');
      const orgId = (await admin.get('/api/me')).body.organisation.id;
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          admin.post(`/api/orgs/${orgId}/users`, {
            email: `parallel${i}@demo.kebao.cn`,
            displayName: `并发${i}`,
            roles: ['broker_agent'],
            password: 'a-long-password-1',
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      const result = await verifyAudit(s.db.pool);
      expect(result.problems).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
