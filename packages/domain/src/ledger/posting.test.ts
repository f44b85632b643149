import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../money/index.ts';
import { assertBalanced, type JournalLine, postPremiumMovement, UnbalancedEntryError } from './posting.ts';

const byAccount = (lines: JournalLine[], account: string, orgId?: string) =>
  lines
    .filter((l) => l.account === account && (orgId === undefined || l.orgId === orgId))
    .reduce((s, l) => s + l.amount, 0n);

describe('postPremiumMovement', () => {
  const participants = (premiums: bigint[]) =>
    premiums.map((premium, i) => ({ orgId: `ins${i}`, lead: i === 0, share: 1, premium }));

  it('lead collects everything and owes each follower its share (主代从收)', () => {
    const lines = postPremiumMovement({
      policyholder: 'ent',
      funder: null,
      collectionMode: 'lead_collects',
      participants: participants([3_333_334n, 3_333_334n, 3_333_333n]),
      subsidy: 0n,
      cessions: [],
    });
    expect(byAccount(lines, 'premium_receivable', 'ins0')).toBe(10_000_001n);
    expect(byAccount(lines, 'premium_income', 'ins1')).toBe(-3_333_334n);
    expect(byAccount(lines, 'coinsurance_payable', 'ins0')).toBe(-6_666_667n);
    expect(byAccount(lines, 'coinsurance_receivable', 'ins2')).toBe(3_333_333n);
  });

  it('each co-insurer collects its own share (各收各份额), the subsidy split by shares', () => {
    const lines = postPremiumMovement({
      policyholder: 'ent',
      funder: 'gov',
      collectionMode: 'each_collects',
      participants: [
        { orgId: 'a', lead: true, share: 600_000, premium: 60_000n },
        { orgId: 'b', lead: false, share: 400_000, premium: 40_000n },
      ],
      subsidy: 50_001n,
      cessions: [{ orgId: 'a', reinsurer: 'Re', cededPremium: 18_000n, commission: 5_400n }],
    });
    expect(byAccount(lines, 'subsidy_receivable')).toBe(50_001n);
    expect(byAccount(lines, 'premium_receivable', 'b') + byAccount(lines, 'subsidy_receivable', 'b')).toBe(
      40_000n,
    );
    expect(byAccount(lines, 'reinsurance_payable', 'a')).toBe(-18_000n);
    expect(lines.some((l) => l.account === 'coinsurance_payable')).toBe(false);
  });

  it('every movement balances, whatever the split, the mode and the sign', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('lead_collects' as const, 'each_collects' as const),
        fc.integer({ min: 0, max: 100 }),
        (total, shares, mode, subsidyPercent) => {
          const parts = allocate(total, shares);
          const subsidy = (total * BigInt(subsidyPercent)) / 100n;
          const lines = postPremiumMovement({
            policyholder: 'ent',
            funder: 'gov',
            collectionMode: mode,
            participants: parts.map((premium, i) => ({
              orgId: `o${i}`,
              lead: i === 0,
              share: shares[i] ?? 1,
              premium,
            })),
            subsidy,
            cessions: [{ orgId: 'o0', reinsurer: 'Re', cededPremium: parts[0] ?? 0n, commission: 7n }],
          });
          expect(lines.reduce((s, l) => s + l.amount, 0n)).toBe(0n);
          expect(byAccount(lines, 'premium_income')).toBe(-total);
        },
      ),
    );
  });

  it('refuses an entry that does not balance', () => {
    expect(() =>
      assertBalanced([{ account: 'premium_income', orgId: 'a', counterparty: 'b', amount: 1n }]),
    ).toThrow(UnbalancedEntryError);
  });
});
