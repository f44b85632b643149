import { parse } from 'yaml';
import { type ProductDefinition, readDefinition } from './definition.ts';

/*
 * Test fixtures, imported by tests only: the product files Kebao ships (catalog/products/*.yaml), read
 * by Vite at test time. `yaml` is the workspace's (the domain's tests parse the same files); the app
 * itself never parses YAML.
 */

const files = import.meta.glob<string>('../../../../catalog/products/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function shippedProducts(): ProductDefinition[] {
  return Object.values(files).map((text) => {
    const definition = readDefinition(parse(text));
    if (!definition) throw new Error('a shipped product does not read as a definition');
    return definition;
  });
}

export function shippedProduct(code: string): ProductDefinition {
  const product = shippedProducts().find((p) => p.code === code);
  if (!product) throw new Error(`no shipped product ${code}`);
  return product;
}

/** The raw parsed documents, for round trips. */
export function shippedDocuments(): unknown[] {
  return Object.values(files).map((text) => parse(text));
}
