import { describe, expect, it } from 'vitest';
import { apiLogin } from './api.ts';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { demoLogins, enterpriseAdmin, insurerAdmin, platformAdmin, regulatorSupervisor } from './demo.ts';

describe('role-aware navigation', () => {
  const browsing = useBrowser();

  it('hides 机构 from an enterprise admin and answers 无权限 when they open /orgs directly', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-tokens').waitFor();
    expect(await page.getByTestId('nav-orgs').count()).toBe(0);
    expect(await page.getByTestId('nav-org-users').count()).toBe(1);

    await page.goto('/orgs');
    await eventually(() => textOf(page.getByTestId('forbidden'))).toContain('无权限');
    expect(await page.getByTestId('orgs-table').count()).toBe(0);
  });

  it('shows 机构 to the platform admin, listing every demo organisation', async () => {
    const page = await browsing.newPage();
    await login(page, platformAdmin.email);
    expect(await textOf(page.getByTestId('nav-orgs'))).toBe('机构');

    await page.getByTestId('nav-orgs').click();
    await eventually(() => textOf(page.getByTestId('page-title-orgs'))).toBe('机构');
    const table = page.getByTestId('orgs-table');
    for (const demo of demoLogins) {
      await table.locator('tbody tr', { hasText: demo.organisation }).first().waitFor();
    }
    expect(await page.getByTestId('org-create').count()).toBe(1);
  });

  it('shows a regulator the audit log with the sign-ins of other organisations', async () => {
    // The insurer signs in first, so there is a record of another organisation to find.
    await apiLogin(insurerAdmin.email);

    const page = await browsing.newPage();
    await login(page, regulatorSupervisor.email);
    expect(await textOf(page.getByTestId('nav-audit'))).toBe('审计日志');
    expect(await page.getByTestId('nav-orgs').count()).toBe(1);

    await page.getByTestId('nav-audit').click();
    await eventually(() => textOf(page.getByTestId('page-title-audit'))).toBe('审计日志');
    const insurerSignIn = page
      .getByTestId('audit-table')
      .locator('tbody tr', { hasText: insurerAdmin.organisation })
      .filter({ hasText: 'session.create' });
    await insurerSignIn.first().waitFor();
    expect(await textOf(insurerSignIn.first())).toContain('李承保');
  });
});
