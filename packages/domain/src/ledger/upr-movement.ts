import type { Fen } from '../money/index.ts';
import { buildEntry } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * The unearned premium reserve (未到期责任准备金, domain README §4) in a co-insurer's books. At each
 * valuation the server computes the co-insurer's UPR (earned.ts) and posts the change since the last one:
 * earned premium is then premium_income less upr_change (提取未到期责任准备金).
 */

/** Dr upr_change / Cr unearned_premium_reserve by the change (negative: a release as premium is earned). */
export function postUprMovement(input: { orgId: string; policyholder: string; change: Fen }): JournalLine[] {
  const { orgId, policyholder, change } = input;
  return buildEntry((post) => {
    post('upr_change', orgId, policyholder, change);
    post('unearned_premium_reserve', orgId, policyholder, -change);
  });
}
