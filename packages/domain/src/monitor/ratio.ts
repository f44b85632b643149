import { divideRounded } from '../money/index.ts';

/**
 * How the monitor writes a ratio of two exact amounts (a share, a limit used): a decimal string with
 * RATIO_DECIMALS places, rounded UP (away from zero). Rounding up never shows a ratio below a threshold
 * it exceeds, so a rule `gt t` (or `lte t`) on the string answers exactly as on the true fraction for
 * any threshold t of at most 6 decimals; `gte`/`lt` may answer differently only when the true ratio
 * lies less than 0.000001 below t. Statuses (limits.ts) never use the string: they compare fractions.
 */
export const RATIO_DECIMALS = 6;

const SCALE = 10n ** BigInt(RATIO_DECIMALS);

/** numerator / denominator as a RATIO_DECIMALS-place decimal string rounded up; null when denominator ≤ 0. */
export function ratioText(numerator: bigint, denominator: bigint): string | null {
  if (denominator <= 0n) return null;
  return scaledText(divideRounded(numerator * SCALE, denominator, 'UP'), RATIO_DECIMALS);
}

/** An integer count of 10^-decimals units as a decimal string: scaledText(-1234n, 2) → "-12.34". */
export function scaledText(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  const text = decimals === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${text}` : text;
}

const DECIMAL_SHAPE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * A decimal string as an exact fraction units / 10^decimals, e.g. "0.85" → { units: 85n, decimals: 2 }.
 * Undefined when the text is not a plain decimal (no exponent, no leading zeros, no '+').
 */
export function decimalFraction(text: string): { units: bigint; decimals: number } | undefined {
  const match = DECIMAL_SHAPE.exec(text);
  if (match === null) return undefined;
  const decimals = match[3] ?? '';
  const units = BigInt(`${match[2]}${decimals}`);
  return { units: match[1] === '-' ? -units : units, decimals: decimals.length };
}
