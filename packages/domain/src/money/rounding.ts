import type { Fen } from './fen.ts';

/**
 * How a result that falls between two fen is rounded. Symmetric about zero, as decimal.js defines them:
 * HALF_UP sends a half away from zero (the rule on documents, DESIGN.md), HALF_EVEN sends it to the even
 * neighbour, DOWN truncates towards zero, UP goes away from zero.
 */
export type Rounding = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP';

export const ROUNDINGS: readonly Rounding[] = ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP'];

/** numerator / denominator rounded to an integer, exactly (bigint, no decimal approximation). */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator === 0n) throw new RangeError('cannot divide by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  let magnitude = quotient;
  if (twiceRemainder !== 0n) {
    const awayFromZero =
      rounding === 'UP' ||
      (rounding === 'HALF_UP' && twiceRemainder >= d) ||
      (rounding === 'HALF_EVEN' && (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)));
    if (awayFromZero) magnitude += 1n;
  }
  return negative ? -magnitude : magnitude;
}

/**
 * amount × numerator / denominator, rounded once at the end. Used where a share is a ratio of whole
 * numbers, such as days remaining over term days in the 1/365 method.
 */
export function mulRatio(
  amount: Fen,
  numerator: bigint,
  denominator: bigint,
  rounding: Rounding = 'HALF_UP',
): Fen {
  return divideRounded(amount * numerator, denominator, rounding);
}
