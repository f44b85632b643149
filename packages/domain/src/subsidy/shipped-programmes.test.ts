import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseProgramme } from './parse-programme.ts';
import { SubsidyProgrammeSchema } from './programme.ts';
import { SHIPPED_SUBSIDIES, shippedDocument, shippedProgrammeFiles } from './shipped-programmes.fixture.ts';

const PRODUCTS = new URL('../../../../catalog/products/', import.meta.url);
const SCHEMA_FILE = new URL('../../../../catalog/schema/subsidy.schema.json', import.meta.url);

const productTags = (): Set<string> => {
  const tags = new Set<string>();
  for (const file of readdirSync(PRODUCTS).filter((name) => name.endsWith('.yaml'))) {
    const product = parse(readFileSync(new URL(file, PRODUCTS), 'utf8')) as { subsidyTags: string[] };
    for (const tag of product.subsidyTags) tags.add(tag);
  }
  return tags;
};

describe('the shipped subsidy programmes (catalog/subsidies)', () => {
  const files = shippedProgrammeFiles();

  it.each(files)('%s validates and is named for its code', (file) => {
    const code = file.replace(/\.yaml$/, '');
    const result = parseProgramme(shippedDocument(code));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.programme.code).toBe(code);
  });

  it.each(files)('%s points editors at the published schema', (file) => {
    const text = readFileSync(new URL(file, SHIPPED_SUBSIDIES), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=../schema/subsidy.schema.json\n')).toBe(true);
  });

  it('ships one programme for every subsidy tag the products carry, and none for no product', () => {
    const codes = files.map((file) => file.replace(/\.yaml$/, ''));
    expect(codes.sort()).toEqual([...productTags()].sort());
  });

  it('publishes the current schema (npm run openapi writes it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${JSON.stringify(SubsidyProgrammeSchema, null, 2)}\n`);
  });
});
