import { DateFormatError } from './date-format-error.ts';

/**
 * A calendar day as "YYYY-MM-DD", with no time and no zone: policy periods are counted in whole calendar
 * days in Asia/Shanghai (DESIGN.md, "Dates"). Branded so an unchecked string cannot pass for one; get one
 * from parseCalendarDate, isCalendarDate or the arithmetic here.
 */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** The shape of a CalendarDate, usable as a JSON Schema `pattern`; it cannot know that 02-30 does not exist. */
export const CALENDAR_DATE_PATTERN = '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$';

const SHAPE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export type ParseCalendarDateResult =
  | { ok: true; date: CalendarDate }
  | { ok: false; error: DateFormatError };

export function parseCalendarDate(text: string): CalendarDate {
  const result = tryParseCalendarDate(text);
  if (!result.ok) throw result.error;
  return result.date;
}

export function tryParseCalendarDate(text: string): ParseCalendarDateResult {
  const input = typeof text === 'string' ? text : String(text);
  const match = typeof text === 'string' ? SHAPE.exec(text) : null;
  if (match === null) return { ok: false, error: new DateFormatError('date.format', input) };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return { ok: false, error: new DateFormatError('date.format', input) };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: new DateFormatError('date.nonexistent', input) };
  }
  return { ok: true, date: text as CalendarDate };
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && tryParseCalendarDate(value).ok;
}

/** Gregorian leap years, proleptic before 1582 (the only calendar the platform needs). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
