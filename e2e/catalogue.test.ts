import { describe, expect, it } from 'vitest';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';
import { chooseOption, shownStatus } from './products.ts';

describe('product catalogue', () => {
  const browsing = useBrowser();

  it('finds 首台(套) equipment cover by search and prices it in the quote calculator: accept, decline, refer, needs information', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-products').click();
    await eventually(() => textOf(page.getByTestId('page-title-products'))).toBe('产品目录');

    await page.getByTestId('products-filter-q').fill('首台');
    await page.getByTestId('products-search').click();
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe('首台');
    // Only the first-of-a-kind equipment cover has 首台 in its name (not the 首版次 software, nor the 首批次 materials).
    const table = page.getByTestId('products-table');
    await eventually(() =>
      table
        .locator('tbody tr[data-row-key]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key'))),
    ).toEqual(['KB-AP-EQUIP@1']);
    const row = table.locator('tr[data-row-key="KB-AP-EQUIP@1"]');
    expect(await textOf(row)).toContain('已备案');
    await row.getByTestId('product-link').click();

    await eventually(() => pathOf(page)).toBe('/products/KB-AP-EQUIP');
    await eventually(() => textOf(page.getByTestId('product-title'))).toBe('首台(套)重大技术装备综合保险');
    expect(await shownStatus(page)).toBe('filed');
    const sections = page.getByTestId('product-section');
    await eventually(() => sections.count()).toBe(2);
    expect(await textOf(sections.nth(0))).toContain('质量风险（修理、更换、退货）');
    expect(await textOf(sections.nth(1))).toContain('责任风险（用户财产损失、人身伤亡）');

    await page.getByRole('tab', { name: '投保与核保规则' }).click();
    const eligibility = page.getByTestId('product-eligibility').getByTestId('product-rule');
    await eventually(() => eligibility.count()).toBe(3);
    expect(await textOf(eligibility.first())).toContain(
      '仅承保列入《首台(套)重大技术装备推广应用指导目录》的装备',
    );
    const decline = page.locator('[data-testid="product-rule"][data-reason="equip.credit_grade_d"]');
    expect(await textOf(decline)).toContain('信用等级为 D 的企业不予承保');

    await page.getByTestId('product-tab-quote').click();
    const form = page.getByTestId('quote-form');
    await form.waitFor();
    await page.getByTestId('quote-request-contractValue').fill('8000000.00');
    await page.getByTestId('quote-request-continuousYear').fill('1');
    await chooseOption(page, page.getByTestId('quote-enterprise-catalogueListings'), 'first_set_equipment');
    await chooseOption(page, page.getByTestId('quote-enterprise-scoreBand'), 'B');
    await chooseOption(page, page.getByTestId('quote-enterprise-creditGrade'), 'A');
    await page.getByTestId('quote-enterprise-trl').fill('8');
    await page.getByTestId('quote-enterprise-claimsLast3Years').fill('0');
    await chooseOption(page, page.getByTestId('quote-enterprise-dishonest'), '否');
    await chooseOption(page, page.getByTestId('quote-option-deductible'), '¥50,000.00');
    expect(await page.getByTestId('quote-option-key_component').getAttribute('aria-checked')).toBe('false');

    const outcome = page.getByTestId('quote-outcome');
    const premium = page.getByTestId('quote-premium');
    await page.getByTestId('quote-submit').click();
    await eventually(() => outcome.getAttribute('data-outcome')).toBe('accept');
    expect(await textOf(premium)).toBe('¥91,200.00');
    const breakdown = page.getByTestId('quote-breakdown');
    const scoreBand = await textOf(breakdown.locator('tbody tr.ant-table-row', { hasText: '科技评价分档' }));
    expect(scoreBand).toContain('评价分档：B');
    expect(scoreBand).toContain('× 1.00');
    const lossHistory = await textOf(
      breakdown.locator('tbody tr.ant-table-row', { hasText: '近三年出险次数' }),
    );
    expect(lossHistory).toContain('近三年出险次数：0');
    expect(lossHistory).toContain('× 0.95');

    // A D credit grade is declined, without a premium.
    await chooseOption(page, page.getByTestId('quote-enterprise-creditGrade'), 'D');
    await page.getByTestId('quote-submit').click();
    await eventually(() => outcome.getAttribute('data-outcome')).toBe('decline');
    expect(await textOf(page.getByTestId('quote-reasons'))).toContain('信用等级为 D 的企业不予承保');
    expect(await premium.count()).toBe(0);
    expect(await breakdown.count()).toBe(0);

    // Without the TRL the underwriting rule on it cannot be decided: an underwriter must look (refer),
    // the TRL is asked for, and the premium is indicative, at the factor's default 1.20.
    await chooseOption(page, page.getByTestId('quote-enterprise-creditGrade'), 'A');
    await page.getByTestId('quote-enterprise-trl').fill('');
    await page.getByTestId('quote-submit').click();
    await eventually(() => outcome.getAttribute('data-outcome')).toBe('refer');
    expect(await textOf(page.getByTestId('quote-missing'))).toBe('请补充：技术成熟度等级 (GB/T 22900)');
    expect(await textOf(premium)).toBe('¥109,440.00');
    const trlItem = form.locator('.ant-form-item', { has: page.getByTestId('quote-enterprise-trl') });
    expect(await textOf(trlItem.locator('.ant-form-item-explain-warning'))).toBe('请补充此项');

    // Without the contract value nothing can be decided or priced: the form asks for it.
    await page.getByTestId('quote-enterprise-trl').fill('8');
    await page.getByTestId('quote-request-contractValue').fill('');
    await page.getByTestId('quote-submit').click();
    await eventually(() => outcome.getAttribute('data-outcome')).toBe('needs_information');
    expect(await textOf(page.getByTestId('quote-missing'))).toBe('请补充：合同金额');
    expect(await premium.count()).toBe(0);
    const contractItem = form.locator('.ant-form-item', {
      has: page.getByTestId('quote-request-contractValue'),
    });
    await eventually(() => textOf(contractItem.locator('.ant-form-item-explain-warning'))).toBe('请补充此项');
    // The TRL's warning was about the previous answer.
    await eventually(() => trlItem.locator('.ant-form-item-explain-warning').count()).toBe(0);
  });

  it('shows the sandbox limits of KB-AP-INDEX, which is on trial in the regulator’s sandbox', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.goto('/products/KB-AP-INDEX');
    const panel = page.getByTestId('sandbox-panel');
    await panel.waitFor();
    const status = page.getByTestId('product-facts').getByTestId('product-status');
    expect(await status.getAttribute('data-status')).toBe('sandbox');
    expect(await textOf(status)).toBe('沙盒测试');
    const panelText = await textOf(panel);
    expect(panelText).toContain('0 / 200 件');
    expect(panelText).toContain('¥0.00 / ¥2,000,000,000.00');
    expect(panelText).toContain('2027-06-30');
    expect(await page.getByTestId('sandbox-exit-pending').count()).toBe(0);
  });
});
