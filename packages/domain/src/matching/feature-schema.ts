import {
  type Condition,
  type EnterpriseFactName,
  enterpriseFacts,
  type FactCondition,
  type FactType,
  type ProductDefinition,
  statisticalClasses,
} from '../catalog/index.ts';
import { parseDecimal } from '../catalog/scaled-decimal.ts';

/**
 * How each enterprise fact sits in a feature row (特征向量): one Float64 column per fact, NaN when the
 * fact is not known.
 *
 * - integer: the number; boolean: 1 or 0; date: days since 1970-01-01;
 * - money: fen (whole numbers below 2^53 are exact in a double, so comparisons are exact to the fen);
 * - decimal: fixed point at the fact's `scale` (the most decimals any rule's constant has), doubled,
 *   plus one when the value has more decimals than that: 0.85 at scale 2 is 170, 0.851 is 171 — between
 *   0.85 (170) and 0.86 (172), so every comparison with a constant stays exact;
 * - string: a dictionary code, 1… in the order of `values`; 0 for a value no rule names;
 * - set: `words` columns of 32 membership bits (as signed int32) over `values`; members no rule or
 *   vocabulary names are dropped, since no rule can ask about them.
 */
export type FactEncoding =
  | { readonly type: 'integer' | 'money' | 'boolean' | 'date'; readonly column: number }
  | { readonly type: 'decimal'; readonly column: number; readonly scale: number }
  | {
      readonly type: 'string' | 'set';
      readonly column: number;
      readonly values: readonly string[];
      /** string: value → code (1…); set: value → bit number (0…). */
      readonly codes: ReadonlyMap<string, number>;
      /** Columns taken: 1 for a string, ⌈values / 32⌉ (at least 1) for a set. */
      readonly words: number;
    };

export interface FeatureSchema {
  /** Columns per row. */
  readonly width: number;
  readonly facts: Readonly<Record<EnterpriseFactName, FactEncoding>>;
  /** 1 when the enterprise consented to be shown to insurers as a lead (双向互推同意), else 0. */
  readonly consentColumn: number;
  /** Four columns of class-preference points in `statisticalClasses` order (classPreferences). */
  readonly preferenceColumn: number;
  /** A name per column, for people and for the benchmark's file header. */
  readonly columns: readonly string[];
}

/** Known values of string and set facts, beyond those the products name (stable codes for known words). */
export type Vocabularies = Partial<Record<EnterpriseFactName, readonly string[]>>;

const WORD_BITS = 32;
const MAX_DECIMAL_SCALE = 10;

/**
 * The encoding for a catalogue: dictionaries from the values the products' rules name plus the known
 * vocabularies, decimal scales from their constants. Encode enterprises and compile products with the
 * same schema; when a new product names a new value, build a new schema and encode again.
 */
export function buildFeatureSchema(
  definitions: readonly ProductDefinition[],
  vocabularies: Vocabularies = {},
): FeatureSchema {
  const named = new Map<string, Set<string>>();
  const scales = new Map<string, number>();
  const visit = (condition: Condition): void => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if ('not' in condition) visit(condition.not);
    else if (Object.hasOwn(enterpriseFacts, condition.fact)) {
      const type: FactType = enterpriseFacts[condition.fact as EnterpriseFactName].type;
      const operands = operandsOf(condition);
      if (type === 'string' || type === 'set') {
        const values = named.get(condition.fact) ?? new Set<string>();
        for (const value of operands) values.add(String(value));
        named.set(condition.fact, values);
      } else if (type === 'decimal') {
        for (const value of operands) {
          const scale = typeof value === 'boolean' ? 0 : (parseDecimal(value)?.scale ?? 0);
          scales.set(condition.fact, Math.max(scales.get(condition.fact) ?? 0, scale));
        }
      }
    }
  };
  for (const definition of definitions) {
    for (const rule of [...definition.eligibility, ...definition.underwriting]) visit(rule.when);
  }

  const facts: Partial<Record<EnterpriseFactName, FactEncoding>> = {};
  const columns: string[] = [];
  for (const [fact, { type }] of Object.entries(enterpriseFacts) as [
    EnterpriseFactName,
    { type: FactType },
  ][]) {
    const column = columns.length;
    if (type === 'string' || type === 'set') {
      const values = [...new Set([...(vocabularies[fact] ?? []), ...(named.get(fact) ?? [])])].sort();
      const base = type === 'string' ? 1 : 0;
      const codes = new Map(values.map((value, i) => [value, i + base]));
      const words = type === 'string' ? 1 : Math.max(1, Math.ceil(values.length / WORD_BITS));
      facts[fact] = { type, column, values, codes, words };
      for (let word = 0; word < words; word++) columns.push(words === 1 ? fact : `${fact}#${word}`);
    } else if (type === 'decimal') {
      facts[fact] = { type, column, scale: Math.min(scales.get(fact) ?? 0, MAX_DECIMAL_SCALE) };
      columns.push(fact);
    } else {
      facts[fact] = { type, column };
      columns.push(fact);
    }
  }
  const consentColumn = columns.length;
  columns.push('consent');
  const preferenceColumn = columns.length;
  for (const statisticalClass of statisticalClasses) columns.push(`preference.${statisticalClass}`);
  return {
    width: columns.length,
    facts: facts as Record<EnterpriseFactName, FactEncoding>,
    consentColumn,
    preferenceColumn,
    columns,
  };
}

/** The column of a set fact's word holding a value's bit, and the bit's mask (signed int32). */
export function setBit(encoding: FactEncoding, value: string): { column: number; mask: number } | undefined {
  if (encoding.type !== 'set') return undefined;
  const bit = encoding.codes.get(value);
  if (bit === undefined) return undefined;
  return { column: encoding.column + Math.floor(bit / WORD_BITS), mask: (1 << (bit % WORD_BITS)) | 0 };
}

/** The constants a condition over one fact compares with. */
export function operandsOf(condition: FactCondition): (string | number | boolean)[] {
  if ('values' in condition) return [...condition.values];
  if ('min' in condition) return [condition.min, condition.max];
  if ('value' in condition) return [condition.value];
  return [];
}
