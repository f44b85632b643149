import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRate, parseShare, RATE_PATTERN, tryParseRate } from './parse-rate.ts';

const ratePattern = new RegExp(RATE_PATTERN);

describe('parsing rates, shares and percentages', () => {
  it.each([
    '0',
    '1',
    '0.0125',
    '0.25',
    '0.2500',
    '12.5',
    '100',
    '0.0000000001',
    '1234567890123456.1234567890',
  ])('accepts %s as it is written', (text) => {
    expect(parseRate(text)).toBe(text);
    expect(ratePattern.test(text)).toBe(true);
  });

  it.each([
    ['', 'rate.format'],
    ['1e-2', 'rate.format'],
    ['1E2', 'rate.format'],
    ['-0.1', 'rate.format'],
    ['+0.1', 'rate.format'],
    ['.5', 'rate.format'],
    ['5.', 'rate.format'],
    ['05', 'rate.format'],
    [' 0.5', 'rate.format'],
    ['12.5%', 'rate.format'],
    ['０.５', 'rate.format'],
    ['NaN', 'rate.format'],
    ['0.00000000001', 'rate.too_many_decimals'],
    ['12345678901234567', 'rate.too_large'],
  ])('refuses %j with %s', (text, code) => {
    const result = tryParseRate(text);
    expect(result.ok ? undefined : result.error.code).toBe(code);
    expect(ratePattern.test(text)).toBe(false);
    expect(() => parseRate(text)).toThrow(expect.objectContaining({ code, input: text }));
  });

  it('explains a refusal in English and Chinese', () => {
    const result = tryParseRate('1e-2');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toMatch(/decimal string/);
      expect(result.error.reasonZh).toMatch(/十进制/);
    }
  });

  it('accepts shares only between 0 and 1', () => {
    expect(parseShare('0')).toBe('0');
    expect(parseShare('1.0000')).toBe('1.0000');
    expect(parseShare('0.9999999999')).toBe('0.9999999999');
    expect(() => parseShare('1.0000000001')).toThrow(expect.objectContaining({ code: 'rate.out_of_range' }));
    expect(() => parseShare('2')).toThrow(expect.objectContaining({ code: 'rate.out_of_range' }));
  });

  it('accepts exactly what RATE_PATTERN accepts', () => {
    const nearlyRates = fc.string({ unit: fc.constantFrom(...'0123456789.-+eE %'), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(nearlyRates, fc.string()), (text) => {
        expect(tryParseRate(text).ok).toBe(ratePattern.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
