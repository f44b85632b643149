import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../money/index.ts';
import { WHOLE } from './shares.ts';
import { signDown } from './sign-down.ts';

/** The bind's splits: premium and sum insured by signed lines, after sign-down — always exact. */
describe('splitting a premium by signed lines', () => {
  it('¥100,000.01 in thirds sums exactly', () => {
    const signed = signDown([
      { written: 400_000, toStand: false },
      { written: 400_000, toStand: false },
      { written: 400_000, toStand: false },
    ]);
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.signed).toEqual([333_334, 333_333, 333_333]);
    // Signed 33.3334 / 33.3333 / 33.3333 %: 33,333.41 + 33,333.30 + 33,333.30.
    const parts = allocate(10_000_001n, signed.signed);
    expect(parts).toEqual([3_333_341n, 3_333_330n, 3_333_330n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(10_000_001n);
    // Exactly equal thirds (a pool's equal members by weight): 33,333.34 + 33,333.34 + 33,333.33.
    expect(allocate(10_000_001n, [1, 1, 1])).toEqual([3_333_334n, 3_333_334n, 3_333_333n]);
  });

  it('any premium split by any signed slip sums to the premium, each part within a fen of its share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.array(fc.record({ written: fc.integer({ min: 1, max: WHOLE }), toStand: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        (premium, lines) => {
          const signed = signDown(lines);
          fc.pre(signed.ok && signed.signed.some((s) => s > 0));
          if (!signed.ok) return;
          const parts = allocate(premium, signed.signed);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(premium);
          const total = signed.signed.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            const exact = (premium * BigInt(signed.signed[i] ?? 0) * 1000n) / BigInt(total);
            const diff = part * 1000n - exact;
            expect(diff > -1000n && diff < 1000n).toBe(true);
          });
        },
      ),
    );
  });
});
