import DecimalModule, { type Decimal } from 'decimal.js';
import type { Rounding } from './rounding.ts';

// decimal.js 10 describes its ES module build with CommonJS-style types, so under "nodenext" TypeScript
// takes the default import for the module object; at run time it is the Decimal constructor itself.
const DecimalConstructor = DecimalModule as unknown as typeof Decimal;

/**
 * The decimal.js configuration for money rules: its own clone, so nothing here depends on (or changes)
 * the global Decimal settings another library may have touched. 50 significant digits hold the product of
 * any amount below 10^24 fen and any rate of up to 26 digits exactly, so multiplication never rounds before
 * the explicit rounding step. Do not divide with it where exactness matters: use bigint ratios instead.
 */
export const ExactDecimal = DecimalConstructor.clone({
  precision: 50,
  rounding: DecimalConstructor.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});

export type ExactDecimal = InstanceType<typeof ExactDecimal>;

export const DECIMAL_ROUNDING: Record<Rounding, Decimal.Rounding> = {
  HALF_UP: DecimalConstructor.ROUND_HALF_UP,
  HALF_EVEN: DecimalConstructor.ROUND_HALF_EVEN,
  DOWN: DecimalConstructor.ROUND_DOWN,
  UP: DecimalConstructor.ROUND_UP,
};
