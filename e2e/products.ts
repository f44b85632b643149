import { DEMO_PASSWORD } from '@kebao/server';
import type { Locator, Page } from 'playwright-core';
import { baseUrl, eventually } from './browser.ts';

/** A product code of the application class no earlier journey of this run has used: `KB-AP-E2E` and 9 digits. */
export function freshProductCode(): string {
  const digits = `${Date.now() % 10_000_000}`.padStart(7, '0');
  return `KB-AP-E2E${digits}${Math.floor(Math.random() * 100)
    .toString()
    .padStart(2, '0')}`;
}

/** The part of a product definition the journeys change; the rest travels as it is. */
export interface EditableDefinition {
  code: string;
  version: number;
  names: { zh: string; en: string };
  rating: { baseRate: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface VersionBody {
  code: string;
  version: number;
  status: string;
  definition: EditableDefinition;
}

/**
 * Picks `text` in an antd Select: opens it, clicks the option in the open dropdown, and waits until
 * the dropdown has closed, so the next select's dropdown is the only one on screen. A multiple select
 * stays open after a pick; Escape closes it.
 */
export async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.locator('.ant-select-item-option').getByText(text, { exact: true }).click();
  if ((await select.getAttribute('class'))?.includes('ant-select-multiple'))
    await page.keyboard.press('Escape');
  await eventually(() => dropdown.count()).toBe(0);
}

/** The status of the version the detail page shows (`draft`, `submitted`, `filed`, …). */
export function shownStatus(page: Page): Promise<string | null> {
  return page.getByTestId('product-facts').getByTestId('product-status').getAttribute('data-status');
}

/** KB-AP-EQUIP version 1 as published, renamed to `code` version 1: a valid definition for a new product. */
export async function equipmentDefinitionAs(code: string): Promise<EditableDefinition> {
  const response = await fetch(`${baseUrl}/api/products/KB-AP-EQUIP/versions/1`);
  if (response.status !== 200) throw new Error(`GET KB-AP-EQUIP version 1: HTTP ${response.status}`);
  const { definition } = (await response.json()) as VersionBody;
  return { ...definition, code, version: 1 };
}

interface LoginBody {
  csrfToken: string;
}

/** A signed-in writer outside the browser: its cookie and the CSRF token writes need. */
async function writerSession(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login as ${email}: HTTP ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as LoginBody;
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status >= 300)
    throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  await response.body?.cancel();
}

/** Publishes `definition` as a draft through the API, as the writer's own system would, and submits it for filing. */
export async function publishAndSubmit(email: string, definition: EditableDefinition): Promise<void> {
  const headers = await writerSession(email);
  await post('/api/products', headers, { definition });
  await post(`/api/products/${definition.code}/versions/${definition.version}/filing`, headers, {
    action: 'submit',
  });
}

/** `GET /api/products/{code}` with no session: what the public sees of the product. */
export async function publicVersion(code: string): Promise<{ status: number; body: VersionBody | null }> {
  const response = await fetch(`${baseUrl}/api/products/${code}`);
  if (response.status !== 200) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  return { status: 200, body: (await response.json()) as VersionBody };
}

interface ProductPage {
  items: { code: string; version: number; status: string }[];
}

/** The catalogue entries an anonymous search for `q` lists. */
export async function publicListing(q: string): Promise<ProductPage['items']> {
  const response = await fetch(`${baseUrl}/api/products?q=${encodeURIComponent(q)}`);
  if (response.status !== 200) throw new Error(`GET /api/products?q=${q}: HTTP ${response.status}`);
  return ((await response.json()) as ProductPage).items;
}
