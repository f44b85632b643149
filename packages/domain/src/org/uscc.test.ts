import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter, usccProblem } from './uscc.ts';

describe('unified social credit code', () => {
  it('accepts codes whose check character is right', () => {
    // Published codes of well-known companies.
    expect(isValidUscc('91110000802100433B')).toBe(true); // Bank of China
    expect(isValidUscc('91440300708461136T')).toBe(true); // Tencent (Shenzhen)
  });

  it('names the problem of a bad code', () => {
    expect(usccProblem('91110000802100433')).toBe('length');
    expect(usccProblem('91110000802100433I')).toBe('character');
    expect(usccProblem('91110000802100433C')).toBe('check');
    expect(usccProblem('91110000802100433b')).toBe('character');
  });

  it('maps a check value of 31 to 0 and covers the whole alphabet', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        const code = body + usccCheckCharacter(body);
        expect(isValidUscc(code)).toBe(true);
        // Changing any single character breaks the check.
        const i = chars.length - 1;
        const other = alphabet[(alphabet.indexOf(body.charAt(i)) + 1) % 31] as string;
        expect(isValidUscc(body.slice(0, i) + other + code.slice(17))).toBe(false);
      }),
    );
  });
});
