import { type CalendarDate, daysInMonth } from './calendar-date.ts';
import { fromDayNumber, fromYearMonthDay, toDayNumber, toYearMonthDay } from './day-number.ts';

export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertWhole(days);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Moves by whole months, keeping the day of the month where it exists and otherwise clamping to the
 * month's last day (2026-01-31 + 1 month → 2026-02-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  assertWhole(months);
  const { year, month, day } = toYearMonthDay(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) throw new RangeError(`year ${targetYear} is outside 0001–9999`);
  return fromYearMonthDay({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Whole years, clamped like addMonths: 2024-02-29 + 1 year → 2025-02-28. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  assertWhole(years);
  return addMonths(date, years * 12);
}

/** b − a in days: positive when b is later. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function assertWhole(count: number): void {
  if (!Number.isSafeInteger(count)) throw new RangeError(`${count} is not a whole number`);
}
