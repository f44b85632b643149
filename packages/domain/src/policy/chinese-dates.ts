import { parseCalendarDate, termDays, toYearMonthDay } from '../time/index.ts';

/*
 * Dates as a Chinese policy prints them. Years keep their four digits, months and days drop the leading
 * zero (2026年1月1日, not 2026年01月01日). The period reads from 零时 of the first day to 二十四时 of the
 * last, the same whole days termDays counts, so a one-year policy ends on the day before the anniversary.
 */

/** 2026年1月1日 */
export function chineseDate(date: string): string {
  const { year, month, day } = toYearMonthDay(parseCalendarDate(date));
  return `${year}年${month}月${day}日`;
}

/** 保险期间: 自2026年1月1日零时起至2026年12月31日二十四时止 */
export function chinesePeriod(startDate: string, endDate: string): string {
  // termDays refuses an end before the start; a period must cover at least its first day.
  termDays(parseCalendarDate(startDate), parseCalendarDate(endDate));
  return `自${chineseDate(startDate)}零时起至${chineseDate(endDate)}二十四时止`;
}
