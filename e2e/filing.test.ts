import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled } from './animations.ts';
import { eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { insurerAdmin, regulatorSupervisor } from './demo.ts';
import {
  type EditableDefinition,
  equipmentDefinitionAs,
  freshProductCode,
  publicListing,
  publicVersion,
  publishAndSubmit,
  shownStatus,
} from './products.ts';

/** A test product's names: nothing a search for a shipped product (首台, …) would find. */
function testNames(code: string): EditableDefinition['names'] {
  return { zh: `端到端测试产品 ${code}`, en: `End-to-end test product ${code}` };
}

/** Replaces the editor's text with `definition` as JSON, as an author pasting it would. */
async function writeDefinition(page: Page, definition: EditableDefinition): Promise<void> {
  await page.getByTestId('editor-text').fill(`${JSON.stringify(definition, null, 2)}\n`);
}

describe('product filing', () => {
  const browsing = useBrowser();

  it('lets an insurer publish a product from the equipment template and file it, and the regulator approve it', async () => {
    const code = freshProductCode();
    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    await insurer.goto('/products/new?from=KB-AP-EQUIP&version=1');
    await eventually(() => textOf(insurer.getByTestId('page-title-product-editor'))).toContain('发布新版本');
    const status = insurer.getByTestId('editor-status');
    await eventually(() => status.getAttribute('data-state')).toBe('valid');

    // The template is KB-AP-EQUIP's next version; it becomes a product of its own, version 1.
    const template = JSON.parse(await insurer.getByTestId('editor-text').inputValue()) as EditableDefinition;
    expect(template).toMatchObject({ code: 'KB-AP-EQUIP', version: 2 });
    const definition: EditableDefinition = { ...template, code, version: 1, names: testNames(code) };

    await writeDefinition(insurer, { ...definition, rating: { ...definition.rating, baseRate: '-0.012' } });
    const errors = insurer.getByTestId('editor-errors');
    await eventually(() => errors.getAttribute('data-state')).toBe('invalid');
    const error = insurer.getByTestId('editor-error');
    expect(await error.count()).toBe(1);
    expect(await error.getAttribute('data-path')).toBe('/rating/baseRate');
    const errorText = await textOf(error);
    expect(errorText).toContain('rating › baseRate');
    expect(errorText).toContain('基准费率应大于 0');

    await writeDefinition(insurer, definition);
    await eventually(() => status.getAttribute('data-state')).toBe('valid');
    expect(await errors.count()).toBe(0);
    await insurer.getByTestId('editor-publish').click();

    await eventually(() => pathOf(insurer)).toBe(`/products/${code}`);
    await eventually(() => textOf(insurer.getByTestId('product-title'))).toBe(definition.names.zh);
    expect(await shownStatus(insurer)).toBe('draft');
    // A draft is its writer's own: the public does not see it.
    expect((await publicVersion(code)).status).toBe(404);

    await insurer.getByTestId('filing-submit').click();
    await insurer.getByTestId('filing-submit-modal-form').waitFor();
    await insurer.getByTestId('filing-submit-modal-submit').click();
    await eventually(() => shownStatus(insurer)).toBe('submitted');
    expect(await insurer.getByTestId('filing-submit').count()).toBe(0);

    const regulator = await browsing.newPage();
    await login(regulator, regulatorSupervisor.email);
    await regulator.getByTestId('nav-filings').click();
    await eventually(() => textOf(regulator.getByTestId('page-title-filings'))).toBe('报备审查');
    const queued = regulator.getByTestId('queue-table').locator(`tr[data-row-key="${code}@1"]`);
    await queued.waitFor();
    expect(await textOf(queued.getByTestId('queue-kind'))).toBe('产品报备');
    expect(await textOf(queued)).toContain(insurerAdmin.organisation);
    await queued.getByTestId('queue-open').click();

    await eventually(() => pathOf(regulator)).toBe(`/products/${code}`);
    await eventually(() => shownStatus(regulator)).toBe('submitted');
    await regulator.getByTestId('review-approve').click();
    await regulator.getByTestId('review-approve-modal-form').waitFor();
    // The dialog must have finished opening, or the click lands where the button was a frame ago.
    await settled(regulator.getByTestId('review-approve-modal-form'));
    await regulator.getByTestId('review-approve-modal-submit').click();
    await eventually(() => shownStatus(regulator)).toBe('filed');
    expect(await regulator.getByTestId('review-approve').count()).toBe(0);

    // Filed is public: listed in the catalogue for anyone, and the writer sees it filed.
    expect((await publicVersion(code)).body?.status).toBe('filed');
    expect(await publicListing(code)).toMatchObject([{ code, version: 1, status: 'filed' }]);
    await insurer.goto(`/products/${code}?version=1&tab=versions`);
    await eventually(() => shownStatus(insurer)).toBe('filed');
    const history = insurer.getByTestId('filing-history').locator('tbody tr.ant-table-row');
    await eventually(() => history.count()).toBe(2);
    const historyText = await textOf(history);
    expect(historyText).toContain('草稿 → 待审查');
    expect(historyText).toContain('待审查 → 已备案');
  });

  it('keeps the regulator from rejecting a filing without a reason, then shows the insurer the reason given', async () => {
    const code = freshProductCode();
    const definition = await equipmentDefinitionAs(code);
    await publishAndSubmit(insurerAdmin.email, { ...definition, names: testNames(code) });

    const regulator = await browsing.newPage();
    const reviews: string[] = [];
    regulator.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/review')) reviews.push(r.url());
    });
    await login(regulator, regulatorSupervisor.email);
    await regulator.goto(`/products/${code}?version=1`);
    await eventually(() => shownStatus(regulator)).toBe('submitted');

    await regulator.getByTestId('review-reject').click();
    const form = regulator.getByTestId('review-reject-modal-form');
    await form.waitFor();
    await regulator.getByTestId('review-reject-modal-submit').click();
    const reasonItem = form.locator('.ant-form-item', { has: regulator.getByTestId('filing-comment') });
    await eventually(() => textOf(reasonItem.locator('.ant-form-item-explain-error'))).toBe('请填写理由');
    // Blanks are no reason either.
    await regulator.getByTestId('filing-comment').fill('   ');
    await regulator.getByTestId('review-reject-modal-submit').click();
    await eventually(() => textOf(reasonItem.locator('.ant-form-item-explain-error'))).toBe('请填写理由');
    expect(reviews).toEqual([]);
    expect(await shownStatus(regulator)).toBe('submitted');

    await regulator.getByTestId('filing-comment').fill('费率依据不足');
    await regulator.getByTestId('review-reject-modal-submit').click();
    await form.waitFor({ state: 'detached' });
    await eventually(() => shownStatus(regulator)).toBe('rejected');
    expect(reviews).toHaveLength(1);

    const insurer = await browsing.newPage();
    await login(insurer, insurerAdmin.email);
    await insurer.goto(`/products/${code}?version=1&tab=versions`);
    await eventually(() => shownStatus(insurer)).toBe('rejected');
    const rejection = insurer
      .getByTestId('filing-history')
      .locator('tbody tr.ant-table-row', { hasText: '退回' });
    await rejection.waitFor();
    const rejectionText = await textOf(rejection);
    expect(rejectionText).toContain('待审查 → 已退回');
    expect(rejectionText).toContain('费率依据不足');
    // A rejected version can be neither submitted again nor quoted; a fix is a new version.
    expect(await insurer.getByTestId('filing-submit').count()).toBe(0);
    expect(await insurer.getByTestId('product-new-version').count()).toBe(1);
    // Not public.
    expect((await publicVersion(code)).status).toBe(404);
  });
});
