// `npm run openapi`: writes the OpenAPI document, regenerates the web app's API types from it and
// publishes the product definition's JSON Schema, so clients and editors follow the server's
// schemas. A test fails when any of them is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ProductDefinitionSchema } from '@kebao/domain/catalog';
import { openApiDocument } from '../src/openapi-document.ts';
import {
  generatedWebTypes,
  OPENAPI_FILE,
  PRODUCT_SCHEMA_FILE,
  productSchemaText,
  WEB_TYPES_FILE,
} from './openapi-files.ts';

const doc = await openApiDocument();
await writeFile(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
await writeFile(WEB_TYPES_FILE, await generatedWebTypes(doc));
await writeFile(PRODUCT_SCHEMA_FILE, productSchemaText(ProductDefinitionSchema));
for (const file of [OPENAPI_FILE, WEB_TYPES_FILE, PRODUCT_SCHEMA_FILE]) {
  process.stdout.write(`wrote ${fileURLToPath(file)}\n`);
}
