import { type Block, createBlock, laneStatus, loadBlock } from './block.ts';
import { insertRanked, type LeadResults, type MatchResults, rankThreshold } from './match-results.ts';
import { BLOCK, Op, type ProgramCode } from './program-code.ts';
import { NO_THRESHOLD, SCORE } from './score.ts';

/** The enterprise half of MatchResults, which a range of rows writes into. */
export type EnterpriseResults = Pick<
  MatchResults,
  'productsPerEnterprise' | 'topCount' | 'topProducts' | 'topScores' | 'topStatuses' | 'productMatches'
>;

/** Products one run can match: the per-enterprise match count is kept in 16 bit planes. */
export const MAX_PRODUCTS = 0xffff;

/**
 * Matches rows from … to − 1 with every product: the scoring loop. Each block of 32 rows is read once
 * (its leaves evaluated), then every product's code runs over the block's masks; the lanes that match
 * are counted, and scored only where a score could still enter a ranking — skips that never change the
 * result: none when a bound on any matching lane's score does not beat the lowest threshold of the
 * block's enterprises nor the product's lead threshold, and never again a lane whose threshold its best
 * possible score no longer beats (`open`). Leads are only the enterprises that consented. While a block
 * is matched, its enterprises' rankings are kept as packed keys (rankKey), written back after it.
 *
 * runProduct, matchMask and laneScore (block.ts) are written out here, so the loops read only locals,
 * object fields and typed arrays and call nothing per product (measured: a sixth faster than calling
 * runProduct); bench/workloads/match/match.c is the same function in C.
 */
export function matchRange(
  rows: Float64Array,
  code: ProgramCode,
  from: number,
  to: number,
  enterprises: EnterpriseResults,
  leads: LeadResults,
  leadsPerProduct: number,
  block: Block = createBlock(code),
): void {
  const { productCount, productProfile, profileCount } = code;
  if (productCount > MAX_PRODUCTS)
    throw new RangeError(`at most ${MAX_PRODUCTS} product versions are matched at once, not ${productCount}`);
  const kProducts = enterprises.productsPerEnterprise;
  const { topCount, topScores, productMatches } = enterprises;
  const { leadCount, leads: leadRows, leadScores, leadStatuses, matches, consentingMatches } = leads;
  const { profileFit, profileMax, leafTrue, leafFalse, leafMissing, stackTrue, stackFalse, stackMissing } =
    block;
  const { LEAF, NOT, ALL, ANY, CLEAR_TRUE, ELIGIBILITY, DECLINE, ELIGIBILITY_LEAF, DECLINE_LEAF } = Op;
  const { codeStart, code: program } = code;
  const lanesPerBlock = BLOCK;
  const base = SCORE.base;
  const eligiblePoints = SCORE.eligible;
  const referredPoints = SCORE.referred;
  const undecidedPoints = SCORE.undecidedRule;
  const thresholds = new Int32Array(lanesPerBlock);
  const laneScores = new Int32Array(lanesPerBlock);
  // The block's enterprises' rankings while the block is matched, one packed key per entry (rankKey):
  // an insertion moves one array, not three.
  const ranked = new Float64Array(lanesPerBlock * kProducts);
  const rankedCount = new Int32Array(lanesPerBlock);
  // Per lane, the most any product could score for it in this block.
  const laneBest = new Int32Array(lanesPerBlock);
  const leadThresholds = new Int32Array(productCount);
  for (let p = 0; p < productCount; p++) {
    leadThresholds[p] = rankThreshold(leadScores, leadCount, p, leadsPerProduct);
  }
  // Bit planes counting, per lane, the products that match (up to 2^16 − 1 products).
  const planes = new Int32Array(16);
  for (let start = from; start < to; start += lanesPerBlock) {
    const lanes = Math.min(lanesPerBlock, to - start);
    loadBlock(rows, start, lanes, code, block);
    let floor = lowestThreshold(thresholds, lanes, topScores, topCount, start, kProducts);
    packRankings(ranked, rankedCount, lanes, kProducts, start, enterprises);
    // A lane is open while its best possible score (every eligibility rule decided, nothing referred,
    // its best profile) beats its threshold; a closed lane is never scored again in the block.
    let open = 0;
    for (let i = 0; i < lanes; i++) {
      let best = 0;
      for (let r = 0; r < profileCount; r++)
        best = Math.max(best, profileFit[Math.imul(r, lanesPerBlock) + i] as number);
      best = (base + eligiblePoints + best) | 0;
      laneBest[i] = best;
      open |= Number(best > (thresholds[i] as number)) << i;
    }
    planes.fill(0);
    for (let p = 0; p < productCount; p++) {
      // runProduct (block.ts), written out: the product's rules over the block's leaves.
      let pc = codeStart[p] as number;
      const end = codeStart[p + 1] as number;
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
      const match = block.valid & ~excluded & ~declined;
      if (match === 0) continue;
      const leadLanes = match & block.consent;
      matches[p] = ((matches[p] as number) + popcount(match)) | 0;
      consentingMatches[p] = ((consentingMatches[p] as number) + popcount(leadLanes)) | 0;
      let carry = match;
      for (let j = 0; carry !== 0; j++) {
        const next = (planes[j] as number) & carry;
        planes[j] = (planes[j] as number) ^ carry;
        carry = next;
      }
      // The most any matching lane can score: a bound, for skipping the lanes when none can get in.
      const profile = productProfile[p] as number;
      const fitAt = Math.imul(profile, lanesPerBlock);
      const bound =
        (base +
          Math.imul(eligiblePoints, Number((match & ~undecided) !== 0)) -
          Math.imul(referredPoints, Number((match & ~referred) === 0)) +
          (profileMax[profile] as number)) |
        0;
      let leadThreshold = leadThresholds[p] as number;
      const forEnterprises = bound > floor;
      const forProduct = leadLanes !== 0 && bound > leadThreshold;
      if (!forEnterprises && !forProduct) continue;
      // Two passes over the lanes: score them all (a short loop with nothing but arithmetic and two
      // comparisons), then rank only those that beat a threshold, in lane order.
      let better = 0;
      let leadBetter = 0;
      let pending = (forEnterprises ? match & open : 0) | (forProduct ? leadLanes : 0);
      while (pending !== 0) {
        const i = 31 - Math.clz32(pending ^ (pending - 1));
        pending &= pending - 1;
        // laneScore (block.ts), statement for statement.
        const count = ((c0 >>> i) & 1) + (((c1 >>> i) & 1) << 1) + (((c2 >>> i) & 1) << 2);
        const fit = profileFit[fitAt + i] as number;
        const score =
          (base +
            Math.imul(eligiblePoints, ((undecided >>> i) & 1) ^ 1) -
            Math.imul(referredPoints, (referred >>> i) & 1) -
            Math.imul(undecidedPoints, count) +
            fit) |
          0;
        laneScores[i] = score;
        better |= Number(score > (thresholds[i] as number)) << i;
        leadBetter |= Number(score > leadThreshold) << i;
      }
      leadBetter &= leadLanes;
      let raised = false;
      let candidates = better | leadBetter;
      while (candidates !== 0) {
        const i = 31 - Math.clz32(candidates ^ (candidates - 1));
        candidates &= candidates - 1;
        const row = start + i;
        const score = laneScores[i] as number;
        if (((better >>> i) & 1) !== 0) {
          const was = thresholds[i] as number;
          const status = laneStatus(undecided, referred, i);
          thresholds[i] = insertKey(ranked, rankedCount, i, kProducts, rankKey(score, p, status));
          if (was === floor) raised = true;
          // Close the lane once no product can enter its ranking.
          open &= ~(Number((laneBest[i] as number) <= (thresholds[i] as number)) << i);
        }
        // The product's threshold rises as leads go in: check again.
        if (((leadBetter >>> i) & 1 & Number(score > leadThreshold)) !== 0) {
          const status = laneStatus(undecided, referred, i);
          leadThreshold = insertRanked(
            leadScores,
            leadRows,
            leadStatuses,
            leadCount,
            p,
            leadsPerProduct,
            score,
            row,
            status,
          );
        }
      }
      leadThresholds[p] = leadThreshold;
      // A lane at the floor rose: the floor is the lowest threshold again (only the bound test reads it).
      if (raised) floor = lowest(thresholds, lanes);
    }
    for (let i = 0; i < lanes; i++) {
      let n = 0;
      for (let j = 0; j < 16; j++) n |= (((planes[j] as number) >>> i) & 1) << j;
      productMatches[start + i] = n;
    }
    unpackRankings(ranked, rankedCount, lanes, kProducts, start, enterprises);
  }
}

/** 2^20: a rank key is score · 2^20 + (65535 − product) · 4 + status. */
const KEY_SCALE = 1048576;

/**
 * One entry of an enterprise's ranking as one number that sorts like the entry: by score, then the
 * earlier product first (exact in a double: products below 2^16, statuses below 4).
 */
function rankKey(score: number, product: number, status: number): number {
  return score * KEY_SCALE + (MAX_PRODUCTS - product) * 4 + status;
}

/**
 * insertRanked over packed keys: inserts into lane's ranking of at most k (best first; an equal key
 * cannot occur) and answers the score to beat — the k-th entry's, or NO_THRESHOLD while there is room.
 */
function insertKey(keys: Float64Array, counts: Int32Array, lane: number, k: number, key: number): number {
  const base = lane * k;
  const count = counts[lane] as number;
  let at = count < k ? count : k - 1;
  if (count < k) counts[lane] = count + 1;
  while (at > 0 && (keys[base + at - 1] as number) < key) {
    keys[base + at] = keys[base + at - 1] as number;
    at--;
  }
  keys[base + at] = key;
  return count + 1 < k ? NO_THRESHOLD : Math.floor((keys[base + k - 1] as number) / KEY_SCALE);
}

/** The block's rankings as they stand in the results, packed (empty, unless a range is matched twice). */
function packRankings(
  keys: Float64Array,
  counts: Int32Array,
  lanes: number,
  k: number,
  start: number,
  results: EnterpriseResults,
): void {
  for (let i = 0; i < lanes; i++) {
    const count = results.topCount[start + i] as number;
    counts[i] = count;
    for (let j = 0; j < count; j++) {
      const at = (start + i) * k + j;
      keys[i * k + j] = rankKey(
        results.topScores[at] as number,
        results.topProducts[at] as number,
        results.topStatuses[at] as number,
      );
    }
  }
}

/** Writes the block's packed rankings back into the results. */
function unpackRankings(
  keys: Float64Array,
  counts: Int32Array,
  lanes: number,
  k: number,
  start: number,
  results: EnterpriseResults,
): void {
  const { topCount, topScores, topProducts, topStatuses } = results;
  for (let i = 0; i < lanes; i++) {
    const count = counts[i] as number;
    topCount[start + i] = count;
    for (let j = 0; j < count; j++) {
      const key = keys[i * k + j] as number;
      const score = Math.floor(key / KEY_SCALE);
      const rest = key - score * KEY_SCALE;
      const at = (start + i) * k + j;
      topScores[at] = score;
      topProducts[at] = MAX_PRODUCTS - Math.floor(rest / 4);
      topStatuses[at] = rest % 4;
    }
  }
}

/** Bits set in a 32-bit word: popcount32 (score.ts), local to this module for the hot loop. */
function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The lowest of the lanes' thresholds. */
function lowest(thresholds: Int32Array, lanes: number): number {
  let floor = 2147483647;
  for (let i = 0; i < lanes; i++) {
    const threshold = thresholds[i] as number;
    if (threshold < floor) floor = threshold;
  }
  return floor;
}

/** Fills each lane's ranking threshold and answers the lowest. */
function lowestThreshold(
  thresholds: Int32Array,
  lanes: number,
  topScores: Int32Array,
  topCount: Int32Array,
  start: number,
  k: number,
): number {
  let floor = 2147483647;
  for (let i = 0; i < lanes; i++) {
    const threshold = rankThreshold(topScores, topCount, start + i, k);
    thresholds[i] = threshold;
    if (threshold < floor) floor = threshold;
  }
  return lanes === 0 ? NO_THRESHOLD : floor;
}
