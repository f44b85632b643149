import { addDays, type CalendarDate, parseCalendarDate, toDayNumber } from '../time/index.ts';
import type { SubsidyProgramme } from './programme.ts';

/**
 * Public holidays and the weekend days worked instead (调休), which the State Council publishes each
 * year: the caller passes them in. Without them only Saturdays and Sundays are skipped.
 */
export interface WorkingCalendar {
  holidays?: readonly string[];
  workdays?: readonly string[];
}

/**
 * The n-th working day after a date (n = 0: the date itself): Saturdays, Sundays and the calendar's
 * holidays are skipped, the calendar's working weekend days count. Calendar dates only, no time of day.
 */
export function workingDaysAfter(date: string, n: number, calendar: WorkingCalendar = {}): CalendarDate {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${n} is not a number of working days`);
  const holidays = new Set(calendar.holidays ?? []);
  const workdays = new Set(calendar.workdays ?? []);
  let day = parseCalendarDate(date);
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (workdays.has(day) || (!isWeekend(day) && !holidays.has(day))) counted += 1;
  }
  return day;
}

/** Saturday or Sunday. Day 0 of the day numbers, 1970-01-01, was a Thursday. */
export function isWeekend(date: CalendarDate): boolean {
  const mondayBased = (((toDayNumber(date) + 3) % 7) + 7) % 7;
  return mondayBased >= 5;
}

/**
 * The last day an enterprise may confirm an automatic grant (免申即享) pushed to it on `pushedOn`, or null
 * when the programme asks for no confirmation (apply mode, or no period set).
 */
export function confirmationDeadline(
  programme: SubsidyProgramme,
  pushedOn: string,
  calendar: WorkingCalendar = {},
): CalendarDate | null {
  if (programme.mode !== 'auto' || programme.confirmWorkingDays === undefined) return null;
  return workingDaysAfter(pushedOn, programme.confirmWorkingDays, calendar);
}
