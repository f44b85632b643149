/*
 * The compiled form of many products' matching rules (匹配程序): flat typed arrays that the scoring loop
 * reads, that a worker thread receives once, and that the C baseline of `npm run bench -- match` reads
 * from a file. The layout is the contract between the three; docs/matching.md describes it.
 *
 * A leaf asks one question of one column of an enterprise row (LEAF_STRIDE int32 each):
 *
 *   kind, negate, column, a, b
 *
 *   LT       value <  constants[a]
 *   LTE      value <= constants[a]
 *   EQ       value == constants[a]
 *   BETWEEN  constants[a] <= value <= constants[a + 1]
 *   IN       value is one of constants[a .. a + b)
 *   SET_ANY  (word & a) != 0          (a is a 32-bit mask over the column's set word)
 *   SET_ALL  (word & a) == a
 *   EXISTS   the column is not NaN
 *
 * `negate` swaps true and false and keeps unknown: gt is LTE negated, gte LT negated, ne EQ negated,
 * not_in IN negated, missing EXISTS negated. A NaN column makes every comparison unknown; EXISTS is never
 * unknown.
 *
 * A product's code is postfix over a stack of three 32-bit lane masks (true, false, missing), one lane
 * per enterprise of a block of 32:
 *
 *   LEAF l            push leaf l
 *   NOT               swap true and false of the top
 *   ALL n / ANY n     combine the top n (Kleene and / or)
 *   CLEAR_TRUE        and-ed with a condition on the request: it cannot be true yet
 *   CLEAR_FALSE       or-ed with a condition on the request: it cannot be false yet
 *   ELIGIBILITY / DECLINE / REFER          pop a rule's answer into the product's masks
 *   ELIGIBILITY_LEAF l / DECLINE_LEAF l / REFER_LEAF l   the same for a rule that is one leaf
 *
 * "missing" marks the lanes where the answer is unknown because an enterprise fact is missing (the
 * facts evaluateCondition would report), as opposed to unknown only because the request is not known.
 *
 * Comparison leaves (LT … IN) are answered without comparing lane by lane: each compared column (an
 * order slot) has its distinct constants (cuts); a block places every lane's value among them once, and
 * a leaf is then an OR of below[hi] & ~below[lo] over its (hi, lo) pairs (`bounds`, block.ts). Set and
 * EXISTS leaves read their column lane by lane.
 *
 * A product's relevance terms and statistical class form its scoring profile (few, shared by many
 * products); a block scores each profile once per lane.
 */

export const LeafKind = {
  LT: 0,
  LTE: 1,
  EQ: 2,
  BETWEEN: 3,
  IN: 4,
  SET_ANY: 5,
  SET_ALL: 6,
  EXISTS: 7,
} as const;
export type LeafKind = (typeof LeafKind)[keyof typeof LeafKind];

export const LEAF_STRIDE = 5;

export const Op = {
  LEAF: 1,
  NOT: 2,
  ALL: 3,
  ANY: 4,
  CLEAR_TRUE: 5,
  CLEAR_FALSE: 6,
  ELIGIBILITY: 7,
  DECLINE: 8,
  REFER: 9,
  ELIGIBILITY_LEAF: 10,
  DECLINE_LEAF: 11,
  REFER_LEAF: 12,
} as const;

/** Ints per relevance term: set slot (index into `setColumns`), mask, weight. */
export const TERM_STRIDE = 3;

/** Lanes (enterprises) evaluated together: one bit each in a 32-bit mask. */
export const BLOCK = 32;

/** Everything the scoring loop reads: plain numbers and typed arrays (structured-clonable). */
export interface ProgramCode {
  /** Columns of an enterprise row. */
  readonly width: number;
  /** 1 where the enterprise consented to be shown to insurers as a lead, else 0. */
  readonly consentColumn: number;
  /** The first of four columns of class-preference points, in `statisticalClasses` order. */
  readonly preferenceColumn: number;
  /** Columns holding set words, in slot order (a relevance term names its word by slot). */
  readonly setColumns: Int32Array;
  /** Columns that comparison leaves (LT, LTE, EQ, BETWEEN, IN) read, ascending: their order slots. */
  readonly orderColumns: Int32Array;
  /** Per order slot, the start of its cuts: slots + 1 offsets into `cuts`. */
  readonly cutStart: Int32Array;
  /** Per order slot, the distinct constants its comparison leaves compare with, ascending. */
  readonly cuts: Float64Array;
  /** Per leaf, the start of its (hi, lo) pairs: leafCount + 1 offsets into `bounds` (none for set and EXISTS leaves). */
  readonly leafBoundStart: Int32Array;
  /**
   * (hi, lo) pairs of indices into a block's `below` table: a comparison leaf holds for the lanes in
   * below[hi] and not in below[lo], or-ed over its pairs (one pair, or one per value of an IN).
   */
  readonly bounds: Int32Array;
  readonly leafCount: number;
  readonly leaves: Int32Array;
  readonly constants: Float64Array;
  readonly productCount: number;
  /** productCount + 1 offsets into `code`. */
  readonly codeStart: Int32Array;
  readonly code: Int32Array;
  /** Per product, its scoring profile. */
  readonly productProfile: Int32Array;
  /**
   * Scoring profiles: the distinct pairs of a statistical class and relevance terms among the products
   * (far fewer than products), scored once per block and lane (block.ts).
   */
  readonly profileCount: number;
  /** Per profile, its index into `statisticalClasses`. */
  readonly profileClass: Int32Array;
  /** profileCount + 1 offsets (in terms) into `terms`. */
  readonly profileTermStart: Int32Array;
  readonly terms: Int32Array;
  /** The deepest the stack gets in any product's code. */
  readonly stackDepth: number;
}

/** Where an order slot's part of the `below` table starts: 2K + 2 entries for K cuts. */
export function belowAt(cutStart: ArrayLike<number>, slot: number): number {
  return 2 * (cutStart[slot] as number) + 2 * slot;
}

/** What a match is (status codes in the result arrays). */
export const MatchStatus = { ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 1, REFERRED: 2 } as const;
export type MatchStatusName = 'eligible' | 'possibly_eligible' | 'referred';
export const MATCH_STATUS_NAMES: readonly MatchStatusName[] = ['eligible', 'possibly_eligible', 'referred'];
