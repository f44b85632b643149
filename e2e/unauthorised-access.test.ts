import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiLogin, getJson, statusOf } from './api.ts';
import { login, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin, uniqueSuffix } from './demo.ts';

/** The parts of API answers these checks read. */
interface Listing {
  total: number;
  items: { id: string; nameZh: string; email: string }[];
  organisation: { id: string };
}

interface PageAnswer {
  status: number;
  body: Listing;
}

/** A call made by the signed-in page itself: its cookie, and its CSRF token on writes. */
function callFromPage(page: Page, method: string, path: string, body?: unknown): Promise<PageAnswer> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers: Record<string, string> = {};
      if (method !== 'GET') {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        headers['x-csrf-token'] = me.csrfToken;
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

describe('unauthorised access', () => {
  const browsing = useBrowser();
  let insurer: ApiSession;

  beforeAll(async () => {
    insurer = await apiLogin(insurerAdmin.email);
  });

  it('does not show an enterprise admin the users or the record of an insurer', async () => {
    const insurerOrgId = insurer.me.organisation.id;
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);

    const users = await callFromPage(page, 'GET', `/api/orgs/${insurerOrgId}/users`);
    expect([403, 404]).toContain(users.status);
    expect(JSON.stringify(users.body)).not.toContain(insurerAdmin.email);

    const org = await callFromPage(page, 'GET', `/api/orgs/${insurerOrgId}`);
    expect([403, 404]).toContain(org.status);
    expect(JSON.stringify(org.body)).not.toContain(insurerAdmin.organisation);
  });

  it('lists only the enterprise’s own organisation to its admin', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    const me = await callFromPage(page, 'GET', '/api/me');

    const orgs = await callFromPage(page, 'GET', '/api/orgs?limit=200');
    expect(orgs.status).toBe(200);
    expect(orgs.body.total).toBe(1);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([me.body.organisation.id]);
    expect(orgs.body.items[0]?.nameZh).toBe(enterpriseAdmin.organisation);
  });

  it('refuses an enterprise admin adding a user to an insurer, even with a valid CSRF token', async () => {
    const email = `intruder-${uniqueSuffix()}@demo.kebao.cn`;
    const insurerOrgId = insurer.me.organisation.id;
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);

    const created = await callFromPage(page, 'POST', `/api/orgs/${insurerOrgId}/users`, {
      email,
      displayName: '冒名核保人',
      roles: ['underwriter'],
      password: 'intruder-password-2026',
    });
    expect([403, 404]).toContain(created.status);

    const insurerUsers = await getJson<Listing>(`/api/orgs/${insurerOrgId}/users?limit=200`, {
      cookie: insurer.cookie,
    });
    expect(insurerUsers.items.map((u: { email: string }) => u.email)).not.toContain(email);
  });

  it('refuses a write without the CSRF token, even from a signed-in enterprise admin', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'no csrf', scopes: ['org.read'], expiresInDays: 1 }),
      });
      return response.status;
    });
    expect(status).toBe(403);
  });

  it('sends an anonymous visitor of a page to sign in and answers their API calls with 401', async () => {
    const page = await browsing.newPage();
    await page.goto('/org/users');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/org/users');
    expect(await statusOf(`/api/orgs/${insurer.me.organisation.id}/users`)).toBe(401);
    expect(await statusOf('/api/orgs')).toBe(401);
  });
});
