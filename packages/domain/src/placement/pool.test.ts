import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PoolMember, poolSharesOn } from './pool.ts';
import { WHOLE } from './shares.ts';

const member = (
  orgId: string,
  share: number,
  joinedOn: string,
  leftOn: string | null = null,
  lead = false,
): PoolMember => ({
  orgId,
  share,
  joinedOn,
  leftOn,
  lead,
});

const pool: PoolMember[] = [
  member('org-c', 200_000, '2025-01-01', '2026-07-01'),
  member('org-b', 300_000, '2025-01-01'),
  member('org-a', 100_000, '2025-01-01'),
  member('org-lead', 400_000, '2025-01-01', null, true),
];

describe('standing co-insurance pools', () => {
  it('lists active members with their default shares, lead first then by organisation', () => {
    expect(poolSharesOn(pool, '2026-06-30')).toEqual([
      { orgId: 'org-lead', share: 400_000, lead: true },
      { orgId: 'org-a', share: 100_000, lead: false },
      { orgId: 'org-b', share: 300_000, lead: false },
      { orgId: 'org-c', share: 200_000, lead: false },
    ]);
  });

  it('re-scales the remaining members to 100 % from the day a member leaves', () => {
    // 40 : 10 : 30 over 80 % → 50 %, 12.5 %, 37.5 %.
    expect(poolSharesOn(pool, '2026-07-01')).toEqual([
      { orgId: 'org-lead', share: 500_000, lead: true },
      { orgId: 'org-a', share: 125_000, lead: false },
      { orgId: 'org-b', share: 375_000, lead: false },
    ]);
  });

  it('gives a unit left over by the re-scaling to the lead on a tie', () => {
    const three = [
      member('x', 100_000, '2026-01-01', null, true),
      member('y', 100_000, '2026-01-01'),
      member('z', 100_000, '2026-01-01'),
    ];
    expect(poolSharesOn(three, '2026-01-01').map((m) => m.share)).toEqual([333_334, 333_333, 333_333]);
  });

  it('counts a member from the day it joins, and is empty before anyone has', () => {
    expect(poolSharesOn(pool, '2024-12-31')).toEqual([]);
    expect(poolSharesOn([], '2026-01-01')).toEqual([]);
    expect(
      poolSharesOn([member('late', 250_000, '2026-03-01'), ...pool.slice(1)], '2026-03-01'),
    ).toHaveLength(4);
  });

  it('refuses a pool where no active member holds a share', () => {
    expect(() => poolSharesOn([member('x', 0, '2026-01-01')], '2026-01-01')).toThrow(RangeError);
  });

  it('always sums to 100 % when anyone is active', () => {
    const members = fc.array(
      fc.record({
        orgId: fc.string({ minLength: 1, maxLength: 4 }),
        share: fc.integer({ min: 1, max: WHOLE }),
        joinedOn: fc.constantFrom('2025-01-01', '2026-01-01'),
        leftOn: fc.constantFrom(null, '2025-06-01', '2026-06-01'),
        lead: fc.boolean(),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(members, fc.constantFrom('2025-03-01', '2026-03-01', '2026-09-01'), (ms, date) => {
        const shares = poolSharesOn(ms, date);
        if (shares.length > 0) expect(shares.reduce((sum, m) => sum + m.share, 0)).toBe(WHOLE);
        const leads = shares.findIndex((m) => !m.lead);
        if (leads >= 0) expect(shares.slice(leads).every((m) => !m.lead)).toBe(true);
      }),
    );
  });
});
