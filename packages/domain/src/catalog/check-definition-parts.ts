import { isValidUscc } from '../org/index.ts';
import { type CalendarDate, compareDates, tryParseCalendarDate } from '../time/index.ts';
import type { ProductDefinition, ProductOption, StatisticalClass } from './definition.ts';
import { type DefinitionError, pointer, problem } from './definition-error.ts';
import { moneyFen } from './fact-values.ts';

/** The class letters of a product code (KB-AP-…) and the statistical class they stand for. */
export const CODE_CLASSES: Readonly<Record<string, StatisticalClass>> = {
  RD: 'rd_transfer',
  AP: 'application',
  IP: 'intellectual_property',
  BR: 'base',
};

/** Identity, dates and the writer: code prefix ↔ class, a valid USCC, an effective period that runs forward. */
export function checkIdentity(definition: ProductDefinition, errors: DefinitionError[]): void {
  const letters = definition.code.split('-')[1] ?? '';
  if (CODE_CLASSES[letters] !== definition.statisticalClass) {
    errors.push(
      problem(
        '/code',
        'definition.code_class_mismatch',
        `产品代码 KB-${letters} 与统计类别 ${definition.statisticalClass} 不符`,
        `The code KB-${letters} does not match the statistical class ${definition.statisticalClass}`,
      ),
    );
  }
  if ('insurer' in definition.writer && !isValidUscc(definition.writer.insurer)) {
    errors.push(
      problem(
        '/writer/insurer',
        'definition.writer_uscc',
        '保险公司的统一社会信用代码校验位不正确',
        "The insurer's unified social credit code fails its check character",
      ),
    );
  }
  const from = calendarDate(definition.effective.from, '/effective/from', errors);
  const to =
    definition.effective.to === undefined
      ? undefined
      : calendarDate(definition.effective.to, '/effective/to', errors);
  if (from !== undefined && to !== undefined && compareDates(to, from) <= 0) {
    errors.push(
      problem(
        '/effective/to',
        'definition.effective_order',
        '失效日应晚于生效日',
        'effective.to must come after effective.from',
      ),
    );
  }
}

/** Options: choices where they belong, defaults and bounds of the option's type, unique keys. */
export function checkOptions(definition: ProductDefinition, errors: DefinitionError[]): void {
  duplicates(
    definition.options.map((option) => option.key),
    '/options',
    'key',
    errors,
  );
  definition.options.forEach((option, i) => {
    checkOption(option, pointer('/options', i), errors);
  });
}

function checkOption(option: ProductOption, path: string, errors: DefinitionError[]): void {
  const say = (at: string, code: string, zh: string, en: string) => errors.push(problem(at, code, zh, en));
  if (option.type === 'choice' && option.choices === undefined) {
    say(
      pointer(path, 'choices'),
      'definition.option_choices_missing',
      '选择型选项需要 choices',
      'A choice option needs choices',
    );
  }
  if (option.type !== 'choice' && option.choices !== undefined) {
    say(
      pointer(path, 'choices'),
      'definition.option_choices_unexpected',
      `${option.type} 型选项不接受 choices`,
      `A ${option.type} option takes no choices`,
    );
  }
  duplicates(
    option.choices ?? [],
    pointer(path, 'choices'),
    undefined,
    errors,
    'definition.option_choice_duplicate',
  );
  const numeric = option.type === 'money' || option.type === 'integer';
  const bound = (value: string | number | undefined, at: string) => {
    if (value === undefined) return undefined;
    const amount =
      option.type === 'money' ? moneyFen(value) : Number.isSafeInteger(value) ? BigInt(value) : undefined;
    if (numeric && amount !== undefined) return amount;
    say(
      at,
      'definition.option_bounds',
      numeric
        ? `取值应为${option.type === 'money' ? '金额' : '整数'}`
        : `${option.type} 型选项不接受 min/max`,
      numeric
        ? `must be ${option.type === 'money' ? 'an amount' : 'an integer'}`
        : `A ${option.type} option takes no min or max`,
    );
    return undefined;
  };
  const min = bound(option.min, pointer(path, 'min'));
  const max = bound(option.max, pointer(path, 'max'));
  if (min !== undefined && max !== undefined && min > max) {
    say(pointer(path, 'min'), 'definition.option_range', 'min 不能大于 max', 'min must not exceed max');
  }
  // A choice option without choices is reported once, above, not again through its default.
  const judgeable = option.type !== 'choice' || option.choices !== undefined;
  if (option.default !== undefined && judgeable && !defaultFits(option, option.default, min, max)) {
    say(
      pointer(path, 'default'),
      'definition.option_default',
      option.choices === undefined
        ? `默认值应为 ${option.type} 型且在范围内`
        : `默认值应为可选值之一：${option.choices.join('、')}`,
      option.choices === undefined
        ? `The default must be a ${option.type} within the bounds`
        : `The default must be one of the choices: ${option.choices.join(', ')}`,
    );
  }
}

function defaultFits(
  option: ProductOption,
  value: string | number | boolean,
  min: bigint | undefined,
  max: bigint | undefined,
): boolean {
  switch (option.type) {
    case 'choice':
      return typeof value === 'string' && (option.choices ?? []).includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'money':
    case 'integer': {
      const amount =
        option.type === 'money'
          ? moneyFen(value)
          : Number.isSafeInteger(value)
            ? BigInt(value as number)
            : undefined;
      return (
        amount !== undefined && (min === undefined || amount >= min) && (max === undefined || amount <= max)
      );
    }
  }
}

/** Sections: unique keys, a fixed limit with its amount, a deductible option that exists. */
export function checkSections(definition: ProductDefinition, errors: DefinitionError[]): void {
  duplicates(
    definition.sections.map((section) => section.key),
    '/sections',
    'key',
    errors,
  );
  const optionKeys = new Set(definition.options.map((option) => option.key));
  definition.sections.forEach((section, i) => {
    const path = pointer('/sections', i);
    if (section.limit.basis === 'fixed' && section.limit.amount === undefined) {
      errors.push(
        problem(
          pointer(path, 'limit', 'amount'),
          'definition.limit_amount_missing',
          '固定限额需要 amount',
          'A fixed limit needs its amount',
        ),
      );
    }
    const { deductible } = section;
    if (deductible?.type === 'option' && !optionKeys.has(deductible.option)) {
      errors.push(
        problem(
          pointer(path, 'deductible', 'option'),
          'definition.deductible_option',
          `免赔额引用的选项 ${deductible.option} 未声明`,
          `The deductible names an option "${deductible.option}" the product does not declare`,
        ),
      );
    }
    duplicates(
      (section.sublimits ?? []).map((sublimit) => sublimit.key),
      pointer(path, 'sublimits'),
      'key',
      errors,
    );
  });
}

/** Keys and reasons that must be unique: factors, eligibility reasons, underwriting reasons. */
export function checkUniqueness(definition: ProductDefinition, errors: DefinitionError[]): void {
  duplicates(
    definition.rating.factors.map((factor) => factor.key),
    '/rating/factors',
    'key',
    errors,
  );
  const reasonCode = 'definition.duplicate_reason';
  duplicates(
    definition.eligibility.map((rule) => rule.reason),
    '/eligibility',
    'reason',
    errors,
    reasonCode,
  );
  duplicates(
    definition.underwriting.map((rule) => rule.reason),
    '/underwriting',
    'reason',
    errors,
    reasonCode,
  );
}

/** Reports each repeat of an earlier value at its own position (`<list>/<i>/<field>`). */
function duplicates(
  values: readonly string[],
  list: string,
  field: string | undefined,
  errors: DefinitionError[],
  code = 'definition.duplicate_key',
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (!seen.has(value)) {
      seen.add(value);
      return;
    }
    errors.push(
      problem(
        field === undefined ? pointer(list, i) : pointer(list, i, field),
        code,
        `${JSON.stringify(value)} 重复`,
        `${JSON.stringify(value)} appears more than once`,
      ),
    );
  });
}

function calendarDate(text: string, path: string, errors: DefinitionError[]): CalendarDate | undefined {
  const parsed = tryParseCalendarDate(text);
  if (parsed.ok) return parsed.date;
  errors.push(problem(path, 'definition.effective_date', parsed.error.reasonZh, parsed.error.reason));
  return undefined;
}
