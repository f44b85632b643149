import { describe, expect, it } from 'vitest';
import { apiLogin, callJson } from './api.ts';
import { eventually, login, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, insurerAdmin, regulatorSupervisor } from './demo.ts';

/** Today in Asia/Shanghai, as 'YYYY-MM-DD'. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/**
 * A cyber policy in force today that the demo insurer writes alone (100 %): the journeys start without demo
 * policies, and a run over an empty portfolio fails.
 */
async function policyInForce(): Promise<void> {
  const [enterprise, insurer] = await Promise.all([
    apiLogin(enterpriseAdmin.email),
    apiLogin(insurerAdmin.email),
  ]);
  const quote = await callJson<{ id: string; status: string }>(enterprise, 'POST', '/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00', startDate: shanghaiToday(), retroactiveDate: '2025-01-01' },
  });
  expect(quote.status).toBe('offered');
  const accepted = await callJson<{ placementId: string }>(
    enterprise,
    'POST',
    `/api/quotes/${quote.id}/accept`,
    {},
  );
  const board = await callJson<{ terms: unknown }>(insurer, 'GET', `/api/placements/${accepted.placementId}`);
  await callJson(insurer, 'PUT', `/api/placements/${accepted.placementId}/lines/mine`, {
    written: '100',
    terms: board.terms,
  });
  await callJson(enterprise, 'POST', `/api/quotes/${quote.id}/bind`, {});
}

describe('risk simulation (风险模拟)', () => {
  const browsing = useBrowser();

  it('lets the regulator run a simulation and read its EP curves and PML; an insurer sees only its own row', async () => {
    await policyInForce();

    // The regulator starts a run of 2,000 years and follows it to the end.
    const page = await browsing.newPage();
    await login(page, regulatorSupervisor.email);
    await page.getByTestId('nav-monitor-risk').click();
    await eventually(() => textOf(page.getByTestId('page-title-risk'))).toBe('风险模拟');
    await page.getByTestId('risk-start-form').waitFor();
    // Out of range: said under the field, nothing sent.
    await page.getByTestId('risk-start-years').fill('500');
    await page.getByTestId('risk-start-submit').click();
    await eventually(() => textOf(page.getByTestId('risk-start-form'))).toContain(
      '请填写 1,000 至 200,000 之间的整数',
    );
    await page.getByTestId('risk-start-years').fill('2000');
    const started = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/risk/runs' && r.request().method() === 'POST',
    );
    await page.getByTestId('risk-start-submit').click();
    const response = await started;
    expect(response.status()).toBe(202);
    const run = (await response.json()) as { id: string; years: number; seed: number };
    expect(run).toMatchObject({ years: 2000, seed: 2026 });

    const shown = page.locator(`[data-testid="risk-run"][data-run-id="${run.id}"]`);
    await expect
      .poll(() => shown.getAttribute('data-status'), { timeout: 60_000, interval: 200 })
      .toBe('done');
    const row = page.locator(`[data-testid="risk-runs-table"] tr[data-run-id="${run.id}"]`);
    await eventually(() => textOf(row.getByTestId('risk-run-status'))).toBe('完成');
    // Nothing left running: the list is no longer polled.
    await eventually(() => page.getByTestId('risk-runs').getAttribute('data-polling')).toBe('false');

    // The EP curves of the zone's gross loss, drawn (SVG), and the PML per insurer.
    await page.getByTestId('risk-ep-chart').locator('svg').first().waitFor();
    expect(await textOf(page.getByTestId('risk-perspective'))).toContain('毛损失');
    expect(await page.getByTestId('risk-figures').getAttribute('data-key')).toBe('gross');
    const insurers = page.getByTestId('risk-pml-table').locator('tbody tr.ant-table-row');
    await eventually(() => insurers.count()).toBeGreaterThan(0);
    expect(await insurers.getByTestId('risk-pml-insurer').allInnerTexts()).toContain(
      insurerAdmin.organisation,
    );
    expect(await textOf(insurers.first())).toMatch(/¥[\d,]+/);

    // What the run read, and the portfolio file to repeat it.
    expect(await textOf(page.getByTestId('risk-input-seed'))).toBe('2026');
    expect(await textOf(page.getByTestId('risk-input-units'))).toMatch(
      /^\d+（平台承保 \d+ \+ 登记业务 \d+）$/,
    );
    expect(await textOf(page.getByTestId('risk-input-sha'))).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('risk-portfolio-download').getAttribute('href')).toBe(
      `/api/risk/runs/${run.id}/portfolio`,
    );

    // The cockpit shows the newest run's PML 1-in-200 and AAL.
    await page.getByTestId('nav-monitor-cockpit').click();
    await eventually(() => textOf(page.getByTestId('cockpit-risk-pml200'))).toMatch(/¥[\d,]+/);

    // The insurer reads the same run: the zone totals and its own row, no start form, no download.
    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    await insurer.getByTestId('nav-monitor-risk').click();
    await eventually(() => textOf(insurer.getByTestId('page-title-risk'))).toBe('风险模拟');
    const own = insurer.getByTestId('risk-pml-table').locator('tbody tr.ant-table-row');
    await eventually(() => own.getByTestId('risk-pml-insurer').allInnerTexts()).toEqual([
      insurerAdmin.organisation,
    ]);
    await insurer.getByTestId('risk-ep-chart').locator('svg').first().waitFor();
    expect(await insurer.getByTestId('risk-start').count()).toBe(0);
    expect(await insurer.getByTestId('risk-portfolio-download').count()).toBe(0);
    expect(await insurer.getByTestId('risk-run-cancel').count()).toBe(0);
  });
});
