import { divideRounded, type Fen, parseRate } from '../money/index.ts';
import { parseCalendarDate } from '../time/index.ts';

/*
 * Cross-border claims: an amount in a foreign currency (a loss abroad, an overseas IP action) turned into
 * fen of CNY at a stated rate. Amounts arrive in the currency's minor units (cents, pence; whole yen and
 * won), as ISO 4217 defines them for each code. The rate is decimal text of CNY per ONE unit of the
 * currency: the PBoC central parity (人民币汇率中间价) quotes JPY per 100 yen and KRW as won per yuan, so
 * the caller turns those into CNY per unit first (100 JPY = 4.7382 CNY → '0.047382'). The rate date is
 * the day whose rate is used (typically the loss or payment date, as the clause says); it is validated
 * here and belongs next to the converted amount in the claim file.
 *
 * cny fen = minor units × rate × 100 / 10^minorDigits, computed exactly with bigints and rounded once,
 * HALF_UP to the fen (half away from zero, so a refund converts as the mirror image of a payment).
 */

/** ISO 4217 minor-unit digits of the currencies the platform accepts. */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  CNY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  HKD: 2,
  MOP: 2,
  TWD: 2,
  SGD: 2,
  KRW: 0,
  CHF: 2,
  AUD: 2,
  NZD: 2,
  CAD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  THB: 2,
  MYR: 2,
  IDR: 2,
  VND: 0,
  INR: 2,
  RUB: 2,
  AED: 2,
  SAR: 2,
  ZAR: 2,
  BRL: 2,
  MXN: 2,
  KWD: 3,
});

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_MINOR_UNITS, value);
}

/** The minor-unit digits of a currency; throws for a code outside the table. */
export function currencyMinorUnits(currency: string): number {
  if (!isCurrencyCode(currency)) {
    throw new RangeError(`${JSON.stringify(currency)} is not a supported ISO 4217 currency code`);
  }
  return CURRENCY_MINOR_UNITS[currency] as number;
}

/**
 * The CNY fen of an amount in minor units of `currency` at `rate` (CNY per one unit, decimal text > 0)
 * of `date` ('YYYY-MM-DD'), HALF_UP. CNY itself converts at a rate of 1 only.
 */
export function toCnyFen(amountMinorUnits: bigint, currency: string, rate: string, date: string): Fen {
  if (typeof amountMinorUnits !== 'bigint') throw new TypeError('an amount in minor units is a bigint');
  const digits = currencyMinorUnits(currency);
  parseCalendarDate(date);
  const { units, scale } = rateUnits(rate);
  if (units === 0n) throw new RangeError(`an exchange rate of ${rate} is not positive`);
  if (currency === 'CNY' && units !== 10n ** BigInt(scale)) {
    throw new RangeError(`CNY converts to CNY at 1, not ${rate}`);
  }
  return divideRounded(amountMinorUnits * units * 100n, 10n ** BigInt(digits + scale), 'HALF_UP');
}

/**
 * An amount written in the currency's major unit ('1234.56' USD, '150000' JPY) as minor units; at most as
 * many decimals as the currency has, an optional leading '-'.
 */
export function parseCurrencyAmount(text: string, currency: string): bigint {
  const digits = currencyMinorUnits(currency);
  const match = typeof text === 'string' ? /^(-?)(0|[1-9][0-9]{0,17})(?:\.([0-9]+))?$/.exec(text) : null;
  if (match === null) throw new RangeError(`${JSON.stringify(text)} is not an amount of ${currency}`);
  const decimals = match[3] ?? '';
  if (decimals.length > digits) {
    throw new RangeError(
      `an amount of ${currency} has at most ${digits} decimals, not ${JSON.stringify(text)}`,
    );
  }
  const magnitude = BigInt(`${match[2]}${decimals.padEnd(digits, '0')}`);
  return match[1] === '-' ? -magnitude : magnitude;
}

function rateUnits(rate: string): { units: bigint; scale: number } {
  const text = parseRate(rate);
  const [whole = '0', fraction = ''] = text.split('.');
  return { units: BigInt(`${whole}${fraction}`), scale: fraction.length };
}
