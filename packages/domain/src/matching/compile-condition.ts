import { moneyFen } from '../catalog/fact-values.ts';
import {
  type Condition,
  type EnterpriseFactName,
  enterpriseFacts,
  type FactCondition,
} from '../catalog/index.ts';
import { parseDecimal } from '../catalog/scaled-decimal.ts';
import { toDayNumber, tryParseCalendarDate } from '../time/index.ts';
import { encodeDecimal, SATURATION } from './encode-enterprise.ts';
import { type FactEncoding, type FeatureSchema, setBit } from './feature-schema.ts';
import { LeafKind } from './program-code.ts';

/**
 * A rule's condition as matching sees it: the same tree, with every condition over an enterprise fact
 * turned into a leaf of the leaf table, and every condition over the request (`request.*`, options) kept
 * as `awaits`: unknown until a quote is asked for — it never excludes a product, it is a reason.
 * A `not` directly over a fact condition becomes the negated leaf.
 */
export type MatchCondition =
  | { readonly leaf: number; readonly fact: string }
  | { readonly awaits: string }
  | { readonly all: readonly MatchCondition[] }
  | { readonly any: readonly MatchCondition[] }
  | { readonly not: MatchCondition };

/** The leaves of many programs, each distinct leaf once (products share most of theirs). */
export class LeafTable {
  readonly leaves: number[] = [];
  readonly constants: number[] = [];
  private readonly index = new Map<string, number>();

  add(kind: LeafKind, negate: boolean, column: number, constants: readonly number[], mask = 0): number {
    const key = `${kind}:${negate ? 1 : 0}:${column}:${mask}:${constants.join(',')}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const at = this.leaves.length / 5;
    const constantAt = this.constants.length;
    this.constants.push(...constants);
    const [a, b] =
      kind === LeafKind.SET_ANY || kind === LeafKind.SET_ALL ? [mask, 0] : [constantAt, constants.length];
    this.leaves.push(kind, negate ? 1 : 0, column, a, b);
    this.index.set(key, at);
    return at;
  }

  get count(): number {
    return this.leaves.length / 5;
  }
}

export function isEnterpriseFact(fact: string): fact is EnterpriseFactName {
  return Object.hasOwn(enterpriseFacts, fact);
}

/** A definition's condition as a MatchCondition, its leaves added to `table`. */
export function compileMatchCondition(
  schema: FeatureSchema,
  table: LeafTable,
  condition: Condition,
  negated = false,
): MatchCondition {
  if ('all' in condition || 'any' in condition) {
    const node: MatchCondition =
      'all' in condition
        ? { all: condition.all.map((part) => compileMatchCondition(schema, table, part)) }
        : { any: condition.any.map((part) => compileMatchCondition(schema, table, part)) };
    return negated ? { not: node } : node;
  }
  if ('not' in condition) return compileMatchCondition(schema, table, condition.not, !negated);
  // Unknown stays unknown under `not`, and the request fact is what it waits for either way.
  if (!isEnterpriseFact(condition.fact)) return { awaits: condition.fact };
  return compileFactCondition(schema.facts[condition.fact], table, condition, negated);
}

const COMPARISONS = {
  eq: [LeafKind.EQ, false],
  ne: [LeafKind.EQ, true],
  lt: [LeafKind.LT, false],
  gte: [LeafKind.LT, true],
  lte: [LeafKind.LTE, false],
  gt: [LeafKind.LTE, true],
} as const;

function compileFactCondition(
  encoding: FactEncoding,
  table: LeafTable,
  condition: FactCondition,
  negated: boolean,
): MatchCondition {
  const { fact } = condition;
  const leaf = (
    kind: LeafKind,
    negate: boolean,
    constants: readonly number[] = [],
    column = encoding.column,
  ) => ({
    leaf: table.add(kind, negate !== negated, column, constants),
    fact,
  });
  const constant = (value: string | number | boolean) => encodeConstant(fact, encoding, value);
  switch (condition.op) {
    case 'exists':
    case 'missing':
      return leaf(LeafKind.EXISTS, condition.op === 'missing');
    case 'between':
      return leaf(LeafKind.BETWEEN, false, [constant(condition.min), constant(condition.max)]);
    case 'in':
    case 'not_in':
      return leaf(LeafKind.IN, condition.op === 'not_in', condition.values.map(constant));
    case 'contains':
    case 'contains_any':
    case 'contains_all': {
      const kind = condition.op === 'contains_any' ? LeafKind.SET_ANY : LeafKind.SET_ALL;
      const masks = new Map<number, number>();
      for (const value of condition.values) {
        const bit = setBit(encoding, String(value));
        if (bit === undefined) throw uncovered(fact, value);
        masks.set(bit.column, (masks.get(bit.column) ?? 0) | bit.mask);
      }
      // One leaf per 32-bit word of the set; a value list spanning several words is their any / all,
      // negated as a whole (the leaves themselves stay plain).
      const single = masks.size === 1;
      const words = [...masks].map(([column, mask]) => ({
        leaf: table.add(kind, single && negated, column, [], mask),
        fact,
      }));
      if (single) return words[0] as MatchCondition;
      const node: MatchCondition = kind === LeafKind.SET_ANY ? { any: words } : { all: words };
      return negated ? { not: node } : node;
    }
    default: {
      const [kind, negate] = COMPARISONS[condition.op];
      return leaf(kind, negate, [constant(condition.value)]);
    }
  }
}

/** A rule's constant in the column's encoding (FeatureSchema). */
function encodeConstant(fact: string, encoding: FactEncoding, value: string | number | boolean): number {
  let encoded: number | undefined;
  switch (encoding.type) {
    case 'integer':
      encoded = typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
      break;
    case 'boolean':
      encoded = typeof value === 'boolean' ? (value ? 1 : 0) : undefined;
      break;
    case 'date': {
      const parsed = typeof value === 'string' ? tryParseCalendarDate(value) : undefined;
      encoded = parsed?.ok === true ? toDayNumber(parsed.date) : undefined;
      break;
    }
    case 'money': {
      const fen = moneyFen(value);
      encoded = fen === undefined ? undefined : Number(fen);
      break;
    }
    case 'decimal': {
      const decimal = typeof value === 'boolean' ? undefined : parseDecimal(value);
      if (decimal !== undefined && decimal.scale > encoding.scale) throw uncovered(fact, value);
      encoded =
        decimal === undefined ? undefined : encodeDecimal(decimal.units, decimal.scale, encoding.scale);
      break;
    }
    case 'string':
    case 'set':
      encoded = encoding.codes.get(String(value));
      if (encoded === undefined) throw uncovered(fact, value);
      break;
  }
  if (encoded === undefined)
    throw new TypeError(`${fact}: ${JSON.stringify(value)} is not a ${encoding.type}`);
  if (Math.abs(encoded) >= SATURATION)
    throw new RangeError(
      `${fact}: ${JSON.stringify(value)} is too large to compare exactly in a feature row`,
    );
  return encoded;
}

function uncovered(fact: string, value: unknown): Error {
  return new RangeError(
    `${fact}: ${JSON.stringify(value)} is not in the feature schema; build the schema with this product`,
  );
}
