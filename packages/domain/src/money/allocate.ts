import { ExactDecimal } from './exact-decimal.ts';
import type { Fen } from './fen.ts';
import { parseRate } from './parse-rate.ts';

/**
 * A weight of one part: whole numbers as bigint or safe-integer number (fen, days, basis points), or a
 * decimal string such as "0.25" (a co-insurance share). Floats are refused: a weight of 0.1 as a number is
 * already not 0.1.
 */
export type Weight = bigint | number | string;

/**
 * THE split of an amount into parts in proportion to weights (largest-remainder / Hamilton method): every
 * part gets floor(total × w / Σw), then the fen left over go one each to the largest remainders, ties to
 * the lower index. Used for every split — co-insurance shares (共保份额), reinsurance cessions, subsidy
 * vs. net premium, claim payments — so parts always add up exactly to the whole (DESIGN.md, "Money").
 *
 * A zero weight always gets 0; every part is within one fen of its exact share. A negative total is split
 * as its absolute value and each part negated, so a refund splits as the mirror image of the premium.
 */
export function allocate(total: Fen, weights: readonly Weight[]): Fen[] {
  const scaled = toCommonScale(weights);
  const weightSum = scaled.reduce((sum, w) => sum + w, 0n);
  if (weightSum === 0n) throw new RangeError('allocate needs at least one positive weight');

  const magnitude = total < 0n ? -total : total;
  const parts = scaled.map((w) => (magnitude * w) / weightSum);
  const remainders = scaled.map((w) => (magnitude * w) % weightSum);
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n);

  // leftover < number of non-zero remainders, so a zero weight (remainder 0) is never reached.
  const byRemainder = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    leftover -= 1n;
  }
  return total < 0n ? parts.map((part) => -part) : parts;
}

/** Weights as bigints over one common power of ten, so "0.25", 3 and 1n compare exactly. */
function toCommonScale(weights: readonly Weight[]): bigint[] {
  let decimals = 0;
  for (const weight of weights) {
    if (typeof weight === 'string')
      decimals = Math.max(decimals, new ExactDecimal(parseRate(weight)).decimalPlaces());
  }
  const scale = 10n ** BigInt(decimals);
  return weights.map((weight) => {
    if (typeof weight === 'string') {
      return BigInt(new ExactDecimal(weight).times(scale.toString()).toFixed(0));
    }
    if (typeof weight === 'number' && !Number.isSafeInteger(weight)) {
      throw new RangeError(`weight ${weight} is not a safe integer; pass a decimal string instead`);
    }
    const whole = BigInt(weight);
    if (whole < 0n) throw new RangeError(`weight ${weight} is negative`);
    return whole * scale;
  });
}
