import { DEMO_PASSWORD } from '@kebao/server';
import { describe, expect, it } from 'vitest';
import { settled } from './animations.ts';
import { baseUrl, eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin } from './demo.ts';

const funderEmail = 'funder@demo.kebao.cn';
const tiered = 'shanghai-2025-tiered';
const tieredName = '上海市科技保险阶梯式保费补贴（2025）';

interface PolicyBody {
  id: string;
  number: string;
  premium: string;
  subsidy: string;
  netPayable: string;
}

type Call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

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
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown) => {
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

/** The enterprise asks for a cyber quote, accepts it and binds it from its own system. */
async function boundPolicy(): Promise<PolicyBody> {
  const enterprise = await apiAs(enterpriseAdmin.email);
  const offered = await enterprise<{ id: string; status: string }>('POST', '/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00' },
  });
  expect(offered.status).toBe('offered');
  await enterprise('POST', `/api/quotes/${offered.id}/accept`, {});
  return enterprise<PolicyBody>('POST', `/api/quotes/${offered.id}/bind`, {});
}

const fenOf = (yuan: string) => BigInt(yuan.replace('.', ''));
/** `¥26,000.00`, as the pages show yuan. */
const shown = (fen: bigint) =>
  `¥${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(fen % 100n).toString().padStart(2, '0')}`;

describe('premium subsidies (补贴)', () => {
  const browsing = useBrowser();

  it('grants the Lingang firm the Shanghai tiered subsidy at the bind; it reads how, confirms it; the funder sees the budget committed', async () => {
    // 免申即享: the subsidy is reserved at the bind and the enterprise pays only its net share.
    const policy = await boundPolicy();
    const subsidy = fenOf(policy.subsidy);
    expect(subsidy).toBeGreaterThan(0n);
    expect(subsidy + fenOf(policy.netPayable)).toBe(fenOf(policy.premium));

    const enterprise = await browsing.newPage();
    await login(enterprise, enterpriseAdmin.email);
    await enterprise.getByTestId('nav-subsidy-grants').click();
    await eventually(() => textOf(enterprise.getByTestId('page-title-subsidy-grants'))).toBe('我的补贴');
    const row = enterprise
      .getByTestId('grants-table')
      .locator('tbody tr.ant-table-row', { hasText: policy.number });
    await eventually(() => textOf(row.getByTestId('grant-status'))).toBe('待确认');
    expect(await textOf(row.getByTestId('grant-amount'))).toBe(shown(subsidy));
    expect(await textOf(row.getByTestId('grant-link'))).toBe(tieredName);
    await row.getByTestId('grant-link').click();

    // The grant: every rule of the computation in turn, the tier by score band, the amount it came to.
    await eventually(() => pathOf(enterprise)).toMatch(/^\/subsidy\/grants\/[0-9a-f-]{36}$/);
    await eventually(() => textOf(enterprise.getByTestId('page-title-grant'))).toBe(`补贴 · ${tieredName}`);
    const steps = enterprise.getByTestId('grant-steps').locator('tbody tr.ant-table-row');
    await eventually(() => steps.count()).toBeGreaterThan(5);
    const rules = await steps.getByTestId('grant-step-rule').allInnerTexts();
    expect(rules).toEqual(expect.arrayContaining(['申报期', '申报条件', '补贴档', '计补保费', '补贴金额']));
    expect(await textOf(enterprise.locator('tr[data-rule="tier"]').getByTestId('grant-step-result'))).toBe(
      '符合',
    );
    expect(await textOf(enterprise.locator('tr[data-rule="tier"]').getByTestId('grant-step-text'))).toMatch(
      /^适用评价分档 [ABC] 档：补贴比例 \d+%$/,
    );
    expect(await textOf(enterprise.locator('tr[data-rule="grant"]').getByTestId('grant-step-amount'))).toBe(
      shown(subsidy),
    );
    const confirmBy = await textOf(enterprise.getByTestId('grant-confirm-by'));
    expect(confirmBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await textOf(enterprise.getByTestId('grant-confirm-notice'))).toContain(
      `请于 ${confirmBy} 前确认`,
    );

    // 确认补贴 before the deadline: 已确认, and nothing more to confirm.
    await enterprise.getByTestId('grant-confirm').click();
    const confirm = enterprise.locator('.ant-popconfirm:visible');
    await settled(confirm);
    const confirmed = enterprise.waitForResponse(
      (r) => /\/api\/subsidy\/grants\/[^/]+\/confirm$/.test(r.url()) && r.request().method() === 'POST',
    );
    await confirm.getByTestId('grant-confirm-ok').click();
    expect((await confirmed).status()).toBe(200);
    await eventually(() => textOf(enterprise.getByTestId('grant-status'))).toBe('已确认');
    expect(await enterprise.getByTestId('grant-confirm').count()).toBe(0);
    expect(await enterprise.getByTestId('grant-confirm-notice').count()).toBe(0);

    // The policy shows the premium as the subsidy and what the enterprise pays, and the grant confirmed.
    await enterprise.getByTestId('grant-policy-link').click();
    await eventually(() => textOf(enterprise.getByTestId('page-title-policy'))).toBe(`保单 ${policy.number}`);
    await eventually(() => textOf(enterprise.getByTestId('policy-subsidy-split'))).toBe(
      `保费 ${shown(fenOf(policy.premium))} = 补贴 ${shown(subsidy)} + 企业实付 ${shown(fenOf(policy.netPayable))}`,
    );
    const grantRow = enterprise.getByTestId('policy-grants').locator('tbody tr.ant-table-row');
    await eventually(() => textOf(grantRow.getByTestId('grant-status'))).toBe('已确认');

    // The funder that operates the programme sees its budget committed.
    const funder = await browsing.newPage();
    await login(funder, funderEmail);
    await funder.getByTestId('nav-subsidy-programmes').click();
    await eventually(() => textOf(funder.getByTestId('page-title-subsidy-programmes'))).toBe('补贴项目');
    const programme = funder.getByTestId('programmes-table').locator(`tr[data-code="${tiered}"]`);
    const committed = programme.getByTestId('programme-committed');
    await eventually(async () =>
      fenOf((await committed.getAttribute('data-amount')) ?? '0.00'),
    ).toBeGreaterThanOrEqual(subsidy);
    expect(await textOf(programme.getByTestId('programme-operator'))).toBe('临港新片区科技创新局（示例）');
    await programme.getByTestId('programme-link').click();
    await eventually(() => textOf(funder.getByTestId('page-title-programme'))).toBe(tieredName);
    const amount = funder.getByTestId('programme-committed-amount');
    await eventually(async () => fenOf((await amount.getAttribute('data-amount')) ?? '0.00')).toBeGreaterThan(
      0n,
    );
    // The definition read as rules: a share per score band, the conditions in words.
    await eventually(() =>
      funder.getByTestId('programme-tiers').getByTestId('programme-tier-name').allInnerTexts(),
    ).toEqual(['评价分档 A 档', '评价分档 B 档', '评价分档 C 档']);
    expect(await funder.getByTestId('programme-condition').count()).toBe(3);
    expect(await funder.getByTestId('programme-change-budget').count()).toBe(1);
  });
});
