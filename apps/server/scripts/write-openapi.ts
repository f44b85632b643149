// `npm run openapi`: writes the OpenAPI document and regenerates the web app's API types from it,
// so the client's types always follow the server's schemas. A test fails when they are stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../src/openapi-document.ts';
import { generatedWebTypes, OPENAPI_FILE, WEB_TYPES_FILE } from './openapi-files.ts';

const doc = await openApiDocument();
await writeFile(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
await writeFile(WEB_TYPES_FILE, await generatedWebTypes(doc));
process.stdout.write(
  `wrote ${fileURLToPath(new URL(OPENAPI_FILE))}\nwrote ${fileURLToPath(new URL(WEB_TYPES_FILE))}\n`,
);
