import { describe, expect, it } from 'vitest';
import { bearer, statusOf } from './api.ts';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, uniqueSuffix } from './demo.ts';

describe('API tokens', () => {
  const browsing = useBrowser();

  it('shows a new token’s secret once, and the token stops working the moment it is revoked', async () => {
    const name = `ERP 对接 ${uniqueSuffix()}`;
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-tokens').click();
    await eventually(() => textOf(page.getByTestId('page-title-tokens'))).toBe('接口令牌');

    await page.getByTestId('token-create').click();
    await page.getByTestId('token-create-name').fill(name);
    await page
      .getByTestId('token-create-scopes')
      .getByRole('checkbox', { name: '查看本机构', exact: true })
      .check();
    expect(await page.getByTestId('token-create-expiry').inputValue()).toBe('90');
    await page.getByTestId('token-create-submit').click();

    const secretField = page.getByTestId('token-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^kb_\S{20,}$/);
    // The enterprise's own system calls the API with it.
    expect(await statusOf('/api/me', bearer(secret))).toBe(200);

    await page.getByTestId('token-secret-close').click();
    await secretField.waitFor({ state: 'detached' });
    const row = page.getByTestId('tokens-table').locator('tbody tr', { hasText: name });
    await eventually(() => textOf(row)).toContain('有效');
    const rowText = await textOf(row);
    expect(rowText).toContain(`${secret.slice(0, 11)}…`);
    expect(rowText).toContain('查看本机构');
    // Shown once: the page no longer holds the secret anywhere.
    expect(await page.content()).not.toContain(secret);

    await row.getByTestId('token-revoke').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /吊\s*销/ })
      .click();
    await eventually(() => textOf(row)).toContain('已吊销');
    expect(await row.getByTestId('token-revoke').count()).toBe(0);
    expect(await statusOf('/api/me', bearer(secret))).toBe(401);
  });
});
