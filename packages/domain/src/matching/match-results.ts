import { NO_THRESHOLD } from './score.ts';

/**
 * The result of matching every enterprise with every product, as typed arrays:
 *
 * - per enterprise e, its best products: `topProducts[e·k … e·k + topCount[e])` (program indices, best
 *   first) with `topScores` and `topStatuses` (MatchStatus) alongside; `productMatches[e]` counts all the
 *   products that match it;
 * - per product p, its best leads among the enterprises that consented: `leads[p·k … p·k + leadCount[p])`
 *   (row indices) with `leadScores`, `leadStatuses`; `matches[p]` counts every matching enterprise and
 *   `consentingMatches[p]` those that consented.
 */
export interface MatchResults {
  readonly enterpriseCount: number;
  readonly productCount: number;
  readonly productsPerEnterprise: number;
  readonly leadsPerProduct: number;
  readonly topCount: Int32Array;
  readonly topProducts: Int32Array;
  readonly topScores: Int32Array;
  readonly topStatuses: Int8Array;
  readonly productMatches: Int32Array;
  readonly leadCount: Int32Array;
  readonly leads: Int32Array;
  readonly leadScores: Int32Array;
  readonly leadStatuses: Int8Array;
  readonly matches: Int32Array;
  readonly consentingMatches: Int32Array;
}

/** How many to keep: products per enterprise and leads per product (both 20 unless told). */
export interface MatchOptions {
  productsPerEnterprise?: number;
  leadsPerProduct?: number;
}

export const DEFAULT_TOP = 20;

export function topSizes(options: MatchOptions): { products: number; leads: number } {
  const products = options.productsPerEnterprise ?? DEFAULT_TOP;
  const leads = options.leadsPerProduct ?? DEFAULT_TOP;
  for (const k of [products, leads]) {
    if (!Number.isInteger(k) || k < 1 || k > 10_000)
      throw new RangeError(`a top size must be 1–10,000, not ${k}`);
  }
  return { products, leads };
}

/** Empty results; the enterprise half in SharedArrayBuffers when `shared` (worker threads fill it). */
export function createMatchResults(
  enterpriseCount: number,
  productCount: number,
  options: MatchOptions = {},
  shared = false,
): MatchResults {
  const k = topSizes(options);
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const ints = (n: number) => new Int32Array(buffer(n * 4));
  return {
    enterpriseCount,
    productCount,
    productsPerEnterprise: k.products,
    leadsPerProduct: k.leads,
    topCount: ints(enterpriseCount),
    topProducts: ints(enterpriseCount * k.products),
    topScores: ints(enterpriseCount * k.products),
    topStatuses: new Int8Array(buffer(enterpriseCount * k.products)),
    productMatches: ints(enterpriseCount),
    ...createLeads(productCount, k.leads),
  };
}

/** The product half of the results: what each worker thread keeps for its own enterprises. */
export type LeadResults = Pick<
  MatchResults,
  'leadCount' | 'leads' | 'leadScores' | 'leadStatuses' | 'matches' | 'consentingMatches'
>;

export function createLeads(productCount: number, leadsPerProduct: number): LeadResults {
  return {
    leadCount: new Int32Array(productCount),
    leads: new Int32Array(productCount * leadsPerProduct),
    leadScores: new Int32Array(productCount * leadsPerProduct),
    leadStatuses: new Int8Array(productCount * leadsPerProduct),
    matches: new Int32Array(productCount),
    consentingMatches: new Int32Array(productCount),
  };
}

/**
 * Inserts an entry into owner's ranking of at most k (best first; on equal scores the earlier entry
 * stays ahead, so callers insert in index order). The caller has checked that it beats the threshold.
 * Answers the new threshold: the k-th score, or NO_THRESHOLD while there is room.
 */
export function insertRanked(
  scores: Int32Array,
  items: Int32Array,
  statuses: Int8Array,
  counts: Int32Array,
  owner: number,
  k: number,
  score: number,
  item: number,
  status: number,
): number {
  const base = owner * k;
  const count = counts[owner] as number;
  let at = count < k ? count : k - 1;
  if (count < k) counts[owner] = count + 1;
  while (at > 0 && (scores[base + at - 1] as number) < score) {
    scores[base + at] = scores[base + at - 1] as number;
    items[base + at] = items[base + at - 1] as number;
    statuses[base + at] = statuses[base + at - 1] as number;
    at--;
  }
  scores[base + at] = score;
  items[base + at] = item;
  statuses[base + at] = status;
  return count + 1 < k ? NO_THRESHOLD : (scores[base + k - 1] as number);
}

/** The score an entry must beat to enter owner's ranking. */
export function rankThreshold(scores: Int32Array, counts: Int32Array, owner: number, k: number): number {
  return (counts[owner] as number) < k ? NO_THRESHOLD : (scores[owner * k + k - 1] as number);
}

/**
 * Merges the lead rankings of consecutive enterprise ranges (in range order) into `into`: the same
 * rankings one thread would have made, since on equal scores the lower enterprise stays ahead.
 */
export function mergeLeads(parts: readonly LeadResults[], leadsPerProduct: number, into: LeadResults): void {
  const k = leadsPerProduct;
  const productCount = into.leadCount.length;
  const cursor = new Int32Array(parts.length);
  for (let p = 0; p < productCount; p++) {
    cursor.fill(0);
    let n = 0;
    let matches = 0;
    let consenting = 0;
    for (const part of parts) {
      matches += part.matches[p] as number;
      consenting += part.consentingMatches[p] as number;
    }
    while (n < k) {
      let best = -1;
      let bestScore = 0;
      for (let w = 0; w < parts.length; w++) {
        const part = parts[w] as LeadResults;
        const c = cursor[w] as number;
        if (c >= (part.leadCount[p] as number)) continue;
        const score = part.leadScores[p * k + c] as number;
        if (best < 0 || score > bestScore) {
          best = w;
          bestScore = score;
        }
      }
      if (best < 0) break;
      const part = parts[best] as LeadResults;
      const from = p * k + (cursor[best] as number);
      into.leads[p * k + n] = part.leads[from] as number;
      into.leadScores[p * k + n] = bestScore;
      into.leadStatuses[p * k + n] = part.leadStatuses[from] as number;
      cursor[best] = (cursor[best] as number) + 1;
      n++;
    }
    into.leadCount[p] = n;
    into.matches[p] = matches;
    into.consentingMatches[p] = consenting;
  }
}
