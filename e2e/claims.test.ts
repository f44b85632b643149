import { DEMO_PASSWORD } from '@kebao/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseInDialog, settled } from './animations.ts';
import { baseUrl, eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';

const claimsEmail = 'claims@demo.kebao.cn';
const insurer2Email = 'insurer2@demo.kebao.cn';
const insurer2Name = '示例共保财产保险股份有限公司';

interface QuoteBody {
  id: string;
  number: string;
  status: string;
  placementId: string | null;
}

interface PolicyBody {
  id: string;
  number: string;
}

type Call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<T>;

/** A demo user calling the API outside the browser, as its own system would (cookie and CSRF token). */
async function apiAs(email: string): Promise<Call> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login as ${email}: HTTP ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
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

/** Today and the day before in Asia/Shanghai, as 'YYYY-MM-DD'. */
function shanghaiDays(): { today: string; yesterday: string } {
  const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const now = new Date();
  return { today: day(now), yesterday: day(new Date(now.getTime() - 86_400_000)) };
}

/**
 * A cyber policy starting today, co-insured: the demo insurer leads with 60 %, the co-insurer follows with
 * 40 % (主代从收 by default); the enterprise asks, accepts and binds from its own system.
 */
async function coInsuredPolicy(): Promise<PolicyBody> {
  const enterprise = await apiAs(enterpriseAdmin.email);
  const lead = await apiAs('insurer@demo.kebao.cn');
  const follower = await apiAs(insurer2Email);
  const { today } = shanghaiDays();
  const offered = await enterprise<QuoteBody>('POST', '/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00', startDate: today, retroactiveDate: '2025-01-01' },
  });
  expect(offered.status).toBe('offered');
  const accepted = await enterprise<QuoteBody>('POST', `/api/quotes/${offered.id}/accept`, {});
  const placementId = accepted.placementId as string;
  const followerOrg = (await follower<{ organisation: { id: string } }>('GET', '/api/me')).organisation.id;
  await lead('POST', `/api/placements/${placementId}/invitations`, { orgIds: [followerOrg] });
  for (const [insurer, written] of [
    [lead, '60'],
    [follower, '40'],
  ] as const) {
    const board = await insurer<{ terms: unknown }>('GET', `/api/placements/${placementId}`);
    await insurer('PUT', `/api/placements/${placementId}/lines/mine`, { written, terms: board.terms });
  }
  return enterprise<PolicyBody>('POST', `/api/quotes/${offered.id}/bind`, {});
}

/** The dialog on top, once its opening motion is over. */
async function dialog(page: Page, form: string) {
  await page.getByTestId(form).waitFor();
  await settled(page.locator('.ant-modal:visible').first());
}

/** Submits a desk dialog and waits for the server's answer to `POST /api/claims/:id/<step>`. */
async function submitStep(page: Page, step: string) {
  const answered = page.waitForResponse(
    (r) =>
      new RegExp(`/api/claims/[^/]+/${step}$`).test(new URL(r.url()).pathname) &&
      r.request().method() === 'POST',
  );
  await page.getByTestId(`claim-${step}-submit`).click();
  return answered;
}

const claimStatus = (page: Page) => page.getByTestId('claim-page').getAttribute('data-status');

describe('claims (理赔)', () => {
  const browsing = useBrowser();

  it('lets the enterprise notify a loss and send its notice; the lead’s claims handler registers, approves within authority and pays it', async () => {
    const policy = await coInsuredPolicy();

    // The enterprise notifies the loss from its policy's page (报案).
    const enterprise = await browsing.newPage();
    await login(enterprise, enterpriseAdmin.email);
    await enterprise.goto(`/policies/${policy.id}`);
    await eventually(() => textOf(enterprise.getByTestId('page-title-policy'))).toBe(`保单 ${policy.number}`);
    await enterprise.getByTestId('policy-claims').waitFor();
    await enterprise.getByTestId('policy-claim-file').click();
    await dialog(enterprise, 'claim-file-form');
    await chooseInDialog(enterprise, enterprise.getByTestId('claim-file-section'), '直接损失');
    await enterprise
      .getByTestId('claim-file-description')
      .fill('勒索软件攻击导致生产服务器损毁，数据中心停机（测试）');
    await enterprise.getByTestId('claim-file-claimed').fill('300000');
    const filed = enterprise.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/claims' && r.request().method() === 'POST',
    );
    await enterprise.getByTestId('claim-file-submit').click();
    expect((await filed).status()).toBe(201);

    // The claim's page: notified, what the enterprise waits for and by when, and the documents missing.
    await eventually(() => pathOf(enterprise)).toMatch(/^\/claims\/[0-9a-f-]{36}$/);
    const claimPath = pathOf(enterprise);
    await eventually(() => claimStatus(enterprise)).toBe('notified');
    const number = /CLM-\d{4}-\d{6}/.exec(
      await textOf(enterprise.getByTestId('page-title-claim')),
    )?.[0] as string;
    expect(number).toBeDefined();
    expect(await textOf(enterprise.getByTestId('claim-tracking').getByTestId('claim-status'))).toBe('已报案');
    expect(await textOf(enterprise.getByTestId('claim-waiting-for'))).toContain(
      '保险公司核定是否属于保险责任',
    );
    expect(await textOf(enterprise.getByTestId('claim-due'))).toMatch(/^办理时限：\d{4}-\d{2}-\d{2} 前/);
    expect(await textOf(enterprise.getByTestId('claim-section'))).toBe('直接损失');
    await enterprise.getByTestId('claim-missing-loss_notice').waitFor();
    expect(await enterprise.getByTestId('claim-withdraw-open').count()).toBe(1);
    expect(await enterprise.getByTestId('claim-register-open').count()).toBe(0);

    // It uploads the notice of loss as a PDF: off the checklist, among the documents, downloadable.
    const pdf = Buffer.from('%PDF-1.4\n% 出险通知书（测试）\n%%EOF\n', 'utf8');
    const uploaded = enterprise.waitForResponse(
      (r) => /\/api\/claims\/[^/]+\/documents\/loss_notice$/.test(r.url()) && r.request().method() === 'PUT',
    );
    await enterprise
      .getByTestId('claim-upload-loss_notice')
      .locator('input[type=file]')
      .setInputFiles({ name: '出险通知书.pdf', mimeType: 'application/pdf', buffer: pdf });
    expect((await uploaded).status()).toBe(200);
    await eventually(() => enterprise.getByTestId('claim-missing-loss_notice').count()).toBe(0);
    const document = enterprise.getByTestId('claim-documents').locator('tbody tr.ant-table-row');
    await eventually(() => textOf(document.getByTestId('claim-document-link'))).toBe('出险通知书.pdf');
    expect(await textOf(document.getByTestId('claim-document-kind'))).toBe('出险通知书');
    const href = (await document.getByTestId('claim-document-link').getAttribute('href')) as string;
    expect(href).toMatch(/^\/api\/claims\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}$/);
    const downloaded = await enterprise.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(downloaded.startsWith('%PDF-1.4')).toBe(true);
    await eventually(() =>
      enterprise.getByTestId('claim-timeline').getByTestId('claim-step-action').allInnerTexts(),
    ).toEqual(['报案', '上传材料']);

    // The lead's claims handler finds it under 理赔 and works the desk.
    const handler = await browsing.newPage();
    await login(handler, claimsEmail);
    await handler.getByTestId('nav-claims').click();
    await eventually(() => textOf(handler.getByTestId('page-title-claims'))).toBe('理赔');
    await handler.getByTestId('claims-summary').waitFor();
    const row = handler.getByTestId('claims-table').locator('tbody tr.ant-table-row', { hasText: number });
    await eventually(() => textOf(row.getByTestId('claim-status'))).toBe('已报案');
    await row.getByTestId('claim-link').click();
    await eventually(() => claimStatus(handler)).toBe('notified');
    expect(await textOf(handler.getByTestId('claim-shares').locator('tbody'))).toContain(insurer2Name);
    const payable = (await textOf(handler.getByTestId('claim-payable'))).trim();
    expect(payable).toMatch(/^¥[\d,]+\.\d{2}$/);

    // 立案 with the first case reserve (the payable as checked, offered by the form).
    await handler.getByTestId('claim-register-open').click();
    await dialog(handler, 'claim-register-form');
    expect((await submitStep(handler, 'register')).status()).toBe(200);
    await eventually(() => claimStatus(handler)).toBe('assessing');

    // 核赔 above a handler's authority: refused, the server's reason shown in the dialog.
    await handler.getByTestId('claim-approve-open').click();
    await dialog(handler, 'claim-approve-form');
    await handler.getByTestId('claim-approve-amount').fill('600000');
    expect((await submitStep(handler, 'approve')).status()).toBe(403);
    await eventually(() => textOf(handler.getByTestId('error-alert'))).toContain('超出您的核赔权限');
    // Within it: approved.
    await handler.getByTestId('claim-approve-amount').fill(payable.replace(/[¥,]/g, ''));
    expect((await submitStep(handler, 'approve')).status()).toBe(200);
    await eventually(() => claimStatus(handler)).toBe('approved');
    expect(await textOf(handler.getByTestId('claim-agreed'))).toBe(payable);

    // 支付: once, with a retry-safe key; split by the signed lines.
    await handler.getByTestId('claim-pay-open').click();
    await dialog(handler, 'claim-pay-form');
    expect(await textOf(handler.getByTestId('claim-pay-amount'))).toContain(payable);
    const paid = await submitStep(handler, 'pay');
    expect(paid.status()).toBe(200);
    expect(paid.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    await eventually(() => claimStatus(handler)).toBe('paid');
    expect(await textOf(handler.getByTestId('claim-detail-paid'))).toBe(payable);
    const shares = await handler.getByTestId('claim-share-paid').allInnerTexts();
    expect(shares).toHaveLength(2);
    const fen = (shown: string) => BigInt(shown.replace(/[¥,.]/g, ''));
    expect(shares.reduce((sum, s) => sum + fen(s), 0n)).toBe(fen(payable));

    // The enterprise reads it as paid, on the claim and in its list.
    await enterprise.goto(claimPath);
    await eventually(() => textOf(enterprise.getByTestId('claim-tracking').getByTestId('claim-status'))).toBe(
      '已赔付',
    );
    expect(await textOf(enterprise.getByTestId('claim-detail-paid'))).toBe(payable);
    expect(await textOf(enterprise.getByTestId('claim-waiting-for'))).toContain('结案');
    expect(await enterprise.getByTestId('claim-dispute-open').count()).toBe(1);
    await enterprise.getByTestId('nav-claims').click();
    const listed = enterprise
      .getByTestId('claims-table')
      .locator('tbody tr.ant-table-row', { hasText: number });
    await eventually(() => textOf(listed.getByTestId('claim-status'))).toBe('已赔付');
    expect(await textOf(listed.getByTestId('claim-paid'))).toBe(payable);
  });

  it('declines at once a loss before the policy started, citing the clause', async () => {
    const policy = await coInsuredPolicy();
    const { yesterday } = shanghaiDays();

    // 报案 from the list this time: the policy is chosen in the form.
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-claims').click();
    await eventually(() => textOf(page.getByTestId('page-title-claims'))).toBe('理赔');
    await page.getByTestId('claim-file-open').click();
    await dialog(page, 'claim-file-form');
    await page.getByTestId('claim-file-policy').click();
    await page.keyboard.type(policy.number);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option', { hasText: policy.number }).click();
    await eventually(() => dropdown.count()).toBe(0);
    await chooseInDialog(page, page.getByTestId('claim-file-section'), '直接损失');
    await page.getByTestId('claim-file-loss-date').fill(yesterday);
    await page.getByTestId('claim-file-description').fill('保单生效前一日服务器遭入侵（测试）');
    await page.getByTestId('claim-file-claimed').fill('80000');
    const filed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/claims' && r.request().method() === 'POST',
    );
    await page.getByTestId('claim-file-submit').click();
    expect((await filed).status()).toBe(201);

    await eventually(() => claimStatus(page)).toBe('declined');
    expect(await textOf(page.getByTestId('claim-tracking').getByTestId('claim-status'))).toBe('已拒赔');
    expect(await textOf(page.getByTestId('claim-decline-title'))).toBe('报案经保单条款核对，不属于保险责任');
    expect(await textOf(page.getByTestId('claim-decline-clause'))).toContain('网络安全保险条款（示例）');
    expect((await textOf(page.getByTestId('claim-decline-message'))).length).toBeGreaterThan(4);
    // Nothing to send for a declined notice; the enterprise may dispute the decision.
    expect(await page.getByTestId('claim-missing').count()).toBe(0);
    expect(await page.getByTestId('claim-dispute-open').count()).toBe(1);
  });
});
