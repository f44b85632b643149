import { MONEY_PATTERN, RATE_PATTERN, tryParseYuan } from '@kebao/domain/money';
import { isValidUscc } from '@kebao/domain/org';
import { schemaErrorMessage } from '@kebao/domain/schema';
import { CALENDAR_DATE_PATTERN, isCalendarDate } from '@kebao/domain/time';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const rate = new RegExp(RATE_PATTERN);

/** Formats of our own, named in schemas so the OpenAPI document tells clients what is expected. */
function addKebaoFormats(ajv: Ajv): Ajv {
  ajv.addFormat('money', { type: 'string', validate: (s: string) => tryParseYuan(s).ok });
  ajv.addFormat('rate', { type: 'string', validate: (s: string) => rate.test(s) });
  ajv.addFormat('calendar-date', { type: 'string', validate: (s: string) => isCalendarDate(s) });
  ajv.addFormat('uscc', { type: 'string', validate: (s: string) => isValidUscc(s) });
  return ajv;
}

/**
 * The same format names for the response serialiser, which only uses them to pick a branch of a
 * union (a string or null): shape checks suffice there.
 */
export const serializerFormats = {
  money: new RegExp(MONEY_PATTERN),
  rate,
  'calendar-date': new RegExp(CALENDAR_DATE_PATTERN),
  uscc: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
};

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
  });
  return addKebaoFormats(addFormats(ajv));
}

// Bodies are JSON and must carry the right types ("12" is not a number). Query strings, path
// parameters and headers are text by nature and are coerced.
const strict = makeAjv(false);
const coercing = makeAjv('array');

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  return ajv.compile(schema as object) as ValidateFunction;
};

/**
 * For a route whose body is a raw file (a Buffer or a stream, described in OpenAPI as `format: binary`):
 * the body is left to the handler, the other parts are validated as everywhere.
 */
export const rawBodyValidatorCompiler: FastifySchemaCompiler<FastifySchema> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

/** Ajv errors of one part of the request as field errors with JSON-pointer paths. */
export function toFieldErrors(errors: ErrorObject[], part: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  // A nullable field that fails its real type also fails the `null` branch; that second error says
  // nothing useful ("must be null"), so it is dropped when the field has another error.
  const explained = new Set(
    errors.filter((e) => !(e.keyword === 'type' && e.params.type === 'null')).map((e) => e.instancePath),
  );
  for (const error of errors) {
    if (error.keyword === 'type' && error.params.type === 'null' && explained.has(error.instancePath))
      continue;
    // anyOf/oneOf wrappers repeat what their branches already said.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const p = error.params as Record<string, unknown>;
    let path = `/${part}${error.instancePath}`;
    if (error.keyword === 'required') path += `/${String(p.missingProperty)}`;
    if (error.keyword === 'additionalProperties') path += `/${String(p.additionalProperty)}`;
    const [zh, en] = schemaErrorMessage(error.keyword, error.params as Record<string, unknown>);
    const code = `validation.${error.keyword === 'format' ? `format.${String(p.format)}` : error.keyword}`;
    const key = `${path} ${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, code, message_zh: zh, message_en: en });
  }
  return out;
}
