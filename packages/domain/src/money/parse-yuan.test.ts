import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN } from './fen.ts';
import { formatYuan } from './format-yuan.ts';
import { MoneyFormatError } from './money-format-error.ts';
import { MONEY_PATTERN, parseYuan, tryParseYuan } from './parse-yuan.ts';

const moneyPattern = new RegExp(MONEY_PATTERN);
const fenInRange = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN });

/** Strings that parseYuan must accept, built from the grammar rather than from formatYuan. */
const validYuanText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,15}$/)),
    fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,2}$/)),
  )
  .map(([negative, integer, decimals]) => `${negative ? '-' : ''}${integer}${decimals}`);

function codeOf(text: string): string | undefined {
  const result = tryParseYuan(text);
  return result.ok ? undefined : result.error.code;
}

describe('parsing a yuan amount', () => {
  it.each([
    ['1234.56', 123456n],
    ['0', 0n],
    ['0.5', 50n],
    ['0.05', 5n],
    ['10', 1000n],
    ['-5.00', -500n],
    ['-0.01', -1n],
    ['9999999999999999.99', MAX_FEN],
    ['-9999999999999999.99', -MAX_FEN],
  ])('reads %s yuan as %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it('reads "-0" and "-0.00" as zero rather than refusing them', () => {
    expect(parseYuan('-0')).toBe(0n);
    expect(parseYuan('-0.00')).toBe(0n);
  });

  it.each([
    ['1e5', 'money.format'],
    [' 1', 'money.format'],
    ['1 ', 'money.format'],
    ['+1', 'money.format'],
    ['1.', 'money.format'],
    ['.5', 'money.format'],
    ['01', 'money.format'],
    ['-01.00', 'money.format'],
    ['00', 'money.format'],
    ['1,000', 'money.format'],
    ['1,000.00', 'money.format'],
    ['', 'money.format'],
    ['-', 'money.format'],
    ['--1', 'money.format'],
    ['１２３', 'money.format'],
    ['12.３', 'money.format'],
    ['NaN', 'money.format'],
    ['Infinity', 'money.format'],
    ['-Infinity', 'money.format'],
    ['0x10', 'money.format'],
    ['¥12', 'money.format'],
    ['12元', 'money.format'],
    ['1_000', 'money.format'],
    ['12.345', 'money.too_many_decimals'],
    ['0.001', 'money.too_many_decimals'],
    ['10000000000000000', 'money.too_large'],
    ['-10000000000000000.00', 'money.too_large'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
    expect(moneyPattern.test(text)).toBe(false);
  });

  it('refuses values that are not strings at all, such as a JSON number', () => {
    expect(codeOf(12 as unknown as string)).toBe('money.format');
  });

  it('throws a MoneyFormatError that names the input in both languages', () => {
    let caught: unknown;
    try {
      parseYuan('12.345');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MoneyFormatError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'MoneyFormatError',
      code: 'money.too_many_decimals',
      input: '12.345',
      reason: expect.stringContaining('two decimals'),
      reasonZh: expect.stringContaining('两位小数'),
    });
  });

  it('reads back every amount it formats', () => {
    fc.assert(fc.property(fenInRange, (fen) => parseYuan(formatYuan(fen)) === fen));
  });

  it('formats back every valid string in canonical form (two decimals, no "-0")', () => {
    fc.assert(
      fc.property(validYuanText, (text) => {
        const [integer, decimals = ''] = text.split('.');
        const canonical = `${integer}.${decimals.padEnd(2, '0')}`.replace(/^-(?=0\.00$)/, '');
        expect(formatYuan(parseYuan(text))).toBe(canonical);
      }),
    );
  });

  it('accepts exactly what MONEY_PATTERN accepts', () => {
    const nearlyAmounts = fc.string({ unit: fc.constantFrom(...'0123456789.-+e, １'), maxLength: 22 });
    fc.assert(
      fc.property(fc.oneof(validYuanText, nearlyAmounts, fc.string()), (text) => {
        expect(tryParseYuan(text).ok).toBe(moneyPattern.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
