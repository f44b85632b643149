import type { Locator, Page } from 'playwright-core';
import { eventually } from './browser.ts';

/** Waits until the element's CSS animations (antd's zoom and slide motions) have finished. */
export async function settled(locator: Locator): Promise<void> {
  // Runs in the page; the Node-side types of this project have no DOM, hence the shape spelled out.
  await locator.evaluate(
    (element: { getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[] }) =>
      Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)),
  );
}

/**
 * Picks `text` in an antd Select inside a dialog that may still be opening: waits for the dialog's and
 * the dropdown's motions to end, so the click lands on the option and not where it was a frame ago.
 */
export async function chooseInDialog(page: Page, select: Locator, text: string): Promise<void> {
  await settled(page.locator('.ant-modal:visible, .ant-drawer:visible').first());
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await settled(dropdown);
  await dropdown.locator('.ant-select-item-option').getByText(text, { exact: true }).click();
  await eventually(() => select.locator('[title]').first().getAttribute('title')).toBe(text);
  await eventually(() => dropdown.count()).toBe(0);
}
