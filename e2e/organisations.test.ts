import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseInDialog } from './animations.ts';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { platformAdmin, uniqueSuffix } from './demo.ts';

/** The names of every organisation, read through the API with the page's own session. */
function organisationNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/orgs?limit=200');
    const body = (await response.json()) as { items: { nameZh: string }[] };
    return body.items.map((o) => o.nameZh);
  });
}

describe('organisations', () => {
  const browsing = useBrowser();

  it('stops the platform admin at a registered capital of 12.345 yuan, then registers the organisation with 50000000.00', async () => {
    const suffix = uniqueSuffix();
    const nameZh = `临港示例量子科技有限公司${suffix}`;
    const nameEn = `Lingang Demo Quantum Technology Co., Ltd. ${suffix}`;
    const page = await browsing.newPage();
    const creations: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/orgs') creations.push(r.url());
    });

    await login(page, platformAdmin.email);
    await page.getByTestId('nav-orgs').click();
    // Newest first: the list has loaded when its first row is there.
    await page.getByTestId('orgs-table').locator('tbody tr.ant-table-row').first().waitFor();

    await page.getByTestId('org-create').click();
    const form = page.getByTestId('org-create-form');
    await form.waitFor();
    await chooseInDialog(page, page.getByTestId('org-create-kind'), '科技型企业');
    await page.getByTestId('org-create-name-zh').fill(nameZh);
    await page.getByTestId('org-create-name-en').fill(nameEn);
    await page.getByTestId('org-create-capital').fill('12.345');
    await page.getByTestId('org-create-submit').click();

    // Amounts are yuan with at most two decimals (fen); the message sits under the capital field.
    const capitalItem = form.locator('.ant-form-item', { has: page.getByTestId('org-create-capital') });
    await eventually(() => textOf(capitalItem.locator('.ant-form-item-explain-error'))).toBe(
      '请输入金额（元），最多两位小数',
    );
    expect(await form.isVisible()).toBe(true);
    expect(creations).toEqual([]);
    expect(await organisationNames(page)).not.toContain(nameZh);

    await page.getByTestId('org-create-capital').fill('50000000.00');
    await eventually(() => capitalItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.getByTestId('org-create-submit').click();

    await form.waitFor({ state: 'detached' });
    expect(creations).toHaveLength(1);
    const row = page.getByTestId('orgs-table').locator('tbody tr', { hasText: nameZh });
    await row.waitFor();
    const rowText = await textOf(row);
    expect(rowText).toContain(nameEn);
    expect(rowText).toContain('科技型企业');
    expect(rowText).toContain('¥50,000,000.00');
    expect(rowText).toContain('正常');
    expect((await organisationNames(page)).filter((n) => n === nameZh)).toHaveLength(1);
  });

  it('shows the server’s money message under the capital field when the amount is too large to register', async () => {
    const nameZh = `临港示例超大资本有限公司${uniqueSuffix()}`;
    const page = await browsing.newPage();
    await login(page, platformAdmin.email);
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('org-create').click();
    const form = page.getByTestId('org-create-form');
    await chooseInDialog(page, page.getByTestId('org-create-kind'), '科技型企业');
    await page.getByTestId('org-create-name-zh').fill(nameZh);
    await page.getByTestId('org-create-name-en').fill('Lingang Demo Oversized Capital Co., Ltd.');
    // Two decimals, so the form lets it through; seventeen integer digits, so the server does not.
    await page.getByTestId('org-create-capital').fill('12345678901234567.00');
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orgs',
    );
    await page.getByTestId('org-create-submit').click();
    expect((await answer).status()).toBe(400);

    const capitalItem = form.locator('.ant-form-item', { has: page.getByTestId('org-create-capital') });
    await eventually(() => textOf(capitalItem.locator('.ant-form-item-explain-error'))).toBe(
      '金额格式不正确：应为以元为单位、最多两位小数的字符串，如 "1234.56"',
    );
    expect(await form.isVisible()).toBe(true);
    expect(await organisationNames(page)).not.toContain(nameZh);
  });
});
