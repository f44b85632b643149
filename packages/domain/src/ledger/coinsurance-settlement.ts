import type { Fen } from '../money/index.ts';
import { buildEntry, requireDistinct } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Settlement between the lead and a follower under 主代从收 (共保结算). The lead collected the whole
 * premium and owes each follower its part (coinsurance_payable in the lead's books, coinsurance_receivable
 * in the follower's); it also paid whole claims and is owed each follower's part (coinsurance_claims_
 * receivable in the lead's books, coinsurance_claims_payable in the follower's). Settlement clears both
 * pairs in both books and moves only the net in cash.
 *
 * Under 各收各份额 each co-insurer collects its own premium and pays its own claims: postPremiumMovement and
 * postClaimPayment post nothing between insurers, so there is nothing to settle (this rule returns no
 * lines for zero amounts).
 */

/**
 * Clears what the lead and a follower owe each other and settles the net in cash.
 * - premiumDue: the premium the lead owes the follower, i.e. minus the lead's coinsurance_payable balance
 *   against it; negative when refunds the lead paid on the follower's behalf exceed what it collected.
 * - claimsDue: the claims the follower owes the lead, i.e. minus the follower's coinsurance_claims_payable
 *   balance against the lead.
 * Lead: Dr coinsurance_payable premiumDue, Cr coinsurance_claims_receivable claimsDue, cash the rest;
 * follower: the mirror image. The lead pays premiumDue − claimsDue (receives it when negative).
 */
export function postCoinsuranceSettlement(input: {
  lead: string;
  follower: string;
  premiumDue: Fen;
  claimsDue: Fen;
}): JournalLine[] {
  const { lead, follower, premiumDue, claimsDue } = input;
  requireDistinct(lead, follower, 'a co-insurance settlement');
  const net = premiumDue - claimsDue;
  return buildEntry((post) => {
    post('coinsurance_payable', lead, follower, premiumDue);
    post('coinsurance_claims_receivable', lead, follower, -claimsDue);
    post('cash', lead, follower, -net);
    post('coinsurance_receivable', follower, lead, -premiumDue);
    post('coinsurance_claims_payable', follower, lead, claimsDue);
    post('cash', follower, lead, net);
  });
}
