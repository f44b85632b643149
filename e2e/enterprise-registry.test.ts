import { usccCheckCharacter } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { chooseInDialog } from './animations.ts';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { uniqueSuffix } from './demo.ts';
import { chooseOption } from './products.ts';

const funder = 'funder@demo.kebao.cn';

/** A valid unified social credit code no earlier run has used (Shanghai, fictitious). */
function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91310115MA';
  for (let i = 0; i < 7; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + usccCheckCharacter(body);
}

describe('the enterprise registry (科技企业名录)', () => {
  const browsing = useBrowser();

  it('lets the funder filter the registry, open an enterprise, record a credit event and revoke it', async () => {
    const page = await browsing.newPage();
    await login(page, funder);
    await page.getByTestId('nav-enterprises').click();
    await eventually(() => textOf(page.getByTestId('page-title-enterprises'))).toBe('企业名录');
    const rows = page.getByTestId('registry-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();

    // Credit grade A, in manufacturing (GB/T 4754 section C).
    await chooseOption(page, page.getByTestId('registry-filter-grade'), 'A');
    await page.getByTestId('registry-filter-industry').fill('c');
    await page.getByTestId('registry-search').click();
    await eventually(() => new URL(page.url()).searchParams.get('industry')).toBe('C');
    expect(new URL(page.url()).searchParams.get('grade')).toBe('A');
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((t) => /\tC\d+\t/.test(t) && t.includes('A 级'));
    }).toBe(true);

    const link = rows.first().getByTestId('registry-link');
    const name = await textOf(link);
    await link.click();
    await eventually(() => pathOf(page)).toMatch(/^\/enterprises\/[0-9a-f-]{36}$/);
    await eventually(() => textOf(page.getByTestId('enterprise-name'))).toBe(name);
    expect(
      await page.getByTestId('summary-credit').getByTestId('credit-grade-tag').getAttribute('data-grade'),
    ).toBe('A');
    // Read-only for government users: no edit form here.
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);

    await page.getByTestId('enterprise-record-credit').click();
    const form = page.getByTestId('credit-record-form');
    await form.waitFor();
    await chooseInDialog(page, page.getByTestId('credit-record-kind'), '失信记录');
    await chooseInDialog(page, page.getByTestId('credit-record-severity'), '较重');
    // A month ago: in effect today (a dishonesty record counts for three years).
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('credit-record-occurred-on').fill(monthAgo);
    await page.getByTestId('credit-record-description').fill('列入失信被执行人名单（测试）');
    await page.getByTestId('credit-evidence-title').fill('失信被执行人决定书');
    await page.getByTestId('credit-evidence-reference').fill('（2026）沪0115执123号');
    await page.getByTestId('credit-record-submit').click();

    // The grade falls to D, and the page says why.
    const change = page.getByTestId('credit-change');
    await eventually(() => textOf(change)).toContain('信用等级由 A 变为 D');
    expect(await textOf(page.getByTestId('credit-change-explanation'))).toContain('信用等级为 D');
    expect(await form.count()).toBe(0);
    await eventually(() =>
      page.getByTestId('summary-credit').getByTestId('credit-grade-tag').getAttribute('data-grade'),
    ).toBe('D');
    const record = page.getByTestId('credit-records').locator('tbody tr.ant-table-row').first();
    expect(await textOf(record)).toContain('失信记录');
    expect(await record.getByTestId('credit-record-status').getAttribute('data-status')).toBe('in_effect');

    // Credit repair: revoked from today, the record stays on file and no longer counts.
    await record.getByTestId('credit-revoke').click();
    await page.getByTestId('credit-revoke-form').waitFor();
    await page.getByTestId('credit-revoke-reason').fill('信用修复完成（测试）');
    await page.getByTestId('credit-revoke-submit').click();
    await eventually(() => textOf(change)).toContain('信用等级由 D 变为 A');
    await eventually(() => record.getByTestId('credit-record-status').getAttribute('data-status')).toBe(
      'revoked',
    );
  });

  it('imports a small CSV: the good row is stored, the bad row is listed with its problem', async () => {
    const page = await browsing.newPage();
    await login(page, funder);
    await page.goto('/enterprises');
    await page.getByTestId('registry-import').click();
    await page.getByTestId('import-drawer').waitFor();

    const name = `导入测试科技有限公司${uniqueSuffix()}`;
    const csv = [
      '统一社会信用代码,企业名称,职工总数,行政区划代码',
      `${freshUscc()},${name},50,310115`,
      '91310115MA1K4D3X0Z,坏行科技有限公司,12,310115',
    ].join('\n');
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'e2e-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

    const result = page.getByTestId('import-result');
    await eventually(() => result.getAttribute('data-status')).toBe('finished');
    expect(await textOf(page.getByTestId('import-created'))).toContain('1');
    expect(await textOf(page.getByTestId('import-errorRows'))).toContain('1');
    const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await errors.first().waitFor();
    const errorText = await textOf(errors.first());
    expect(errorText).toContain('3');
    expect(errorText).toContain('统一社会信用代码');
    expect(await page.getByTestId('import-errors-download').getAttribute('href')).toMatch(
      /^\/api\/enterprise-imports\/[0-9a-f-]{36}\/errors\.xlsx$/,
    );
    await eventually(() => textOf(page.getByTestId('import-history'))).toContain('e2e-list.csv');

    // The imported enterprise is in the registry.
    await page.getByTestId('import-close').click();
    await page.getByTestId('registry-filter-q').fill(name);
    await page.getByTestId('registry-search').click();
    await eventually(() => textOf(page.getByTestId('registry-table').locator('tbody'))).toContain(name);
  });
});
