/**
 * JSON Schema (Ajv) errors in words, zh and en — one wording for the API's request validation and
 * for product definitions, so a user reads the same sentence wherever a field is wrong.
 */
const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  integer: ['整数', 'an integer'],
  number: ['数字', 'a number'],
  boolean: ['布尔值', 'a boolean'],
  object: ['对象', 'an object'],
  array: ['数组', 'a list'],
  null: ['空值', 'null'],
};

const FORMAT_MESSAGES: Record<string, [string, string]> = {
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

/** Patterns of our schemas, recognised by their beginning: a reviewer reads words, not a regex. */
const PATTERN_MESSAGES: [RegExp, [string, string]][] = [
  [/^\^-\?\(0\|\[1-9\]/, ['应为小数字符串，如 "0.015"', 'must be a decimal string such as "0.015"']],
  [
    /^\^\(0\|\[1-9\]\[0-9\]\{0,15\}\)\(\\\.\[0-9\]\{1,2\}\)/,
    [
      '应为以元为单位、最多两位小数的金额字符串，如 "1234.56"',
      'must be an amount in yuan as a string with at most two decimals, e.g. "1234.56"',
    ],
  ],
  [/^\^\[0-9\]\{4\}-/, ['应为 YYYY-MM-DD 格式的日期', 'must be a date in YYYY-MM-DD form']],
  [
    /^\^KB-/,
    [
      '产品代码应为 KB-<类别>-<编号>，如 KB-AP-EQUIP',
      'must be a product code KB-<class>-<id>, e.g. KB-AP-EQUIP',
    ],
  ],
  [
    /^\^\[0-9A-HJ-NPQRTUWXY\]\{18\}/,
    ['应为 18 位统一社会信用代码', 'must be an 18-character unified social credit code'],
  ],
  [
    /^\^\[a-z\]\[a-z0-9_\]/,
    ['应为小写字母开头的 snake_case 标识', 'must be a snake_case key starting with a letter'],
  ],
  [
    /^\^\[a-z\]\[a-z0-9_\.\]/,
    [
      '应为小写字母开头的原因代码，如 equip.large_contract',
      'must be a reason code such as equip.large_contract',
    ],
  ],
  [/^\^\[0-9\]\{6\}\$/, ['应为 6 位数字代码', 'must be a 6-digit code']],
];

function patternMessage(pattern: string): [string, string] {
  for (const [test, message] of PATTERN_MESSAGES) if (test.test(pattern)) return message;
  return ['格式不正确', 'has the wrong format'];
}

/** The zh and en message for one Ajv error keyword and its params. */
export function schemaErrorMessage(keyword: string, params: Record<string, unknown>): [string, string] {
  switch (keyword) {
    case 'required':
      return ['必填项缺失', 'is required'];
    case 'additionalProperties':
      return ['不允许的字段', 'is not an allowed field'];
    case 'type': {
      const names = String(params.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? [type, type]);
      return [
        `类型应为${names.map(([zh]) => zh).join('或')}`,
        `must be ${names.map(([, en]) => en).join(' or ')}`,
      ];
    }
    case 'maxLength':
      return [`长度不能超过 ${params.limit} 个字符`, `must be at most ${params.limit} characters long`];
    case 'minLength':
      return [`长度不能少于 ${params.limit} 个字符`, `must be at least ${params.limit} characters long`];
    case 'maximum':
      return [`不能大于 ${params.limit}`, `must be at most ${params.limit}`];
    case 'minimum':
      return [`不能小于 ${params.limit}`, `must be at least ${params.limit}`];
    case 'maxItems':
      return [`最多 ${params.limit} 项`, `must have at most ${params.limit} items`];
    case 'minItems':
      return [`至少 ${params.limit} 项`, `must have at least ${params.limit} items`];
    case 'maxProperties':
      return [`最多 ${params.limit} 个字段`, `must have at most ${params.limit} fields`];
    case 'minProperties':
      return [`至少 ${params.limit} 个字段`, `must have at least ${params.limit} fields`];
    case 'uniqueItems':
      return ['不能有重复项', 'must not contain duplicates'];
    case 'enum': {
      const values = (params.allowedValues as unknown[]).map(String);
      return [`取值应为：${values.join('、')}`, `must be one of: ${values.join(', ')}`];
    }
    case 'const':
      return [`取值应为 ${String(params.allowedValue)}`, `must be ${String(params.allowedValue)}`];
    case 'pattern':
      return patternMessage(String(params.pattern));
    case 'format':
      return (
        FORMAT_MESSAGES[String(params.format)] ?? ['格式不正确', `must be a valid ${String(params.format)}`]
      );
    default:
      return ['取值不正确', 'is invalid'];
  }
}
