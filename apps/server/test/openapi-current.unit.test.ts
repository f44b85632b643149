import { readFile } from 'node:fs/promises';
import { ProductDefinitionSchema } from '@kebao/domain/catalog';
import { AlertRuleSchema } from '@kebao/domain/monitor';
import { describe, expect, it } from 'vitest';
import {
  generatedWebTypes,
  OPENAPI_FILE,
  PRODUCT_SCHEMA_FILE,
  productSchemaText,
  WEB_TYPES_FILE,
} from '../scripts/openapi-files.ts';
import { openApiDocument } from '../src/openapi-document.ts';

describe('the committed OpenAPI document and web client types', () => {
  it('match the routes as they are now (run `npm run openapi` after changing a schema)', async () => {
    const doc = await openApiDocument();
    expect(JSON.parse(await readFile(OPENAPI_FILE, 'utf8'))).toEqual(doc);
    expect(await readFile(WEB_TYPES_FILE, 'utf8')).toBe(await generatedWebTypes(doc));
    expect(await readFile(PRODUCT_SCHEMA_FILE, 'utf8')).toBe(productSchemaText(ProductDefinitionSchema));
    const alertRules = new URL('../../../catalog/schema/alert-rule.schema.json', import.meta.url);
    expect(await readFile(alertRules, 'utf8')).toBe(productSchemaText(AlertRuleSchema));
    // Building the document takes seconds on a busy 2-core machine; this is a check of content, not speed.
  }, 60_000);

  it('describes every operation with a summary and a tag', async () => {
    const doc = (await openApiDocument()) as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});
