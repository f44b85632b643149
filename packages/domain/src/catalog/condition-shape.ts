import { comparisonOperators, FACT_PATH_PATTERN, setOperators } from './definition.ts';

/**
 * What is wrong with the shape of one condition node, in words, or undefined when the node itself is
 * well formed (its parts are judged on their own). JSON Schema can only say "matches none of the 7
 * alternatives" and then lists why each alternative failed — dozens of lines for one typo. This reads the
 * node the way its author meant it (an `op` says which alternative) and names the one real problem.
 */
export function conditionShapeProblem(node: unknown): { zh: string; en: string } | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return say('条件应为对象', 'A condition must be an object');
  }
  const fields = Object.keys(node);
  const record = node as Record<string, unknown>;
  for (const combinator of ['all', 'any'] as const) {
    if (!(combinator in record)) continue;
    if (fields.length !== 1) return alone(combinator, fields);
    const parts = record[combinator];
    if (!Array.isArray(parts) || parts.length < 1 || parts.length > 50) {
      return say(
        `"${combinator}" 应为 1 至 50 个条件的数组`,
        `"${combinator}" takes a list of 1 to 50 conditions`,
      );
    }
    return undefined;
  }
  if ('not' in record) return fields.length === 1 ? undefined : alone('not', fields);
  if (!('fact' in record) || !('op' in record)) {
    return say(
      '条件应包含 all、any、not 之一，或同时包含 fact 与 op',
      'A condition has one of all, any, not, or both a fact and an op',
    );
  }
  const { fact, op } = record;
  if (typeof fact !== 'string' || fact.length > 80 || !FACT_PATTERN.test(fact)) {
    return say(
      `事实路径 ${JSON.stringify(fact)} 格式不正确`,
      `The fact path ${JSON.stringify(fact)} is malformed`,
    );
  }
  const operands = typeof op === 'string' ? OPERANDS[op] : undefined;
  if (operands === undefined) {
    return say(
      `未知的运算符 ${JSON.stringify(op)}，可用：${OPERATOR_LIST}`,
      `Unknown operator ${JSON.stringify(op)}; use one of ${OPERATOR_LIST}`,
    );
  }
  const extra = fields.filter((field) => field !== 'fact' && field !== 'op' && !operands.includes(field));
  if (extra.length > 0) {
    return say(
      `运算符 ${op} 不接受字段 ${extra.join('、')}`,
      `The operator ${op} does not take ${extra.join(', ')}`,
    );
  }
  const absent = operands.filter((field) => !(field in record));
  if (absent.length > 0) {
    return say(
      `运算符 ${op} 需要字段 ${absent.join('、')}`,
      `The operator ${op} needs ${absent.join(' and ')}`,
    );
  }
  return operandProblem(record);
}

const FACT_PATTERN = new RegExp(FACT_PATH_PATTERN);

const OPERANDS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(comparisonOperators.map((op) => [op, ['value']])),
  between: ['min', 'max'],
  ...Object.fromEntries(setOperators.map((op) => [op, ['values']])),
  exists: [],
  missing: [],
};

const OPERATOR_LIST = Object.keys(OPERANDS).join(', ');

function operandProblem(record: Record<string, unknown>): { zh: string; en: string } | undefined {
  if ('value' in record && !isScalar(record.value, 100)) {
    return say(
      'value 应为字符串（最多 100 字符）、数字或布尔值',
      'value must be a string (≤ 100), a number or a boolean',
    );
  }
  for (const bound of ['min', 'max'] as const) {
    if (bound in record && !isScalar(record[bound], 28, false)) {
      return say(`${bound} 应为数字或十进制字符串`, `${bound} must be a number or a decimal string`);
    }
  }
  if ('values' in record) {
    const values = record.values;
    const fine =
      Array.isArray(values) &&
      values.length >= 1 &&
      values.length <= 500 &&
      values.every((value) => isScalar(value, 100, false));
    if (!fine) {
      return say(
        'values 应为 1 至 500 个字符串或数字的数组',
        'values must be a list of 1 to 500 strings or numbers',
      );
    }
  }
  return undefined;
}

function isScalar(value: unknown, maxLength: number, booleans = true): boolean {
  if (typeof value === 'string') return value.length <= maxLength;
  return typeof value === 'number' || (booleans && typeof value === 'boolean');
}

function alone(field: string, fields: string[]): { zh: string; en: string } {
  const others = fields.filter((other) => other !== field).join(', ');
  return say(`"${field}" 不能与其他字段（${others}）并用`, `"${field}" stands alone; remove ${others}`);
}

function say(zh: string, en: string): { zh: string; en: string } {
  return { zh, en };
}
