import type { Fen } from '../money/index.ts';
import { buildEntry, requireDistinct, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Reinsurance recoveries (摊回赔付支出) in the ceding insurer's books: the reinsurer's part of a claim by
 * the cession (quota share, surplus) or the excess-of-loss layer (domain README §3), computed by the
 * placement rules. The recovery follows the claim, so it is signed: a claim reduced reduces its recovery.
 */

/** Recovery due from a reinsurer: Dr recoveries_receivable / Cr reinsurance_recoveries (signed). */
export function postReinsuranceRecovery(input: {
  orgId: string;
  reinsurer: string;
  amount: Fen;
}): JournalLine[] {
  const { orgId, reinsurer, amount } = input;
  requireDistinct(orgId, reinsurer, 'a reinsurance recovery');
  return buildEntry((post) => {
    post('recoveries_receivable', orgId, reinsurer, amount);
    post('reinsurance_recoveries', orgId, reinsurer, -amount);
  });
}

/** A recovery received from the reinsurer: Dr cash / Cr recoveries_receivable (amount ≥ 0). */
export function postRecoveryReceipt(input: { orgId: string; reinsurer: string; amount: Fen }): JournalLine[] {
  const { orgId, reinsurer, amount } = input;
  requireNonNegative(amount, 'a recovery receipt');
  requireDistinct(orgId, reinsurer, 'a recovery receipt');
  return buildEntry((post) => {
    post('cash', orgId, reinsurer, amount);
    post('recoveries_receivable', orgId, reinsurer, -amount);
  });
}
