import type { Fen } from '../money/index.ts';
import { buildEntry, requireDistinct, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * The premium subsidy (保费补贴) in the funder's own books, and its payment into the insurer's. At the
 * bind the collecting insurer already holds the subsidy share as subsidy_receivable (postPremiumMovement);
 * the funder recognises the same amount as granted (subsidy_expense / subsidy_payable) and pays it. A
 * grant that turns out not to be due (the policy is cancelled, the enterprise loses its eligibility) is
 * clawed back (追回): the expense is reduced and the sum becomes receivable from whoever holds the money.
 *
 * The other side of a clawback is posted by its payer: an insurer returning subsidy it collected pays it
 * out of its subsidy_receivable (postRefundPayout with payeeKind 'funder', from 'receivable'); an
 * enterprise keeps no books here.
 */

/** Subsidy granted for an insurer's policy, funder's books: Dr subsidy_expense / Cr subsidy_payable (≥ 0). */
export function postSubsidyGrant(input: { funder: string; insurer: string; amount: Fen }): JournalLine[] {
  const { funder, insurer, amount } = input;
  requireNonNegative(amount, 'a subsidy grant');
  requireDistinct(funder, insurer, 'a subsidy grant');
  return buildEntry((post) => {
    post('subsidy_expense', funder, insurer, amount);
    post('subsidy_payable', funder, insurer, -amount);
  });
}

/**
 * The funder pays the subsidy to the insurer, one entry in two books, each balanced on its own: funder
 * Dr subsidy_payable / Cr cash; insurer Dr cash / Cr subsidy_receivable (amount ≥ 0).
 */
export function postSubsidyPayment(input: { funder: string; insurer: string; amount: Fen }): JournalLine[] {
  const { funder, insurer, amount } = input;
  requireNonNegative(amount, 'a subsidy payment');
  requireDistinct(funder, insurer, 'a subsidy payment');
  return buildEntry((post) => {
    post('subsidy_payable', funder, insurer, amount);
    post('cash', funder, insurer, -amount);
    post('cash', insurer, funder, amount);
    post('subsidy_receivable', insurer, funder, -amount);
  });
}

/**
 * Subsidy to be recovered from `from` (the insurer or the enterprise that holds it), funder's books:
 * Dr clawback_receivable / Cr subsidy_expense (amount ≥ 0).
 */
export function postSubsidyClawback(input: { funder: string; from: string; amount: Fen }): JournalLine[] {
  const { funder, from, amount } = input;
  requireNonNegative(amount, 'a subsidy clawback');
  requireDistinct(funder, from, 'a subsidy clawback');
  return buildEntry((post) => {
    post('clawback_receivable', funder, from, amount);
    post('subsidy_expense', funder, from, -amount);
  });
}

/** Clawed-back subsidy received, funder's books: Dr cash / Cr clawback_receivable (amount ≥ 0). */
export function postClawbackReceipt(input: { funder: string; from: string; amount: Fen }): JournalLine[] {
  const { funder, from, amount } = input;
  requireNonNegative(amount, 'a clawback receipt');
  requireDistinct(funder, from, 'a clawback receipt');
  return buildEntry((post) => {
    post('cash', funder, from, amount);
    post('clawback_receivable', funder, from, -amount);
  });
}
