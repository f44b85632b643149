import type { Condition } from './definition.ts';
import { builtInFactType, type FactTypeOf } from './fact-types.ts';
import { compareOrdinals, ORDERED_TYPES, type Ordinal, ordinalOf, sameOrdinal } from './fact-values.ts';
import type { Facts, FactType } from './facts.ts';

/*
 * The rule language (规则语言)
 * ===========================
 *
 * Eligibility and underwriting rules are conditions written as data in the product file, never code.
 * A condition is one of:
 *
 *   { all: [c1, c2, …] }                       every part holds
 *   { any: [c1, c2, …] }                       at least one part holds
 *   { not: c }                                 the part does not hold
 *   { fact, op: eq|ne|lt|lte|gt|gte, value }   a comparison with one value
 *   { fact, op: between, min, max }            min ≤ fact ≤ max, both ends inclusive
 *   { fact, op: in|not_in, values }            the fact is (not) one of the values (string, integer)
 *   { fact, op: contains, values: [v] }        a set fact holds v (exactly one value)
 *   { fact, op: contains_any|contains_all, values }   a set fact holds any / all of the values
 *   { fact, op: exists|missing }               the fact was (not) given
 *
 * Three-valued logic. A quote often arrives before every fact is known, so a condition is 'true', 'false'
 * or 'unknown' — never a guess:
 *
 *   - a comparison over a fact that was not given (absent or null) is 'unknown', and the fact is reported
 *     as missing; so is a fact whose value is not of its type (validated input never has one);
 *   - all: 'false' if any part is 'false'; otherwise 'unknown' if any part is 'unknown'; otherwise 'true';
 *   - any: 'true' if any part is 'true'; otherwise 'unknown' if any part is 'unknown'; otherwise 'false';
 *   - not: flips 'true' and 'false', keeps 'unknown' (not-unknown is still unknown);
 *   - exists / missing are never 'unknown': whether a fact was given is always known.
 *
 * Only the facts that decide the outcome are reported missing. For { all: [trl ≥ 7, grade = 'D'] } with
 * the TRL absent and the grade 'B', the result is 'false' and nothing is missing: no TRL could make it
 * hold. With the grade 'D' it is 'unknown' and enterprise.trl is missing.
 *
 * How values compare, by the fact's type (facts.ts):
 *
 *   integer  as numbers                         { fact: enterprise.trl, op: lt, value: 7 }
 *   decimal  exactly, as scaled decimals         { fact: enterprise.lossRatioLast3Years, op: gt, value: '0.8' }
 *   money    as fen (bigint): yuan strings or whole yuan
 *                                               { fact: request.contractValue, op: gt, value: '200000000.00' }
 *   date     as calendar dates                   { fact: request.startDate, op: gte, value: '2026-01-01' }
 *   string   by equality only (eq, ne, in, not_in)
 *                                               { fact: enterprise.creditGrade, op: in, values: [C, D] }
 *   boolean  by equality (eq, ne)                { not: { fact: enterprise.dishonest, op: eq, value: true } }
 *   set      by membership (contains*)           { fact: enterprise.qualifications, op: contains_any,
 *                                                 values: [high_tech_enterprise, little_giant] }
 *
 * So 'ne' and 'not_in' are comparisons too: with the grade absent, { grade ne 'D' } is 'unknown', not 'true'.
 * To treat an absent fact as acceptable, say so: { any: [{ fact, op: missing }, { fact, op: ne, value }] }.
 *
 * validateDefinition checks every fact, operator and value against the dictionary when a product is read,
 * so compiling a validated condition cannot fail; compiling an unvalidated one throws a TypeError.
 */

export type Truth = 'true' | 'false' | 'unknown';

/**
 * A condition compiled once per product: operands parsed, fact types looked up. `missing` collects the
 * facts that made the answer 'unknown' (it is only appended to, and cut back when a part turns out not to
 * matter), so a quote allocates nothing for the conditions that hold.
 */
export type CompiledCondition = (facts: Facts, missing: string[]) => Truth;

/** A condition's answer and, when it is 'unknown', the facts to ask for (each once, in rule order). */
export interface ConditionEvaluation {
  result: Truth;
  missingFacts: string[];
}

/**
 * Evaluates a condition once. Fact types come from the built-in dictionary unless told (pass
 * factTypeResolver(definition) for a product's options). For many quotes, compile it with
 * compileCondition instead.
 */
export function evaluateCondition(
  condition: Condition,
  facts: Facts,
  typeOf: FactTypeOf = builtInFactType,
): ConditionEvaluation {
  const missing: string[] = [];
  const result = compileCondition(condition, typeOf)(facts, missing);
  return { result, missingFacts: [...new Set(missing)] };
}

export function compileCondition(
  condition: Condition,
  typeOf: FactTypeOf = builtInFactType,
): CompiledCondition {
  if ('all' in condition) return compileAll(condition.all.map((part) => compileCondition(part, typeOf)));
  if ('any' in condition) return compileAny(condition.any.map((part) => compileCondition(part, typeOf)));
  if ('not' in condition) return compileNot(compileCondition(condition.not, typeOf));
  const type = typeOf(condition.fact);
  if (type === undefined)
    throw new TypeError(`unknown fact ${condition.fact}: validate the definition first`);
  switch (condition.op) {
    case 'exists':
    case 'missing': {
      const { fact } = condition;
      const when = condition.op === 'exists';
      return (facts) => (((facts[fact] ?? null) !== null) === when ? 'true' : 'false');
    }
    case 'between':
      return compileBetween(condition.fact, type, operand(type, condition.min), operand(type, condition.max));
    case 'in':
    case 'not_in':
      return compileIn(
        condition.fact,
        type,
        condition.values.map((value) => operand(type, value)),
        condition.op,
      );
    case 'contains':
    case 'contains_any':
    case 'contains_all':
      return compileContains(condition.fact, condition.values.map(String), condition.op);
    default:
      return compileComparison(condition.fact, type, condition.op, operand(type, condition.value));
  }
}

function compileAll(parts: CompiledCondition[]): CompiledCondition {
  return (facts, missing) => {
    const mark = missing.length;
    let unknown = false;
    for (const part of parts) {
      const result = part(facts, missing);
      if (result === 'false') {
        missing.length = mark; // decided: what else is missing no longer matters
        return 'false';
      }
      if (result === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'true';
  };
}

function compileAny(parts: CompiledCondition[]): CompiledCondition {
  return (facts, missing) => {
    const mark = missing.length;
    let unknown = false;
    for (const part of parts) {
      const result = part(facts, missing);
      if (result === 'true') {
        missing.length = mark;
        return 'true';
      }
      if (result === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'false';
  };
}

function compileNot(part: CompiledCondition): CompiledCondition {
  return (facts, missing) => {
    const result = part(facts, missing);
    return result === 'true' ? 'false' : result === 'false' ? 'true' : 'unknown';
  };
}

function operand(type: FactType, value: string | number | boolean): Ordinal {
  const ordinal = ordinalOf(type, value);
  if (ordinal === undefined)
    throw new TypeError(`${JSON.stringify(value)} is not a ${type}: validate the definition first`);
  return ordinal;
}

/** Reads a fact as an ordinal, or records it as missing (absent, null or not of its type). */
function read(facts: Facts, fact: string, type: FactType, missing: string[]): Ordinal | undefined {
  const value = facts[fact];
  const ordinal = value === undefined || value === null ? undefined : ordinalOf(type, value);
  if (ordinal === undefined) missing.push(fact);
  return ordinal;
}

function compileComparison(
  fact: string,
  type: FactType,
  op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte',
  value: Ordinal,
): CompiledCondition {
  if (op === 'eq' || op === 'ne') {
    if (type === 'set') throw new TypeError(`${op} does not apply to the set fact ${fact}: use contains`);
    const equal = op === 'eq';
    return (facts, missing) => {
      const actual = read(facts, fact, type, missing);
      if (actual === undefined) return 'unknown';
      return sameOrdinal(actual, value) === equal ? 'true' : 'false';
    };
  }
  if (!ORDERED_TYPES.has(type)) throw new TypeError(`${op} does not apply to the ${type} fact ${fact}`);
  const holds = ORDER_TESTS[op];
  return (facts, missing) => {
    const actual = read(facts, fact, type, missing);
    if (actual === undefined) return 'unknown';
    return holds(compareOrdinals(actual, value)) ? 'true' : 'false';
  };
}

const ORDER_TESTS: Record<'lt' | 'lte' | 'gt' | 'gte', (sign: number) => boolean> = {
  lt: (sign) => sign < 0,
  lte: (sign) => sign <= 0,
  gt: (sign) => sign > 0,
  gte: (sign) => sign >= 0,
};

function compileBetween(fact: string, type: FactType, min: Ordinal, max: Ordinal): CompiledCondition {
  if (!ORDERED_TYPES.has(type)) throw new TypeError(`between does not apply to the ${type} fact ${fact}`);
  return (facts, missing) => {
    const actual = read(facts, fact, type, missing);
    if (actual === undefined) return 'unknown';
    return compareOrdinals(actual, min) >= 0 && compareOrdinals(actual, max) <= 0 ? 'true' : 'false';
  };
}

function compileIn(fact: string, type: FactType, values: Ordinal[], op: 'in' | 'not_in'): CompiledCondition {
  if (type !== 'string' && type !== 'integer')
    throw new TypeError(`${op} does not apply to the ${type} fact ${fact}`);
  const members = new Set(values);
  const inside = op === 'in';
  return (facts, missing) => {
    const actual = read(facts, fact, type, missing);
    if (actual === undefined) return 'unknown';
    return members.has(actual) === inside ? 'true' : 'false';
  };
}

function compileContains(
  fact: string,
  values: string[],
  op: 'contains' | 'contains_any' | 'contains_all',
): CompiledCondition {
  const needsAll = op !== 'contains_any';
  return (facts, missing) => {
    const actual = facts[fact];
    if (!Array.isArray(actual) || !actual.every((member) => typeof member === 'string')) {
      missing.push(fact);
      return 'unknown';
    }
    const set: readonly string[] = actual;
    const holds = needsAll
      ? values.every((value) => set.includes(value))
      : values.some((value) => set.includes(value));
    return holds ? 'true' : 'false';
  };
}
