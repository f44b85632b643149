import { describe, expect, it } from 'vitest';
import { usccProblem } from '../org/uscc.ts';
import {
  makeUscc,
  organisationCodeBody,
  organisationCodeCheckCharacter,
  organisationSerial,
} from './uscc.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const REGIONS = [
  '310115',
  '310112',
  '310114',
  '310104',
  '310110',
  '310117',
  '310000',
  '420100',
  '420111',
  '420115',
];

/** 1,000 codes as the generator makes them: half pre-2015 numeric, half "MA" codes. */
const codes = Array.from({ length: 1000 }, (_, index) =>
  makeUscc({
    regionCode: REGIONS[index % REGIONS.length] as string,
    organisationBody: organisationCodeBody(
      organisationSerial(2025, index),
      index % 2 === 0 ? 'ma' : 'numeric',
    ),
  }),
);

describe('organisation codes (GB 11714)', () => {
  it('computes the check character of a published code', () => {
    // Bank of China, USCC 91110000802100433B: organisation code 80210043-3.
    expect(organisationCodeCheckCharacter('80210043')).toBe('3');
  });

  it('is 11 − (Σ mod 11) over weights 3 7 9 10 5 8 4 2, with 10 written X and 11 written 0', () => {
    expect(organisationCodeCheckCharacter('10000000')).toBe('8'); // Σ = 3
    expect(organisationCodeCheckCharacter('00000001')).toBe('9'); // Σ = 2
    expect(organisationCodeCheckCharacter('40000000')).toBe('X'); // Σ = 12 ≡ 1 → 10
    expect(organisationCodeCheckCharacter('00000000')).toBe('0'); // Σ = 0 → 11
    expect(organisationCodeCheckCharacter('MA000000')).toBe(String(11 - ((22 * 3 + 10 * 7) % 11))); // M = 22, A = 10
  });

  it('gives 8-digit bodies to old firms and MA bodies over the USCC alphabet to new ones', () => {
    expect(organisationCodeBody(1234, 'numeric')).toBe('00001234');
    expect(organisationCodeBody(0, 'ma')).toBe('MA000000');
    expect(organisationCodeBody(31, 'ma')).toBe('MA000010');
    expect(organisationCodeBody(99_999_999, 'ma')).toMatch(/^MA[0-9A-HJ-NPQRTUWXY]{6}$/);
    expect(() => organisationCodeBody(100_000_000, 'numeric')).toThrow(RangeError);
  });

  it('hands every index its own serial (a permutation of 0..10^8)', () => {
    const serials = new Set(Array.from({ length: 20_000 }, (_, index) => organisationSerial(7, index)));
    expect(serials.size).toBe(20_000);
    expect(
      [...serials].every((serial) => Number.isInteger(serial) && serial >= 0 && serial < 100_000_000),
    ).toBe(true);
    expect(organisationSerial(7, 0)).not.toBe(organisationSerial(8, 0));
    expect(() => organisationSerial(7, -1)).toThrow(RangeError);
  });
});

describe('generated unified social credit codes', () => {
  it('all pass the validator', () => {
    for (const code of codes) expect(usccProblem(code), code).toBeNull();
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('have the structure: 9 (industry and commerce), 1 (enterprise), region, organisation code', () => {
    for (const [index, code] of codes.entries()) {
      expect(code).toMatch(/^91[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$/);
      expect(code.slice(2, 8)).toBe(REGIONS[index % REGIONS.length]);
      expect(code.charAt(16)).toBe(organisationCodeCheckCharacter(code.slice(8, 16)));
    }
  });

  it('are rejected after any one-character change', () => {
    for (const code of codes.slice(0, 50))
      for (let position = 0; position < 18; position++) {
        const original = code.charAt(position);
        const other = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + (position % 30)) % 31);
        const changed = code.slice(0, position) + other + code.slice(position + 1);
        expect(usccProblem(changed), `${code} → ${changed}`).toBe('check');
      }
  });

  it('refuses a region that is not 6 digits', () => {
    expect(() => makeUscc({ regionCode: '31011', organisationBody: '12345678' })).toThrow(RangeError);
  });
});
