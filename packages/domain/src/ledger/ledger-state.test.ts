import { describe, expect, it } from 'vitest';
import { allocate } from '../money/index.ts';
import {
  balanceKey,
  balanceOf,
  balances,
  checkInvariants,
  type LedgerEntry,
  splitMismatch,
  trialBalance,
  unbalanced,
  unbalancedBooks,
  unmatchedCoinsurance,
} from './ledger-state.ts';
import { postPremiumMovement } from './posting.ts';
import { postPaymentReceipt } from './receipts.ts';

const bind = postPremiumMovement({
  policyholder: 'ent',
  funder: 'gov',
  collectionMode: 'lead_collects',
  participants: [
    { orgId: 'L', lead: true, share: 600_000, premium: 600_000n },
    { orgId: 'F', lead: false, share: 400_000, premium: 400_000n },
  ],
  subsidy: 300_000n,
  cessions: [],
});
const receipt = postPaymentReceipt({
  orgId: 'L',
  payer: 'ent',
  payerKind: 'enterprise',
  applied: 700_000n,
  unapplied: 1_000n,
});
const journal: LedgerEntry[] = [
  { id: 'bind', lines: bind },
  { id: 'pay', lines: receipt },
];

describe('reading the journal back', () => {
  it('keeps a balance per book, account and counterparty', () => {
    const positions = balances(journal.flatMap((e) => e.lines));
    expect(positions.get(balanceKey('L', 'premium_receivable', 'ent'))?.amount).toBe(0n);
    expect(balanceOf(positions, 'L', 'payer_credit', 'ent')).toBe(-1_000n);
    expect(balanceOf(positions, 'L', 'subsidy_receivable', 'gov')).toBe(300_000n);
    expect(balanceOf(positions, 'L', 'coinsurance_payable', 'F')).toBe(-400_000n);
    expect(balanceOf(positions, 'F', 'coinsurance_receivable')).toBe(400_000n);
    expect(balanceOf(positions, 'nobody', 'cash')).toBe(0n);
  });

  it('draws a trial balance (试算平衡) whose debits and credits cancel, per book and overall', () => {
    const lines = journal.flatMap((e) => e.lines);
    const all = trialBalance(lines);
    // Bind: 7,000.00 + 3,000.00 receivable, 4,000.00 co-insurance receivable; receipt: 7,010.00 cash.
    expect(all.debit).toBe(2_101_000n);
    expect(all.debit + all.credit).toBe(0n);
    expect(all.balance).toBe(0n);
    expect(all.rows.map((r) => r.account)).toEqual([
      'cash',
      'premium_receivable',
      'subsidy_receivable',
      'coinsurance_receivable',
      'payer_credit',
      'coinsurance_payable',
      'premium_income',
    ]);
    expect(all.rows[1]).toEqual({
      account: 'premium_receivable',
      debit: 700_000n,
      credit: -700_000n,
      balance: 0n,
    });
    const follower = trialBalance(lines, 'F');
    expect(follower.rows).toEqual([
      { account: 'coinsurance_receivable', debit: 400_000n, credit: 0n, balance: 400_000n },
      { account: 'premium_income', debit: 0n, credit: -400_000n, balance: -400_000n },
    ]);
    expect(follower.balance).toBe(0n);
  });

  it('lists unknown accounts after the chart', () => {
    const rows = trialBalance([
      { account: 'zz_odd', orgId: null, counterparty: null, amount: 5n },
      { account: 'cash', orgId: null, counterparty: null, amount: -5n },
    ]).rows;
    expect(rows.map((r) => r.account)).toEqual(['cash', 'zz_odd']);
  });

  it('finds entries that do not balance, as a whole or in one book', () => {
    const broken: LedgerEntry[] = [
      ...journal,
      { id: 'half', lines: [{ account: 'cash', orgId: 'L', counterparty: 'ent', amount: 5n }] },
      {
        id: 'leak',
        lines: [
          { account: 'cash', orgId: 'L', counterparty: 'F', amount: 5n },
          { account: 'cash', orgId: 'F', counterparty: 'L', amount: -5n },
        ],
      },
    ];
    expect(unbalanced(broken)).toEqual(['half']);
    expect(unbalancedBooks(broken)).toEqual([
      { entryId: 'half', orgId: 'L', off: 5n },
      { entryId: 'leak', orgId: 'L', off: 5n },
      { entryId: 'leak', orgId: 'F', off: -5n },
    ]);
  });

  it('finds co-insurance balances the other insurer does not mirror', () => {
    expect(unmatchedCoinsurance(bind)).toEqual([]);
    const oneSided = bind.filter((l) => l.account !== 'coinsurance_receivable');
    expect(unmatchedCoinsurance(oneSided)).toEqual([
      {
        payable: 'coinsurance_payable',
        receivable: 'coinsurance_receivable',
        debtor: 'L',
        creditor: 'F',
        off: -400_000n,
      },
    ]);
  });

  it('measures a premium split against the policy premium', () => {
    expect(splitMismatch(1_000_001n, allocate(1_000_001n, [1, 1, 1]))).toBe(0n);
    expect(splitMismatch(1_000_001n, [333_333n, 333_333n, 333_333n])).toBe(-2n);
  });

  it('reports every broken invariant of stored rows at once, and nothing for a sound journal', () => {
    expect(checkInvariants(journal)).toEqual([]);
    const rows: LedgerEntry[] = [
      {
        id: 'x',
        lines: [
          { account: 'petty_cash', orgId: 'L', counterparty: null, amount: 3n },
          { account: 'coinsurance_receivable', orgId: 'F', counterparty: 'L', amount: -2n },
        ],
      },
    ];
    expect(checkInvariants(rows)).toEqual([
      { code: 'entry.unbalanced', entryId: 'x', off: 1n },
      { code: 'account.unknown', entryId: 'x', account: 'petty_cash' },
      { code: 'book.unbalanced', entryId: 'x', orgId: 'L', off: 3n },
      { code: 'book.unbalanced', entryId: 'x', orgId: 'F', off: -2n },
      {
        code: 'coinsurance.unmatched',
        payable: 'coinsurance_payable',
        receivable: 'coinsurance_receivable',
        debtor: 'L',
        creditor: 'F',
        off: -2n,
      },
    ]);
  });
});
