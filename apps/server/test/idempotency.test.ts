import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

let t: TestServer;
let admin: Client;
let orgId: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.as('insurer@demo.kebao.cn');
  orgId = (await admin.get('/api/me')).body.organisation.id;
});
afterAll(() => t.close());

const user = (email: string) => ({
  email,
  displayName: '幂等',
  roles: ['underwriter'],
  password: 'a-long-password-1',
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, creating one object', async () => {
    const first = await admin.post(`/api/orgs/${orgId}/users`, user('idem1@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'create-idem1' },
    });
    const again = await admin.post(`/api/orgs/${orgId}/users`, user('idem1@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'create-idem1' },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const n = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM app_user WHERE email = 'idem1@demo.kebao.cn'",
    );
    expect(n.rows[0].n).toBe(1);
  });

  it('refuses the same key with a different body with 409', async () => {
    await admin.post(`/api/orgs/${orgId}/users`, user('idem2@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'k-409' },
    });
    const other = await admin.post(`/api/orgs/${orgId}/users`, user('idem3@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'k-409' },
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency.key_reused');
  });

  it('runs concurrent retries once: one creates, the others replay', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        admin.post(`/api/orgs/${orgId}/users`, user('idem4@demo.kebao.cn'), {
          headers: { 'idempotency-key': 'k-race' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
  });

  it('lets a retry run afresh after the first attempt failed', async () => {
    const bad = { ...user('idem5@demo.kebao.cn'), roles: ['platform_admin'] };
    expect(
      (await admin.post(`/api/orgs/${orgId}/users`, bad, { headers: { 'idempotency-key': 'k-fail' } }))
        .status,
    ).toBe(422);
    const again = await admin.post(`/api/orgs/${orgId}/users`, bad, {
      headers: { 'idempotency-key': 'k-fail' },
    });
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('scopes keys to the organisation', async () => {
    const platform = await t.as('platform@demo.kebao.cn');
    const a = await admin.post(`/api/orgs/${orgId}/users`, user('idem6@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'shared' },
    });
    const b = await platform.post(`/api/orgs/${orgId}/users`, user('idem7@demo.kebao.cn'), {
      headers: { 'idempotency-key': 'shared' },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});
