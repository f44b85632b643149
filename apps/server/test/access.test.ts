import { Permission } from '@kebao/domain/org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { buildApp } from '../src/app.ts';

let t: TestServer;
let insurer: Client;
let enterprise: Client;
let platform: Client;
let insurerOrg: string;
let enterpriseOrg: string;
let insurerAdmin: string;

beforeAll(async () => {
  t = await startTestServer();
  [insurer, enterprise, platform] = await Promise.all([
    t.as('insurer@demo.kebao.cn'),
    t.as('enterprise@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
  const me = (await insurer.get('/api/me')).body;
  insurerOrg = me.organisation.id;
  insurerAdmin = me.id;
  enterpriseOrg = (await enterprise.get('/api/me')).body.organisation.id;
});
afterAll(() => t.close());

describe('every route declares its permission', () => {
  it('refuses to start an app with a route that declares none', async () => {
    const services = t.server.services;
    await expect(
      buildApp(services, {
        extend: (app) => {
          app.get('/api/forgotten', async () => ({ secret: true }));
        },
      }).then((app) => app.ready()),
    ).rejects.toThrow(/without a declared access.*GET \/api\/forgotten/);
  });

  it('starts the real app, whose every route declares one', async () => {
    const app = await buildApp(t.server.services);
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  it('answers 401 to anonymous callers and 403 to callers without the permission', async () => {
    const anonymous = t.client();
    expect((await anonymous.get('/api/orgs')).status).toBe(401);
    expect((await anonymous.get('/api/audit')).status).toBe(401);
    const answer = await enterprise.post('/api/orgs', { kind: 'enterprise', nameZh: '冒名', nameEn: 'Fake' });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('auth.forbidden');
  });
});

describe('organisation scoping', () => {
  it("lets an insurer see only its own organisation, and not a competitor's", async () => {
    const list = await insurer.get('/api/orgs');
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([insurerOrg]);
    expect(list.body.total).toBe(1);
    const other = await insurer.get(`/api/orgs/${enterpriseOrg}`);
    expect(other.status).toBe(404);
  });

  it('lets the regulator and the platform see every organisation', async () => {
    const regulator = await t.as('regulator@demo.kebao.cn');
    expect((await regulator.get('/api/orgs')).body.total).toBeGreaterThanOrEqual(6);
    expect((await platform.get(`/api/orgs/${enterpriseOrg}`)).status).toBe(200);
  });

  it("does not let an enterprise read or change another organisation's users", async () => {
    expect((await enterprise.get(`/api/orgs/${insurerOrg}/users`)).status).toBe(404);
    const create = await enterprise.post(`/api/orgs/${insurerOrg}/users`, {
      email: 'mole@demo.kebao.cn',
      displayName: '内鬼',
      roles: ['insurer_admin'],
      password: 'a-long-password-1',
    });
    expect(create.status).toBe(404);
    const change = await enterprise.patch(`/api/orgs/${insurerOrg}/users/${insurerAdmin}`, {
      status: 'disabled',
    });
    expect(change.status).toBe(404);
    expect((await insurer.get('/api/me')).status).toBe(200);
  });

  it("does not let an insurer revoke another organisation's API token", async () => {
    const token = (
      await enterprise.post('/api/tokens', { name: 'erp', scopes: ['org.read'], expiresInDays: 30 })
    ).body;
    expect((await insurer.delete(`/api/tokens/${token.id}`)).status).toBe(404);
    expect((await insurer.get('/api/tokens')).body.items.map((x: { id: string }) => x.id)).not.toContain(
      token.id,
    );
    const system = t.client();
    system.bearer = token.secret;
    expect((await system.get('/api/me')).status).toBe(200);
  });

  it('gives roles only of the organisation kind', async () => {
    const answer = await insurer.post(`/api/orgs/${insurerOrg}/users`, {
      email: 'wrongrole@demo.kebao.cn',
      displayName: '错角色',
      roles: ['platform_admin'],
      password: 'a-long-password-1',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('user.role_not_allowed');
  });

  it('lets the platform operator manage users of any organisation', async () => {
    const answer = await platform.post(`/api/orgs/${enterpriseOrg}/users`, {
      email: 'helpdesk-made@demo.kebao.cn',
      displayName: '客服代建',
      roles: ['enterprise_member'],
      password: 'a-long-password-1',
    });
    expect(answer.status).toBe(201);
    const seen = await enterprise.get(`/api/orgs/${enterpriseOrg}/users`);
    expect(seen.body.items.map((u: { email: string }) => u.email)).toContain('helpdesk-made@demo.kebao.cn');
  });

  it('shows each organisation the audit records that concern it, and the regulator all of them', async () => {
    const mine = await enterprise.get('/api/audit?limit=200');
    for (const r of mine.body.items) {
      const concerns = r.actor.orgId === enterpriseOrg || JSON.stringify(r).includes(enterpriseOrg);
      expect(concerns).toBe(true);
    }
    // The platform created a user in the enterprise: the enterprise sees that record.
    expect(mine.body.items.map((r: { action: string }) => r.action)).toContain('user.create');
    const theirs = await insurer.get('/api/audit?limit=200');
    expect(theirs.body.items.some((r: { actor: { orgId: string } }) => r.actor.orgId === enterpriseOrg)).toBe(
      false,
    );
    const regulator = await t.as('regulator@demo.kebao.cn');
    expect((await regulator.get('/api/audit?limit=200')).body.items.length).toBeGreaterThan(
      mine.body.items.length,
    );
  });

  it('has a permission vocabulary where every *_all permission has its scoped partner', () => {
    for (const p of Object.values(Permission)) {
      // Published products are public; product.read_all adds drafts and filings of every insurer.
      // enterprise.read_all's scoped partner is enterprise.self (an enterprise reads its own profile).
      const exceptions: string[] = [
        Permission.UserManageAll,
        Permission.ProductReadAll,
        Permission.EnterpriseReadAll,
      ];
      if (p.endsWith('_all') && !exceptions.includes(p)) {
        expect(Object.values(Permission)).toContain(p.replace(/_all$/, ''));
      }
    }
  });
});
