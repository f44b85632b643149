import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ProductDefinition } from '../definition.ts';
import { validateDefinition } from '../validate-definition.ts';

/** Where the shipped product files live, relative to this folder. */
export const SHIPPED_PRODUCTS = new URL('../../../../../catalog/products/', import.meta.url);

/**
 * A shipped product (`catalog/products/<code>.yaml`), parsed and validated as the platform reads it.
 * Test-only (it reads a file); throws with every definition error when the file does not validate.
 */
export function loadShipped(code: string): ProductDefinition {
  const document: unknown = parse(readFileSync(new URL(`${code}.yaml`, SHIPPED_PRODUCTS), 'utf8'));
  const result = validateDefinition(document);
  if (!result.ok) throw new Error(`${code} does not validate: ${JSON.stringify(result.errors, null, 2)}`);
  if (result.definition.code !== code)
    throw new Error(`${code}.yaml declares code ${result.definition.code}`);
  return result.definition;
}
