import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ KEBAO_LOGIN_MAX_FAILURES: '3', KEBAO_LOGIN_MAX_FAILURES_PER_IP: '1000' });
});
afterAll(() => t.close());

describe('signing in', () => {
  it('signs in with the right password and answers /api/me with permissions and a CSRF token', async () => {
    const c = t.client();
    const answer = await c.login('insurer@demo.kebao.cn');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toMatch(
      /kebao_session=[^;]+; Path=\/; Expires=.*; HttpOnly; SameSite=Lax/,
    );
    const me = await c.get('/api/me');
    expect(me.body).toMatchObject({
      email: 'insurer@demo.kebao.cn',
      organisation: { kind: 'insurer' },
      roles: ['insurer_admin'],
    });
    expect(me.body.permissions).toContain('user.manage');
    expect(me.body.permissions).not.toContain('org.read_all');
    expect(me.body.csrfToken).toBe(c.csrf);
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    const wrong = await t.client().login('broker@demo.kebao.cn', 'not-the-password');
    const unknown = await t.client().login('nobody@demo.kebao.cn', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
    expect(unknown.body.code).toBe('auth.invalid_credentials');
  });

  it('locks an account after repeated failures, even for the right password, until the window passes', async () => {
    const email = 'funder@demo.kebao.cn';
    for (let i = 0; i < 3; i++) expect((await t.client().login(email, `wrong-${i}`)).status).toBe(401);
    const locked = await t.client().login(email);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('auth.too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.body.message_zh).toMatch(/请 \d+ 分钟后再试/);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await t.client().login(email)).status).toBe(200);
  });

  it('limits failures per client address across accounts', async () => {
    const s = await startTestServer({
      KEBAO_LOGIN_MAX_FAILURES: '100',
      KEBAO_LOGIN_MAX_FAILURES_PER_IP: '4',
    });
    try {
      for (const who of ['a', 'b', 'c', 'd'])
        expect((await s.client().login(`${who}@x.cn`, 'x')).status).toBe(401);
      expect((await s.client().login('regulator@demo.kebao.cn')).status).toBe(429);
    } finally {
      await s.close();
    }
  });

  it('audits failed sign-ins on the account organisation', async () => {
    await t.client().login('enterprise@demo.kebao.cn', 'bad-password');
    const admin = await t.as('enterprise@demo.kebao.cn');
    const log = await admin.get('/api/audit?action=auth.login_failed');
    expect(log.body.items[0]).toMatchObject({ action: 'auth.login_failed', actor: { type: 'anonymous' } });
    expect(JSON.stringify(log.body)).not.toContain('bad-password');
  });
});

describe('sessions', () => {
  it('requires the CSRF token for unsafe requests made with the cookie', async () => {
    const c = await t.as('insurer@demo.kebao.cn');
    const orgId = (await c.get('/api/me')).body.organisation.id;
    const body = {
      email: 'csrf@demo.kebao.cn',
      displayName: 'CSRF',
      roles: ['underwriter'],
      password: 'long-enough-password',
    };
    const refused = await c.post(`/api/orgs/${orgId}/users`, body, { noCsrf: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.csrf');
    const wrong = await c.post(`/api/orgs/${orgId}/users`, body, {
      noCsrf: true,
      headers: { 'x-csrf-token': 'guess' },
    });
    expect(wrong.body.code).toBe('auth.csrf');
    expect((await c.post(`/api/orgs/${orgId}/users`, body)).status).toBe(201);
  });

  it('stops a session at once when it is signed out', async () => {
    const c = await t.as('broker@demo.kebao.cn');
    const stolen = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const other = t.client();
    other.cookie = stolen;
    const answer = await other.get('/api/me');
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.session_expired');
  });

  it('lets a user list its sessions and revoke another one, which stops working at once', async () => {
    const laptop = await t.as('regulator@demo.kebao.cn');
    const phone = await t.as('regulator@demo.kebao.cn');
    const list = await laptop.get('/api/me/sessions');
    const phoneId = (await phone.get('/api/me')).body.session.id;
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(phoneId);
    expect(list.body.items.find((s: { current: boolean }) => s.current).id).toBe(
      (await laptop.get('/api/me')).body.session.id,
    );
    expect((await laptop.delete(`/api/me/sessions/${phoneId}`)).status).toBe(204);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
  });

  it("cannot revoke someone else's session", async () => {
    const a = await t.as('regulator@demo.kebao.cn');
    const b = await t.as('broker@demo.kebao.cn');
    const bSession = (await b.get('/api/me')).body.session.id;
    expect((await a.delete(`/api/me/sessions/${bSession}`)).status).toBe(404);
    expect((await b.get('/api/me')).status).toBe(200);
  });

  it('expires an idle session and a session past its absolute lifetime', async () => {
    const idle = await t.as('regulator@demo.kebao.cn');
    t.clock.advance(29 * 60 * 1000);
    expect((await idle.get('/api/me')).status).toBe(200); // activity refreshes the idle timer
    t.clock.advance(29 * 60 * 1000);
    expect((await idle.get('/api/me')).status).toBe(200);
    t.clock.advance(31 * 60 * 1000);
    expect((await idle.get('/api/me')).body.code).toBe('auth.session_expired');

    const busy = await t.as('regulator@demo.kebao.cn');
    for (let i = 0; i < 15; i++) {
      // 15 × 50 minutes of steady use: past the 12-hour absolute lifetime.
      t.clock.advance(25 * 60 * 1000);
      await busy.get('/api/me');
      t.clock.advance(25 * 60 * 1000);
      await busy.get('/api/me');
    }
    expect((await busy.get('/api/me')).status).toBe(401);
  });

  it('ends every session and token of a user that is disabled', async () => {
    const admin = await t.as('insurer@demo.kebao.cn');
    const orgId = (await admin.get('/api/me')).body.organisation.id;
    const created = await admin.post(`/api/orgs/${orgId}/users`, {
      email: 'leaver@demo.kebao.cn',
      displayName: '离职员工',
      roles: ['insurer_admin'],
      password: 'leaver-password-1',
    });
    const leaver = t.client();
    await leaver.login('leaver@demo.kebao.cn', 'leaver-password-1');
    const token = (
      await leaver.post('/api/tokens', { name: 'sync', scopes: ['org.read'], expiresInDays: 30 })
    ).body.secret;
    const system = t.client();
    system.bearer = token;
    expect((await system.get(`/api/orgs/${orgId}`)).status).toBe(200);

    expect(
      (await admin.patch(`/api/orgs/${orgId}/users/${created.body.id}`, { status: 'disabled' })).status,
    ).toBe(200);
    expect((await leaver.get('/api/me')).status).toBe(401);
    expect((await system.get(`/api/orgs/${orgId}`)).status).toBe(401);
    expect((await t.client().login('leaver@demo.kebao.cn', 'leaver-password-1')).body.code).toBe(
      'auth.account_disabled',
    );
  });

  it('does not let an administrator disable or demote itself', async () => {
    const admin = await t.as('broker@demo.kebao.cn');
    const me = (await admin.get('/api/me')).body;
    const path = `/api/orgs/${me.organisation.id}/users/${me.id}`;
    expect((await admin.patch(path, { status: 'disabled' })).body.code).toBe('user.cannot_disable_self');
    expect((await admin.patch(path, { roles: ['broker_agent'] })).body.code).toBe(
      'user.cannot_change_own_roles',
    );
  });
});

describe('API tokens', () => {
  it('creates a scoped token whose secret is shown once and stored only as a hash', async () => {
    const admin = await t.as('insurer@demo.kebao.cn');
    const created = await admin.post('/api/tokens', {
      name: '核心系统对接',
      scopes: ['org.read', 'user.read'],
      expiresInDays: 90,
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kb_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).toBe(created.body.secret.slice(0, 11));
    const stored = await t.db.pool.query('SELECT * FROM api_token WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.body.secret.slice(3));
    const listed = await admin.get('/api/tokens');
    expect(listed.body.items.find((x: { id: string }) => x.id === created.body.id)).not.toHaveProperty(
      'secret',
    );
  });

  it('acts within its scopes only, without CSRF, and stops at once when revoked', async () => {
    const admin = await t.as('insurer@demo.kebao.cn');
    const orgId = (await admin.get('/api/me')).body.organisation.id;
    const created = await admin.post('/api/tokens', {
      name: 'readonly',
      scopes: ['org.read'],
      expiresInDays: 1,
    });
    const system = t.client();
    system.bearer = created.body.secret;
    expect((await system.get(`/api/orgs/${orgId}`)).status).toBe(200);
    expect((await system.get(`/api/orgs/${orgId}/users`)).status).toBe(403);
    expect((await system.get('/api/me')).body).toMatchObject({
      csrfToken: null,
      session: null,
      permissions: ['org.read'],
    });

    expect((await admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    const after = await system.get(`/api/orgs/${orgId}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.token_invalid');
  });

  it('expires a token after its lifetime', async () => {
    const admin = await t.as('insurer@demo.kebao.cn');
    const created = await admin.post('/api/tokens', {
      name: 'short',
      scopes: ['org.read'],
      expiresInDays: 1,
    });
    const system = t.client();
    system.bearer = created.body.secret;
    expect((await system.get('/api/me')).status).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect((await system.get('/api/me')).status).toBe(401);
  });

  it('refuses to grant a permission the creator does not hold', async () => {
    const admin = await t.as('insurer@demo.kebao.cn');
    const answer = await admin.post('/api/tokens', {
      name: 'greedy',
      scopes: ['org.read', 'org.manage'],
      expiresInDays: 1,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('token.scope_not_held');
  });

  it('rejects a malformed or unknown bearer token', async () => {
    const c = t.client();
    expect((await c.get('/api/me', { headers: { authorization: 'Bearer kb_nope' } })).body.code).toBe(
      'auth.token_invalid',
    );
    expect((await c.get('/api/me', { headers: { authorization: 'Basic abc' } })).body.code).toBe(
      'auth.token_invalid',
    );
  });
});
