import { MONEY_PATTERN, RATE_PATTERN, tryParseYuan } from '@kebao/domain/money';
import { isValidUscc } from '@kebao/domain/org';
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

const typeNames: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

const formatMessages: Record<string, [string, string]> = {
  money: [
    '金额格式不正确：应为以元为单位、最多两位小数的字符串，如 "1234.56"',
    'must be an amount in yuan with at most two decimals, as a string like "1234.56"',
  ],
  rate: ['比率格式不正确：应为小数字符串，如 "0.0125"', 'must be a decimal string such as "0.0125"'],
  'calendar-date': ['日期格式不正确：应为 YYYY-MM-DD 的有效日期', 'must be a valid date in YYYY-MM-DD form'],
  uscc: [
    '统一社会信用代码不正确（18 位，末位为校验码）',
    'is not a valid unified social credit code (18 characters with a check character)',
  ],
  email: ['邮箱格式不正确', 'must be an email address'],
  uuid: ['应为 UUID', 'must be a UUID'],
  'date-time': ['时间格式不正确：应为 ISO 8601', 'must be an ISO 8601 date-time'],
};

function describe(error: ErrorObject): [string, string] {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return ['必填项缺失', 'is required'];
    case 'additionalProperties':
      return ['不允许的字段', 'is not an allowed field'];
    case 'type': {
      const t = String(p.type);
      return [
        `类型应为${t
          .split(',')
          .map((x) => typeNames[x] ?? x)
          .join('或')}`,
        `must be ${t}`,
      ];
    }
    case 'maxLength':
      return [`长度不能超过 ${p.limit} 个字符`, `must be at most ${p.limit} characters long`];
    case 'minLength':
      return [`长度不能少于 ${p.limit} 个字符`, `must be at least ${p.limit} characters long`];
    case 'maximum':
      return [`不能大于 ${p.limit}`, `must be at most ${p.limit}`];
    case 'minimum':
      return [`不能小于 ${p.limit}`, `must be at least ${p.limit}`];
    case 'maxItems':
      return [`最多 ${p.limit} 项`, `must have at most ${p.limit} items`];
    case 'minItems':
      return [`至少 ${p.limit} 项`, `must have at least ${p.limit} items`];
    case 'uniqueItems':
      return ['不能有重复项', 'must not contain duplicates'];
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(String);
      return [`取值应为：${values.join('、')}`, `must be one of: ${values.join(', ')}`];
    }
    case 'const':
      return [`取值应为 ${String(p.allowedValue)}`, `must be ${String(p.allowedValue)}`];
    case 'pattern':
      return ['格式不正确', 'has the wrong format'];
    case 'format':
      return formatMessages[String(p.format)] ?? ['格式不正确', `must be a valid ${String(p.format)}`];
    default:
      return ['取值不正确', 'is invalid'];
  }
}

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
    const [zh, en] = describe(error);
    const code = `validation.${error.keyword === 'format' ? `format.${String(p.format)}` : error.keyword}`;
    const key = `${path} ${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, code, message_zh: zh, message_en: en });
  }
  return out;
}
