// `npm run openapi`: writes the OpenAPI document, regenerates the web app's API types from it and
// publishes the JSON Schemas of the product definition, the subsidy programme, the alert rule, the
// working-day calendar and the region code list, so clients and editors follow the server's schemas. A test fails when any of
// them is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CalendarYearSchema } from '@kebao/domain/calendar';
import { ProductDefinitionSchema } from '@kebao/domain/catalog';
import { AlertRuleSchema } from '@kebao/domain/monitor';
import { RegionListSchema } from '@kebao/domain/region';
import { SubsidyProgrammeSchema } from '@kebao/domain/subsidy';
import { openApiDocument } from '../src/openapi-document.ts';
import {
  generatedWebTypes,
  OPENAPI_FILE,
  PRODUCT_SCHEMA_FILE,
  productSchemaText,
  WEB_TYPES_FILE,
} from './openapi-files.ts';

/** `catalog/subsidies/*.yaml` name it in their `$schema` header; published the way the product's is. */
const SUBSIDY_SCHEMA_FILE = new URL('../../../catalog/schema/subsidy.schema.json', import.meta.url);

/** `catalog/alerts/*.yaml` name it in their `$schema` header; rules published through the API meet it too. */
const ALERT_RULE_SCHEMA_FILE = new URL('../../../catalog/schema/alert-rule.schema.json', import.meta.url);

/** `catalog/calendars/*.yaml` name it in their `$schema` header; `PUT /api/calendar/{year}` meets it too. */
const CALENDAR_SCHEMA_FILE = new URL('../../../catalog/schema/calendar.schema.json', import.meta.url);

/** `catalog/regions/cn-regions.yaml` names it in its `$schema` header. */
const REGIONS_SCHEMA_FILE = new URL('../../../catalog/schema/regions.schema.json', import.meta.url);

const doc = await openApiDocument();
await writeFile(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
await writeFile(WEB_TYPES_FILE, await generatedWebTypes(doc));
await writeFile(PRODUCT_SCHEMA_FILE, productSchemaText(ProductDefinitionSchema));
await writeFile(SUBSIDY_SCHEMA_FILE, productSchemaText(SubsidyProgrammeSchema));
await writeFile(ALERT_RULE_SCHEMA_FILE, productSchemaText(AlertRuleSchema));
await writeFile(CALENDAR_SCHEMA_FILE, productSchemaText(CalendarYearSchema));
await writeFile(REGIONS_SCHEMA_FILE, productSchemaText(RegionListSchema));
for (const file of [
  OPENAPI_FILE,
  WEB_TYPES_FILE,
  PRODUCT_SCHEMA_FILE,
  SUBSIDY_SCHEMA_FILE,
  ALERT_RULE_SCHEMA_FILE,
  CALENDAR_SCHEMA_FILE,
  REGIONS_SCHEMA_FILE,
]) {
  process.stdout.write(`wrote ${fileURLToPath(file)}\n`);
}
