import { describe, expect, it } from 'vitest';
import { mulRate, parseYuan } from '../money/index.ts';
import { balanceOf, balances } from './ledger-state.ts';
import { postRecoveryReceipt, postReinsuranceRecovery } from './recovery.ts';

const yuan = parseYuan;

describe('reinsurance recoveries', () => {
  it('recovers 30 % of a 4,000.01 claim under a quota share (1,200.00), and receives it', () => {
    const amount = mulRate(yuan('4000.01'), '0.3');
    expect(amount).toBe(yuan('1200.00'));
    const due = postReinsuranceRecovery({ orgId: 'ins', reinsurer: 'Re', amount });
    expect(due).toEqual([
      { account: 'recoveries_receivable', orgId: 'ins', counterparty: 'Re', amount: yuan('1200.00') },
      { account: 'reinsurance_recoveries', orgId: 'ins', counterparty: 'Re', amount: -yuan('1200.00') },
    ]);
    const receipt = postRecoveryReceipt({ orgId: 'ins', reinsurer: 'Re', amount });
    expect(receipt.map((l) => l.account)).toEqual(['cash', 'recoveries_receivable']);
    expect(balanceOf(balances([...due, ...receipt]), 'ins', 'recoveries_receivable')).toBe(0n);
  });

  it('reduces a recovery with the claim, but never receives negative money', () => {
    expect(postReinsuranceRecovery({ orgId: 'ins', reinsurer: 'Re', amount: -5n })[0]?.amount).toBe(-5n);
    expect(() => postRecoveryReceipt({ orgId: 'ins', reinsurer: 'Re', amount: -5n })).toThrow(RangeError);
    expect(() => postReinsuranceRecovery({ orgId: 'Re', reinsurer: 'Re', amount: 5n })).toThrow(RangeError);
  });
});
