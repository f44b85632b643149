import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ProductDefinition } from './definition.ts';
import { validateDefinition } from './validate-definition.ts';

/**
 * Test fixtures, imported by tests only (they may do I/O): the shipped first-of-a-kind equipment product,
 * parsed afresh on each call so a test can break its copy without touching another test's.
 */
export function loadExampleProduct(): unknown {
  const file = new URL('../../../../catalog/products/KB-AP-EQUIP.yaml', import.meta.url);
  return parse(readFileSync(file, 'utf8'));
}

export function exampleProduct(): ProductDefinition {
  return loadExampleProduct() as ProductDefinition;
}

/**
 * A change to the example: the value to set at a path, or REMOVE. Paths are JSON pointers in which a
 * list element may be named by its key or reason in brackets — '/rating/factors/[trl]/bands/1' — and
 * '[+]' is the place after the last element; so the tests keep working when the shipped file gains an
 * option or reorders its rules.
 */
export type Change = readonly [path: string, value: unknown];
export const REMOVE = Symbol('remove');

/** The example product with changes applied, in order (a test's way of breaking it on purpose). */
export function changedExample(...changes: Change[]): unknown {
  const document = loadExampleProduct();
  for (const [path, value] of changes) applyChange(document, resolvePath(document, path), value);
  return document;
}

/** The plain JSON pointer a bracketed path designates in the unchanged example. */
export function examplePath(path: string): string {
  return resolvePath(loadExampleProduct(), path);
}

function resolvePath(document: unknown, path: string): string {
  let node = document;
  let resolved = '';
  for (const segment of path.slice(1).split('/')) {
    let concrete = segment;
    const named = /^\[(.+)\]$/.exec(segment)?.[1];
    if (named !== undefined && Array.isArray(node)) {
      const index =
        named === '+'
          ? node.length
          : node.findIndex(
              (item: { key?: unknown; reason?: unknown }) => item.key === named || item.reason === named,
            );
      if (index < 0) throw new Error(`the example has no ${named} in ${resolved}`);
      concrete = String(index);
    }
    resolved += `/${concrete}`;
    node =
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[concrete] : undefined;
  }
  return resolved;
}

function applyChange(document: unknown, path: string, value: unknown): void {
  const segments = path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = segments.pop() as string;
  let node = document as Record<string, unknown>;
  for (const segment of segments) node = node[segment] as Record<string, unknown>;
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = structuredClone(value);
}

/** The pointers and codes a document is rejected with ([] when it is accepted). */
export function definitionProblems(...changes: Change[]): { path: string; code: string }[] {
  const result = validateDefinition(changedExample(...changes));
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
}

export const SHORT_PERIOD_TERM = {
  method: 'short_period',
  table: {
    '1': '0.10',
    '2': '0.20',
    '3': '0.30',
    '4': '0.40',
    '5': '0.50',
    '6': '0.60',
    '7': '0.70',
    '8': '0.80',
    '9': '0.85',
    '10': '0.90',
    '11': '0.95',
    '12': '1',
  },
};
