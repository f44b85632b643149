import type { Fen } from '../money/index.ts';
import { buildEntry, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/**
 * Settling a reinsurance account with a reinsurer (分保账单结算): the ceded premium owed
 * (reinsurance_payable) less the ceding commission due back (commission_receivable) and any recoveries
 * due (recoveries_receivable) is paid — or, when the reinsurer owes more, received — in cash. All in the
 * ceding insurer's books (the reinsurer is off-platform); every amount ≥ 0.
 */
export function postReinsuranceSettlement(input: {
  orgId: string;
  reinsurer: string;
  cededPremium: Fen;
  commission: Fen;
  recoveries?: Fen;
}): JournalLine[] {
  const { orgId, reinsurer, cededPremium, commission } = input;
  const recoveries = input.recoveries ?? 0n;
  requireNonNegative(cededPremium, 'a ceded premium');
  requireNonNegative(commission, 'a ceding commission');
  requireNonNegative(recoveries, 'a recovery');
  return buildEntry((post) => {
    post('reinsurance_payable', orgId, reinsurer, cededPremium);
    post('commission_receivable', orgId, reinsurer, -commission);
    post('recoveries_receivable', orgId, reinsurer, -recoveries);
    post('cash', orgId, reinsurer, commission + recoveries - cededPremium);
  });
}
