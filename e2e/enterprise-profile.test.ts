import { describe, expect, it } from 'vitest';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';

describe('my enterprise profile and what it recommends', () => {
  const browsing = useBrowser();

  it('shows the demo enterprise its tech-SME score and band, explained, and saves an edit as a new version', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-enterprise').click();
    await eventually(() => textOf(page.getByTestId('page-title-enterprise'))).toBe('我的企业画像');
    await eventually(() => textOf(page.getByTestId('enterprise-name'))).toBe(enterpriseAdmin.organisation);

    // The headline: the tech-SME score, whether it qualifies, and the tech score's band.
    expect(await textOf(page.getByTestId('summary-tech-sme-score'))).toMatch(/^\d+(\.\d+)? 分$/);
    expect(await textOf(page.getByTestId('summary-tech-sme').getByTestId('qualified-tag'))).toMatch(
      /符合条件|暂不符合/,
    );
    const band = await page
      .getByTestId('summary-points')
      .getByTestId('score-band-tag')
      .getAttribute('data-band');
    expect(band).toMatch(/^[ABCD]$/);
    expect(await textOf(page.getByTestId('profile-section-basic'))).toContain('统一社会信用代码');

    // Indicator by indicator: the value used, its band, the points of the maximum.
    await page.getByTestId('enterprise-tab-evaluations').click();
    const indicators = page.getByTestId('tech-sme-indicators').locator('tbody tr.ant-table-row');
    await eventually(() => indicators.count()).toBe(3);
    expect(await textOf(indicators.first())).toContain('科技人员指标');
    expect(await textOf(indicators.first().getByTestId('indicator-points'))).toMatch(/^\d+ \/ 20$/);
    expect(await textOf(page.getByTestId('high-tech-self-check'))).toContain('不是高新技术企业认定结果');
    expect(await textOf(page.getByTestId('points-groups'))).toContain('技术创新');

    await page.getByTestId('enterprise-tab-history').click();
    const versions = page.getByTestId('profile-history').getByTestId('history-version');
    await versions.first().waitFor();
    const before = Number(await page.getByTestId('enterprise-version').getAttribute('data-version'));
    const versionCount = await versions.count();

    await page.getByTestId('enterprise-edit').click();
    const staff = page.getByTestId('profile-input-staff');
    await staff.waitFor();
    const staffBefore = Number(await staff.inputValue());
    expect(staffBefore).toBeGreaterThan(0);

    // A rule only the server checks comes back under the field it is about.
    await page.getByTestId('profile-input-techStaff').fill(String(staffBefore + 50));
    await page.getByTestId('profile-save').click();
    const techStaffItem = page.locator('.ant-form-item', {
      has: page.getByTestId('profile-input-techStaff'),
    });
    await eventually(() => textOf(techStaffItem.locator('.ant-form-item-explain-error'))).toBe(
      '科技人员数不能超过职工总数',
    );
    expect(await textOf(page.getByTestId('error-alert'))).not.toBe('');

    await page.getByTestId('profile-input-techStaff').fill(String(Math.floor(staffBefore / 2)));
    await staff.fill(String(staffBefore + 1));
    await page.getByTestId('profile-save').click();
    await page.getByTestId('enterprise-edit').waitFor();
    await eventually(() => page.getByTestId('enterprise-version').getAttribute('data-version')).toBe(
      String(before + 1),
    );
    expect(await textOf(page.getByTestId('profile-field-staff'))).toBe(String(staffBefore + 1));

    await page.getByTestId('enterprise-tab-history').click();
    await eventually(() => versions.count()).toBe(versionCount + 1);
    expect(await textOf(versions.first())).toBe(`第 ${before + 1} 版`);
    expect(
      await textOf(page.getByTestId('profile-history').locator('tbody tr.ant-table-row').first()),
    ).toContain('企业填报');

    // The version before stays readable, with the evaluations made of it.
    await page.getByTestId('profile-history').locator(`[data-version="${before}"]`).click();
    await eventually(() => new URL(page.url()).searchParams.get('version')).toBe(String(before));
    await page.getByTestId('enterprise-older-version').waitFor();
    expect(await page.getByTestId('enterprise-version').getAttribute('data-version')).toBe(String(before));
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);
  });

  it('recommends ranked products with their reasons and an indicative premium', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-recommendations').click();
    await eventually(() => textOf(page.getByTestId('page-title-recommendations'))).toBe('为您推荐');
    const cards = page.getByTestId('recommendation');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(1);

    // Best match first.
    const scores = (await page.getByTestId('recommendation-score').allInnerTexts()).map((s) =>
      Number(s.replace(/\D/g, '')),
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const first = cards.first();
    expect(await first.getByTestId('match-status').getAttribute('data-status')).toMatch(
      /^(eligible|possibly_eligible|referred)$/,
    );
    expect(await first.getByTestId('match-reason').count()).toBeGreaterThan(0);
    expect(await textOf(first.getByTestId('match-reasons'))).toMatch(/满足|相符|待投保信息/);
    expect(await textOf(first.getByTestId('match-subsidy'))).toBe('补贴测算待上线');
    // The indicative premium says which reference request it priced.
    expect(await textOf(page.getByTestId('match-premium').first())).toMatch(
      /^参考保费 ¥[\d,]+\.\d{2}（按.+测算）$/,
    );

    const code = await first.getAttribute('data-code');
    await first.getByTestId('recommendation-quote').click();
    await eventually(() => pathOf(page)).toBe(`/products/${code}`);
    await page.getByTestId('quote-form').waitFor();
  });

  it('answers 无权限 when an enterprise user opens the registry', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-enterprise').waitFor();
    expect(await page.getByTestId('nav-enterprises').count()).toBe(0);
    expect(await page.getByTestId('nav-leads').count()).toBe(0);
    await page.goto('/enterprises');
    await eventually(() => textOf(page.getByTestId('forbidden'))).toContain('无权限');
    expect(await page.getByTestId('registry-table').count()).toBe(0);
  });
});
