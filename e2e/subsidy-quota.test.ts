import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled } from './animations.ts';
import { apiLogin, callJson } from './api.ts';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';

/** The government funder operating both central quota programmes (首台套, 首批次). */
const centralEmail = 'central@demo.kebao.cn';
const programmeCode = 'central-first-set-2024';
const programmeName = '首台(套)重大技术装备保险补偿（2024 年起）';
const enterpriseName = '临港示例芯片科技有限公司';
/** The first-set item the demo enterprise's profile lists. */
const item = '12 英寸晶圆缺陷检测设备';
const approvalRef = '工信厅装函〔2026〕101号';

interface QuotaBody {
  id: string;
  item: string;
  status: string;
}

/** One active quota per item: a quota left by an earlier run on the same server is revoked first. */
async function withoutActiveQuota(): Promise<void> {
  const central = await apiLogin(centralEmail);
  const active = await callJson<{ items: QuotaBody[] }>(
    central,
    'GET',
    `/api/subsidy/quotas?programme=${programmeCode}&status=active&limit=100`,
  );
  for (const quota of active.items.filter((q) => q.item === item)) {
    await callJson(central, 'POST', `/api/subsidy/quotas/${quota.id}/revoke`, { reason: '测试前清理' });
  }
}

/** A quota's row in a quotas table (antd keys the rows by the quota's id). */
const quotaRow = (card: Locator, id: string) =>
  card.getByTestId('quotas-table').locator(`tbody tr.ant-table-row[data-row-key="${id}"]`);

describe('approved quotas (核定补偿额度)', () => {
  const browsing = useBrowser();

  it('the central funder approves a first-set quota for the Lingang firm, the firm sees it, the funder revokes it', async () => {
    await withoutActiveQuota();

    // The funder opens the first-of-a-kind equipment programme it operates: the rule, the quotas so far.
    const funder = await browsing.newPage();
    await login(funder, centralEmail);
    await funder.getByTestId('nav-subsidy-programmes').click();
    await eventually(() => textOf(funder.getByTestId('page-title-subsidy-programmes'))).toBe('补贴项目');
    await funder
      .getByTestId('programmes-table')
      .locator(`tr[data-code="${programmeCode}"]`)
      .getByTestId('programme-link')
      .click();
    await eventually(() => pathOf(funder)).toBe(`/subsidy/programmes/${programmeCode}`);
    await eventually(() => textOf(funder.getByTestId('page-title-programme'))).toBe(programmeName);
    const card = funder.getByTestId('quotas-card');
    await eventually(() => textOf(card.getByTestId('quotas-rule'))).toBe(
      '本项目仅按核定额度补偿：额度为产品价值的 3%，自核定之日起 3 年内有效。',
    );

    // 核定额度: the enterprise found in the registry by name, its listed item, the value and the letter.
    await card.getByTestId('quota-approve').click();
    await funder.getByTestId('quota-form-form').waitFor();
    await settled(funder.locator('.ant-modal:visible').first());
    await funder.getByTestId('quota-form-enterprise').click();
    await funder.keyboard.type('临港示例芯片');
    const dropdown = funder.locator('.ant-select-dropdown:visible');
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option', { hasText: enterpriseName }).click();
    await eventually(() => dropdown.count()).toBe(0);
    await funder.getByTestId('quota-form-item').fill(item);
    await funder.getByTestId('quota-form-value').fill('3,000,000.00');
    // The quota it comes to is shown before sending: 3% of ¥3,000,000.00.
    await eventually(() => textOf(funder.getByTestId('quota-form-computed'))).toContain('¥90,000.00');
    await funder.getByTestId('quota-form-ref').fill(approvalRef);
    const approved = funder.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === `/api/subsidy/programmes/${programmeCode}/quotas` &&
        r.request().method() === 'POST',
    );
    await funder.getByTestId('quota-form-submit').click();
    const answer = await approved;
    expect(answer.status()).toBe(201);
    const quota = (await answer.json()) as QuotaBody;
    await eventually(() => funder.getByTestId('quota-form-form').count()).toBe(0);

    const row = quotaRow(card, quota.id);
    await eventually(() => row.count()).toBe(1);
    expect(await textOf(row.getByTestId('quota-enterprise'))).toBe(enterpriseName);
    expect(await textOf(row.getByTestId('quota-uscc'))).toMatch(/^[0-9A-Z]{18}$/);
    expect(await textOf(row.getByTestId('quota-item'))).toBe(item);
    expect(await textOf(row.getByTestId('quota-amount'))).toBe('¥90,000.00');
    expect(await textOf(row.getByTestId('quota-used'))).toBe('¥0.00');
    expect(await textOf(row.getByTestId('quota-left'))).toBe('¥90,000.00');
    expect(await textOf(row.getByTestId('quota-status'))).toBe('有效');

    // The enterprise reads its quota on its subsidy page.
    const enterprise = await browsing.newPage();
    await login(enterprise, enterpriseAdmin.email);
    await enterprise.getByTestId('nav-subsidy-grants').click();
    await eventually(() => textOf(enterprise.getByTestId('page-title-subsidy-grants'))).toBe('我的补贴');
    const mine = enterprise.getByTestId('my-quotas-card');
    await eventually(() => textOf(mine.locator('.ant-card-head-title'))).toBe('我的核定额度');
    const own = quotaRow(mine, quota.id);
    await eventually(() => own.count()).toBe(1);
    expect(await textOf(own.getByTestId('quota-programme'))).toBe(programmeName);
    expect(await textOf(own.getByTestId('quota-amount'))).toBe('¥90,000.00');
    expect(await textOf(own.getByTestId('quota-left'))).toBe('¥90,000.00');
    expect(await textOf(own.getByTestId('quota-status'))).toBe('有效');
    // Read only: nothing to approve or revoke there.
    expect(await enterprise.getByTestId('quota-revoke').count()).toBe(0);

    // The funder revokes it with a reason: 已撤销, and nothing more to revoke on that row.
    await row.getByTestId('quota-revoke').click();
    await funder.getByTestId('quota-revoke-form').waitFor();
    await settled(funder.locator('.ant-modal:visible').first());
    await funder.getByTestId('quota-revoke-reason').fill('企业申请变更产品价值，重新核定（测试）');
    const revoked = funder.waitForResponse(
      (r) => /\/api\/subsidy\/quotas\/[^/]+\/revoke$/.test(r.url()) && r.request().method() === 'POST',
    );
    await funder.getByTestId('quota-revoke-submit').click();
    expect((await revoked).status()).toBe(200);
    await eventually(() => textOf(row.getByTestId('quota-status'))).toBe('已撤销');
    expect(await row.getAttribute('data-status')).toBe('revoked');
    expect(await row.getByTestId('quota-revoke').count()).toBe(0);

    // The enterprise sees it revoked too.
    await enterprise.reload();
    await eventually(() => textOf(own.getByTestId('quota-status'))).toBe('已撤销');
  });
});
