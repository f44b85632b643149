import { createBlock, laneScore, laneStatus, loadBlock, matchMask, runProduct } from './block.ts';
import type { MatchPrograms } from './compile-programs.ts';
import type { EnterpriseFeatures } from './encode-enterprise.ts';
import { explainMatch, type MatchExplanation } from './explain-match.ts';
import { DEFAULT_TOP, insertRanked, type MatchResults, topSizes } from './match-results.ts';
import { NO_THRESHOLD } from './score.ts';

/** One enterprise against every product: its ranking with reasons, and every product's score. */
export interface EnterpriseMatches {
  /** The best products, best first, each with its reasons. */
  readonly products: readonly MatchExplanation[];
  /** Per program index: the score, or 0 where the product does not match. */
  readonly scores: Int32Array;
  /** Per program index: MatchStatus, or −1 where the product does not match. */
  readonly statuses: Int8Array;
}

/**
 * Matches one enterprise row (encodeEnterprise) with every product — what to run when a profile changes:
 * the same scoring loop as matchAll, on a block of one. `scores` and `statuses` let the caller update the
 * product side (the enterprise's place among each product's leads).
 */
export function matchOne(
  row: Float64Array,
  programs: MatchPrograms,
  options: { top?: number } = {},
): EnterpriseMatches {
  const { code } = programs;
  if (row.length < code.width) throw new RangeError(`a row has ${code.width} columns, not ${row.length}`);
  const k = topSizes({ productsPerEnterprise: options.top ?? DEFAULT_TOP }).products;
  const block = createBlock(code);
  loadBlock(row, 0, 1, code, block);
  const scores = new Int32Array(code.productCount);
  const statuses = new Int8Array(code.productCount).fill(-1);
  const top = {
    count: new Int32Array(1),
    products: new Int32Array(k),
    scores: new Int32Array(k),
    statuses: new Int8Array(k),
  };
  let threshold = NO_THRESHOLD;
  for (let p = 0; p < code.productCount; p++) {
    runProduct(code, p, block);
    if (matchMask(block) === 0) continue;
    const score = laneScore(code, p, block, 0);
    const status = laneStatus(block.undecided, block.referred, 0);
    scores[p] = score;
    statuses[p] = status;
    if (score > threshold) {
      threshold = insertRanked(top.scores, top.products, top.statuses, top.count, 0, k, score, p, status);
    }
  }
  const products = Array.from(top.products.subarray(0, top.count[0]), (p) => explainMatch(programs, p, row));
  return { products, scores, statuses };
}

/** An enterprise's ranked products from matchAll's results, each explained. */
export function productsOf(
  results: MatchResults,
  features: EnterpriseFeatures,
  programs: MatchPrograms,
  row: number,
): MatchExplanation[] {
  const k = results.productsPerEnterprise;
  const products = results.topProducts.subarray(row * k, row * k + (results.topCount[row] as number));
  return Array.from(products, (p) => explainMatch(programs, p, features.rows, row * features.width));
}

/** A lead: a consenting enterprise that matches a product, and why. */
export interface Lead {
  readonly enterpriseId: string;
  readonly row: number;
  readonly explanation: MatchExplanation;
}

/** A product's ranked leads from matchAll's results (consenting enterprises only), each explained. */
export function leadsOf(
  results: MatchResults,
  features: EnterpriseFeatures,
  programs: MatchPrograms,
  product: number,
): Lead[] {
  const k = results.leadsPerProduct;
  const rows = results.leads.subarray(product * k, product * k + (results.leadCount[product] as number));
  return Array.from(rows, (row) => ({
    enterpriseId: features.ids[row] as string,
    row,
    explanation: explainMatch(programs, product, features.rows, row * features.width),
  }));
}
