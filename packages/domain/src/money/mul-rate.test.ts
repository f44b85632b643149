import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN } from './fen.ts';
import { mulRate, splitByRate } from './mul-rate.ts';
import { parseYuan } from './parse-yuan.ts';
import { RateFormatError } from './rate-format-error.ts';
import { divideRounded, ROUNDINGS } from './rounding.ts';

const yuan = parseYuan;
const amount = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN });
const rateText = fc
  .tuple(fc.stringMatching(/^(?:0|[1-9][0-9]{0,5})$/), fc.stringMatching(/^(?:\.[0-9]{1,10})?$/))
  .map(([integer, decimals]) => integer + decimals);
const shareText = fc.oneof(
  fc.constant('1'),
  fc.constant('1.00'),
  fc.stringMatching(/^\.[0-9]{1,10}$/).map((decimals) => `0${decimals}`),
);

describe('multiplying money by a rate', () => {
  it('charges 0.0125 on 1,000,000.00 sum insured as 12,500.00', () => {
    expect(mulRate(yuan('1000000.00'), '0.0125')).toBe(yuan('12500.00'));
  });

  it('rounds half a fen up on documents, and by the mode asked for otherwise', () => {
    // 0.05 × 0.5 = 0.025 yuan = 2.5 fen
    expect(mulRate(5n, '0.5')).toBe(3n);
    expect(mulRate(5n, '0.5', 'HALF_EVEN')).toBe(2n);
    expect(mulRate(5n, '0.5', 'DOWN')).toBe(2n);
    expect(mulRate(5n, '0.5', 'UP')).toBe(3n);
    expect(mulRate(-5n, '0.5')).toBe(-3n);
    expect(mulRate(1n, '0.0000000001', 'UP')).toBe(1n);
  });

  it('is exact where floating point is not: 0.1 + 0.2 style products', () => {
    // 1.15 × 100 is 114.99999999999999 in floating point.
    expect(mulRate(115n, '100')).toBe(11500n);
    expect(mulRate(yuan('9999999999999999.99'), '0.9999999999', 'DOWN')).toBe(999999999899999999n);
  });

  it('agrees with exact rational arithmetic for any amount, rate and rounding', () => {
    fc.assert(
      fc.property(amount, rateText, fc.constantFrom(...ROUNDINGS), (fen, rate, rounding) => {
        const [integer = '', decimals = ''] = rate.split('.');
        const expected = divideRounded(
          fen * BigInt(integer + decimals),
          10n ** BigInt(decimals.length),
          rounding,
        );
        expect(mulRate(fen, rate, rounding)).toBe(expected);
      }),
    );
  });

  it('refuses rates that are not strict decimal strings', () => {
    expect(() => mulRate(100n, '1e-2')).toThrow(RateFormatError);
    expect(() => mulRate(100n, '-0.1')).toThrow(RateFormatError);
    expect(() => mulRate(100n, '0.00000000001')).toThrow(RateFormatError);
  });

  it('refuses amounts too large to multiply exactly', () => {
    expect(() => mulRate(10n ** 24n, '1')).toThrow(RangeError);
  });
});

describe('splitting by a rate', () => {
  it('splits a 12,345.67 premium with a 40% subsidy into 4,938.27 subsidy and 7,407.40 net', () => {
    // 12,345.67 × 0.4 = 4,938.268 → 4,938.27 (HALF_UP)
    expect(splitByRate(yuan('12345.67'), '0.4')).toEqual([yuan('4938.27'), yuan('7407.40')]);
  });

  it('takes the whole or nothing at the ends of [0, 1]', () => {
    expect(splitByRate(yuan('88.88'), '1')).toEqual([yuan('88.88'), 0n]);
    expect(splitByRate(yuan('88.88'), '0')).toEqual([0n, yuan('88.88')]);
  });

  it('refuses a share outside [0, 1] with a stable code', () => {
    expect(() => splitByRate(100n, '1.01')).toThrow(expect.objectContaining({ code: 'rate.out_of_range' }));
    expect(() => splitByRate(100n, '2')).toThrow(RateFormatError);
  });

  it('always gives parts that add up to the total, each between 0 and the total', () => {
    fc.assert(
      fc.property(amount, shareText, fc.constantFrom(...ROUNDINGS), (total, share, rounding) => {
        const [part, rest] = splitByRate(total, share, rounding);
        expect(part + rest).toBe(total);
        const [low, high] = total < 0n ? [total, 0n] : [0n, total];
        expect(part >= low && part <= high && rest >= low && rest <= high).toBe(true);
      }),
    );
  });
});
