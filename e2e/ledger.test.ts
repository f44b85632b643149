import { DEMO_PASSWORD } from '@kebao/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseInDialog, settled } from './animations.ts';
import { baseUrl, eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin, platformAdmin, regulatorSupervisor } from './demo.ts';

const funderEmail = 'funder@demo.kebao.cn';

interface QuoteBody {
  id: string;
  number: string;
  status: string;
}

interface PolicyBody {
  id: string;
  number: string;
  subsidy: string;
  netPayable: string;
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

/** The enterprise asks for a cyber quote, accepts it and binds it from its own system: a policy, billed. */
async function boundPolicy(): Promise<PolicyBody> {
  const enterprise = await apiAs(enterpriseAdmin.email);
  const offered = await enterprise<QuoteBody>('POST', '/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00' },
  });
  expect(offered.status).toBe('offered');
  await enterprise('POST', `/api/quotes/${offered.id}/accept`, {});
  return enterprise<PolicyBody>('POST', `/api/quotes/${offered.id}/bind`, {});
}

const fenOf = (yuan: string) => BigInt(yuan.replace('.', ''));
/** `¥45,100.00`, as the pages show yuan. */
const shown = (fen: bigint) =>
  `¥${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(fen % 100n).toString().padStart(2, '0')}`;

let receipts = 0;
const bankRef = () => `BK${Date.now()}${++receipts}`;

/** 登记收款 from the invoice page: the payer and memo are the invoice's; the amount and bank reference typed. */
async function recordPayment(page: Page, amount: string, channelRef: string) {
  await page.getByTestId('invoice-record-payment').click();
  await page.getByTestId('payment-form').waitFor();
  await settled(page.locator('.ant-modal:visible').first());
  await page.getByTestId('payment-channel-ref').fill(channelRef);
  await page.getByTestId('payment-amount').fill(amount);
  const recorded = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/payments' && r.request().method() === 'POST',
  );
  await page.getByTestId('payment-submit').click();
  const response = await recorded;
  expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  await page.getByTestId('payment-result').waitFor();
  return response;
}

async function closeResult(page: Page) {
  await settled(page.locator('.ant-modal:visible').first());
  await page.getByTestId('payment-done').click();
  await eventually(() => page.getByTestId('payment-result').count()).toBe(0);
}

describe('bills, payments and reconciliation (账单 · 收款 · 账务核对)', () => {
  const browsing = useBrowser();

  it('bills the enterprise at the bind; the insurer records a partial payment, its duplicate and the rest with 100 yuan more', async () => {
    const policy = await boundPolicy();
    const total = fenOf(policy.netPayable);

    // The enterprise finds the bill of its new policy: 待缴费, with the memo to quote on the transfer.
    const enterprise = await browsing.newPage();
    await login(enterprise, enterpriseAdmin.email);
    await enterprise.getByTestId('nav-bills').click();
    await eventually(() => textOf(enterprise.getByTestId('page-title-bills'))).toBe('账单');
    const bill = enterprise
      .getByTestId('invoices-table')
      .locator('tbody tr.ant-table-row', { hasText: policy.number });
    await eventually(() => textOf(bill.getByTestId('invoice-status'))).toBe('待缴费');
    expect(await textOf(bill.getByTestId('invoice-outstanding'))).toBe(shown(total));
    const number = (await textOf(bill.getByTestId('invoice-link'))).trim();
    expect(number).toMatch(/^INV-\d{4}-\d{6}$/);
    await bill.getByTestId('invoice-link').click();
    await eventually(() => textOf(enterprise.getByTestId('page-title-invoice'))).toBe(`账单 ${number}`);
    expect(await textOf(enterprise.getByTestId('invoice-pay-reference'))).toBe(number);
    expect(await textOf(enterprise.getByTestId('invoice-pay-notice'))).toContain(number);
    expect(await enterprise.getByTestId('invoice-instalments-open').count()).toBe(1);
    expect(await enterprise.getByTestId('invoice-record-payment').count()).toBe(0);
    const billPath = new URL(enterprise.url()).pathname;

    // The insurer opens the invoice it issued from 财务 and records 20,000 yuan received by bank transfer.
    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    expect(await insurer.getByTestId('nav-bills').count()).toBe(0);
    await insurer.getByTestId('nav-finance').click();
    await eventually(() => textOf(insurer.getByTestId('page-title-finance'))).toBe('财务');
    await insurer
      .getByTestId('invoices-table')
      .locator('tbody tr.ant-table-row', { hasText: number })
      .getByTestId('invoice-link')
      .click();
    await eventually(() => textOf(insurer.getByTestId('page-title-invoice'))).toBe(`账单 ${number}`);
    const status = insurer.getByTestId('invoice-status');
    expect(await status.getAttribute('data-status')).toBe('open');

    const firstRef = bankRef();
    const part = await recordPayment(insurer, '20000', firstRef);
    expect(part.status()).toBe(201);
    expect(await textOf(insurer.getByTestId('payment-recorded'))).toContain('¥20,000.00');
    expect(await textOf(insurer.getByTestId('payment-applied'))).toBe('¥20,000.00');
    expect(await textOf(insurer.getByTestId('payment-unapplied'))).toBe('¥0.00');
    expect(await textOf(insurer.getByTestId('payment-allocation'))).toContain(number);
    const receipt = (await textOf(insurer.getByTestId('payment-number'))).trim();
    expect(receipt).toMatch(/^RCV-\d{4}-\d{6}$/);
    await closeResult(insurer);
    await eventually(() => textOf(status)).toBe('部分缴费');
    expect(await textOf(insurer.getByTestId('invoice-outstanding'))).toBe(shown(total - 2_000_000n));

    // The same bank line entered again: answered with the first receipt, nothing posted twice.
    const again = await recordPayment(insurer, '20000', firstRef);
    expect(again.status()).toBe(200);
    expect(await textOf(insurer.getByTestId('payment-duplicate'))).toContain(receipt);
    await closeResult(insurer);
    expect(await textOf(insurer.getByTestId('invoice-outstanding'))).toBe(shown(total - 2_000_000n));

    // The rest and 100 yuan more: paid, and the 100 yuan waits as the enterprise's credit.
    const rest = total - 2_000_000n + 10_000n;
    const last = await recordPayment(insurer, shown(rest).slice(1), bankRef());
    expect(last.status()).toBe(201);
    expect(await textOf(insurer.getByTestId('payment-applied'))).toBe(shown(total - 2_000_000n));
    expect(await textOf(insurer.getByTestId('payment-unapplied'))).toBe('¥100.00');
    await insurer.getByTestId('payment-credit-hint').waitFor();
    const creditReceipt = (await textOf(insurer.getByTestId('payment-number'))).trim();
    await closeResult(insurer);
    await eventually(() => textOf(status)).toBe('已结清');
    expect(await textOf(insurer.getByTestId('invoice-outstanding'))).toBe('¥0.00');
    expect(await insurer.getByTestId('invoice-record-payment').count()).toBe(0);
    const settlements = insurer.getByTestId('invoice-settlements').locator('tbody tr.ant-table-row');
    await eventually(() => settlements.count()).toBe(2);

    // The unapplied credit is listed with the payments that have money left to match.
    await insurer.getByTestId('invoice-back').click();
    await insurer.getByTestId('finance-tab-payments').click();
    const credit = insurer
      .getByTestId('payments-table')
      .locator('tbody tr.ant-table-row', { hasText: creditReceipt });
    await eventually(() => textOf(credit.getByTestId('payment-row-unapplied'))).toBe('¥100.00');

    // The enterprise reads its bill as settled.
    await enterprise.goto(billPath);
    await eventually(() => textOf(enterprise.getByTestId('invoice-status'))).toBe('已结清');
    expect(await enterprise.getByTestId('invoice-pay-notice').count()).toBe(0);
    expect(await enterprise.getByTestId('invoice-instalments-open').count()).toBe(0);
  });

  it('has the funder draw up a 补贴结算单 with the insurer and settle it; the insurer reads it in 财务, the regulator in 账务核对', async () => {
    const policy = await boundPolicy();
    expect(fenOf(policy.subsidy)).toBeGreaterThan(0n);

    // 应付补贴 → 补贴结算单: the funder draws one up with the insurer whose subsidy bills are open.
    const funder = await browsing.newPage();
    await login(funder, funderEmail);
    await funder.getByTestId('nav-bills').click();
    await funder.getByTestId('bills-tab-settlements').click();
    await funder.getByTestId('settlement-draw-up').click();
    await funder.getByTestId('draw-up-form').waitFor();
    await chooseInDialog(funder, funder.getByTestId('draw-up-counterparty'), insurerAdmin.organisation);
    await funder.getByTestId('draw-up-submit').click();
    await eventually(() => pathOf(funder)).toMatch(/^\/bills\/settlements\/[0-9a-f-]{36}$/);
    await eventually(() => textOf(funder.getByTestId('page-title-settlement'))).toMatch(
      /^补贴结算单 STL-\d{4}-\d{6}$/,
    );
    const number = (await textOf(funder.getByTestId('page-title-settlement'))).replace('补贴结算单 ', '');
    const line = funder
      .getByTestId('settlement-lines')
      .locator('tbody tr.ant-table-row', { hasText: policy.number });
    expect(await textOf(line)).toContain('应付保费补贴');
    expect(await textOf(funder.getByTestId('settlement-lines').locator('thead'))).toContain('补贴项目');
    expect(await textOf(funder.getByTestId('settlement-amount'))).toContain('我方应付');

    // The insurer finds it in 财务 → 结算单, drawn up by the funder, and cannot settle it.
    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    await insurer.getByTestId('nav-finance').click();
    await insurer.getByTestId('finance-tab-settlements').click();
    const row = insurer
      .getByTestId('settlements-table')
      .locator('tbody tr.ant-table-row', { hasText: number });
    await eventually(() => textOf(row)).toContain('补贴结算单');
    expect(await textOf(row)).toContain('（对方出具）');
    expect(await textOf(row)).toContain('我方应收');
    await row.getByTestId('settlement-link').click();
    await eventually(() => textOf(insurer.getByTestId('page-title-settlement'))).toBe(`补贴结算单 ${number}`);
    expect(await insurer.getByTestId('settlement-settle').count()).toBe(0);

    // The funder settles it with the bank reference: 已结算, and the policy's subsidy bill is paid.
    await funder.getByTestId('settlement-settle').click();
    await funder.getByTestId('settle-form').waitFor();
    await settled(funder.locator('.ant-modal:visible').first());
    await funder.getByTestId('settle-channel-ref').fill(bankRef());
    await funder.getByTestId('settle-submit').click();
    await eventually(() => funder.getByTestId('settlement-status').getAttribute('data-status')).toBe(
      'settled',
    );
    await funder.getByTestId('settlement-back').click();
    await funder.getByTestId('bills-tab-bills').click();
    const bill = funder
      .getByTestId('invoices-table')
      .locator('tbody tr.ant-table-row', { hasText: policy.number });
    await eventually(() => textOf(bill.getByTestId('invoice-status'))).toBe('已结清');

    // The regulator reads it in 账务核对 → 结算单, narrowed to subsidy settlements, and opens it: read-only.
    const regulator = await browsing.newPage();
    await login(regulator, regulatorSupervisor.email);
    await regulator.getByTestId('nav-reconciliation').click();
    await regulator.getByTestId('reconciliation-tab-settlements').click();
    await regulator.getByTestId('settlements-table').waitFor();
    const narrowed = regulator.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/settlements' && url.searchParams.get('kind') === 'subsidy';
    });
    await regulator.getByTestId('settlements-kind-filter').click();
    const dropdown = regulator.locator('.ant-select-dropdown:visible');
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option').getByText('补贴结算单', { exact: true }).click();
    expect((await narrowed).status()).toBe(200);
    const listed = regulator
      .getByTestId('settlements-table')
      .locator('tbody tr.ant-table-row', { hasText: number });
    await eventually(() => textOf(listed)).toContain('已结算');
    expect(await textOf(listed)).toContain(insurerAdmin.organisation);
    expect(await textOf(listed)).toContain('出具方应付');
    await listed.getByTestId('settlement-link').click();
    await eventually(() => pathOf(regulator)).toMatch(/^\/reconciliation\/settlements\/[0-9a-f-]{36}$/);
    await eventually(() => textOf(regulator.getByTestId('page-title-settlement'))).toBe(
      `补贴结算单 ${number}`,
    );
    expect(await textOf(regulator.getByTestId('settlement-amount'))).toContain('出具方应付');
    expect(await regulator.getByTestId('settlement-settle').count()).toBe(0);
    expect(await regulator.getByTestId('settlement-void').count()).toBe(0);
    await regulator.getByTestId('settlement-back').click();
    await eventually(() => pathOf(regulator)).toBe('/reconciliation');
    await regulator.getByTestId('settlements-table').waitFor();
  });

  it('shows a funder its 应付补贴 and the platform a balanced ledger that refuses to close an unfinished month', async () => {
    // The Lingang firm's cyber policy is subsidised at the bind (免申即享): the insurer bills the funder
    // the subsidy, the enterprise only its net share.
    const policy = await boundPolicy();
    const subsidy = fenOf(policy.subsidy);
    expect(subsidy).toBeGreaterThan(0n);

    const funder = await browsing.newPage();
    await login(funder, funderEmail);
    expect(await textOf(funder.getByTestId('nav-bills'))).toBe('应付补贴');
    await funder.getByTestId('nav-bills').click();
    await eventually(() => textOf(funder.getByTestId('page-title-bills'))).toBe('应付补贴');
    const bill = funder
      .getByTestId('invoices-table')
      .locator('tbody tr.ant-table-row', { hasText: policy.number });
    await eventually(() => textOf(bill.getByTestId('invoice-status'))).toBe('待缴费');
    expect(await textOf(bill)).toContain('补贴');
    expect(await textOf(bill.getByTestId('invoice-outstanding'))).toBe(shown(subsidy));

    const platform = await browsing.newPage();
    await login(platform, platformAdmin.email);
    expect(await platform.getByTestId('nav-bills').count()).toBe(0);
    await platform.getByTestId('nav-reconciliation').click();
    await eventually(() => textOf(platform.getByTestId('page-title-reconciliation'))).toBe('账务核对');
    await eventually(() => platform.getByTestId('trial-balanced').getAttribute('data-balanced')).toBe('true');
    expect(await textOf(platform.getByTestId('trial-total-debit'))).toBe(
      await textOf(platform.getByTestId('trial-total-credit')),
    );

    // This month has not ended: the server's reason is shown as it words it.
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    await platform.getByTestId('reconciliation-tab-closes').click();
    await platform.getByTestId('close-month').fill(month);
    await platform.getByTestId('close-submit').click();
    const confirm = platform.locator('.ant-popconfirm:visible');
    await settled(confirm);
    const refused = platform.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/ledger/closes' && r.request().method() === 'POST',
    );
    await confirm.getByTestId('close-confirm').click();
    expect((await refused).status()).toBe(422);
    await eventually(() => textOf(platform.getByTestId('close-error'))).toContain(
      `${month} 尚未结束，不能月结`,
    );
  });
});
