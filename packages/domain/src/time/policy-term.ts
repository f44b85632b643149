import type { CalendarDate } from './calendar-date.ts';
import { addDays, addMonths, daysBetween } from './date-arithmetic.ts';
import { toYearMonthDay } from './day-number.ts';

/**
 * Days of cover from 起保日零时 to 终保日二十四时: both dates count, so a policy that starts and ends on the
 * same day has one day, and 2024-01-01 to 2024-12-31 has 366.
 */
export function termDays(start: CalendarDate, end: CalendarDate): number {
  const days = daysBetween(start, end) + 1;
  if (days < 1) throw new RangeError(`the end date ${end} is before the start date ${start}`);
  return days;
}

/**
 * The last day (终保日) of a policy of whole years: the day before the anniversary, so a one-year policy
 * from 2026-01-01 ends 2026-12-31 and its renewal starts on the anniversary with no gap.
 *
 * When the anniversary does not exist (a start on 02-29 and a common year to end in), the period ends on
 * the last day of that month, as Civil Code art. 202 does for periods without a corresponding day
 * ("没有对应日的，月末日为期间的最后一日"): 2024-02-29 + 1 year ends 2025-02-28 (366 days), not 02-27.
 * That is addYears(start) − 1 day in every other case; here clamping the anniversary back to 02-28 first
 * would cut a day of cover.
 */
export function standardEndDate(start: CalendarDate, years = 1): CalendarDate {
  return endDateAfterMonths(start, years * 12);
}

/** The last day of a policy of whole months (short-term cover), by the same rule as standardEndDate. */
export function endDateAfterMonths(start: CalendarDate, months: number): CalendarDate {
  if (!Number.isSafeInteger(months) || months < 1)
    throw new RangeError(`a term of ${months} months is not a term`);
  const anniversary = addMonths(start, months);
  const anniversaryExists = toYearMonthDay(anniversary).day === toYearMonthDay(start).day;
  return anniversaryExists ? addDays(anniversary, -1) : anniversary;
}
