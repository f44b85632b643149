import type { Fen } from '../money/index.ts';
import { buildEntry, requireDistinct } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Settlement between a subsidy funder and an insurer (补贴结算): the statement the funder draws up for one
 * insurer lists, per policy and grant, the subsidy the insurer billed it and it still owes (the insurer's
 * subsidy_receivable, the subsidy invoices still open) — or, after a claw-back of a subsidy already paid,
 * what the insurer owes back (a credit note not yet refunded). Settling pays the net in cash and clears the
 * listed balances in both books: the funder's subsidy_payable and the insurer's subsidy_receivable.
 */

/** A grant's position, as far as a settlement can change it (statuses as the subsidy desk keeps them). */
export interface SettlementGrant {
  id: string;
  status: string;
  amount: Fen;
  clawedBack: Fen;
  paid: Fen;
}

/** Grants that can be paid: granted at bind (免申即享, confirmed or not yet) or approved on application. */
const PAYABLE: readonly string[] = ['reserved', 'confirmed', 'approved'];

/** What a grant can still take: positive, still to pay; negative, paid beyond what it now grants. */
export function grantOpen(grant: SettlementGrant): Fen {
  if (!PAYABLE.includes(grant.status)) return 0n;
  return grant.amount - grant.clawedBack - grant.paid;
}

/**
 * How much of one policy's open subsidy a statement settles, and on which grant: the insurer's receivable
 * from the funder on the policy (`receivable`, signed: negative when the insurer owes subsidy back) is
 * filled into the grants in their order, each up to what it can still take in the same direction. What no
 * grant can take is not listed (it stays open in the books). The parts sum exactly to `due`; every part has
 * the sign of the receivable.
 */
export function subsidyDue(
  receivable: Fen,
  grants: readonly SettlementGrant[],
): { due: Fen; parts: { grantId: string; amount: Fen }[] } {
  const sign = receivable < 0n ? -1n : 1n;
  let left = receivable * sign;
  const parts: { grantId: string; amount: Fen }[] = [];
  for (const grant of grants) {
    if (left === 0n) break;
    const room = grantOpen(grant) * sign;
    if (room <= 0n) continue;
    const take = room < left ? room : left;
    parts.push({ grantId: grant.id, amount: take * sign });
    left -= take;
  }
  return { due: receivable - left * sign, parts };
}

/**
 * Settles one policy's subsidy between the funder and the insurer. `amount` is what the funder pays
 * (negative: the insurer pays back). Funder: Dr subsidy_payable / Cr cash; insurer: Dr cash / Cr
 * subsidy_receivable — each book balanced on its own, mirrored for a negative amount.
 */
export function postSubsidySettlement(input: {
  funder: string;
  insurer: string;
  amount: Fen;
}): JournalLine[] {
  const { funder, insurer, amount } = input;
  requireDistinct(funder, insurer, 'a subsidy settlement');
  return buildEntry((post) => {
    post('subsidy_payable', funder, insurer, amount);
    post('cash', funder, insurer, -amount);
    post('cash', insurer, funder, amount);
    post('subsidy_receivable', insurer, funder, -amount);
  });
}
