import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { postClaimPayment } from './claims.ts';
import { postCoinsuranceSettlement } from './coinsurance-settlement.ts';
import { balanceOf, balances } from './ledger-state.ts';
import { postPremiumMovement } from './posting.ts';

const yuan = parseYuan;

describe('settling between the lead and a follower (主代从收)', () => {
  it('nets 33,333.34 of premium owed against 2,500.00 of claims advanced: the lead pays 30,833.34', () => {
    expect(
      postCoinsuranceSettlement({
        lead: 'L',
        follower: 'F',
        premiumDue: yuan('33333.34'),
        claimsDue: yuan('2500.00'),
      }),
    ).toEqual([
      { account: 'coinsurance_payable', orgId: 'L', counterparty: 'F', amount: yuan('33333.34') },
      { account: 'coinsurance_claims_receivable', orgId: 'L', counterparty: 'F', amount: -yuan('2500.00') },
      { account: 'cash', orgId: 'L', counterparty: 'F', amount: -yuan('30833.34') },
      { account: 'coinsurance_receivable', orgId: 'F', counterparty: 'L', amount: -yuan('33333.34') },
      { account: 'coinsurance_claims_payable', orgId: 'F', counterparty: 'L', amount: yuan('2500.00') },
      { account: 'cash', orgId: 'F', counterparty: 'L', amount: yuan('30833.34') },
    ]);
  });

  it('has the follower pay the lead when the claims it owes exceed the premium', () => {
    const lines = postCoinsuranceSettlement({ lead: 'L', follower: 'F', premiumDue: 100n, claimsDue: 250n });
    expect(lines.filter((l) => l.account === 'cash').map((l) => [l.orgId, l.amount])).toEqual([
      ['L', 150n],
      ['F', -150n],
    ]);
  });

  it('clears what a bind and a claim left between them, in both books', () => {
    const participants = [
      { orgId: 'L', lead: true, share: 600_000 },
      { orgId: 'F', lead: false, share: 400_000 },
    ];
    const journal = [
      ...postPremiumMovement({
        policyholder: 'ent',
        funder: null,
        collectionMode: 'lead_collects',
        participants: [
          { ...(participants[0] as (typeof participants)[0]), premium: 600_001n },
          { ...(participants[1] as (typeof participants)[0]), premium: 400_000n },
        ],
        subsidy: 0n,
        cessions: [],
      }),
      ...postClaimPayment({ participants, claimant: 'ent', amount: 50_001n, collectionMode: 'lead_collects' })
        .lines,
    ];
    const before = balances(journal);
    const settlement = postCoinsuranceSettlement({
      lead: 'L',
      follower: 'F',
      premiumDue: -balanceOf(before, 'L', 'coinsurance_payable', 'F'),
      claimsDue: -balanceOf(before, 'F', 'coinsurance_claims_payable', 'L'),
    });
    const after = balances([...journal, ...settlement]);
    for (const [org, account] of [
      ['L', 'coinsurance_payable'],
      ['L', 'coinsurance_claims_receivable'],
      ['F', 'coinsurance_receivable'],
      ['F', 'coinsurance_claims_payable'],
    ] as const) {
      expect(balanceOf(after, org, account)).toBe(0n);
    }
    // 400,000 premium less its 40 % of the claim (20,000).
    expect(balanceOf(after, 'F', 'cash', 'L')).toBe(380_000n);
  });

  it('has nothing to settle under 各收各份额, and refuses a lead settling with itself', () => {
    expect(postCoinsuranceSettlement({ lead: 'L', follower: 'F', premiumDue: 0n, claimsDue: 0n })).toEqual(
      [],
    );
    expect(() =>
      postCoinsuranceSettlement({ lead: 'L', follower: 'L', premiumDue: 1n, claimsDue: 0n }),
    ).toThrow(RangeError);
  });
});
