import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, parsePercent, ShareFormatError, unitsToRate, WHOLE } from './shares.ts';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ShareFormatError) return error.code;
    throw error;
  }
  return undefined;
}

describe('share units', () => {
  it('parses percents of up to 4 decimals into units of 0.0001 %', () => {
    expect(parsePercent('25')).toBe(250_000);
    expect(parsePercent('25.5')).toBe(255_000);
    expect(parsePercent('33.3333')).toBe(333_333);
    expect(parsePercent('0.0001')).toBe(1);
    expect(parsePercent('100')).toBe(WHOLE);
    expect(parsePercent('100.0000')).toBe(WHOLE);
  });

  it('refuses what is not a percent, with a stable code', () => {
    for (const text of ['', ' 25', '25%', '-5', '+5', '025', '.5', '5.', '1e2', '２５']) {
      expect(
        errorCode(() => parsePercent(text)),
        text,
      ).toBe('share.format');
    }
    expect(errorCode(() => parsePercent('33.33333'))).toBe('share.too_many_decimals');
    for (const text of ['0', '0.0000', '100.0001', '101', '1000000000000000000000']) {
      expect(
        errorCode(() => parsePercent(text)),
        text,
      ).toBe('share.out_of_range');
    }
    const error = new ShareFormatError('share.format', 'x');
    expect(error.reasonZh).toContain('份额');
  });

  it('formats units with always 4 decimals', () => {
    expect(formatPercent(153_846)).toBe('15.3846');
    expect(formatPercent(WHOLE)).toBe('100.0000');
    expect(formatPercent(200_000)).toBe('20.0000');
    expect(formatPercent(1)).toBe('0.0001');
    expect(formatPercent(0)).toBe('0.0000');
    expect(() => formatPercent(0.5)).toThrow(RangeError);
  });

  it('gives units as a fraction of one', () => {
    expect(unitsToRate(153_846)).toBe('0.153846');
    expect(unitsToRate(250_000)).toBe('0.25');
    expect(unitsToRate(WHOLE)).toBe('1');
    expect(unitsToRate(0)).toBe('0');
  });

  it('round-trips every share between 0 and 100 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: WHOLE }), (units) => {
        expect(parsePercent(formatPercent(units))).toBe(units);
      }),
    );
  });
});
