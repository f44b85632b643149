import type { CalendarDate } from './calendar-date.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';

// Asia/Shanghai is UTC+08:00 all year: China has observed no daylight saving time since 1991, so a fixed
// offset gives the same answers as the tz database for every date a policy can have, without depending on
// the machine's time zone or ICU data.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date in Shanghai at an instant (the caller passes the clock's "now" in). */
export function shanghaiDateOf(instant: Date): CalendarDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** 00:00 Shanghai time at the start of a date (起保日零时 for a start date). */
export function startOfDayInstant(date: CalendarDate): Date {
  return new Date(toDayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 24:00 Shanghai time at the end of a policy's last day (终保日二十四时), i.e. 00:00 of the next day. */
export function endOfPolicyInstant(endDate: CalendarDate): Date {
  return new Date((toDayNumber(endDate) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}
