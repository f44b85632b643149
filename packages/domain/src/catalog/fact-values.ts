import { FEN_PER_YUAN, tryParseYuan } from '../money/index.ts';
import { tryParseCalendarDate } from '../time/index.ts';
import type { FactType } from './facts.ts';
import { compareDecimals, parseDecimal, type ScaledDecimal } from './scaled-decimal.ts';

/**
 * A fact value reduced to what compares exactly: integers as numbers, money as fen (bigint), decimals as
 * scaled bigints, dates as their 'YYYY-MM-DD' text (which sorts like the dates once it is a valid date),
 * strings and booleans as themselves.
 */
export type Ordinal = number | bigint | ScaledDecimal | string | boolean;

/** The ordinal of a value of the given type, or undefined when the value is not of that type. */
export function ordinalOf(type: FactType, value: unknown): Ordinal | undefined {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
    case 'decimal':
      return typeof value === 'string' || typeof value === 'number' ? parseDecimal(value) : undefined;
    case 'money':
      return moneyFen(value);
    case 'date':
      return typeof value === 'string' && tryParseCalendarDate(value).ok ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'set':
      return undefined;
  }
}

/** A yuan amount as fen: a yuan string ("200000000.00") or a whole number of yuan. */
export function moneyFen(value: unknown): bigint | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? BigInt(value) * FEN_PER_YUAN : undefined;
  if (typeof value !== 'string') return undefined;
  const parsed = tryParseYuan(value);
  return parsed.ok ? parsed.fen : undefined;
}

/** The sign of a − b for two ordinals of the same type (NaN for a mixed pair, which validation prevents). */
export function compareOrdinals(a: Ordinal, b: Ordinal): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'object' && typeof b === 'object') return compareDecimals(a, b);
  return Number.NaN;
}

export function sameOrdinal(a: Ordinal, b: Ordinal): boolean {
  return typeof a === 'object' && typeof b === 'object' ? compareDecimals(a, b) === 0 : a === b;
}

/** Numeric facts as scaled decimals, for bands: integers at scale 0, money in fen at scale 2. */
export function numericValueOf(type: FactType, value: unknown): ScaledDecimal | undefined {
  if (type === 'integer')
    return typeof value === 'number' && Number.isSafeInteger(value)
      ? { units: BigInt(value), scale: 0 }
      : undefined;
  if (type === 'money') {
    const fen = moneyFen(value);
    return fen === undefined ? undefined : { units: fen, scale: 2 };
  }
  if (type === 'decimal')
    return typeof value === 'string' || typeof value === 'number' ? parseDecimal(value) : undefined;
  return undefined;
}

/** The fact types ordering (lt, gt, between, bands) is defined on. */
export const ORDERED_TYPES: ReadonlySet<FactType> = new Set(['integer', 'decimal', 'money', 'date']);
