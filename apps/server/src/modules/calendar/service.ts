import { createHash } from 'node:crypto';
import type { Queryable } from '@kebao/db';
import { type CalendarYear, parseCalendarYear, workingCalendarOf } from '@kebao/domain/calendar';
import type { WorkingCalendar } from '@kebao/domain/subsidy';
import { parseCalendarDate } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { type CalendarOrigin, calendarDaysOfYears, findCalendarYear, replaceCalendarYear } from './repo.ts';

/**
 * The content of a year, independent of how the document was written (key order, order of the days): the
 * same notice loaded from the YAML file or sent as JSON has the same checksum.
 */
export function calendarChecksum(calendar: CalendarYear): string {
  const canonical = {
    year: calendar.year,
    source: calendar.source,
    days: [...calendar.days]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((d) => [d.date, d.kind, d.names.zh, d.names.en]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Validates a calendar year (a shipped file, an upload) and answers 400 with every problem's path. */
export function checkedCalendarYear(data: unknown, pathPrefix: string): CalendarYear {
  const parsed = parseCalendarYear(data);
  if (!parsed.ok) {
    throw problem('request.invalid', {
      detail: 'the working-day calendar year is not valid',
      errors: parsed.errors.map((e) => ({ ...e, path: `${pathPrefix}${e.path}` })),
    });
  }
  return parsed.calendar;
}

/**
 * Puts a year's holidays and weekend days worked in, replacing whatever the year held, in the caller's
 * transaction and with an audit record naming the checksum now in force. The same content again changes
 * nothing and writes no record.
 */
export async function saveCalendarYear(ctx: Ctx, calendar: CalendarYear, origin: CalendarOrigin) {
  const checksum = calendarChecksum(calendar);
  const before = await findCalendarYear(ctx.db, calendar.year, true);
  if (before && before.checksum === checksum) return { changed: false };
  await replaceCalendarYear(ctx.db, calendar, { checksum, origin, at: ctx.now });
  const { holidays, workdays } = workingCalendarOf(calendar.days);
  ctx.audit({
    action: origin === 'catalog' ? 'calendar.load' : 'calendar.replace',
    entityType: 'working_calendar_year',
    entityId: String(calendar.year),
    before: before
      ? {
          checksum: before.checksum,
          origin: before.origin,
          source: before.source,
          holidays: before.holidays,
          workdays: before.workdays,
        }
      : undefined,
    after: {
      checksum,
      origin,
      source: calendar.source,
      holidays: holidays.length,
      workdays: workdays.length,
    },
  });
  return { changed: true };
}

/**
 * The public holidays and weekend days worked (调休) of `fromDate`'s year and the `years - 1` years after
 * it, as workingDaysAfter reads them: a deadline counted from late December runs into January. A year with
 * no calendar loaded contributes nothing (its Saturdays and Sundays are skipped all the same).
 *
 * One query on the day table's year index, in the caller's transaction when it passes one — so a PUT is
 * seen at once by every server process, which a per-process cache could not promise.
 */
export async function workingCalendarFor(
  db: Queryable,
  fromDate: string,
  years = 2,
): Promise<WorkingCalendar> {
  if (!Number.isSafeInteger(years) || years < 1) throw new RangeError(`${years} is not a number of years`);
  const first = Number(parseCalendarDate(fromDate).slice(0, 4));
  const wanted = Array.from({ length: years }, (_, i) => first + i);
  return workingCalendarOf(await calendarDaysOfYears(db, wanted));
}
