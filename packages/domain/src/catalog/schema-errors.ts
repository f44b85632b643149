import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { conditionShapeProblem } from './condition-shape.ts';
import { ProductDefinitionSchema } from './definition.ts';
import { type DefinitionError, problem, valueAt } from './definition-error.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

/** Compiled on first use, once per process: compiling costs milliseconds, validating microseconds. */
function productValidator(): ValidateFunction {
  validator ??= addFormats(new Ajv({ allErrors: true, strict: false })).compile(
    ProductDefinitionSchema as object,
  );
  return validator;
}

/**
 * The JSON Schema errors of a product document as pointers with codes `schema.<keyword>`. Two kinds of
 * noise are removed: a union (anyOf) reports every alternative it tried, so only the alternative the author
 * evidently meant is kept; and a rule condition that fits none of its shapes becomes one `schema.condition`
 * error at the condition, worded by conditionShapeProblem.
 */
export function schemaErrors(document: unknown): DefinitionError[] {
  const validate = productValidator();
  if (validate(document)) return [];
  const raw = validate.errors ?? [];
  // Ajv reports the schema path of a $ref'd definition relative to that definition, and the root of a
  // product is an object schema without anyOf: so '#/anyOf' is the Condition union itself.
  const conditionPaths = raw
    .filter((error) => error.keyword === 'anyOf' && error.schemaPath === '#/anyOf')
    .map((error) => error.instancePath);
  const insideCondition = (path: string) =>
    conditionPaths.some((at) => path === at || path.startsWith(`${at}/`));

  const out: DefinitionError[] = [];
  const seen = new Set<string>();
  const add = (error: DefinitionError) => {
    const key = `${error.path} ${error.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(error);
  };
  const kept = chooseAlternatives(raw.filter((error) => !insideCondition(error.instancePath)));
  for (const error of raw) {
    const shown = kept.get(error);
    if (shown !== undefined) add(toDefinitionError(shown));
    else if (error.keyword === 'anyOf' && error.schemaPath === '#/anyOf') {
      const at = error.instancePath;
      const shape = conditionShapeProblem(valueAt(document, at));
      // A condition that fails only because a part fails says nothing itself: the part speaks.
      const partFails = conditionPaths.some((other) => other.startsWith(`${at}/`));
      if (shape !== undefined) add(problem(at, 'schema.condition', shape.zh, shape.en));
      else if (!partFails)
        add(problem(at, 'schema.condition', '条件格式不正确', 'The condition is malformed'));
    }
  }
  return out;
}

/**
 * Resolves each failed union, outermost first, to the alternative the author meant: not one whose type
 * or discriminating constant (`type: amount`, `method: annual`) already fails, and among the rest the one
 * with the fewest complaints. When every alternative rejects the value's JSON type, one type error
 * listing the accepted types takes the union's place. Answers each error kept → the error to show.
 */
function chooseAlternatives(errors: ErrorObject[]): Map<ErrorObject, ErrorObject> {
  let kept = errors;
  const replaced = new Map<ErrorObject, ErrorObject>();
  const unions = errors
    .filter((error) => error.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue; // it sat in an alternative already dropped
    const prefix = `${union.schemaPath}/`;
    const within = (error: ErrorObject) =>
      error.schemaPath.startsWith(prefix) &&
      (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`));
    const branchOf = (error: ErrorObject) => Number(error.schemaPath.slice(prefix.length).split('/')[0]);
    const branches = new Map<number, ErrorObject[]>();
    for (const error of kept) {
      if (!within(error)) continue;
      const list = branches.get(branchOf(error)) ?? [];
      list.push(error);
      branches.set(branchOf(error), list);
    }
    const wrongKind = (list: ErrorObject[]) =>
      list.some(
        (error) =>
          error.keyword === 'const' ||
          (error.keyword === 'type' && error.instancePath === union.instancePath),
      );
    const candidates = [...branches].filter(([, list]) => !wrongKind(list));
    if (candidates.length === 0) {
      const types = [...branches.values()].flatMap((list) =>
        list.filter((error) => error.keyword === 'type').map((error) => String(error.params.type)),
      );
      replaced.set(union, { ...union, keyword: 'type', params: { type: [...new Set(types)].join(',') } });
      kept = kept.filter((error) => !within(error));
      continue;
    }
    candidates.sort(([a, listA], [b, listB]) => listA.length - listB.length || a - b);
    const best = candidates[0]?.[0];
    kept = kept.filter((error) => error !== union && (!within(error) || branchOf(error) === best));
  }
  return new Map(kept.map((error) => [error, replaced.get(error) ?? error]));
}

function toDefinitionError(error: ErrorObject): DefinitionError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const [zh, en] = describe(error.keyword, params);
  return problem(path, `schema.${error.keyword}`, zh, en);
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  integer: ['整数', 'an integer'],
  number: ['数字', 'a number'],
  boolean: ['布尔值', 'a boolean'],
  object: ['对象', 'an object'],
  array: ['数组', 'a list'],
  null: ['空值', 'null'],
};

/** Patterns of the schema in words: a reviewer reads "a decimal string like "0.015"", not a regex. */
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
];

function patternMessage(pattern: string): [string, string] {
  for (const [test, message] of PATTERN_MESSAGES) if (test.test(pattern)) return message;
  return ['格式不正确', `must match ${pattern}`];
}

function describe(keyword: string, params: Record<string, unknown>): [string, string] {
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
    case 'enum': {
      const values = (params.allowedValues as unknown[]).map(String);
      return [`取值应为：${values.join('、')}`, `must be one of: ${values.join(', ')}`];
    }
    case 'const':
      return [`取值应为 ${String(params.allowedValue)}`, `must be ${String(params.allowedValue)}`];
    case 'pattern':
      return patternMessage(String(params.pattern));
    default:
      return ['取值不正确', 'is invalid'];
  }
}
