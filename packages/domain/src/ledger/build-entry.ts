import type { Fen } from '../money/index.ts';
import type { Account } from './accounts.ts';
import { assertBalanced, type JournalLine, UnbalancedEntryError } from './posting.ts';

/*
 * The shared frame of the posting rules (internal to the ledger folder): lines are added in order, zero
 * lines are left out, and the entry is checked to balance as a whole and in every book (`orgId`) on its
 * own — a rule that touches two books (the funder's and the insurer's, the lead's and a follower's) never
 * moves value from one book to the other inside an entry.
 */

export type Post = (account: Account, orgId: string, counterparty: string, amount: Fen) => void;

export function buildEntry(write: (post: Post) => void): JournalLine[] {
  const lines: JournalLine[] = [];
  write((account, orgId, counterparty, amount) => {
    if (amount !== 0n) lines.push({ account, orgId, counterparty, amount });
  });
  assertBalanced(lines);
  const books = new Map<string, Fen>();
  for (const line of lines) books.set(line.orgId, (books.get(line.orgId) ?? 0n) + line.amount);
  for (const [orgId, off] of books) {
    if (off !== 0n) throw new UnbalancedEntryError(`the books of ${orgId} do not balance: off by ${off} fen`);
  }
  return lines;
}

/** Money that only moves one way (a receipt, a payout, a grant) cannot be negative: reverse the entry. */
export function requireNonNegative(amount: Fen, what: string): void {
  if (amount < 0n) throw new RangeError(`${what} of ${amount} fen is negative`);
}

export function requireDistinct(a: string, b: string, what: string): void {
  if (a === b) throw new RangeError(`${what}: both sides are ${JSON.stringify(a)}`);
}
