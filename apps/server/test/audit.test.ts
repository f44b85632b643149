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
