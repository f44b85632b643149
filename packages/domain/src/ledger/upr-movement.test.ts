import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { postPremiumMovement, UnbalancedEntryError } from './posting.ts';
import { reverseEntry } from './reverse-entry.ts';
import { postUprMovement } from './upr-movement.ts';

const yuan = parseYuan;

describe('the unearned premium reserve and corrections', () => {
  it('sets up 3,350.00 of UPR and releases 280.00 of it a month later', () => {
    expect(postUprMovement({ orgId: 'ins', policyholder: 'ent', change: yuan('3350.00') })).toEqual([
      { account: 'upr_change', orgId: 'ins', counterparty: 'ent', amount: yuan('3350.00') },
      { account: 'unearned_premium_reserve', orgId: 'ins', counterparty: 'ent', amount: -yuan('3350.00') },
    ]);
    expect(
      postUprMovement({ orgId: 'ins', policyholder: 'ent', change: -yuan('280.00') }).map((l) => l.amount),
    ).toEqual([-yuan('280.00'), yuan('280.00')]);
    expect(postUprMovement({ orgId: 'ins', policyholder: 'ent', change: 0n })).toEqual([]);
  });

  it('reverses a bind line by line (红字冲销)', () => {
    const bind = postPremiumMovement({
      policyholder: 'ent',
      funder: 'gov',
      collectionMode: 'lead_collects',
      participants: [
        { orgId: 'a', lead: true, share: 1, premium: 700n },
        { orgId: 'b', lead: false, share: 1, premium: 300n },
      ],
      subsidy: 200n,
      cessions: [],
    });
    const reversal = reverseEntry(bind);
    expect(reversal).toHaveLength(bind.length);
    reversal.forEach((line, i) => {
      expect(line).toEqual({ ...bind[i], amount: -(bind[i]?.amount ?? 0n) });
    });
    expect(reverseEntry(reversal)).toEqual(bind);
  });

  it('refuses to reverse an entry that does not balance', () => {
    expect(() => reverseEntry([{ account: 'cash', orgId: 'a', counterparty: 'b', amount: 1n }])).toThrow(
      UnbalancedEntryError,
    );
  });
});
