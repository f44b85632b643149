import { usccCheckCharacter } from '../org/uscc.ts';
import { hashSeed } from './random.ts';

/**
 * Unified social credit codes for fictitious enterprises (GB 32100-2015, shared domain README §7):
 * registration authority, kind, the 6-digit GB/T 2260 region of the registering bureau, the 9-character
 * organisation code (GB 11714-1997: 8 characters and its own check character) and the USCC check
 * character from the org context (usccCheckCharacter), so the validator and the generator cannot drift.
 */

/** GB 11714-1997 weights over the 8 body characters of an organisation code. */
const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The USCC alphabet (no I, O, S, V, Z): organisation bodies are drawn from it so the code stays valid. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** How many distinct organisation serials a run can hand out (10^8, one per enterprise index). */
export const ORGANISATION_SERIALS = 100_000_000;

/** Value of an organisation-code character: digits as themselves, letters A–Z as 10–35. */
function organisationValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`character ${ch} is not allowed in an organisation code`);
}

/** The GB 11714 check character of an 8-character organisation-code body: 11 − (Σ mod 11), 10 → X, 11 → 0. */
export function organisationCodeCheckCharacter(body: string): string {
  if (body.length !== 8) throw new RangeError('an organisation-code body has 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += organisationValue(body.charAt(i)) * (ORGANISATION_WEIGHTS[i] as number);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A permutation of [0, 10^8) keyed by the run's seed: a four-round Feistel network over two 4-digit
 * halves, with modular addition so every round is invertible. Enterprise i of a run gets serial
 * organisationSerial(seed, i): distinct indexes give distinct serials, hence distinct codes, with no
 * visible pattern between neighbours.
 */
export function organisationSerial(seed: number, index: number): number {
  if (!Number.isSafeInteger(index) || index < 0 || index >= ORGANISATION_SERIALS)
    throw new RangeError(`organisation serial index ${index} is outside 0..${ORGANISATION_SERIALS - 1}`);
  let left = Math.floor(index / 10_000);
  let right = index % 10_000;
  for (let round = 0; round < 4; round++) {
    const mixed = (left + (hashSeed(seed, round, right) % 10_000)) % 10_000;
    left = right;
    right = mixed;
  }
  return left * 10_000 + right;
}

/**
 * The 8-character organisation-code body for a serial. Enterprises registered before the 2015 reform kept
 * their numeric 组织机构代码 (8 digits); later ones have codes beginning "MA" and six characters of the
 * USCC alphabet (31^6 > 10^8, so the serial fits).
 */
export function organisationCodeBody(serial: number, form: 'numeric' | 'ma'): string {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= ORGANISATION_SERIALS)
    throw new RangeError(`organisation serial ${serial} is outside 0..${ORGANISATION_SERIALS - 1}`);
  if (form === 'numeric') return String(serial).padStart(8, '0');
  let rest = serial;
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail = USCC_ALPHABET.charAt(rest % 31) + tail;
    rest = Math.floor(rest / 31);
  }
  return `MA${tail}`;
}

export interface UsccParts {
  /** 登记管理部门代码: 9 = industry and commerce (工商). */
  readonly authority?: string;
  /** 机构类别代码: 1 = enterprise (企业). */
  readonly kind?: string;
  /** GB/T 2260 code of the registering bureau. */
  readonly regionCode: string;
  /** The 8-character organisation-code body; its GB 11714 check character is added here. */
  readonly organisationBody: string;
}

/** An 18-character USCC from its parts, with both check characters computed. */
export function makeUscc({ authority = '9', kind = '1', regionCode, organisationBody }: UsccParts): string {
  if (!/^[0-9]{6}$/.test(regionCode)) throw new RangeError(`region code ${regionCode} is not 6 digits`);
  const first17 = `${authority}${kind}${regionCode}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}
