import { describe, expect, it } from 'vitest';
import { currencyMinorUnits, parseCurrencyAmount, toCnyFen } from './fx.ts';

describe('toCnyFen', () => {
  it('converts cents of USD at a rate with four decimals, HALF_UP', () => {
    // 1,234.56 USD × 7.1884 = 8,874.509… CNY → 8,874.51
    expect(toCnyFen(123_456n, 'USD', '7.1884', '2025-06-30')).toBe(887_451n);
    // 0.01 USD × 7.1850 = 0.07185 → 0.07; 0.07 USD × 7.1850 = 0.50295 → 0.50
    expect(toCnyFen(1n, 'USD', '7.1850', '2025-06-30')).toBe(7n);
    expect(toCnyFen(7n, 'USD', '7.1850', '2025-06-30')).toBe(50n);
  });

  it('rounds a half away from zero, for payments and refunds alike', () => {
    // 1 EUR cent × 7.5 = 7.5 fen → 8; −1 cent → −8.
    expect(toCnyFen(1n, 'EUR', '7.5', '2025-06-30')).toBe(8n);
    expect(toCnyFen(-1n, 'EUR', '7.5', '2025-06-30')).toBe(-8n);
  });

  it('takes whole yen and won (no minor unit) at a rate per ONE unit', () => {
    // 100 JPY = 4.7382 CNY → 0.047382 per yen; 150,000 JPY = 7,107.30 CNY.
    expect(toCnyFen(150_000n, 'JPY', '0.047382', '2025-06-30')).toBe(710_730n);
    // 1 CNY = 190.5 KRW → 0.0052493438 per won; 10,000,000 KRW = 52,493.438 → 52,493.44.
    expect(toCnyFen(10_000_000n, 'KRW', '0.0052493438', '2025-06-30')).toBe(5_249_344n);
  });

  it('keeps CNY at 1 and refuses unknown codes, bad rates and bad dates', () => {
    expect(toCnyFen(12_345n, 'CNY', '1.0000', '2025-06-30')).toBe(12_345n);
    expect(() => toCnyFen(1n, 'CNY', '1.01', '2025-06-30')).toThrow(/at 1/);
    expect(() => toCnyFen(1n, 'usd', '7', '2025-06-30')).toThrow(/ISO 4217/);
    expect(() => toCnyFen(1n, 'XAU', '7', '2025-06-30')).toThrow(/ISO 4217/);
    expect(() => toCnyFen(1n, 'USD', '0', '2025-06-30')).toThrow(/not positive/);
    expect(() => toCnyFen(1n, 'USD', '-7', '2025-06-30')).toThrow();
    expect(() => toCnyFen(1n, 'USD', '7', '2025-13-01')).toThrow();
  });
});

describe('currency amounts', () => {
  it('knows the ISO 4217 minor units', () => {
    expect(['USD', 'EUR', 'GBP', 'HKD', 'SGD', 'JPY', 'KRW', 'KWD'].map(currencyMinorUnits)).toEqual([
      2, 2, 2, 2, 2, 0, 0, 3,
    ]);
  });

  it('reads an amount in the major unit into minor units, refusing more decimals than the currency has', () => {
    expect(parseCurrencyAmount('1234.5', 'USD')).toBe(123_450n);
    expect(parseCurrencyAmount('-0.01', 'GBP')).toBe(-1n);
    expect(parseCurrencyAmount('150000', 'JPY')).toBe(150_000n);
    expect(() => parseCurrencyAmount('1.5', 'JPY')).toThrow(/at most 0 decimals/);
    expect(() => parseCurrencyAmount('1,000', 'USD')).toThrow(/not an amount/);
  });
});
