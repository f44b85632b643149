import { groupYuan, normaliseYuan } from '../format/money.ts';
import type { ComparisonOperator, Condition, FactCondition, Scalar, SetOperator } from './definition.ts';
import type { FactType } from './vocabulary.ts';

/** The sentence pieces a condition is written with (`products.condition.*` in the i18n files). */
export type ConditionWord =
  | 'and'
  | 'or'
  | 'group'
  | 'not'
  | 'compare'
  | 'between'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'containsAny'
  | 'containsAll'
  | 'exists'
  | 'missing'
  | 'listSeparator'
  | 'yes'
  | 'no'
  | 'money';

/** What the sentence pieces are filled with (a type literal: i18next's options want an index signature). */
export type ConditionVars = {
  fact?: string;
  op?: string;
  value?: string;
  min?: string;
  max?: string;
  values?: string;
  text?: string;
  amount?: string;
};

export interface ConditionVocabulary {
  /** The fact as people call it: 职工总数 for `enterprise.staff`. */
  label(fact: string): string;
  /** The fact's type, for writing its values (amounts in ¥, booleans as 是/否). */
  type(fact: string): FactType | undefined;
  word(key: ConditionWord, vars?: ConditionVars): string;
}

const symbols: Record<ComparisonOperator, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
};

const setWords: Record<SetOperator, ConditionWord> = {
  in: 'in',
  not_in: 'notIn',
  contains: 'contains',
  contains_any: 'containsAny',
  contains_all: 'containsAll',
};

/**
 * The opposite of a condition over one fact, when the rule language has it. Under the language's
 * three-valued logic these are exact: `not (a = x)` is `a ≠ x` (both unknown when `a` is not given),
 * `not exists` is `missing`.
 */
function negated(leaf: FactCondition): FactCondition | null {
  switch (leaf.op) {
    case 'eq':
      return { ...leaf, op: 'ne' };
    case 'ne':
      return { ...leaf, op: 'eq' };
    case 'lt':
      return { ...leaf, op: 'gte' };
    case 'lte':
      return { ...leaf, op: 'gt' };
    case 'gt':
      return { ...leaf, op: 'lte' };
    case 'gte':
      return { ...leaf, op: 'lt' };
    case 'in':
      return { ...leaf, op: 'not_in' };
    case 'not_in':
      return { ...leaf, op: 'in' };
    case 'exists':
      return { ...leaf, op: 'missing' };
    case 'missing':
      return { ...leaf, op: 'exists' };
    default:
      return null;
  }
}

function valueText(fact: string, value: Scalar, words: ConditionVocabulary): string {
  if (typeof value === 'boolean') return words.word(value ? 'yes' : 'no');
  if (words.type(fact) === 'money') {
    const yuan = typeof value === 'number' ? `${value}` : value;
    const amount = normaliseYuan(yuan);
    return amount === null ? String(value) : words.word('money', { amount: groupYuan(amount) });
  }
  return String(value);
}

function leafText(leaf: FactCondition, words: ConditionVocabulary): string {
  const fact = words.label(leaf.fact);
  const value = (v: Scalar) => valueText(leaf.fact, v, words);
  switch (leaf.op) {
    case 'between':
      return words.word('between', { fact, min: value(leaf.min), max: value(leaf.max) });
    case 'in':
    case 'not_in':
    case 'contains':
    case 'contains_any':
    case 'contains_all': {
      const values = leaf.values.map(value).join(words.word('listSeparator'));
      return words.word(setWords[leaf.op], { fact, values });
    }
    case 'exists':
    case 'missing':
      return words.word(leaf.op, { fact });
    default:
      return words.word('compare', { fact, op: symbols[leaf.op], value: value(leaf.value) });
  }
}

function isCompound(condition: Condition): boolean {
  return 'all' in condition || 'any' in condition;
}

function partText(condition: Condition, words: ConditionVocabulary): string {
  const text = conditionText(condition, words);
  return isCompound(condition) ? words.word('group', { text }) : text;
}

/**
 * A condition in plain words: `{ all: [staff ≤ 500, not dishonest] }` → "职工总数 ≤ 500 且 严重失信记录 ≠ 是".
 * Nested all/any are put in brackets so the reading is never ambiguous.
 */
export function conditionText(condition: Condition, words: ConditionVocabulary): string {
  if ('all' in condition)
    return condition.all.map((part) => partText(part, words)).join(` ${words.word('and')} `);
  if ('any' in condition)
    return condition.any.map((part) => partText(part, words)).join(` ${words.word('or')} `);
  if ('not' in condition) {
    const inner = condition.not;
    if ('fact' in inner) {
      const opposite = negated(inner);
      if (opposite) return leafText(opposite, words);
    }
    const text = conditionText(inner, words);
    return words.word('not', { text: 'fact' in inner ? text : words.word('group', { text }) });
  }
  return leafText(condition, words);
}
