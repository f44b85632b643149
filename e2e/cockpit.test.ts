import { readFile } from 'node:fs/promises';
import { usccCheckCharacter } from '@kebao/domain/org';
import { DEMO_PASSWORD } from '@kebao/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled } from './animations.ts';
import { baseUrl, eventually, login, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin, regulatorSupervisor, uniqueSuffix } from './demo.ts';

type Call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<T>;

/** A demo user calling the API outside the browser, as its own system would (cookie and CSRF token). */
async function apiAs(email: string): Promise<Call> {
  const signIn = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`login as ${email}: HTTP ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

interface AlertBody {
  id: string;
  rule: { code: string };
  subject: string;
  status: string;
  message: { zh: string };
}

/** Today in Asia/Shanghai, as 'YYYY-MM-DD'. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** A valid unified social credit code no earlier run has used (Shanghai, fictitious). */
function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91310115MA';
  for (let i = 0; i < 7; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + usccCheckCharacter(body);
}

/** A cyber policy the demo insurer writes alone (100 %), asked, accepted and bound by the enterprise's system. */
async function boundPolicy(): Promise<{ id: string; number: string }> {
  const enterprise = await apiAs(enterpriseAdmin.email);
  const insurer = await apiAs(insurerAdmin.email);
  const quote = await enterprise<{ id: string; status: string }>('POST', '/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00', startDate: shanghaiToday(), retroactiveDate: '2025-01-01' },
  });
  expect(quote.status).toBe('offered');
  const accepted = await enterprise<{ placementId: string }>('POST', `/api/quotes/${quote.id}/accept`, {});
  const board = await insurer<{ terms: unknown }>('GET', `/api/placements/${accepted.placementId}`);
  await insurer('PUT', `/api/placements/${accepted.placementId}/lines/mine`, {
    written: '100',
    terms: board.terms,
  });
  return enterprise('POST', `/api/quotes/${quote.id}/bind`, {});
}

/** Every alert of the rule that is not resolved yet, resolved: the next bind that fires it opens a new one. */
async function resolveLive(regulator: Call, rule: string): Promise<void> {
  for (const status of ['open', 'acknowledged']) {
    const page = await regulator<{ items: AlertBody[] }>(
      'GET',
      `/api/monitor/alerts?status=${status}&limit=200`,
    );
    for (const alert of page.items.filter((a) => a.rule.code === rule))
      await regulator('POST', `/api/monitor/alerts/${alert.id}/resolve`, {
        comment: '测试前解除（自动化测试）',
      });
  }
}

/** The dialog on top, once its opening motion is over. */
async function dialog(page: Page, form: string) {
  await page.getByTestId(form).waitFor();
  await settled(page.locator('.ant-modal:visible').first());
}

const figure = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).getAttribute('data-value'));

describe('the regulator’s cockpit (监管驾驶舱)', () => {
  const browsing = useBrowser();

  it('shows the zone’s totals and targets, pops up an alert raised by a bind, and lets the regulator acknowledge it', async () => {
    const regulator = await apiAs(regulatorSupervisor.email);
    await resolveLive(regulator, 'insurer-share-high');

    const page = await browsing.newPage();
    await login(page, regulatorSupervisor.email);
    // The cockpit follows the live stream from the moment it opens.
    const streaming = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
    await page.getByTestId('nav-monitor-cockpit').click();
    await eventually(() => textOf(page.getByTestId('page-title-cockpit'))).toBe('监管驾驶舱');
    expect((await streaming).status()).toBe(200);
    await page.getByTestId('cockpit-live').waitFor();

    // The zone's totals: risk protection (the zone's sum insured), premium, policies in force, open alerts.
    await page.getByTestId('cockpit-zone').waitFor();
    expect(await textOf(page.getByTestId('cockpit-risk-protection'))).toMatch(
      /风险保障金额\s*¥[\d,]+\.\d{2}/,
    );
    expect(await textOf(page.getByTestId('cockpit-risk-protection-split'))).toMatch(
      /^平台承保 ¥.* · 登记业务 ¥/,
    );
    const policiesBefore = await figure(page, 'cockpit-policies');

    // The zone targets with their progress.
    const targets = page.getByTestId('cockpit-target');
    await eventually(() => targets.count()).toBe(5);
    expect(await page.getByTestId('cockpit-target-name').allInnerTexts()).toEqual(
      expect.arrayContaining(['投保科技企业数', '风险保障金额', '引入保险资金', '备案科技保险产品']),
    );
    const protection = page.locator('[data-testid="cockpit-target"][data-code="risk_protection"]');
    expect(await textOf(protection.getByTestId('cockpit-target-figures'))).toMatch(
      /^¥[\d,]+\.\d{2} \/ 目标 ¥1,000,000,000,000\.00$/,
    );
    await protection.getByTestId('cockpit-target-progress').waitFor();
    const funds = page.locator('[data-testid="cockpit-target"][data-code="insurance_funds"]');
    expect(await textOf(funds.getByTestId('cockpit-target-figures'))).toBe('尚未报送');
    expect(await page.getByTestId('cockpit-targets-edit').count()).toBe(1);

    // A bind by the demo insurer alone puts more than 40 % of the zone on one insurer: the alert arrives live,
    // the figures refresh without a reload.
    const policy = await boundPolicy();
    const notice = page.getByTestId('cockpit-alert-notification');
    await expect.poll(() => textOf(notice), { timeout: 20_000, interval: 100 }).toContain('新预警（关注）');
    // One notice per alert: the insurer's share of the zone (and the concentration, when it passes 2,500).
    await eventually(() => textOf(notice)).toContain('承担了区内');
    await eventually(() => figure(page, 'cockpit-policies')).toBe(policiesBefore + 1);
    await eventually(() => figure(page, 'cockpit-open-alerts')).toBeGreaterThan(0);
    // The concentration by insurer and the industry × insurer heat map are drawn (SVG).
    expect(await textOf(page.getByTestId('cockpit-hhi'))).toMatch(
      /^HHI [\d.]+ · (未集中|适度集中|高度集中)$/,
    );
    await page.getByTestId('cockpit-insurer-chart').locator('svg').first().waitFor();
    await page.getByTestId('cockpit-heatmap-chart').locator('svg').first().waitFor();
    expect(
      await page.getByTestId('cockpit-region-table').locator('tbody tr.ant-table-row').count(),
    ).toBeGreaterThan(0);

    // The alert is in the alerts centre, open.
    const open = await regulator<{ items: AlertBody[] }>('GET', '/api/monitor/alerts?status=open&limit=200');
    const raised = open.items.find((a) => a.rule.code === 'insurer-share-high');
    expect(raised, `no open alert after binding ${policy.number}`).toBeDefined();
    const alert = raised as AlertBody;
    await page.getByTestId('nav-monitor-alerts').click();
    await eventually(() => textOf(page.getByTestId('page-title-alerts'))).toBe('预警中心');
    const row = page.locator(`[data-testid="alerts-table"] tr[data-alert-id="${alert.id}"]`);
    await eventually(() => textOf(row.getByTestId('alert-status'))).toBe('待处理');
    expect(await textOf(row.getByTestId('alert-severity'))).toBe('关注');
    expect(await textOf(row.getByTestId('alert-rule'))).toBe('单一机构风险占比过高');
    // The subject in words: the insurer's name, not its key.
    expect(await textOf(row.getByTestId('alert-subject'))).toBe('示例科技财产保险股份有限公司');
    expect(await textOf(row.getByTestId('alert-row-message'))).toBe(alert.message.zh);

    // 确认 with a comment: required, then kept in the history.
    await row.getByTestId('alert-open').click();
    await eventually(() => new URL(page.url()).searchParams.get('alert')).toBe(alert.id);
    const drawer = page.getByTestId('alert-detail');
    await eventually(() => drawer.getAttribute('data-status')).toBe('open');
    await page.getByTestId('alert-acknowledge-open').click();
    await dialog(page, 'alert-acknowledge-form');
    await page.getByTestId('alert-acknowledge-submit').click();
    await eventually(() => textOf(page.getByTestId('alert-acknowledge-form'))).toContain('请填写处理意见');
    await page.getByTestId('alert-acknowledge-comment').fill('已约谈该公司，要求安排分保（测试）');
    const acknowledged = page.waitForResponse(
      (r) =>
        r.url().endsWith(`/api/monitor/alerts/${alert.id}/acknowledge`) && r.request().method() === 'POST',
    );
    await page.getByTestId('alert-acknowledge-submit').click();
    expect((await acknowledged).status()).toBe(200);
    await eventually(() => drawer.getAttribute('data-status')).toBe('acknowledged');
    await eventually(() => page.getByTestId('alert-step-action').allInnerTexts()).toEqual(['触发', '确认']);
    expect(await textOf(page.getByTestId('alert-step-comment'))).toBe('已约谈该公司，要求安排分保（测试）');
    expect(await page.getByTestId('alert-acknowledge-open').count()).toBe(0);
    expect(await page.getByTestId('alert-resolve-open').count()).toBe(1);
    await eventually(() => textOf(row.getByTestId('alert-status'))).toBe('已确认');

    // The rules are listed with their conditions; the supervisor may switch them.
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('alert-drawer').waitFor({ state: 'detached' });
    await page.getByTestId('alert-rules-tab').click();
    const rule = page.locator('[data-testid="alert-rules-table"] tr[data-code="insurer-share-high"]');
    await eventually(() => textOf(rule)).toContain('> 40%');
    expect(await rule.getByTestId('alert-rule-switch').getAttribute('aria-checked')).toBe('true');
  });

  it('lets the insurer register a bordereau with one bad row, and counts the good one in the regulator’s statistics', async () => {
    const suffix = uniqueSuffix().toUpperCase();
    const today = shanghaiToday();
    const year = Number(today.slice(0, 4));
    const uscc = freshUscc();
    const header =
      '保单号,产品代码,统计类别,被保险人统一社会信用代码,被保险人名称,行业代码,行政区划代码,起保日期,终保日期,保单状态,承保份额,保险金额,保费,已决赔款,已发生赔款';
    const csv = [
      header,
      `EXT-${suffix}-1,,应用及推广,${uscc},临港测试智能装备有限公司,C39,310115,${today},${year + 1}-12-31,有效,100,20000000.00,180000.00,0,0`,
      `EXT-${suffix}-2,,应用及推广,${uscc.slice(0, -1)}?,某公司,C39,310115,${year}-13-01,${year + 1}-12-31,有效,100,abc,1.00,0,0`,
    ].join('\n');

    const page = await browsing.newPage();
    await login(page, insurerAdmin.email);
    await page.getByTestId('nav-registrations').click();
    await eventually(() => textOf(page.getByTestId('page-title-registrations'))).toBe('保单登记');

    // The template is made in the browser: the Chinese headers, UTF-8 with a BOM.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('registration-template').click();
    const template = await downloading;
    expect(template.suggestedFilename()).toBe('保单登记清单模板.csv');
    expect(await readFile(await template.path(), 'utf8')).toBe(`\uFEFF${header}\r\n`);

    // The bordereau: the good row is registered, the bad one reported by row and field.
    const uploaded = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/registrations/bordereau' && r.request().method() === 'POST',
    );
    await page
      .getByTestId('registration-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: '清单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    expect((await uploaded).status()).toBe(200);
    const result = page.getByTestId('registration-result');
    await result.waitFor();
    expect(await page.getByTestId('registration-rows').getAttribute('data-value')).toBe('2');
    expect(await page.getByTestId('registration-stored').getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('registration-refused').getAttribute('data-value')).toBe('1');
    const errors = page.getByTestId('registration-errors').locator('tbody tr.ant-table-row');
    expect(await errors.getByTestId('registration-error-row').allInnerTexts()).toEqual(['3', '3', '3']);
    expect(await errors.getByTestId('registration-error-field').allInnerTexts()).toEqual([
      '被保险人统一社会信用代码',
      '起保日期',
      '保险金额',
    ]);
    expect(await textOf(errors.getByTestId('registration-error-message'))).toContain('统一社会信用代码无效');
    await eventually(() =>
      textOf(page.getByTestId('registered-table').getByTestId('registered-number')),
    ).toContain(`EXT-${suffix}-1`);
    expect(await textOf(page.getByTestId('registered-table'))).not.toContain(`EXT-${suffix}-2`);

    // The regulator's statistics count it as registered business, this quarter.
    const regulator = await browsing.newPage();
    await login(regulator, regulatorSupervisor.email);
    await regulator.getByTestId('nav-monitor-statistics').click();
    await eventually(() => textOf(regulator.getByTestId('page-title-statistics'))).toBe('统计报表');
    await regulator.getByTestId('statistics-by-source').click();
    const quarter = `${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const registered = regulator.locator(
      `[data-testid="statistics-table"] tr[data-group="registered"][data-period="${quarter}"]`,
    );
    await eventually(() => textOf(registered.getByTestId('statistics-group'))).toBe('登记业务');
    expect(Number(await textOf(registered.getByTestId('statistics-policies')))).toBeGreaterThanOrEqual(1);
    expect(await textOf(registered.getByTestId('statistics-sum-insured'))).toMatch(/^¥[\d,]+\.\d{2}$/);
    await regulator.getByTestId('statistics-trend-chart').locator('svg').first().waitFor();
    expect(await regulator.getByTestId('statistics-download').getAttribute('href')).toBe(
      `/api/monitor/statistics?year=${year}&period=quarter&by=source&format=xlsx`,
    );

    // The regulator narrows the report to the insurer that registered it: its lines keep the row, and the
    // download follows the filter.
    await regulator.getByTestId('statistics-insurer').click();
    await regulator.keyboard.type(insurerAdmin.organisation);
    const dropdown = regulator.locator('.ant-select-dropdown:visible');
    await settled(dropdown);
    const narrowed = regulator.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/monitor/statistics' && url.searchParams.has('insurer');
    });
    await dropdown
      .locator('.ant-select-item-option')
      .getByText(insurerAdmin.organisation, { exact: true })
      .click();
    expect((await narrowed).status()).toBe(200);
    await eventually(() => textOf(regulator.getByTestId('statistics-intro'))).toContain('所选保险机构');
    await eventually(() => textOf(registered.getByTestId('statistics-group'))).toBe('登记业务');
    expect(await regulator.getByTestId('statistics-download').getAttribute('href')).toMatch(
      new RegExp(
        `^/api/monitor/statistics\\?year=${year}&period=quarter&by=source&insurer=[0-9a-f-]{36}&format=xlsx$`,
      ),
    );
  });
});
