import { describe, expect, it } from 'vitest';
import { statusOf } from './api.ts';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { brokerAdmin, enterpriseAdmin } from './demo.ts';

describe('signing in and out', () => {
  const browsing = useBrowser();

  it('refuses a wrong password with the server’s Chinese message and stays on the sign-in page', async () => {
    const page = await browsing.newPage();
    await page.goto('/login');
    await page.getByTestId('login-email').fill(brokerAdmin.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();

    await eventually(() => textOf(page.getByTestId('login-error'))).toContain('邮箱或密码不正确');
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
  });

  it('lands an enterprise admin on the dashboard under their organisation’s name, and a reload keeps them signed in', async () => {
    const page = await browsing.newPage();
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');

    await login(page, enterpriseAdmin.email);
    expect(pathOf(page)).toBe('/');
    await eventually(() => textOf(page.getByTestId('page-title-home'))).toBe('工作台');
    expect(await textOf(page.getByTestId('org-name'))).toBe(enterpriseAdmin.organisation);
    expect(await textOf(page.getByTestId('user-menu'))).toBe('张晓芯');

    await page.reload();
    await page.getByTestId('page-title-home').waitFor();
    expect(pathOf(page)).toBe('/');
    expect(await textOf(page.getByTestId('org-name'))).toBe(enterpriseAdmin.organisation);
  });

  it('signs out to the sign-in page, ends the session on the server, and sends /me to sign-in until the user is back', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect(await statusOf('/api/me', { cookie })).toBe(200);

    await page.getByTestId('logout').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-form').waitFor();
    // The old cookie is worthless now, not merely forgotten by this browser.
    expect(await statusOf('/api/me', { cookie })).toBe(401);

    await page.goto('/me');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/me');

    // Signing in from there returns to the page asked for.
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('page-title-me').waitFor();
    expect(pathOf(page)).toBe('/me');
  });
});
