import { describe, expect, it } from 'vitest';
import { certificateNumber, policyNumber, quoteNumber } from './policy-number.ts';

describe('document numbers', () => {
  it('numbers a policy by product code, underwriting year and a 6-digit sequence', () => {
    expect(policyNumber('KB-BR-ICPOOL', 2026, 123)).toBe('KB-BR-ICPOOL-2026-000123');
    expect(policyNumber('KB-BR-ICPOOL', 2026, 999_999)).toBe('KB-BR-ICPOOL-2026-999999');
    expect(policyNumber('KB-BR-ICPOOL', 2026, 1_234_567)).toBe('KB-BR-ICPOOL-2026-1234567');
  });

  it('numbers member certificates under their master policy', () => {
    const master = policyNumber('KB-BR-SMEPACK', 2026, 7);
    expect(certificateNumber(master, 12)).toBe('KB-BR-SMEPACK-2026-000007-C0012');
    expect(certificateNumber(master, 12_345)).toBe('KB-BR-SMEPACK-2026-000007-C12345');
  });

  it('numbers quotes by year with an 8-digit sequence', () => {
    expect(quoteNumber(2026, 123)).toBe('Q2026-00000123');
    expect(quoteNumber(2026, 123_456_789)).toBe('Q2026-123456789');
  });

  it('refuses sequences, years and codes that cannot make a number', () => {
    expect(() => policyNumber('KB-BR-ICPOOL', 2026, 0)).toThrow(RangeError);
    expect(() => policyNumber('KB-BR-ICPOOL', 2026, 1.5)).toThrow(RangeError);
    expect(() => policyNumber('KB-BR-ICPOOL', 10_000, 1)).toThrow(RangeError);
    expect(() => policyNumber('KB BR', 2026, 1)).toThrow(RangeError);
    expect(() => policyNumber('', 2026, 1)).toThrow(RangeError);
    expect(() => certificateNumber('', 1)).toThrow(RangeError);
    expect(() => quoteNumber(2026, -1)).toThrow(RangeError);
  });
});
