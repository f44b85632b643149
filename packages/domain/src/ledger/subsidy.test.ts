import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { balanceOf, balances } from './ledger-state.ts';
import { postClawbackReceipt, postSubsidyClawback, postSubsidyGrant, postSubsidyPayment } from './subsidy.ts';

const yuan = parseYuan;

describe('the premium subsidy in the funder’s books', () => {
  it('grants 5,000.00 to the insurer, pays it, and the insurer’s receivable from the bind is settled', () => {
    expect(postSubsidyGrant({ funder: 'gov', insurer: 'ins', amount: yuan('5000.00') })).toEqual([
      { account: 'subsidy_expense', orgId: 'gov', counterparty: 'ins', amount: yuan('5000.00') },
      { account: 'subsidy_payable', orgId: 'gov', counterparty: 'ins', amount: -yuan('5000.00') },
    ]);
    const payment = postSubsidyPayment({ funder: 'gov', insurer: 'ins', amount: yuan('5000.00') });
    expect(payment).toEqual([
      { account: 'subsidy_payable', orgId: 'gov', counterparty: 'ins', amount: yuan('5000.00') },
      { account: 'cash', orgId: 'gov', counterparty: 'ins', amount: -yuan('5000.00') },
      { account: 'cash', orgId: 'ins', counterparty: 'gov', amount: yuan('5000.00') },
      { account: 'subsidy_receivable', orgId: 'ins', counterparty: 'gov', amount: -yuan('5000.00') },
    ]);
    // Each book balances on its own.
    const positions = balances(payment);
    expect(
      balanceOf(positions, 'gov', 'subsidy_payable', 'ins') + balanceOf(positions, 'gov', 'cash', 'ins'),
    ).toBe(0n);
    expect(balanceOf(positions, 'ins', 'cash') + balanceOf(positions, 'ins', 'subsidy_receivable')).toBe(0n);
  });

  it('claws back 1,250.00 from an enterprise that lost its eligibility, and receives it', () => {
    const clawback = postSubsidyClawback({ funder: 'gov', from: 'ent', amount: yuan('1250.00') });
    expect(clawback).toEqual([
      { account: 'clawback_receivable', orgId: 'gov', counterparty: 'ent', amount: yuan('1250.00') },
      { account: 'subsidy_expense', orgId: 'gov', counterparty: 'ent', amount: -yuan('1250.00') },
    ]);
    const receipt = postClawbackReceipt({ funder: 'gov', from: 'ent', amount: yuan('1250.00') });
    expect(receipt.map((l) => [l.account, l.amount])).toEqual([
      ['cash', yuan('1250.00')],
      ['clawback_receivable', -yuan('1250.00')],
    ]);
    expect(balanceOf(balances([...clawback, ...receipt]), 'gov', 'clawback_receivable')).toBe(0n);
  });

  it('refuses negative amounts and a funder on both sides', () => {
    expect(() => postSubsidyGrant({ funder: 'gov', insurer: 'ins', amount: -1n })).toThrow(RangeError);
    expect(() => postSubsidyPayment({ funder: 'gov', insurer: 'ins', amount: -1n })).toThrow(RangeError);
    expect(() => postSubsidyClawback({ funder: 'gov', from: 'ent', amount: -1n })).toThrow(RangeError);
    expect(() => postClawbackReceipt({ funder: 'gov', from: 'ent', amount: -1n })).toThrow(RangeError);
    expect(() => postSubsidyPayment({ funder: 'gov', insurer: 'gov', amount: 1n })).toThrow(RangeError);
    expect(postSubsidyGrant({ funder: 'gov', insurer: 'ins', amount: 0n })).toEqual([]);
  });
});
