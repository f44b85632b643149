import { RateFormatError } from './rate-format-error.ts';

/**
 * A rate, share or percentage as a decimal string (费率/份额/比例), e.g. "0.0125". Kept as the string it
 * arrived as: it is exact, and trailing zeros someone wrote ("0.2500") survive a round trip.
 */
export type Rate = string;

/**
 * Non-negative, no leading zeros, up to 10 decimals (a rate of 0.01‱ still has room), up to 16 integer
 * digits so a yuan amount can serve as an allocation weight. Negative rates are not rates: a discount is
 * a factor below 1. Usable as a JSON Schema `pattern`.
 */
export const RATE_PATTERN = '^(?:0|[1-9][0-9]{0,15})(?:\\.[0-9]{1,10})?$';

const NUMBER_SHAPE = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export type ParseRateResult = { ok: true; rate: Rate } | { ok: false; error: RateFormatError };

export function parseRate(text: string): Rate {
  const result = tryParseRate(text);
  if (!result.ok) throw result.error;
  return result.rate;
}

export function tryParseRate(text: string): ParseRateResult {
  const input = typeof text === 'string' ? text : String(text);
  const match = typeof text === 'string' ? NUMBER_SHAPE.exec(text) : null;
  if (match === null) return { ok: false, error: new RateFormatError('rate.format', input) };
  if ((match[2] ?? '').length > 10)
    return { ok: false, error: new RateFormatError('rate.too_many_decimals', input) };
  if ((match[1] as string).length > 16)
    return { ok: false, error: new RateFormatError('rate.too_large', input) };
  return { ok: true, rate: text };
}

/** Parses a share that must lie in [0, 1], such as the part of a premium a subsidy pays. */
export function parseShare(text: string): Rate {
  const rate = parseRate(text);
  const [integerPart = '', decimals = ''] = rate.split('.');
  const withinOne = integerPart === '0' || (integerPart === '1' && /^0*$/.test(decimals));
  if (!withinOne) throw new RateFormatError('rate.out_of_range', rate);
  return rate;
}
