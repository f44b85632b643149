import { describe, expect, it } from 'vitest';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { insurerAdmin, uniqueSuffix } from './demo.ts';

describe('organisation users', () => {
  const browsing = useBrowser();

  it('lets an insurer admin add an underwriter who can then sign in', async () => {
    const suffix = uniqueSuffix();
    const underwriter = {
      email: `underwriter-${suffix}@demo.kebao.cn`,
      displayName: `陈核保${suffix}`,
      password: `uw-initial-${suffix}-pass`,
    };

    const admin = await browsing.newPage();
    await login(admin, insurerAdmin.email);
    await admin.getByTestId('nav-org-users').click();
    await eventually(() => textOf(admin.getByTestId('page-title-org-users'))).toBe('机构用户');
    const table = admin.getByTestId('users-table');
    await table.locator('tbody tr', { hasText: insurerAdmin.email }).waitFor();

    await admin.getByTestId('user-create').click();
    const form = admin.getByTestId('user-create-form');
    await form.waitFor();
    // An insurer's users can hold only insurer roles.
    const roles = admin.getByTestId('user-create-roles');
    await eventually(() => roles.locator('label').allInnerTexts()).toEqual([
      '保险公司管理员',
      '核保人',
      '理赔人员',
      '理赔经理',
    ]);

    await admin.getByTestId('user-create-email').fill(underwriter.email);
    await admin.getByTestId('user-create-display-name').fill(underwriter.displayName);
    await roles.getByRole('checkbox', { name: '核保人', exact: true }).check();
    await admin.getByTestId('user-create-password').fill(underwriter.password);
    await admin.getByTestId('user-create-submit').click();

    await form.waitFor({ state: 'detached' });
    const row = table.locator('tbody tr', { hasText: underwriter.email });
    await row.waitFor();
    const rowText = await textOf(row);
    expect(rowText).toContain(underwriter.displayName);
    expect(rowText).toContain('核保人');
    expect(rowText).toContain('从未登录');

    // The underwriter, on a browser of their own.
    const newcomer = await browsing.newPage();
    await login(newcomer, underwriter.email, underwriter.password);
    expect(await textOf(newcomer.getByTestId('user-menu'))).toBe(underwriter.displayName);
    expect(await textOf(newcomer.getByTestId('org-name'))).toBe(insurerAdmin.organisation);
    await eventually(() => textOf(newcomer.getByTestId('home-greeting'))).toContain(underwriter.displayName);
    // An underwriter reads the organisation's users but manages neither users nor tokens.
    expect(await newcomer.getByTestId('nav-tokens').count()).toBe(0);
    await newcomer.getByTestId('nav-org-users').click();
    await newcomer.getByTestId('users-table').locator('tbody tr', { hasText: underwriter.email }).waitFor();
    expect(await newcomer.getByTestId('user-create').count()).toBe(0);
  });
});
