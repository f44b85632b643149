import { describe, expect, it } from 'vitest';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin } from './demo.ts';
import { chooseOption } from './products.ts';

describe('the insurer’s leads inbox (线索)', () => {
  const browsing = useBrowser();

  // The demo insurer writes most shipped products (catalog/products/*.yaml), and the demo enterprise
  // consented to be shown: its matches are leads.
  it('lists consenting enterprises matched to the insurer’s products, best first, with why', async () => {
    const page = await browsing.newPage();
    await login(page, insurerAdmin.email);
    await page.getByTestId('nav-leads').click();
    await eventually(() => textOf(page.getByTestId('page-title-leads'))).toBe('线索');
    const rows = page.getByTestId('leads-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();

    const scores = (await page.getByTestId('lead-score').allInnerTexts()).map(Number);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Only the demo enterprise's leads for first-of-a-kind equipment cover.
    await chooseOption(
      page,
      page.getByTestId('leads-product-filter'),
      '首台(套)重大技术装备综合保险（KB-AP-EQUIP）',
    );
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((t) => t.includes('KB-AP-EQUIP'));
    }).toBe(true);
    const row = rows.filter({ hasText: enterpriseAdmin.organisation }).first();
    await row.locator('.ant-table-row-expand-icon').click();
    const reasons = page.getByTestId('match-reasons').first();
    await eventually(() => reasons.getByTestId('match-reason').count()).toBeGreaterThan(0);
    expect(await textOf(reasons)).toContain('首台(套)');

    // The insurer may open a consenting enterprise: profile, evaluations and grade, not its credit records.
    await row.getByTestId('lead-enterprise').click();
    await eventually(() => pathOf(page)).toMatch(/^\/enterprises\/[0-9a-f-]{36}$/);
    await eventually(() => textOf(page.getByTestId('enterprise-name'))).toBe(enterpriseAdmin.organisation);
    await page.getByTestId('enterprise-tab-credit').click();
    await page.getByTestId('credit-records-hidden').waitFor();
    expect(await page.getByTestId('enterprise-record-credit').count()).toBe(0);
  });
});
