/**
 * Share units for placement: a line, a signed line or a pool share is a whole number of units, 1 unit =
 * 0.0001 % and WHOLE = 100 %. Integers make sign-down and pool re-scaling exact with the one
 * largest-remainder allocation (DESIGN.md, "Money"); four decimals of a percent are what a slip shows
 * (a 25 % line on a slip closing at 125 % signs at 20 %, domain README §2).
 */
export const WHOLE = 1_000_000;

/** Units per percent: "1" (1 %) is 10 000 units. */
export const UNITS_PER_PERCENT = 10_000;

export type ShareErrorCode = 'share.format' | 'share.too_many_decimals' | 'share.out_of_range';

/** A percent string that is not a share; carries a stable code and both languages, like the money errors. */
export class ShareFormatError extends Error {
  override readonly name = 'ShareFormatError';
  readonly code: ShareErrorCode;
  readonly reason: string;
  readonly reasonZh: string;

  constructor(code: ShareErrorCode, message: string) {
    super(message);
    this.code = code;
    this.reason = SHARE_ERROR_REASONS[code].reason;
    this.reasonZh = SHARE_ERROR_REASONS[code].reasonZh;
  }
}

const SHARE_ERROR_REASONS: Record<ShareErrorCode, { reason: string; reasonZh: string }> = {
  'share.format': {
    reason: 'A share is a percent written as a decimal such as "25" or "33.3333" (no sign, spaces or "%")',
    reasonZh: '份额应为百分数的十进制写法，如 "25" 或 "33.3333"（不含正负号、空格或 "%"）',
  },
  'share.too_many_decimals': {
    reason: 'A share has at most 4 decimals of a percent',
    reasonZh: '份额最多保留 4 位小数（百分数）',
  },
  'share.out_of_range': {
    reason: 'A share lies above 0 % and at most 100 %',
    reasonZh: '份额应大于 0% 且不超过 100%',
  },
};

const PERCENT_SHAPE = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** "25" | "25.5" | "33.3333" (percent, ≤ 4 decimals, 0 < x ≤ 100) → units. Throws ShareFormatError. */
export function parsePercent(text: string): number {
  const input = typeof text === 'string' ? text : String(text);
  const match = typeof text === 'string' ? PERCENT_SHAPE.exec(text) : null;
  if (match === null) throw new ShareFormatError('share.format', `not a percent: ${JSON.stringify(input)}`);
  const integerPart = match[1] as string;
  const decimals = match[2] ?? '';
  if (decimals.length > 4) {
    throw new ShareFormatError('share.too_many_decimals', `more than 4 decimals: ${JSON.stringify(input)}`);
  }
  const units =
    integerPart.length > 3
      ? Number.POSITIVE_INFINITY
      : Number(integerPart) * UNITS_PER_PERCENT + Number(decimals.padEnd(4, '0'));
  if (units <= 0 || units > WHOLE) {
    throw new ShareFormatError(
      'share.out_of_range',
      `not above 0 % and at most 100 %: ${JSON.stringify(input)}`,
    );
  }
  return units;
}

/** 153846 → "15.3846" (always 4 decimals); 1_000_000 → "100.0000"; 0 → "0.0000". */
export function formatPercent(units: number): string {
  assertUnits(units, 'units');
  const sign = units < 0 ? '-' : '';
  const magnitude = Math.abs(units);
  const whole = Math.floor(magnitude / UNITS_PER_PERCENT);
  const fraction = magnitude % UNITS_PER_PERCENT;
  return `${sign}${whole}.${String(fraction).padStart(4, '0')}`;
}

/** Units as a decimal fraction of one, for rate arithmetic: 153846 → "0.153846", WHOLE → "1". */
export function unitsToRate(units: number): string {
  assertUnits(units, 'units');
  if (units < 0) throw new RangeError(`a share of ${units} units is negative`);
  const whole = Math.floor(units / WHOLE);
  const fraction = String(units % WHOLE)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** Throws a RangeError unless `value` is a safe integer (share units are never fractional). */
export function assertUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} ${value} is not a whole number of share units`);
}
