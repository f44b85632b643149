import { DECIMAL_ROUNDING, ExactDecimal } from './exact-decimal.ts';
import { absFen, type Fen } from './fen.ts';
import { parseRate, parseShare, type Rate } from './parse-rate.ts';
import type { Rounding } from './rounding.ts';

// Below this ExactDecimal's 50 digits hold amount × rate without rounding (24 + 26 digits); no real amount
// comes near it (10^24 fen is a million times the world's yearly output).
const EXACT_LIMIT = 10n ** 24n;

/** amount × rate, computed exactly and rounded once to whole fen. */
export function mulRate(amount: Fen, rate: Rate, rounding: Rounding = 'HALF_UP'): Fen {
  parseRate(rate);
  if (absFen(amount) >= EXACT_LIMIT)
    throw new RangeError(`amount ${amount} fen is beyond exact rate arithmetic`);
  const product = new ExactDecimal(amount.toString()).times(rate);
  return BigInt(product.toDecimalPlaces(0, DECIMAL_ROUNDING[rounding]).toFixed(0));
}

/**
 * Splits a total into [part, rest] with part = total × share rounded (HALF_UP unless told), rest taking
 * whatever is left so the two always add up to the total. The share must lie in [0, 1].
 */
export function splitByRate(total: Fen, share: Rate, rounding: Rounding = 'HALF_UP'): [part: Fen, rest: Fen] {
  const part = mulRate(total, parseShare(share), rounding);
  return [part, total - part];
}
