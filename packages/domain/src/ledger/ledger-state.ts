import type { Fen } from '../money/index.ts';
import { ACCOUNTS, isAccount } from './accounts.ts';

/*
 * The journal read back, for checking (对账): balances by book, account and counterparty, the trial
 * balance (试算平衡), and the invariants every stored journal keeps whatever happened to the policies —
 * the checks `kebao ledger verify` runs on the rows it reads. Lines are typed loosely (an account is any
 * string, ids may be null) because they come from storage, where a bug could have put anything.
 */

export interface LedgerLine {
  account: string;
  orgId: string | null;
  counterparty: string | null;
  amount: Fen;
}

export interface LedgerEntry {
  id: string;
  lines: readonly LedgerLine[];
}

export interface Balance {
  orgId: string | null;
  account: string;
  counterparty: string | null;
  amount: Fen;
}

/** The key of a position in `balances`. */
export function balanceKey(orgId: string | null, account: string, counterparty: string | null): string {
  return JSON.stringify([orgId, account, counterparty]);
}

/**
 * The balance of every (book, account, counterparty) the lines touch, keyed by balanceKey. A position
 * that nets to zero stays in the map with amount 0.
 */
export function balances(lines: Iterable<LedgerLine>): Map<string, Balance> {
  const positions = new Map<string, Balance>();
  for (const { orgId, account, counterparty, amount } of lines) {
    const key = balanceKey(orgId, account, counterparty);
    const position = positions.get(key);
    if (position) position.amount += amount;
    else positions.set(key, { orgId, account, counterparty, amount });
  }
  return positions;
}

/** One book's balance of an account, against one counterparty or (omitted) all of them. */
export function balanceOf(
  positions: ReadonlyMap<string, Balance>,
  orgId: string | null,
  account: string,
  counterparty?: string | null,
): Fen {
  if (counterparty !== undefined)
    return positions.get(balanceKey(orgId, account, counterparty))?.amount ?? 0n;
  let sum = 0n;
  for (const p of positions.values()) if (p.orgId === orgId && p.account === account) sum += p.amount;
  return sum;
}

export interface TrialBalanceRow {
  account: string;
  /** Σ debit lines (发生额借方), ≥ 0. */
  debit: Fen;
  /** Σ credit lines (发生额贷方), ≤ 0. */
  credit: Fen;
  /** debit + credit (余额): positive a debit balance, negative a credit balance. */
  balance: Fen;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  /** Totals over the rows; debit + credit = balance = 0 for any set of balanced entries. */
  debit: Fen;
  credit: Fen;
  balance: Fen;
}

/** Turnover and balance per account, of one book or (orgId omitted) all; rows in chart order, unknown accounts last. */
export function trialBalance(lines: Iterable<LedgerLine>, orgId?: string): TrialBalance {
  const rows = new Map<string, TrialBalanceRow>();
  for (const line of lines) {
    if (orgId !== undefined && line.orgId !== orgId) continue;
    let row = rows.get(line.account);
    if (!row) {
      row = { account: line.account, debit: 0n, credit: 0n, balance: 0n };
      rows.set(line.account, row);
    }
    if (line.amount > 0n) row.debit += line.amount;
    else row.credit += line.amount;
    row.balance += line.amount;
  }
  const chart = Object.keys(ACCOUNTS);
  const rank = (account: string) => (isAccount(account) ? chart.indexOf(account) : chart.length);
  const sorted = [...rows.values()].sort(
    (a, b) =>
      rank(a.account) - rank(b.account) || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0),
  );
  const total = (pick: (row: TrialBalanceRow) => Fen) => sorted.reduce((sum, row) => sum + pick(row), 0n);
  return {
    rows: sorted,
    debit: total((row) => row.debit),
    credit: total((row) => row.credit),
    balance: total((row) => row.balance),
  };
}

/** Ids of the entries whose lines do not sum to zero. */
export function unbalanced(entries: Iterable<LedgerEntry>): string[] {
  const ids: string[] = [];
  for (const entry of entries) if (sumLines(entry.lines) !== 0n) ids.push(entry.id);
  return ids;
}

export interface BookImbalance {
  entryId: string;
  orgId: string | null;
  off: Fen;
}

/** Entries that move value between books: every posting rule balances each book (`orgId`) on its own. */
export function unbalancedBooks(entries: Iterable<LedgerEntry>): BookImbalance[] {
  const found: BookImbalance[] = [];
  for (const entry of entries) {
    const books = new Map<string | null, Fen>();
    for (const line of entry.lines) books.set(line.orgId, (books.get(line.orgId) ?? 0n) + line.amount);
    for (const [orgId, off] of books) if (off !== 0n) found.push({ entryId: entry.id, orgId, off });
  }
  return found;
}

export interface MirrorMismatch {
  /** The debtor's account and the creditor's account that must mirror each other. */
  payable: 'coinsurance_payable' | 'coinsurance_claims_payable';
  receivable: 'coinsurance_receivable' | 'coinsurance_claims_receivable';
  debtor: string | null;
  creditor: string | null;
  /** payable balance + receivable balance; 0 when they mirror. */
  off: Fen;
}

const MIRRORS = [
  { payable: 'coinsurance_payable', receivable: 'coinsurance_receivable' },
  { payable: 'coinsurance_claims_payable', receivable: 'coinsurance_claims_receivable' },
] as const;

/**
 * Co-insurance balances between two insurers that do not mirror: what the debtor shows as payable to the
 * creditor must be what the creditor shows as receivable from it (both sides are posted in one entry).
 */
export function unmatchedCoinsurance(lines: Iterable<LedgerLine>): MirrorMismatch[] {
  const pairs = new Map<string, MirrorMismatch>();
  for (const line of lines) {
    for (const mirror of MIRRORS) {
      const side =
        line.account === mirror.payable
          ? { debtor: line.orgId, creditor: line.counterparty }
          : line.account === mirror.receivable
            ? { debtor: line.counterparty, creditor: line.orgId }
            : null;
      if (side === null) continue;
      const key = JSON.stringify([mirror.payable, side.debtor, side.creditor]);
      const pair = pairs.get(key) ?? { ...mirror, ...side, off: 0n };
      pair.off += line.amount;
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()].filter((pair) => pair.off !== 0n);
}

/** Σ lineParts − policyPremium: 0 when the co-insurers' parts add up to the policy's premium exactly. */
export function splitMismatch(policyPremium: Fen, lineParts: readonly Fen[]): Fen {
  return lineParts.reduce((sum, part) => sum + part, 0n) - policyPremium;
}

export type LedgerProblem =
  | { code: 'entry.unbalanced'; entryId: string; off: Fen }
  | ({ code: 'book.unbalanced' } & BookImbalance)
  | { code: 'account.unknown'; entryId: string; account: string }
  | ({ code: 'coinsurance.unmatched' } & MirrorMismatch);

/** Every invariant of a stored journal at once; an empty list when it holds. */
export function checkInvariants(entries: readonly LedgerEntry[]): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  for (const entry of entries) {
    const off = sumLines(entry.lines);
    if (off !== 0n) problems.push({ code: 'entry.unbalanced', entryId: entry.id, off });
    for (const line of entry.lines) {
      if (!isAccount(line.account)) {
        problems.push({ code: 'account.unknown', entryId: entry.id, account: line.account });
      }
    }
  }
  for (const imbalance of unbalancedBooks(entries)) problems.push({ code: 'book.unbalanced', ...imbalance });
  for (const mismatch of unmatchedCoinsurance(entries.flatMap((entry) => entry.lines))) {
    problems.push({ code: 'coinsurance.unmatched', ...mismatch });
  }
  return problems;
}

function sumLines(lines: readonly LedgerLine[]): Fen {
  return lines.reduce((sum, line) => sum + line.amount, 0n);
}
