import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, mulRatio, ROUNDINGS, type Rounding } from './rounding.ts';

describe('dividing with explicit rounding', () => {
  it.each<[bigint, bigint, Record<Rounding, bigint>]>([
    [5n, 2n, { HALF_UP: 3n, HALF_EVEN: 2n, DOWN: 2n, UP: 3n }],
    [7n, 2n, { HALF_UP: 4n, HALF_EVEN: 4n, DOWN: 3n, UP: 4n }],
    [-5n, 2n, { HALF_UP: -3n, HALF_EVEN: -2n, DOWN: -2n, UP: -3n }],
    [5n, -2n, { HALF_UP: -3n, HALF_EVEN: -2n, DOWN: -2n, UP: -3n }],
    [1n, 3n, { HALF_UP: 0n, HALF_EVEN: 0n, DOWN: 0n, UP: 1n }],
    [2n, 3n, { HALF_UP: 1n, HALF_EVEN: 1n, DOWN: 0n, UP: 1n }],
    [-2n, 3n, { HALF_UP: -1n, HALF_EVEN: -1n, DOWN: 0n, UP: -1n }],
    [6n, 3n, { HALF_UP: 2n, HALF_EVEN: 2n, DOWN: 2n, UP: 2n }],
  ])('rounds %i / %i by each mode', (numerator, denominator, expected) => {
    for (const rounding of ROUNDINGS) {
      expect(divideRounded(numerator, denominator, rounding)).toBe(expected[rounding]);
    }
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRounded(1n, 0n, 'HALF_UP')).toThrow(RangeError);
  });

  it('lands within one of the exact quotient, symmetric about zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.constantFrom(...ROUNDINGS),
        (n, d, rounding) => {
          const q = divideRounded(n, d, rounding);
          const gap = q * d - n;
          expect(gap < d && -gap < d).toBe(true);
          expect(divideRounded(-n, d, rounding)).toBe(-q);
        },
      ),
    );
  });

  it('charges 365 days of a 366-day term as 3,650.00 × 365/366 = 3,640.03 (HALF_UP)', () => {
    expect(mulRatio(365000n, 365n, 366n)).toBe(364003n);
  });
});
