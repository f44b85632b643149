import { describe, expect, it } from 'vitest';
import { postReinsuranceSettlement } from './reinsurance-settlement.ts';

describe('postReinsuranceSettlement', () => {
  it('pays the ceded premium less the commission and clears both balances in the ceding books', () => {
    expect(
      postReinsuranceSettlement({
        orgId: 'L',
        reinsurer: 'R',
        cededPremium: 3_000_000n,
        commission: 900_000n,
      }),
    ).toEqual([
      { account: 'reinsurance_payable', orgId: 'L', counterparty: 'R', amount: 3_000_000n },
      { account: 'commission_receivable', orgId: 'L', counterparty: 'R', amount: -900_000n },
      { account: 'cash', orgId: 'L', counterparty: 'R', amount: -2_100_000n },
    ]);
  });

  it('receives cash when the recoveries due exceed the premium owed', () => {
    const lines = postReinsuranceSettlement({
      orgId: 'L',
      reinsurer: 'R',
      cededPremium: 100n,
      commission: 30n,
      recoveries: 1_000n,
    });
    expect(lines.find((l) => l.account === 'cash')?.amount).toBe(930n);
    expect(lines.reduce((s, l) => s + l.amount, 0n)).toBe(0n);
  });

  it('refuses negative amounts (a return cession is settled by reversing)', () => {
    expect(() =>
      postReinsuranceSettlement({ orgId: 'L', reinsurer: 'R', cededPremium: -1n, commission: 0n }),
    ).toThrow(RangeError);
  });
});
