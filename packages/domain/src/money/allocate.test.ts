import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';
import { MAX_FEN, sumFen } from './fen.ts';
import { parseYuan } from './parse-yuan.ts';
import { RateFormatError } from './rate-format-error.ts';

const yuan = parseYuan;
const total = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN });
const wholeWeights = fc
  .array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 })
  .filter((weights) => weights.some((w) => w > 0n));

describe('allocating an amount by weights (largest remainder)', () => {
  it('splits 100.00 three ways as 33.34, 33.33, 33.33', () => {
    expect(allocate(yuan('100.00'), [1, 1, 1])).toEqual([yuan('33.34'), yuan('33.33'), yuan('33.33')]);
  });

  it('splits a 1,000,000.00 premium 50/30/20 between the lead and two followers of a co-insurance pool', () => {
    expect(allocate(yuan('1000000.00'), ['0.5', '0.3', '0.2'])).toEqual([
      yuan('500000.00'),
      yuan('300000.00'),
      yuan('200000.00'),
    ]);
  });

  it('gives the odd fen to the largest remainder, not to the first share', () => {
    // Exact shares 0.0333…, 0.0666…: the second remainder (2/3) beats the first (1/3).
    expect(allocate(10n, [1, 2])).toEqual([3n, 7n]);
    expect(allocate(1n, ['0.4', '0.6'])).toEqual([0n, 1n]);
  });

  it('breaks ties in favour of the lower index, so the same split always comes out', () => {
    expect(allocate(2n, [1, 1, 1])).toEqual([1n, 1n, 0n]);
    expect(allocate(1n, [1, 1, 1, 1])).toEqual([1n, 0n, 0n, 0n]);
  });

  it('gives nothing to a zero weight, even when fen are left over', () => {
    expect(allocate(yuan('0.05'), [0, 1, 0, 1, 0])).toEqual([0n, 3n, 0n, 2n, 0n]);
  });

  it('splits a refund as the mirror image of the premium', () => {
    expect(allocate(yuan('-100.00'), [1, 1, 1])).toEqual([yuan('-33.34'), yuan('-33.33'), yuan('-33.33')]);
  });

  it('mixes weight kinds exactly: "0.25" and 1n weigh like 1 and 4', () => {
    expect(allocate(1001n, ['0.25', 1n])).toEqual(allocate(1001n, [1, 4]));
    expect(allocate(1001n, ['0.25', 1n])).toEqual([200n, 801n]);
  });

  it('splits 33.33% / 33.33% / 33.34% shares with ten-decimal precision', () => {
    expect(allocate(yuan('1.00'), ['0.3333333333', '0.3333333333', '0.3333333334'])).toEqual([33n, 33n, 34n]);
  });

  it('refuses weights that cannot be exact or do not make sense', () => {
    expect(() => allocate(100n, [0.5, 0.5])).toThrow(RangeError);
    expect(() => allocate(100n, [Number.NaN])).toThrow(RangeError);
    expect(() => allocate(100n, [2 ** 53])).toThrow(RangeError);
    expect(() => allocate(100n, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(100n, [-1n, 2n])).toThrow(RangeError);
    expect(() => allocate(100n, ['-0.5', '1'])).toThrow(RateFormatError);
    expect(() => allocate(100n, ['1e2'])).toThrow(RateFormatError);
  });

  it('needs at least one positive weight', () => {
    expect(() => allocate(100n, [])).toThrow(RangeError);
    expect(() => allocate(100n, [0, 0n, '0.00'])).toThrow(RangeError);
  });

  it('always adds up exactly to the total', () => {
    fc.assert(fc.property(total, wholeWeights, (t, weights) => sumFen(allocate(t, weights)) === t));
  });

  it('keeps every part within one fen of its exact share, and zero weights at zero', () => {
    fc.assert(
      fc.property(total, wholeWeights, (t, weights) => {
        const weightSum = sumFen(weights);
        allocate(t, weights).forEach((part, i) => {
          const w = weights[i] as bigint;
          // |part − t·w/Σw| < 1  ⇔  |part·Σw − t·w| < Σw
          const gap = part * weightSum - t * w;
          expect(gap < weightSum && -gap < weightSum).toBe(true);
          if (w === 0n) expect(part).toBe(0n);
        });
      }),
    );
  });

  it('gives the same parts for weights scaled by any factor, or written as decimal strings', () => {
    fc.assert(
      fc.property(total, wholeWeights, fc.bigInt({ min: 1n, max: 10n ** 6n }), (t, weights, k) => {
        const parts = allocate(t, weights);
        expect(allocate(t, weights)).toEqual(parts);
        expect(
          allocate(
            t,
            weights.map((w) => w * k),
          ),
        ).toEqual(parts);
        expect(
          allocate(
            t,
            weights.map((w) => `${w}.${'0'.repeat(Number(k % 10n))}`.replace(/\.$/, '')),
          ),
        ).toEqual(parts);
      }),
    );
  });

  it('negating the total negates every part', () => {
    fc.assert(
      fc.property(total, wholeWeights, (t, weights) => {
        expect(allocate(-t, weights)).toEqual(allocate(t, weights).map((part) => -part));
      }),
    );
  });

  it('never gives a larger weight a smaller part', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_FEN }), wholeWeights, (t, weights) => {
        const parts = allocate(t, weights);
        weights.forEach((wi, i) => {
          weights.forEach((wj, j) => {
            if (wi > wj) expect((parts[i] as bigint) >= (parts[j] as bigint)).toBe(true);
          });
        });
      }),
    );
  });

  it('gives equal weights parts that differ by at most one fen, larger ones first', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_FEN }), fc.integer({ min: 1, max: 50 }), (t, n) => {
        const parts = allocate(
          t,
          Array.from({ length: n }, () => 1),
        );
        const sorted = [...parts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        expect(parts).toEqual(sorted);
        expect((parts[0] as bigint) - (parts[n - 1] as bigint) <= 1n).toBe(true);
      }),
    );
  });
});
