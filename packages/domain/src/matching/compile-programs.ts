import {
  type BilingualText,
  type Condition,
  factNames,
  type ProductDefinition,
  type StatisticalClass,
  statisticalClasses,
} from '../catalog/index.ts';
import { compileMatchCondition, LeafTable, type MatchCondition } from './compile-condition.ts';
import { type FeatureSchema, setBit } from './feature-schema.ts';
import { belowAt, LEAF_STRIDE, LeafKind, Op, type ProgramCode, TERM_STRIDE } from './program-code.ts';
import { RELEVANCE_WEIGHTS } from './score.ts';

export type MatchRuleKind = 'eligibility' | 'decline' | 'refer';

/** One eligibility or underwriting rule of a product, as matching reads it. */
export interface MatchRule {
  readonly kind: MatchRuleKind;
  readonly reason: string;
  readonly message: BilingualText;
  readonly condition: MatchCondition;
}

/** A product version's matching program: who it is, its rules, and what its eligibility asks for. */
export interface ProductProgram {
  readonly code: string;
  readonly version: number;
  readonly names: BilingualText;
  readonly statisticalClass: StatisticalClass;
  readonly rules: readonly MatchRule[];
  /** Names of the request facts and options the rules wait for (the product's own option names). */
  readonly factNames: Readonly<Record<string, BilingualText>>;
  /** Set-fact values the eligibility asks for (not under a `not`): they earn relevance points. */
  readonly asksFor: readonly { readonly fact: string; readonly values: readonly string[] }[];
}

/** Many product versions compiled together over one feature schema; index = rank order on ties. */
export interface MatchPrograms {
  readonly schema: FeatureSchema;
  readonly products: readonly ProductProgram[];
  readonly code: ProgramCode;
}

/**
 * Compiles product versions (validated definitions) into matching programs over `schema`, which must have
 * been built with them (buildFeatureSchema). Products are ordered by code, then version.
 */
export function compileMatchPrograms(
  schema: FeatureSchema,
  definitions: readonly ProductDefinition[],
): MatchPrograms {
  const sorted = [...definitions].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.version - b.version,
  );
  const table = new LeafTable();
  const code: number[] = [];
  const codeStart = [0];
  // Scoring profiles: the distinct (statistical class, relevance terms) pairs, each product pointing at one.
  const profiles = new Map<string, number>();
  const profileClass: number[] = [];
  const terms: number[] = [];
  const profileTermStart = [0];
  const productProfile: number[] = [];
  const depth = { now: 0, max: 0 };
  // The set words, each with its slot: relevance terms name the slot (block.ts keeps a block's set words
  // lane by lane in slot order).
  const setColumns: number[] = [];
  for (const encoding of Object.values(schema.facts)) {
    if (encoding.type === 'set')
      for (let w = 0; w < encoding.words; w++) setColumns.push(encoding.column + w);
  }
  const products = sorted.map((definition): ProductProgram => {
    const rules: MatchRule[] = [
      ...definition.eligibility.map((rule) => ({ kind: 'eligibility' as const, ...rule })),
      ...definition.underwriting.map((rule) => ({ kind: rule.outcome, ...rule })),
    ].map(({ kind, reason, message, when }) => ({
      kind,
      reason,
      message,
      condition: compileMatchCondition(schema, table, when),
    }));
    // Rules that are one leaf first, by kind, then the others: the order does not change the answer (it
    // is an OR of masks and a count), and a regular order of operations is one the CPU predicts.
    for (const rule of [...rules].sort((a, b) => ruleOrder(a) - ruleOrder(b))) emitRule(rule, code, depth);
    codeStart.push(code.length);
    const asksFor = askedFor(definition);
    const own: number[] = [];
    for (const { fact, values } of asksFor) {
      const masks = new Map<number, number>();
      for (const value of values) {
        const bit = setBit(schema.facts[fact as keyof typeof RELEVANCE_WEIGHTS], value);
        if (bit !== undefined) masks.set(bit.column, (masks.get(bit.column) ?? 0) | bit.mask);
      }
      for (const [column, mask] of masks)
        own.push(setColumns.indexOf(column), mask, RELEVANCE_WEIGHTS[fact as keyof typeof RELEVANCE_WEIGHTS]);
    }
    const statisticalClass = statisticalClasses.indexOf(definition.statisticalClass);
    const key = `${statisticalClass}:${own.join(',')}`;
    let profile = profiles.get(key);
    if (profile === undefined) {
      profile = profileClass.length;
      profiles.set(key, profile);
      profileClass.push(statisticalClass);
      terms.push(...own);
      profileTermStart.push(terms.length / TERM_STRIDE);
    }
    productProfile.push(profile);
    return {
      code: definition.code,
      version: definition.version,
      names: definition.names,
      statisticalClass: definition.statisticalClass,
      rules,
      factNames: Object.fromEntries(awaitedFacts(rules).map((fact) => [fact, factNames(definition, fact)])),
      asksFor,
    };
  });
  return {
    schema,
    products,
    code: {
      width: schema.width,
      consentColumn: schema.consentColumn,
      preferenceColumn: schema.preferenceColumn,
      setColumns: Int32Array.from(setColumns),
      ...orderTables(table.leaves, table.constants),
      leafCount: table.count,
      leaves: Int32Array.from(table.leaves),
      constants: Float64Array.from(table.constants),
      productCount: products.length,
      codeStart: Int32Array.from(codeStart),
      code: Int32Array.from(code),
      productProfile: Int32Array.from(productProfile),
      profileCount: profileClass.length,
      profileClass: Int32Array.from(profileClass),
      profileTermStart: Int32Array.from(profileTermStart),
      terms: Int32Array.from(terms),
      stackDepth: Math.max(1, depth.max),
    },
  };
}

/** Where a rule goes in the code: single-leaf eligibility, decline, refer rules, then the others. */
function ruleOrder(rule: MatchRule): number {
  const kind = rule.kind === 'eligibility' ? 0 : rule.kind === 'decline' ? 1 : 2;
  return 'leaf' in rule.condition ? kind : 3 + kind;
}

const RULE_OPS = {
  eligibility: [Op.ELIGIBILITY, Op.ELIGIBILITY_LEAF],
  decline: [Op.DECLINE, Op.DECLINE_LEAF],
  refer: [Op.REFER, Op.REFER_LEAF],
} as const;

/** A rule's postfix code; nothing when it only waits for the request (it is the same for every lane). */
function emitRule(rule: MatchRule, code: number[], depth: { now: number; max: number }): void {
  const [pop, fused] = RULE_OPS[rule.kind];
  if ('leaf' in rule.condition) {
    code.push(fused, rule.condition.leaf);
    return;
  }
  if (emit(rule.condition, code, depth)) {
    code.push(pop);
    depth.now--;
  }
}

/** Pushes the condition's masks; false when it only waits for the request (then nothing is pushed). */
function emit(node: MatchCondition, code: number[], depth: { now: number; max: number }): boolean {
  if ('leaf' in node) {
    code.push(Op.LEAF, node.leaf);
    depth.max = Math.max(depth.max, ++depth.now);
    return true;
  }
  if ('awaits' in node) return false;
  if ('not' in node) {
    if (!emit(node.not, code, depth)) return false;
    code.push(Op.NOT);
    return true;
  }
  const all = 'all' in node;
  const parts = all ? node.all : node.any;
  let pushed = 0;
  for (const part of parts) if (emit(part, code, depth)) pushed++;
  if (pushed === 0) return false;
  if (pushed > 1) {
    code.push(all ? Op.ALL : Op.ANY, pushed);
    depth.now -= pushed - 1;
  }
  // and-ed with something unknown it cannot be true; or-ed, it cannot be false.
  if (pushed < parts.length) code.push(all ? Op.CLEAR_TRUE : Op.CLEAR_FALSE);
  return true;
}

/**
 * What a block needs to answer every comparison leaf with a lookup: the columns compared (ascending), each
 * one's distinct constants (cuts, ascending), and per leaf its (hi, lo) pairs of indices into the block's
 * `below` table — the leaf holds for the lanes in below[hi] and not in below[lo] (block.ts says how the
 * table is filled).
 */
export function orderTables(
  leaves: readonly number[],
  constants: readonly number[],
): Pick<ProgramCode, 'orderColumns' | 'cutStart' | 'cuts' | 'leafBoundStart' | 'bounds'> {
  const isComparison = (kind: number) => kind <= LeafKind.IN;
  const byColumn = new Map<number, Set<number>>();
  for (let at = 0; at < leaves.length; at += LEAF_STRIDE) {
    if (!isComparison(leaves[at] as number)) continue;
    const column = leaves[at + 2] as number;
    const values = byColumn.get(column) ?? new Set<number>();
    const a = leaves[at + 3] as number;
    const count =
      leaves[at] === LeafKind.IN ? (leaves[at + 4] as number) : leaves[at] === LeafKind.BETWEEN ? 2 : 1;
    for (let k = a; k < a + count; k++) values.add(constants[k] as number);
    byColumn.set(column, values);
  }
  const orderColumns = [...byColumn.keys()].sort((a, b) => a - b);
  const cutStart = [0];
  const cuts: number[] = [];
  const slotOf = new Map<number, number>();
  orderColumns.forEach((column, slot) => {
    slotOf.set(column, slot);
    cuts.push(...[...(byColumn.get(column) ?? [])].sort((a, b) => a - b));
    cutStart.push(cuts.length);
  });
  const leafBoundStart = [0];
  const bounds: number[] = [];
  for (let at = 0; at < leaves.length; at += LEAF_STRIDE) {
    const kind = leaves[at] as number;
    if (isComparison(kind)) {
      const slot = slotOf.get(leaves[at + 2] as number) as number;
      const from = cutStart[slot] as number;
      const base = belowAt(cutStart, slot);
      // Position of constant c among the slot's cuts: value < c ⟺ position < 2k + 1; value ≤ c ⟺ < 2k + 2.
      const k = (c: number) => cuts.indexOf(c, from) - from;
      const a = leaves[at + 3] as number;
      const c = (i: number) => constants[a + i] as number;
      if (kind === LeafKind.LT) bounds.push(base + 2 * k(c(0)) + 1, base);
      else if (kind === LeafKind.LTE) bounds.push(base + 2 * k(c(0)) + 2, base);
      else if (kind === LeafKind.EQ) bounds.push(base + 2 * k(c(0)) + 2, base + 2 * k(c(0)) + 1);
      else if (kind === LeafKind.BETWEEN) bounds.push(base + 2 * k(c(1)) + 2, base + 2 * k(c(0)) + 1);
      else {
        for (let i = 0; i < (leaves[at + 4] as number); i++)
          bounds.push(base + 2 * k(c(i)) + 2, base + 2 * k(c(i)) + 1);
      }
    }
    leafBoundStart.push(bounds.length);
  }
  return {
    orderColumns: Int32Array.from(orderColumns),
    cutStart: Int32Array.from(cutStart),
    cuts: Float64Array.from(cuts),
    leafBoundStart: Int32Array.from(leafBoundStart),
    bounds: Int32Array.from(bounds),
  };
}

/** The set-fact values a product's eligibility rules ask for, outside any `not`. */
function askedFor(definition: ProductDefinition): { fact: string; values: string[] }[] {
  const found = new Map<string, Set<string>>();
  const visit = (condition: Condition, negated: boolean): void => {
    if ('all' in condition) for (const part of condition.all) visit(part, negated);
    else if ('any' in condition) for (const part of condition.any) visit(part, negated);
    else if ('not' in condition) visit(condition.not, !negated);
    else if (!negated && Object.hasOwn(RELEVANCE_WEIGHTS, condition.fact) && 'values' in condition) {
      const values = found.get(condition.fact) ?? new Set<string>();
      for (const value of condition.values) values.add(String(value));
      found.set(condition.fact, values);
    }
  };
  for (const rule of definition.eligibility) visit(rule.when, false);
  return Object.keys(RELEVANCE_WEIGHTS)
    .filter((fact) => found.has(fact))
    .map((fact) => ({ fact, values: [...(found.get(fact) ?? [])].sort() }));
}

function awaitedFacts(rules: readonly MatchRule[]): string[] {
  const facts = new Set<string>();
  const visit = (node: MatchCondition): void => {
    if ('awaits' in node) facts.add(node.awaits);
    else if ('not' in node) visit(node.not);
    else if ('all' in node) node.all.forEach(visit);
    else if ('any' in node) node.any.forEach(visit);
  };
  for (const rule of rules) visit(rule.condition);
  return [...facts];
}
