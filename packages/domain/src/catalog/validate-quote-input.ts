import { tryParseYuan } from '../money/index.ts';
import { tryParseCalendarDate } from '../time/index.ts';
import { TYPE_ZH } from './check-conditions.ts';
import type { ProductDefinition, ProductOption } from './definition.ts';
import { type InputError, pointer, problem } from './definition-error.ts';
import { moneyFen } from './fact-values.ts';
import { enterpriseFacts, type FactType } from './facts.ts';
import type { REQUEST_FIELD_FACTS } from './quote-facts.ts';
import { parseDecimal } from './scaled-decimal.ts';

/**
 * Checks a quote's input against the fact dictionary and the product's options, and lists every problem
 * with a pointer into the input (`/request/options/deductible`). Absent and null values are fine: a fact
 * not given is unknown, and the rules ask for it if they need it. Amounts must be non-negative yuan
 * strings, with the money module's own codes (money.format, money.too_many_decimals, …).
 */
export function validateQuoteInput(definition: ProductDefinition, input: unknown): InputError[] {
  const errors: InputError[] = [];
  if (!isRecord(input)) return [shape('', '询价内容应为对象', 'The quote input must be an object')];
  const { enterprise, request } = input;
  if (enterprise !== undefined && !isRecord(enterprise)) {
    errors.push(shape('/enterprise', 'enterprise 应为对象', 'enterprise must be an object'));
  } else if (enterprise !== undefined) {
    for (const key of Object.keys(enterprise)) {
      const type = ENTERPRISE_FACT_TYPES.get(key);
      if (type !== undefined) checkValue(type, enterprise[key], '/enterprise', key, errors);
      else {
        const fact = `enterprise.${key}`;
        const path = pointer('/enterprise', key);
        errors.push(
          problem(
            path,
            'input.unknown_fact',
            `事实字典中没有 ${fact}`,
            `${fact} is not in the fact dictionary`,
          ),
        );
      }
    }
  }
  if (!isRecord(request)) {
    errors.push(shape('/request', 'request 应为对象', 'request must be an object'));
    return errors;
  }
  for (const field of Object.keys(request)) {
    if (field === 'options') continue;
    if (!Object.hasOwn(REQUEST_FIELD_TYPES, field)) {
      const path = pointer('/request', field);
      errors.push(problem(path, 'input.unknown_field', `未知字段 ${field}`, `Unknown field ${field}`));
      continue;
    }
    const type = REQUEST_FIELD_TYPES[field as keyof typeof REQUEST_FIELD_FACTS];
    const value = request[field];
    if (checkValue(type, value, '/request', field, errors) && field === 'termDays' && (value as number) < 1) {
      const path = pointer('/request', field);
      errors.push(problem(path, 'input.term_days', '保险期间至少 1 天', 'The term is at least one day'));
    }
  }
  checkOptions(definition, request.options, errors);
  return errors;
}

// Paths are built only for errors: a valid quote, the usual case, allocates none.
const ENTERPRISE_FACT_TYPES: ReadonlyMap<string, FactType> = new Map(
  Object.entries(enterpriseFacts).map(([fact, entry]) => [fact.slice('enterprise.'.length), entry.type]),
);

const REQUEST_FIELD_TYPES: Record<keyof typeof REQUEST_FIELD_FACTS, FactType> = {
  sumInsured: 'money',
  contractValue: 'money',
  loanPrincipal: 'money',
  loanInterest: 'money',
  headcount: 'integer',
  limit: 'money',
  termDays: 'integer',
  startDate: 'date',
  continuousYear: 'integer',
  retroactiveDate: 'date',
};

/** Checks one value (at `base`/`key`) against its fact type; true when it is absent or fits. */
function checkValue(
  type: FactType,
  value: unknown,
  base: string,
  key: string,
  errors: InputError[],
): boolean {
  if (value === undefined || value === null) return true;
  if (type === 'money') return checkMoney(value, base, key, errors);
  if (type === 'date' && typeof value === 'string') {
    const date = tryParseCalendarDate(value);
    if (!date.ok)
      errors.push(problem(pointer(base, key), date.error.code, date.error.reasonZh, date.error.reason));
    return date.ok;
  }
  if (fitsType(type, value)) return true;
  errors.push(
    problem(
      pointer(base, key),
      'input.fact_type',
      `应为${TYPE_ZH[type]}（${TYPE_HINT_ZH[type]}）`,
      `must be ${TYPE_HINT_EN[type]}`,
    ),
  );
  return false;
}

function fitsType(type: FactType, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'decimal':
      return (typeof value === 'string' || typeof value === 'number') && parseDecimal(value) !== undefined;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'set':
      return Array.isArray(value) && value.every((member) => typeof member === 'string');
    case 'date':
    case 'money':
      return false; // checked by their own parsers above
  }
}

const TYPE_HINT_ZH: Record<FactType, string> = {
  integer: '非负整数',
  decimal: '数字或十进制字符串',
  money: '元金额字符串',
  string: '字符串',
  set: '字符串数组',
  boolean: 'true 或 false',
  date: 'YYYY-MM-DD',
};

const TYPE_HINT_EN: Record<FactType, string> = {
  integer: 'a non-negative integer',
  decimal: 'a number or a decimal string',
  money: 'a yuan string',
  string: 'a string',
  set: 'a list of strings',
  boolean: 'true or false',
  date: 'a date YYYY-MM-DD',
};

function checkMoney(value: unknown, base: string, key: string, errors: InputError[]): boolean {
  if (typeof value !== 'string') {
    errors.push(
      problem(
        pointer(base, key),
        'input.fact_type',
        '金额应为以元为单位的字符串，如 "1234.56"',
        'An amount is a yuan string such as "1234.56"',
      ),
    );
    return false;
  }
  const parsed = tryParseYuan(value);
  if (!parsed.ok) {
    errors.push(problem(pointer(base, key), parsed.error.code, parsed.error.reasonZh, parsed.error.reason));
    return false;
  }
  if (parsed.fen < 0n) {
    errors.push(
      problem(pointer(base, key), 'input.money_negative', '金额不能为负数', 'An amount cannot be negative'),
    );
    return false;
  }
  return true;
}

function checkOptions(definition: ProductDefinition, options: unknown, errors: InputError[]): void {
  if (options === undefined || options === null) return;
  if (!isRecord(options)) {
    errors.push(shape('/request/options', 'options 应为对象', 'options must be an object'));
    return;
  }
  for (const key of Object.keys(options)) {
    const option = definition.options.find((declared) => declared.key === key);
    if (option !== undefined) checkOption(option, options[key], key, errors);
    else {
      const path = pointer('/request/options', key);
      errors.push(
        problem(path, 'input.unknown_option', `本产品没有选项 ${key}`, `The product has no option "${key}"`),
      );
    }
  }
}

function checkOption(option: ProductOption, value: unknown, key: string, errors: InputError[]): void {
  if (value === undefined || value === null) return;
  switch (option.type) {
    case 'boolean':
      if (typeof value !== 'boolean') wrongOptionType(option, errors);
      return;
    case 'choice':
      if (typeof value !== 'string') wrongOptionType(option, errors);
      else if (!(option.choices ?? []).includes(value)) {
        const choices = (option.choices ?? []).join(', ');
        errors.push(
          problem(
            pointer('/request/options', key),
            'input.option_choice',
            `${JSON.stringify(value)} 不是可选值（${choices}）`,
            `${JSON.stringify(value)} is not one of the choices (${choices})`,
          ),
        );
      }
      return;
    case 'money':
    case 'integer': {
      let amount: bigint | undefined;
      if (option.type === 'money' && typeof value === 'string') {
        if (!checkMoney(value, '/request/options', key, errors)) return;
        amount = moneyFen(value);
      } else if (Number.isSafeInteger(value)) {
        // A money option may also be given in whole yuan.
        amount = BigInt(value as number) * (option.type === 'money' ? 100n : 1n);
      }
      if (amount === undefined) {
        wrongOptionType(option, errors);
        return;
      }
      const min = option.min === undefined ? undefined : optionBound(option, option.min);
      const max = option.max === undefined ? undefined : optionBound(option, option.max);
      if ((min !== undefined && amount < min) || (max !== undefined && amount > max)) {
        const range = `${option.min ?? '…'} – ${option.max ?? '…'}`;
        errors.push(
          problem(
            pointer('/request/options', key),
            'input.option_range',
            `选项 ${option.key} 应在 ${range} 之间`,
            `The option ${option.key} must lie in ${range}`,
          ),
        );
      }
    }
  }
}

function wrongOptionType(option: ProductOption, errors: InputError[]): void {
  errors.push(
    problem(
      pointer('/request/options', option.key),
      'input.option_type',
      `选项 ${option.key} 应为${OPTION_TYPE_ZH[option.type]}`,
      `The option ${option.key} must be ${OPTION_TYPE_EN[option.type]}`,
    ),
  );
}

function optionBound(option: ProductOption, bound: string | number): bigint | undefined {
  return option.type === 'money' ? moneyFen(bound) : typeof bound === 'number' ? BigInt(bound) : undefined;
}

const OPTION_TYPE_ZH: Record<ProductOption['type'], string> = {
  choice: '可选值之一（字符串）',
  money: '元金额字符串',
  integer: '整数',
  boolean: 'true 或 false',
};

const OPTION_TYPE_EN: Record<ProductOption['type'], string> = {
  choice: 'one of its choices (a string)',
  money: 'a yuan string',
  integer: 'an integer',
  boolean: 'true or false',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shape(path: string, zh: string, en: string): InputError {
  return problem(path, 'input.shape', zh, en);
}
