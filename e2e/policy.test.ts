import { DEMO_PASSWORD } from '@kebao/server';
import { describe, expect, it } from 'vitest';
import { chooseInDialog, settled } from './animations.ts';
import { baseUrl, eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin } from './demo.ts';

const cyber = '网络安全保险（KB-BR-CYBER）';
const insurer2Email = 'insurer2@demo.kebao.cn';
const insurer2Name = '示例共保财产保险股份有限公司';

interface QuoteBody {
  id: string;
  number: string;
  status: string;
  placementId: string | null;
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

const cyberQuote = (limit: string) => ({ productCode: 'KB-BR-CYBER', request: { limit } });

describe('quotes, underwriting and policies (询价 · 核保 · 出单)', () => {
  const browsing = useBrowser();

  it('lets the enterprise ask for a cyber quote, accept it, bind it and read the policy with its co-insurers', async () => {
    const page = await browsing.newPage();
    await login(page, enterpriseAdmin.email);
    await page.getByTestId('nav-quotes').click();
    await eventually(() => textOf(page.getByTestId('page-title-quotes'))).toBe('我的报价');

    await page.getByTestId('quote-request-open').click();
    await page.getByTestId('quote-request-form').waitFor();
    await chooseInDialog(page, page.getByTestId('quote-request-product'), cyber);
    await page.getByTestId('quote-request-limit').fill('5000000');
    const asked = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/quotes' && r.request().method() === 'POST',
    );
    await page.getByTestId('quote-request-submit').click();
    expect((await asked).status()).toBe(201);

    // Priced on the registry profile and offered at once: 1.3 % of the limit.
    await eventually(() => pathOf(page)).toMatch(/^\/quotes\/[0-9a-f-]{36}$/);
    const state = page.getByTestId('quote-state');
    await eventually(() => state.getAttribute('data-status')).toBe('offered');
    expect(await textOf(page.getByTestId('quote-status'))).toBe('已报价');
    expect(await textOf(page.getByTestId('quote-detail-premium'))).toBe('¥65,000.00');
    // Next to it, the subsidy it would get: the Shanghai tiered programme, 40 % for the demo enterprise's band.
    expect(await textOf(page.getByTestId('quote-detail-subsidy-amount'))).toBe('¥26,000.00');
    await page.getByTestId('quote-breakdown').waitFor();

    const accepted = page.waitForResponse((r) => /\/api\/quotes\/[^/]+\/accept$/.test(r.url()));
    await page.getByTestId('quote-accept').click();
    expect((await accepted).status()).toBe(200);
    await eventually(() => state.getAttribute('data-status')).toBe('accepted');
    await page.getByTestId('quote-placement-link').waitFor();

    const bound = page.waitForResponse((r) => /\/api\/quotes\/[^/]+\/bind$/.test(r.url()));
    await page.getByTestId('quote-bind').click();
    const bind = await bound;
    expect(bind.status()).toBe(201);
    expect(bind.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    await eventually(() => state.getAttribute('data-status')).toBe('bound');
    expect(await textOf(page.getByTestId('quote-status'))).toBe('已出单');
    const policyLink = page.getByTestId('quote-policy-link');
    const number = /KB-BR-CYBER-\d{4}-\d{6}/.exec(await textOf(policyLink))?.[0];
    expect(number).toBeDefined();

    // The policy: in force, the demo insurer holding the whole line.
    await policyLink.click();
    await eventually(() => textOf(page.getByTestId('page-title-policy'))).toBe(`保单 ${number}`);
    expect(await textOf(page.getByTestId('policy-status'))).toBe('有效');
    const lines = page.getByTestId('policy-lines').locator('tbody tr.ant-table-row');
    await lines.first().waitFor();
    expect(await lines.count()).toBe(1);
    const line = await textOf(lines.first());
    expect(line).toContain(insurerAdmin.organisation);
    expect(line).toContain('主承保');
    expect(await textOf(page.getByTestId('policy-line-share'))).toBe('100%');
    expect(await page.getByTestId('policy-schedule').getAttribute('href')).toMatch(
      /^\/api\/policies\/[0-9a-f-]{36}\/schedule$/,
    );
    // The insured sees neither the reinsurance nor the insurers' journal, nor their slip.
    expect(await page.getByTestId('policy-cessions').count()).toBe(0);
    expect(await page.getByTestId('policy-journal').count()).toBe(0);
    expect(await page.getByTestId('policy-slip').count()).toBe(0);

    await page.getByTestId('nav-policies').click();
    await eventually(() => textOf(page.getByTestId('page-title-policies'))).toBe('保单');
    await eventually(() => textOf(page.getByTestId('policies-table').locator('tbody'))).toContain(
      number as string,
    );
  });

  it('lets the insurer decline a referred quote with a reason the enterprise then reads', async () => {
    // Sixty million is above what the product offers without an underwriter: referred.
    const enterpriseApi = await apiAs(enterpriseAdmin.email);
    const quote = await enterpriseApi<QuoteBody>('POST', '/api/quotes', cyberQuote('60000000.00'));
    expect(quote.status).toBe('referred');

    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    expect(await textOf(insurer.getByTestId('nav-quotes'))).toBe('报价');
    await insurer.getByTestId('nav-underwriting').click();
    await eventually(() => textOf(insurer.getByTestId('page-title-underwriting'))).toBe('核保工作台');
    const row = insurer
      .getByTestId('underwriting-table')
      .locator('tbody tr.ant-table-row', { hasText: quote.number });
    await row.waitFor();
    await row.getByTestId('underwriting-decide').click();
    await insurer.getByTestId('decision-form').waitFor();
    await settled(insurer.locator('.ant-modal:visible').first());
    await insurer.getByTestId('decision-decline').click();
    const reason = '限额超出本公司单一风险承保能力（测试）';
    await insurer.getByTestId('decision-reason-zh').fill(reason);
    await insurer.getByTestId('decision-reason-en').fill('Beyond our per-risk capacity (test)');
    const decided = insurer.waitForResponse((r) => r.url().endsWith(`/api/quotes/${quote.id}/decision`));
    await insurer.getByTestId('decision-submit').click();
    expect((await decided).status()).toBe(200);
    await eventually(() => row.count()).toBe(0);

    const enterprise = await browsing.newPage();
    await login(enterprise, enterpriseAdmin.email);
    await enterprise.getByTestId('nav-quotes').click();
    const listed = enterprise
      .getByTestId('quotes-table')
      .locator('tbody tr.ant-table-row', { hasText: quote.number });
    await eventually(() => textOf(listed.getByTestId('quote-status'))).toBe('已拒保');
    await listed.getByTestId('quote-link').click();
    await eventually(() => enterprise.getByTestId('quote-state').getAttribute('data-status')).toBe(
      'declined',
    );
    expect(await textOf(enterprise.getByTestId('quote-status'))).toBe('已拒保');
    expect(await textOf(enterprise.getByTestId('quote-decision-kind'))).toBe('拒保');
    expect(await textOf(enterprise.getByTestId('quote-decision-reason'))).toBe(reason);
    expect(await enterprise.getByTestId('quote-accept').count()).toBe(0);
  });

  it('keeps the lead’s placement board live: a follower’s line appears without a reload, and closing signs the lines', async () => {
    const enterpriseApi = await apiAs(enterpriseAdmin.email);
    const follower = await apiAs(insurer2Email);
    const offered = await enterpriseApi<QuoteBody>('POST', '/api/quotes', cyberQuote('5000000.00'));
    const quote = await enterpriseApi<QuoteBody>('POST', `/api/quotes/${offered.id}/accept`, {});
    const placementId = quote.placementId as string;

    const lead = await browsing.newPage();
    await login(lead, insurerAdmin.email);
    await lead.getByTestId('nav-placements').click();
    await eventually(() => textOf(lead.getByTestId('page-title-placements'))).toBe('共保安排');
    await lead
      .getByTestId('placements-table')
      .locator('tbody tr.ant-table-row', { hasText: quote.number })
      .getByTestId('placement-link')
      .click();
    await eventually(() => textOf(lead.getByTestId('page-title-placement'))).toBe(
      `共保安排 · ${quote.number}`,
    );
    expect(await textOf(lead.getByTestId('board-sum-insured'))).toBe('¥5,000,000.00');
    expect(await textOf(lead.getByTestId('board-written-total'))).toContain('100%');
    const lines = lead.getByTestId('board-lines').locator('tbody tr.ant-table-row');
    await eventually(() => lines.count()).toBe(1);

    await lead.getByTestId('board-invite').click();
    await lead.getByTestId('invite-form').waitFor();
    await settled(lead.locator('.ant-modal:visible').first());
    await lead.getByTestId('invite-insurers').click();
    const dropdown = lead.locator('.ant-select-dropdown:visible');
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option').getByText(insurer2Name, { exact: true }).click();
    await lead.keyboard.press('Escape');
    const invited = lead.waitForResponse((r) =>
      r.url().endsWith(`/api/placements/${placementId}/invitations`),
    );
    await lead.getByTestId('invite-submit').click();
    expect((await invited).status()).toBe(200);
    await eventually(() => lines.count()).toBe(2);

    // The follower writes 40 % on the lead's terms from its own system: the lead's board follows live.
    const board = await follower<{ terms: unknown }>('GET', `/api/placements/${placementId}`);
    await follower('PUT', `/api/placements/${placementId}/lines/mine`, { written: '40', terms: board.terms });
    const followerLine = lines.filter({ hasText: insurer2Name });
    await eventually(() => followerLine.getByTestId('line-status').getAttribute('data-status')).toBe(
      'written',
    );
    expect(await textOf(followerLine.getByTestId('line-written-share'))).toBe('40%');
    await eventually(() => textOf(lead.getByTestId('board-written-total'))).toContain('140%');

    await lead.getByTestId('board-close').click();
    const confirm = lead.locator('.ant-popconfirm:visible');
    await settled(confirm);
    const closed = lead.waitForResponse((r) => r.url().endsWith(`/api/placements/${placementId}/close`));
    await confirm.getByTestId('board-close-confirm').click();
    expect((await closed).status()).toBe(200);
    await eventually(() => lead.getByTestId('placement-status').getAttribute('data-status')).toBe('closed');
    // Signed down pro rata from 140 % to 100 %.
    expect(await textOf(followerLine.getByTestId('line-signed'))).toBe('28.5714%');
    expect(await lead.getByTestId('board-write').count()).toBe(0);
  });
});
