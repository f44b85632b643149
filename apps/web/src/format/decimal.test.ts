import { describe, expect, it } from 'vitest';
import { fenOf, percentOf, trimDecimal, usedPercent } from './decimal.ts';

describe('showing exact decimals', () => {
  it('trims trailing zeros and rounds half up to the places asked for', () => {
    expect(trimDecimal('1.50')).toBe('1.5');
    expect(trimDecimal('1.00')).toBe('1');
    expect(trimDecimal('0.0076931506', 4)).toBe('0.0077');
    expect(trimDecimal('0.99996', 4)).toBe('1');
    expect(trimDecimal('59237.2602739726', 2)).toBe('59237.26');
    expect(trimDecimal('-0.00001', 2)).toBe('0');
    expect(trimDecimal('abc')).toBe('abc');
  });

  it('turns shares into percentages without floats', () => {
    expect(percentOf('0.013')).toBe('1.3');
    expect(percentOf('1.00')).toBe('100');
    expect(percentOf('0.1')).toBe('10');
    expect(percentOf('0.0076931506')).toBe('0.7693');
    expect(percentOf('0.03')).toBe('3');
    expect(percentOf(0.5)).toBe('50');
    expect(percentOf('2')).toBe('200');
  });

  it('reads yuan into fen and measures how much of a limit is used', () => {
    expect(fenOf('1234.5')).toBe(123450n);
    expect(fenOf(12)).toBe(1200n);
    expect(fenOf('1.234')).toBeNull();
    expect(usedPercent('500000000.00', '2000000000.00')).toBe(25);
    expect(usedPercent(1, 3)).toBe(33.3);
    expect(usedPercent(0, 200)).toBe(0);
    expect(usedPercent(300, 200)).toBe(100);
    expect(usedPercent('1.00', '0.00')).toBe(0);
  });
});
