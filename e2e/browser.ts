import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@kebao/server';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from './chromium.ts';

export const baseUrl = inject('baseUrl');

/** Failure screenshots land here, outside the repository. */
const screenshotDir = path.join(tmpdir(), 'kebao-e2e-screenshots');

export interface Browsing {
  /** A page in a context of its own (no cookies, no storage): one browser profile, one user. */
  newPage(): Promise<Page>;
}

/**
 * One Chromium per test file, a fresh context for every page a test opens; contexts close after
 * each test. A failing test leaves a screenshot of each of its pages and prints the pages' errors.
 */
export function useBrowser(): Browsing {
  let browser: Browser | undefined;
  let opened: { context: BrowserContext; page: Page; errors: string[] }[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async ({ task }) => {
    const pages = opened;
    opened = [];
    if (task.result?.state === 'fail') {
      await mkdir(screenshotDir, { recursive: true });
      for (const [i, { page, errors }] of pages.entries()) {
        const file = path.join(screenshotDir, `${slug(task.name)}-${i + 1}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        console.error(`screenshot of ${page.url()}: ${file}${errors.map((e) => `\n  ${e}`).join('')}`);
      }
    }
    await Promise.all(pages.map(({ context }) => context.close()));
  });

  return {
    async newPage() {
      if (!browser) throw new Error('useBrowser() pages are for tests, after beforeAll');
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1280, height: 800 },
      });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      opened.push({ context, page, errors });
      return page;
    },
  };
}

function slug(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
}

/** Signs in through the login form and waits for the app shell. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), baseUrl).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** What the locator's elements read right now ('' when there are none); for polling, never waits. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

/** Polls until the expectation holds: the UI answers asynchronously and playwright-core has no `expect`. */
export function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 10_000, interval: 100 });
}

/** The path the page is on, without origin. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}
