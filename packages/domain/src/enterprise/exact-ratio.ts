import { formatScaled, parseDecimal, pow10 } from '../catalog/scaled-decimal.ts';
import { divideRounded, type Rounding } from '../money/index.ts';

/**
 * An exact fraction num / den with den > 0. Evaluation compares ratios such as tech staff / staff against
 * band edges ("≥ 30%"), and a band edge must hold exactly: 30/100 staff earns the 30% band, 2999/10000 does
 * not. Floats cannot promise that; cross-multiplied bigints can, and stay cheap enough to evaluate every
 * profile of an import.
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export const ZERO: Ratio = { num: 0n, den: 1n };

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('a ratio needs a non-zero denominator');
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function whole(value: number | bigint): Ratio {
  return { num: BigInt(value), den: 1n };
}

/** A decimal string ("0.30", "-1", "200000000.00") as an exact ratio; throws on anything else. */
export function decimalRatio(text: string): Ratio {
  const parsed = parseDecimal(text);
  if (parsed === undefined || typeof text !== 'string') throw new RangeError(`${text} is not a decimal`);
  return { num: parsed.units, den: pow10(parsed.scale) };
}

export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function addRatios(a: Ratio, b: Ratio): Ratio {
  return a.den === b.den
    ? { num: a.num + b.num, den: a.den }
    : { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function subtractRatios(a: Ratio, b: Ratio): Ratio {
  return addRatios(a, { num: -b.num, den: b.den });
}

export function multiplyRatios(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

/** a / b, or undefined when b is zero: a share of nothing is not a number, and the caller says so. */
export function divideRatios(a: Ratio, b: Ratio): Ratio | undefined {
  if (b.num === 0n) return undefined;
  return ratio(a.num * b.den, a.den * b.num);
}

export function maxRatio(a: Ratio, b: Ratio): Ratio {
  return compareRatios(a, b) >= 0 ? a : b;
}

export function minRatio(a: Ratio, b: Ratio): Ratio {
  return compareRatios(a, b) <= 0 ? a : b;
}

export function isZero(value: Ratio): boolean {
  return value.num === 0n;
}

/** Rounded once to `places` decimals (HALF_UP unless told), trailing zeros kept: "72.50". */
export function roundedText(value: Ratio, places: number, rounding: Rounding = 'HALF_UP'): string {
  return formatScaled(divideRounded(value.num * pow10(places), value.den, rounding), places, places);
}

// A terminating decimal has a denominator of the form 2^a·5^b; any other has no exact text.
function terminatingPlaces(den: bigint, limit: number): number | undefined {
  for (let places = 0; places <= limit; places++) if (pow10(places) % den === 0n) return places;
  return undefined;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The exact decimal text ("22.5", "20") when there is one within `limit` places, else undefined. */
export function exactText(value: Ratio, limit = 12): string | undefined {
  const divisor = gcd(value.num, value.den);
  const den = value.den / divisor;
  const places = terminatingPlaces(den, limit);
  return places === undefined
    ? undefined
    : formatScaled(((value.num / divisor) * pow10(places)) / den, places);
}

/**
 * A ratio as a percentage for people: exact when it has at most two decimals of a percent ("18.5%",
 * "30%"), else cut (not rounded) to two decimals and marked "≈" — so 29.999…% reads "≈29.99%" and never
 * seems to reach a 30% edge it missed.
 */
export function percentText(value: Ratio): string {
  const percent = multiplyRatios(value, whole(100));
  const exact = exactText(percent, 2);
  if (exact !== undefined) return `${exact}%`;
  const cut = formatScaled(divideRounded(percent.num * 100n, percent.den, 'DOWN'), 2);
  return `≈${cut}%`;
}
