import type { Condition, ConditionOperator, ProductDefinition } from './definition.ts';
import { type DefinitionError, pointer, problem } from './definition-error.ts';
import { type FactTypeOf, OPTION_FACT_PREFIX, optionOfFact } from './fact-types.ts';
import { compareOrdinals, ORDERED_TYPES, ordinalOf } from './fact-values.ts';
import type { FactType } from './facts.ts';

/**
 * Checks every rule condition against the fact dictionary: the fact exists (or is a declared option),
 * the operator applies to its type, and each value is of that type — so a typo in a product file fails
 * when the file is read, not when the first quote is priced.
 */
export function checkRuleConditions(
  definition: ProductDefinition,
  typeOf: FactTypeOf,
  errors: DefinitionError[],
): void {
  const check = (condition: Condition, path: string) =>
    checkCondition(definition, typeOf, condition, path, errors);
  definition.eligibility.forEach((rule, i) => {
    check(rule.when, pointer('/eligibility', i, 'when'));
  });
  definition.underwriting.forEach((rule, i) => {
    check(rule.when, pointer('/underwriting', i, 'when'));
  });
}

/** Reports an unknown fact at `path` and answers its type when it is known. */
export function checkFact(
  typeOf: FactTypeOf,
  fact: string,
  path: string,
  errors: DefinitionError[],
): FactType | undefined {
  const type = typeOf(fact);
  if (type !== undefined) return type;
  if (fact.startsWith(OPTION_FACT_PREFIX)) {
    const key = fact.slice(OPTION_FACT_PREFIX.length);
    errors.push(
      problem(
        path,
        'definition.unknown_fact',
        `产品未声明选项 ${key}`,
        `The product declares no option "${key}"`,
      ),
    );
  } else {
    errors.push(
      problem(
        path,
        'definition.unknown_fact',
        `事实字典中没有 ${fact}`,
        `${fact} is not in the fact dictionary`,
      ),
    );
  }
  return undefined;
}

function checkCondition(
  definition: ProductDefinition,
  typeOf: FactTypeOf,
  condition: Condition,
  path: string,
  errors: DefinitionError[],
): void {
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    const key = 'all' in condition ? 'all' : 'any';
    parts.forEach((part, i) => {
      checkCondition(definition, typeOf, part, pointer(path, key, i), errors);
    });
    return;
  }
  if ('not' in condition) {
    checkCondition(definition, typeOf, condition.not, pointer(path, 'not'), errors);
    return;
  }
  const type = checkFact(typeOf, condition.fact, pointer(path, 'fact'), errors);
  if (type === undefined) return;
  const { op } = condition;
  if (!operatorFits(op, type)) {
    errors.push(
      problem(
        pointer(path, 'op'),
        'definition.operator_type',
        `运算符 ${op} 不适用于${TYPE_ZH[type]}类事实 ${condition.fact}`,
        `The operator ${op} does not apply to the ${type} fact ${condition.fact}`,
      ),
    );
    return;
  }
  const choices = optionOfFact(definition, condition.fact)?.choices;
  const checkValue = (value: unknown, at: string) => {
    const valueType = type === 'set' ? 'string' : type;
    if (ordinalOf(valueType, value) === undefined) {
      errors.push(
        problem(
          at,
          'definition.value_type',
          `${JSON.stringify(value)} 不是${TYPE_ZH[type]}类事实 ${condition.fact} 的取值（${VALUE_HINT_ZH[type]}）`,
          `${JSON.stringify(value)} is not a value of the ${type} fact ${condition.fact} (${VALUE_HINT_EN[type]})`,
        ),
      );
      return false;
    }
    if (choices !== undefined && typeof value === 'string' && !choices.includes(value)) {
      errors.push(
        problem(
          at,
          'definition.value_type',
          `${JSON.stringify(value)} 不是选项的可选值（${choices.join('、')}）`,
          `${JSON.stringify(value)} is not one of the option's choices (${choices.join(', ')})`,
        ),
      );
      return false;
    }
    return true;
  };
  if (op === 'between') {
    const minFine = checkValue(condition.min, pointer(path, 'min'));
    const maxFine = checkValue(condition.max, pointer(path, 'max'));
    const min = ordinalOf(type, condition.min);
    const max = ordinalOf(type, condition.max);
    if (minFine && maxFine && min !== undefined && max !== undefined && compareOrdinals(min, max) > 0) {
      errors.push(
        problem(
          pointer(path, 'min'),
          'definition.between_order',
          'between 的 min 不能大于 max',
          'between needs min ≤ max',
        ),
      );
    }
  } else if ('values' in condition) {
    condition.values.forEach((value, i) => {
      checkValue(value, pointer(path, 'values', i));
    });
    if (op === 'contains' && condition.values.length !== 1) {
      errors.push(
        problem(
          pointer(path, 'values'),
          'definition.contains_one_value',
          'contains 只接受一个值；多个值请用 contains_all 或 contains_any',
          'contains takes exactly one value; use contains_all or contains_any for several',
        ),
      );
    }
  } else if ('value' in condition) {
    checkValue(condition.value, pointer(path, 'value'));
  }
}

function operatorFits(op: ConditionOperator, type: FactType): boolean {
  switch (op) {
    case 'eq':
    case 'ne':
      return type !== 'set';
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between':
      return ORDERED_TYPES.has(type);
    case 'in':
    case 'not_in':
      return type === 'string' || type === 'integer';
    case 'contains':
    case 'contains_any':
    case 'contains_all':
      return type === 'set';
    case 'exists':
    case 'missing':
      return true;
  }
}

export const TYPE_ZH: Record<FactType, string> = {
  integer: '整数',
  decimal: '小数',
  money: '金额',
  string: '文本',
  set: '集合',
  boolean: '布尔',
  date: '日期',
};

const VALUE_HINT_ZH: Record<FactType, string> = {
  integer: '应为整数',
  decimal: '应为数字或十进制字符串，如 "0.85"',
  money: '应为元金额字符串，如 "200000000.00"，或整数元',
  string: '应为字符串',
  set: '应为字符串',
  boolean: '应为 true 或 false',
  date: '应为 YYYY-MM-DD 的有效日期',
};

const VALUE_HINT_EN: Record<FactType, string> = {
  integer: 'an integer',
  decimal: 'a number or a decimal string such as "0.85"',
  money: 'a yuan string such as "200000000.00", or whole yuan',
  string: 'a string',
  set: 'a string',
  boolean: 'true or false',
  date: 'a valid date YYYY-MM-DD',
};
