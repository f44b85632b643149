import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, formatYuanGrouped } from './format-yuan.ts';

describe('formatting fen as yuan', () => {
  it.each([
    [0n, '0.00', '0.00'],
    [5n, '0.05', '0.05'],
    [-5n, '-0.05', '-0.05'],
    [50n, '0.50', '0.50'],
    [100n, '1.00', '1.00'],
    [123456n, '1234.56', '1,234.56'],
    [123456789n, '1234567.89', '1,234,567.89'],
    [-123456789n, '-1234567.89', '-1,234,567.89'],
    [99999n, '999.99', '999.99'],
    [100000n, '1000.00', '1,000.00'],
    [10n ** 20n, '1000000000000000000.00', '1,000,000,000,000,000,000.00'],
  ])('writes %i fen as %s (grouped %s)', (fen, plain, grouped) => {
    expect(formatYuan(fen)).toBe(plain);
    expect(formatYuanGrouped(fen)).toBe(grouped);
  });

  it('groups only by inserting commas', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), (fen) => {
        expect(formatYuanGrouped(fen).replaceAll(',', '')).toBe(formatYuan(fen));
      }),
    );
  });
});
