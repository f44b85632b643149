import type { MatchPrograms } from './compile-programs.ts';
import type { EnterpriseFeatures } from './encode-enterprise.ts';
import { matchRange } from './match-range.ts';
import { createMatchResults, type MatchOptions, type MatchResults } from './match-results.ts';

/**
 * Matches every enterprise with every product version on this thread: per enterprise its best products,
 * per product its best leads among the enterprises that consented (MatchResults). For two or more
 * threads, `startMatchPool` (`@kebao/domain/matching/parallel`) gives the same results.
 */
export function matchAll(
  features: EnterpriseFeatures,
  programs: MatchPrograms,
  options: MatchOptions = {},
): MatchResults {
  if (features.width !== programs.code.width)
    throw new RangeError('the features and the programs were built with different feature schemas');
  const results = createMatchResults(features.count, programs.code.productCount, options);
  matchRange(features.rows, programs.code, 0, features.count, results, results, results.leadsPerProduct);
  return results;
}
