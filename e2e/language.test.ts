import { describe, expect, it } from 'vitest';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';

describe('the interface language', () => {
  const browsing = useBrowser();

  it('switches the sign-in page to English and keeps English after signing in and reloading', async () => {
    const page = await browsing.newPage();
    await page.goto('/login');
    await eventually(() => textOf(page.getByTestId('page-title-login'))).toBe('科保');
    expect(await page.title()).toBe('科保 · 科技保险服务平台');

    await page.getByTestId('lang-en').click();
    await eventually(() => textOf(page.getByTestId('page-title-login'))).toBe('Kebao');
    expect(await textOf(page.getByTestId('login-submit'))).toBe('Sign in');
    expect(await page.title()).toBe('Kebao · Tech Insurance Platform');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await eventually(() => textOf(page.getByTestId('page-title-login'))).toBe('Kebao');

    await login(page, enterpriseAdmin.email);
    await eventually(() => textOf(page.getByTestId('page-title-home'))).toBe('Dashboard');
    expect(await textOf(page.getByTestId('nav-home'))).toBe('Dashboard');
    expect(await textOf(page.getByTestId('nav-tokens'))).toBe('API tokens');
    expect(await textOf(page.getByTestId('org-name'))).toBe('Lingang Demo Chip Technology Co., Ltd.');

    await page.reload();
    await eventually(() => textOf(page.getByTestId('page-title-home'))).toBe('Dashboard');
  });

  it('switches the signed-in app between Chinese and English from the header, remembering each choice', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-tokens').click();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('接口令牌');
    expect(await textOf(page.getByTestId('nav-org-users'))).toBe('机构用户');

    await page.getByTestId('lang-en').click();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('API tokens');
    expect(await textOf(page.getByTestId('nav-org-users'))).toBe('Users');
    expect(await textOf(page.getByTestId('logout'))).toBe('Sign out');

    await page.reload();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('API tokens');
    expect(await textOf(page.getByTestId('nav-org-users'))).toBe('Users');

    await page.getByTestId('lang-zh-CN').click();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('接口令牌');
    expect(await textOf(page.getByTestId('nav-org-users'))).toBe('机构用户');

    await page.reload();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('接口令牌');
    expect(await textOf(page.getByTestId('org-name'))).toBe(enterpriseAdmin.organisation);
  });
});
