import {
  BLOCK,
  belowAt,
  LEAF_STRIDE,
  LeafKind,
  MatchStatus,
  Op,
  type ProgramCode,
  TERM_STRIDE,
} from './program-code.ts';
import { popcount32, SCORE } from './score.ts';

/*
 * The scoring loop's inner parts, over a block of up to 32 enterprises (one bit per lane): the leaves
 * once per block, then each product's code as a few operations on 32-bit masks, then the score of a
 * lane. matchOne calls runProduct and laneScore; matchRange has them written out in its loop.
 * bench/workloads/match/match.c is the same loop in C, statement for statement.
 *
 * Written for V8's optimising compiler: the hot functions read only locals, plain object fields and
 * typed arrays (constants of other modules are copied into locals first: an imported binding is read
 * through a cell on every use), comparisons become 0/1 with Number(…) rather than `? 1 : 0` (no branch
 * to mispredict on data), and nothing is allocated per block or product.
 */

/** Scratch for one block, reused from block to block; after runProduct, the product's answer. */
export interface Block {
  lanes: number;
  /** One bit per lane that holds an enterprise. */
  valid: number;
  /** Lanes whose enterprise consented to be a lead. */
  consent: number;
  readonly leafTrue: Int32Array;
  readonly leafFalse: Int32Array;
  readonly leafMissing: Int32Array;
  /** Per column, its slot among `orderColumns` (−1 for the others). */
  readonly orderSlot: Int32Array;
  /**
   * Per order slot, the lanes below each position (placeValues): a value's position among the slot's K
   * cuts is 2 · (cuts below it) + (1 if it is one of them), and below[at + q] holds the lanes whose
   * value's position is less than q, for q = 0 … 2K + 1 (`at` = belowAt(cutStart, slot)).
   */
  readonly below: Int32Array;
  /** Per order slot, the lanes that know the value. */
  readonly known: Int32Array;
  /** Set words lane by lane: slot · 32 + lane (slots in `setColumns` order), 0 where the set is unknown. */
  readonly laneWords: Int32Array;
  /** Preference points lane by lane: class · 32 + lane. */
  readonly lanePreference: Int32Array;
  /**
   * Each scoring profile's points for each lane (profile · 32 + lane): the relevance of the set values
   * its products ask for and the enterprise holds, plus the preference points for its class.
   */
  readonly profileFit: Int32Array;
  /** The highest of each profile's points over the block's lanes (it bounds the block's scores). */
  readonly profileMax: Int32Array;
  readonly stackTrue: Int32Array;
  readonly stackFalse: Int32Array;
  readonly stackMissing: Int32Array;
  /** Lanes where an eligibility rule is false (not a match). */
  excluded: number;
  /** Lanes where an eligibility rule is undecided for a missing enterprise fact (possibly eligible). */
  undecided: number;
  /** Lanes where a decline rule holds (not a match). */
  declined: number;
  /** Lanes where a refer rule holds. */
  referred: number;
  /** Three bit planes counting, per lane, the rules undecided for a missing enterprise fact (saturating at 7). */
  count0: number;
  count1: number;
  count2: number;
}

export function createBlock(code: ProgramCode): Block {
  const slots = code.orderColumns.length;
  const orderSlot = new Int32Array(code.width).fill(-1);
  code.orderColumns.forEach((column, slot) => {
    orderSlot[column] = slot;
  });
  return {
    lanes: 0,
    valid: 0,
    consent: 0,
    leafTrue: new Int32Array(code.leafCount),
    leafFalse: new Int32Array(code.leafCount),
    leafMissing: new Int32Array(code.leafCount),
    orderSlot,
    below: new Int32Array(belowAt(code.cutStart, slots)),
    known: new Int32Array(slots),
    laneWords: new Int32Array(code.setColumns.length * BLOCK),
    lanePreference: new Int32Array(4 * BLOCK),
    profileFit: new Int32Array(code.profileCount * BLOCK),
    profileMax: new Int32Array(code.profileCount),
    stackTrue: new Int32Array(code.stackDepth),
    stackFalse: new Int32Array(code.stackDepth),
    stackMissing: new Int32Array(code.stackDepth),
    excluded: 0,
    undecided: 0,
    declined: 0,
    referred: 0,
    count0: 0,
    count1: 0,
    count2: 0,
  };
}

/**
 * Reads rows start … start + lanes − 1 into the block: consent, the set words and preference points lane
 * by lane, every scoring profile's points per lane (with their maximum, which bounds the scores), and every
 * leaf's masks.
 */
export function loadBlock(
  rows: Float64Array,
  start: number,
  lanes: number,
  code: ProgramCode,
  block: Block,
): void {
  const { width, setColumns, terms, profileCount, profileClass, profileTermStart } = code;
  const { laneWords, lanePreference, profileFit, profileMax } = block;
  const lanesPerBlock = BLOCK;
  const stride = TERM_STRIDE;
  block.lanes = lanes;
  block.valid = lanes === lanesPerBlock ? -1 : (1 << lanes) - 1;
  let consent = 0;
  for (let i = 0, at = start * width + code.consentColumn; i < lanes; i++, at += width) {
    consent |= Number(rows[at] === 1) << i;
  }
  block.consent = consent;
  for (let s = 0; s < setColumns.length; s++) {
    const base = s * lanesPerBlock;
    for (let i = 0, at = start * width + (setColumns[s] as number); i < lanes; i++, at += width) {
      const value = rows[at] as number;
      laneWords[base + i] = Number.isNaN(value) ? 0 : value | 0;
    }
  }
  for (let c = 0; c < 4; c++) {
    const base = c * lanesPerBlock;
    for (let i = 0, at = start * width + code.preferenceColumn + c; i < lanes; i++, at += width) {
      lanePreference[base + i] = (rows[at] as number) | 0;
    }
  }
  for (let r = 0; r < profileCount; r++) {
    const base = r * lanesPerBlock;
    const preferenceAt = (profileClass[r] as number) * lanesPerBlock;
    const from = (profileTermStart[r] as number) * stride;
    const to = (profileTermStart[r + 1] as number) * stride;
    let max = 0;
    for (let i = 0; i < lanes; i++) {
      let fit = lanePreference[preferenceAt + i] as number;
      for (let t = from; t < to; t += stride) {
        const word =
          (laneWords[(terms[t] as number) * lanesPerBlock + i] as number) & (terms[t + 1] as number);
        fit = (fit + Math.imul(terms[t + 2] as number, popcount32(word))) | 0;
      }
      profileFit[base + i] = fit;
      if (fit > max) max = fit;
    }
    profileMax[r] = max;
  }
  placeValues(rows, start, lanes, code, block);
  evaluateLeaves(rows, start, lanes, code, block);
}

/**
 * Places each order column's values among its cuts: for every lane that knows the value, its position
 * (a binary search over the cuts, branch-free), then the lanes below each position — after which every
 * comparison leaf on the column is a load or two (evaluateLeaves).
 */
function placeValues(
  rows: Float64Array,
  start: number,
  lanes: number,
  code: ProgramCode,
  block: Block,
): void {
  const { width, orderColumns, cutStart, cuts } = code;
  const { below, known } = block;
  for (let s = 0; s < orderColumns.length; s++) {
    const from = cutStart[s] as number;
    const n = (cutStart[s + 1] as number) - from;
    const at = belowAt(cutStart, s);
    below.fill(0, at, at + 2 * n + 2);
    let present = 0;
    for (let i = 0, index = start * width + (orderColumns[s] as number); i < lanes; i++, index += width) {
      const v = rows[index] as number;
      if (Number.isNaN(v)) continue;
      present |= 1 << i;
      // The cuts below v: a binary search whose halving does not branch on the data.
      let low = 0;
      let size = n;
      while (size > 0) {
        const half = size >> 1;
        const less = Number((cuts[from + low + half] as number) < v);
        low += Math.imul(less, half + 1);
        size = half + Math.imul(less, size - half - half - 1);
      }
      const equal = Number(cuts[from + Math.min(low, n - 1)] === v);
      const position = 2 * low + equal;
      below[at + position + 1] = (below[at + position + 1] as number) | (1 << i);
    }
    let lanesBelow = 0;
    for (let q = at + 1; q <= at + 2 * n + 1; q++) {
      lanesBelow |= below[q] as number;
      below[q] = lanesBelow;
    }
    known[s] = present;
  }
}

function evaluateLeaves(
  rows: Float64Array,
  start: number,
  lanes: number,
  code: ProgramCode,
  block: Block,
): void {
  const { leaves, width, leafCount, leafBoundStart, bounds } = code;
  const { leafTrue, leafFalse, leafMissing, orderSlot, below, known } = block;
  const { IN, SET_ANY, SET_ALL } = LeafKind;
  const stride = LEAF_STRIDE;
  for (let l = 0, at = 0; l < leafCount; l++, at += stride) {
    const kind = leaves[at] as number;
    const a = leaves[at + 3] as number;
    const column = leaves[at + 2] as number;
    let t = 0;
    let f = 0;
    let m = 0;
    if (kind <= IN) {
      // A comparison: the lanes below its upper position and not below its lower one.
      const end = leafBoundStart[l + 1] as number;
      for (let k = leafBoundStart[l] as number; k < end; k += 2) {
        t |= (below[bounds[k] as number] as number) & ~(below[bounds[k + 1] as number] as number);
      }
      const present = known[orderSlot[column] as number] as number;
      f = present & ~t;
      m = ~present;
    } else if (kind === SET_ANY || kind === SET_ALL) {
      const all = kind === SET_ALL;
      for (let i = 0, index = start * width + column; i < lanes; i++, index += width) {
        const v = rows[index] as number;
        if (Number.isNaN(v)) continue;
        const held = (v | 0) & a;
        const holds = all ? held === a : held !== 0;
        t |= Number(holds) << i;
        f |= Number(!holds) << i;
      }
      m = ~(t | f);
    } else {
      // EXISTS: never unknown.
      for (let i = 0, index = start * width + column; i < lanes; i++, index += width) {
        const v = rows[index] as number;
        t |= Number(!Number.isNaN(v)) << i;
      }
      f = ~t;
    }
    // Negated: true and false swap (without a branch: the flag is −1 or 0).
    const swap = (t ^ f) & -(leaves[at + 1] as number);
    leafTrue[l] = t ^ swap;
    leafFalse[l] = f ^ swap;
    leafMissing[l] = m;
  }
}

/** Runs a product's code over the block's leaves; the answer is in the block's mask fields. */
export function runProduct(code: ProgramCode, product: number, block: Block): void {
  const program = code.code;
  const { leafTrue, leafFalse, leafMissing, stackTrue, stackFalse, stackMissing } = block;
  const { LEAF, NOT, ALL, ANY, CLEAR_TRUE, ELIGIBILITY, DECLINE, ELIGIBILITY_LEAF, DECLINE_LEAF } = Op;
  let pc = code.codeStart[product] as number;
  const end = code.codeStart[product + 1] as number;
  let excluded = 0;
  let undecided = 0;
  let declined = 0;
  let referred = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let sp = 0;
  while (pc < end) {
    const op = program[pc] as number;
    // The missing-fact mask of a rule just decided, counted after the branches.
    let m = 0;
    if (op >= ELIGIBILITY_LEAF) {
      const l = program[pc + 1] as number;
      m = leafMissing[l] as number;
      if (op === ELIGIBILITY_LEAF) {
        excluded |= leafFalse[l] as number;
        undecided |= m;
      } else if (op === DECLINE_LEAF) declined |= leafTrue[l] as number;
      else referred |= leafTrue[l] as number;
      pc += 2;
    } else if (op >= ELIGIBILITY) {
      sp--;
      m = stackMissing[sp] as number;
      if (op === ELIGIBILITY) {
        excluded |= stackFalse[sp] as number;
        undecided |= m;
      } else if (op === DECLINE) declined |= stackTrue[sp] as number;
      else referred |= stackTrue[sp] as number;
      pc += 1;
    } else if (op === LEAF) {
      const l = program[pc + 1] as number;
      stackTrue[sp] = leafTrue[l] as number;
      stackFalse[sp] = leafFalse[l] as number;
      stackMissing[sp] = leafMissing[l] as number;
      sp++;
      pc += 2;
    } else if (op === ALL || op === ANY) {
      const n = program[pc + 1] as number;
      const all = op === ALL;
      let t = all ? -1 : 0;
      let f = all ? 0 : -1;
      let missing = 0;
      for (let k = 0; k < n; k++) {
        sp--;
        if (all) {
          t &= stackTrue[sp] as number;
          f |= stackFalse[sp] as number;
        } else {
          t |= stackTrue[sp] as number;
          f &= stackFalse[sp] as number;
        }
        missing |= stackMissing[sp] as number;
      }
      stackTrue[sp] = t;
      stackFalse[sp] = f;
      // Decided lanes report nothing missing (evaluateCondition cuts its list back).
      stackMissing[sp] = missing & ~(t | f);
      sp++;
      pc += 2;
    } else if (op === NOT) {
      const t = stackTrue[sp - 1] as number;
      stackTrue[sp - 1] = stackFalse[sp - 1] as number;
      stackFalse[sp - 1] = t;
      pc += 1;
    } else if (op === CLEAR_TRUE) {
      stackTrue[sp - 1] = 0;
      pc += 1;
    } else {
      stackFalse[sp - 1] = 0;
      pc += 1;
    }
    if (m !== 0) {
      // Add one to the lanes of m in the three bit planes; a carry out of the top saturates at 7.
      let carry = c0 & m;
      c0 ^= m;
      let next = c1 & carry;
      c1 ^= carry;
      carry = c2 & next;
      c2 ^= next;
      next = carry;
      c0 |= next;
      c1 |= next;
      c2 |= next;
    }
  }
  block.excluded = excluded;
  block.undecided = undecided;
  block.declined = declined;
  block.referred = referred;
  block.count0 = c0;
  block.count1 = c1;
  block.count2 = c2;
}

/** The lanes that match the product just run: no eligibility rule false, no decline rule true. */
export function matchMask(block: Block): number {
  return block.valid & ~block.excluded & ~block.declined;
}

/** MatchStatus of lane i, from the product's undecided and referred masks. */
export function laneStatus(undecided: number, referred: number, i: number): number {
  if (((referred >>> i) & 1) !== 0) return MatchStatus.REFERRED;
  return ((undecided >>> i) & 1) !== 0 ? MatchStatus.POSSIBLY_ELIGIBLE : MatchStatus.ELIGIBLE;
}

/**
 * The score (score.ts) of lane i for the product just run: the points its answer decides (eligibility,
 * referral, undecided rules) plus its profile's points for the lane. matchRange computes the same,
 * statement for statement, inside its lane loop.
 */
export function laneScore(code: ProgramCode, product: number, block: Block, i: number): number {
  const count =
    ((block.count0 >>> i) & 1) + (((block.count1 >>> i) & 1) << 1) + (((block.count2 >>> i) & 1) << 2);
  const fit = block.profileFit[(code.productProfile[product] as number) * BLOCK + i] as number;
  return (
    (SCORE.base +
      Math.imul(SCORE.eligible, ((block.undecided >>> i) & 1) ^ 1) -
      Math.imul(SCORE.referred, (block.referred >>> i) & 1) -
      Math.imul(SCORE.undecidedRule, count) +
      fit) |
    0
  );
}
