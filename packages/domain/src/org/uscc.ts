/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters over a 31-character
 * alphabet (no I, O, Z, S, V); the last one is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'character' | 'check';

/** The check character for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a USCC body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`character ${first17.charAt(i)} is not in the USCC alphabet`);
    sum += value * (WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
}

/** Why a code is not a valid USCC, or null when it is. Lower-case input is not accepted. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'character';
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}
