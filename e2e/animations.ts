import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually } from './browser.ts';

/** Waits until the element's CSS animations (antd's zoom and slide motions) have finished. */
export async function settled(locator: Locator): Promise<void> {
  // Runs in the page; the Node-side types of this project have no DOM, hence the shape spelled out.
  await locator.evaluate(
    (element: { getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[] }) =>
      // A motion cancelled or replaced before its end (antd restarts one on re-render) rejects `finished`
      // with an AbortError; it is over either way.
      Promise.all(
        element
          .getAnimations({ subtree: true })
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
  );
}

/**
 * Picks `text` in an antd Select inside a dialog that may still be opening: waits for the dialog's and
 * the dropdown's motions to end, so the click lands on the option and not where it was a frame ago.
 * When the options are still arriving (a list loaded as the dialog opens re-renders under the click),
 * the pick is tried again, up to three times.
 */
export async function chooseInDialog(page: Page, select: Locator, text: string): Promise<void> {
  await settled(page.locator('.ant-modal:visible, .ant-drawer:visible').first());
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const chosen = () => select.locator('[title]').first().getAttribute('title');
  for (let attempt = 1; ; attempt++) {
    if ((await dropdown.count()) === 0) await select.click();
    await dropdown.waitFor();
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option').getByText(text, { exact: true }).click();
    const picked = await expect
      .poll(chosen, { timeout: 3_000, interval: 100 })
      .toBe(text)
      .then(
        () => true,
        () => false,
      );
    if (picked) break;
    if (attempt === 3) {
      await eventually(chosen).toBe(text);
      break;
    }
  }
  await eventually(() => dropdown.count()).toBe(0);
}
