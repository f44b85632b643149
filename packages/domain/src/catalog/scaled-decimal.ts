import { divideRounded, ExactDecimal } from '../money/index.ts';

/**
 * An exact decimal as a whole number of 10^-scale: "12.50" is { units: 1250n, scale: 2 }. Rating multiplies
 * a basis by a dozen decimal factors per quote; bigint products of these are exact and several times
 * cheaper than decimal.js objects, which matters at tens of thousands of quotes a second. Division never
 * happens here: a ratio such as days/365 stays a separate denominator until the one rounding at the end.
 */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_SHAPE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** Parses a decimal string ("0.95", "-3") or a finite number; undefined when it is neither. */
export function parseDecimal(value: string | number): ScaledDecimal | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
    // A number prints as its shortest round-trip decimal; exponent forms (1e-7) are spelt out first.
    const text = String(value);
    return parseDecimalText(text.includes('e') ? new ExactDecimal(value).toFixed() : text);
  }
  return typeof value === 'string' ? parseDecimalText(value) : undefined;
}

function parseDecimalText(text: string): ScaledDecimal | undefined {
  const match = DECIMAL_SHAPE.exec(text);
  if (match === null) return undefined;
  const decimals = match[3] ?? '';
  const magnitude = BigInt(`${match[2]}${decimals}`);
  return { units: match[1] === '-' ? -magnitude : magnitude, scale: decimals.length };
}

const POWERS_OF_TEN: bigint[] = [1n];

/** 10^exponent as a bigint, remembered once computed. */
export function pow10(exponent: number): bigint {
  while (POWERS_OF_TEN.length <= exponent) {
    POWERS_OF_TEN.push((POWERS_OF_TEN[POWERS_OF_TEN.length - 1] as bigint) * 10n);
  }
  return POWERS_OF_TEN[exponent] as bigint;
}

export function compareDecimals(a: ScaledDecimal, b: ScaledDecimal): -1 | 0 | 1 {
  const left = a.scale >= b.scale ? a.units : a.units * pow10(b.scale - a.scale);
  const right = b.scale >= a.scale ? b.units : b.units * pow10(a.scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * units × 10^-scale as a plain decimal string, trailing zeros dropped down to `minPlaces`
 * (so 9120000000n at scale 5 with minPlaces 2 is "91200.00", and at scale 6 "9120.00").
 */
export function formatScaled(units: bigint, scale: number, minPlaces = 0): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) digits = digits.padStart(scale + 1, '0');
  const integerPart = scale > 0 ? digits.slice(0, digits.length - scale) : digits;
  let fraction = scale > 0 ? digits.slice(digits.length - scale) : '';
  let end = fraction.length;
  while (end > minPlaces && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end).padEnd(minPlaces, '0');
  const sign = negative ? '-' : '';
  return fraction === '' ? `${sign}${integerPart}` : `${sign}${integerPart}.${fraction}`;
}

/** Decimals shown for a fraction without a finite decimal form, such as 182/365. */
export const SHOWN_PLACES = 10;

/**
 * num / (10^scale × den) as a decimal string for people: exact when den is 1, otherwise to SHOWN_PLACES
 * decimals, half up. For display only: arithmetic keeps the fraction.
 */
export function formatFraction(num: bigint, scale: number, den: bigint, minPlaces = 2): string {
  if (den === 1n) return formatScaled(num, scale, minPlaces);
  return formatScaled(
    divideRounded(num * pow10(SHOWN_PLACES), pow10(scale) * den, 'HALF_UP'),
    SHOWN_PLACES,
    minPlaces,
  );
}
