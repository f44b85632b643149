import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SHIPPED_PRODUCTS } from './load-shipped.ts';

const GOLDEN_SUFFIX = '.golden.test.ts';

it('has a golden test file for every shipped product, and none for a product not shipped', () => {
  const shipped = readdirSync(SHIPPED_PRODUCTS)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
  const golden = readdirSync(new URL('./', import.meta.url))
    .filter((name) => name.endsWith(GOLDEN_SUFFIX))
    .map((name) => name.slice(0, -GOLDEN_SUFFIX.length))
    .sort();
  expect(shipped.length).toBeGreaterThan(0);
  expect(golden).toEqual(shipped);
});
