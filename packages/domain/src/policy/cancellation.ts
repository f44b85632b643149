import { ExactDecimal, type Fen, mulRate } from '../money/index.ts';
import {
  addDays,
  type CalendarDate,
  compareDates,
  endDateAfterMonths,
  parseCalendarDate,
  proRataRefund,
} from '../time/index.ts';

/**
 * Return premium on cancellation from 00:00 of the cancel date (Insurance Law art. 54: the insurer keeps
 * the premium for the time already covered). Pro rata is the 1/365 method of proRataRefund. Short rate
 * (短期费率) keeps a percentage of the premium by months in force, a started month counting whole
 * (不足一个月的按一个月计算), from the common 财产保险短期费率表; a product may carry its own table.
 */

export type RefundMethod = 'pro_rata' | 'short_rate';

/** The common 财产保险短期费率表 (months in force, a started month counts whole → % of annual premium kept): 1:10, 2:20, 3:30, 4:40, 5:50, 6:60, 7:70, 8:80, 9:85, 10:90, 11:95, 12+:100. Data, exported so a product could carry its own. */
export const SHORT_RATE_TABLE: readonly { months: number; keptPercent: number }[] = Object.freeze(
  [
    { months: 1, keptPercent: 10 },
    { months: 2, keptPercent: 20 },
    { months: 3, keptPercent: 30 },
    { months: 4, keptPercent: 40 },
    { months: 5, keptPercent: 50 },
    { months: 6, keptPercent: 60 },
    { months: 7, keptPercent: 70 },
    { months: 8, keptPercent: 80 },
    { months: 9, keptPercent: 85 },
    { months: 10, keptPercent: 90 },
    { months: 11, keptPercent: 95 },
    { months: 12, keptPercent: 100 },
  ].map((row) => Object.freeze(row)),
);

/**
 * Started months of cover from 00:00 of startDate to 00:00 of cancelDate; cancelling on (or before) the
 * start date = 0. Month m ends where a policy of m months would (endDateAfterMonths, Civil Code art. 202:
 * a month from 01-31 ends on the last day of February), so 2026-01-31 → 2026-03-01 is exactly 1 month
 * and 2026-01-01 → 2026-03-16 is 3 started months.
 */
export function monthsInForce(startDate: string, cancelDate: string): number {
  const start = parseCalendarDate(startDate);
  const cancel = parseCalendarDate(cancelDate);
  if (compareDates(cancel, start) <= 0) return 0;
  // The day month `months` + 1 begins; months(0) is the start date itself.
  const monthBegins = (months: number): CalendarDate =>
    months === 0 ? start : addDays(endDateAfterMonths(start, months), 1);
  const calendarMonths =
    (Number(cancel.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    (Number(cancel.slice(5, 7)) - Number(start.slice(5, 7)));
  // Start a little below the answer and walk up to the first month that begins on or after the cancel date.
  let months = Math.max(0, calendarMonths - 2);
  while (months > 0 && compareDates(monthBegins(months), cancel) >= 0) months -= 1;
  while (compareDates(monthBegins(months), cancel) < 0) months += 1;
  return months;
}

/**
 * The kept percentage for a number of months in force: the first row (by months) covering it; beyond the
 * last row, the last row's percentage; 0 months keeps nothing.
 */
export function shortRateKeptPercent(
  months: number,
  table: readonly { months: number; keptPercent: number }[] = SHORT_RATE_TABLE,
): number {
  if (months <= 0) return 0;
  const rows = checkedTable(table);
  const row = rows.find((candidate) => candidate.months >= months) ?? rows[rows.length - 1];
  return (row as { keptPercent: number }).keptPercent;
}

/**
 * Refund for cancellation from 00:00 of cancelDate. pro_rata = proRataRefund. short_rate: premium −
 * premium × kept% (HALF_UP), 0 months → full refund; never negative, never above premium. The short-rate
 * table is read against the premium given (the annual premium the table is written for); cancelling after
 * the end date returns nothing by either method.
 */
export function cancellationRefund(input: {
  premium: bigint;
  startDate: string;
  endDate: string;
  cancelDate: string;
  method: RefundMethod;
  table?: readonly { months: number; keptPercent: number }[];
}): bigint {
  const { premium, method } = input;
  if (premium < 0n) throw new RangeError(`a premium of ${premium} fen is negative`);
  const start = parseCalendarDate(input.startDate);
  const end = parseCalendarDate(input.endDate);
  const cancel = parseCalendarDate(input.cancelDate);
  if (compareDates(end, start) < 0)
    throw new RangeError(`the end date ${end} is before the start date ${start}`);
  if (method === 'pro_rata') return proRataRefund(premium, start, end, cancel);
  if (method !== 'short_rate') throw new RangeError(`unknown refund method ${JSON.stringify(method)}`);

  if (compareDates(cancel, end) > 0) return 0n;
  const keptPercent = shortRateKeptPercent(monthsInForce(start, cancel), input.table ?? SHORT_RATE_TABLE);
  const kept = mulRate(premium, percentToRate(keptPercent), 'HALF_UP');
  return clampFen(premium - kept, premium);
}

function percentToRate(percent: number): string {
  return new ExactDecimal(String(percent)).dividedBy(100).toFixed();
}

function clampFen(value: Fen, most: Fen): Fen {
  return value < 0n ? 0n : value > most ? most : value;
}

/** Rows sorted by months; months whole and positive, kept percentages finite within 0–100. */
function checkedTable(
  table: readonly { months: number; keptPercent: number }[],
): readonly { months: number; keptPercent: number }[] {
  if (table.length === 0) throw new RangeError('a short-rate table needs at least one row');
  for (const row of table) {
    if (!Number.isSafeInteger(row.months) || row.months < 1) {
      throw new RangeError(`a short-rate row of ${row.months} months is not a number of months`);
    }
    if (!Number.isFinite(row.keptPercent) || row.keptPercent < 0 || row.keptPercent > 100) {
      throw new RangeError(`a short-rate row keeping ${row.keptPercent} % is not between 0 and 100`);
    }
  }
  return [...table].sort((a, b) => a.months - b.months);
}
