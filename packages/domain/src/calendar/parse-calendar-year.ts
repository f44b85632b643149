import { type DefinitionError, pointer, problem } from '../catalog/definition-error.ts';
import { lazyValidator, schemaProblems } from '../enterprise/schema-problems.ts';
import type { WorkingCalendar } from '../subsidy/working-days.ts';
import { type CalendarDate, toDayNumber, tryParseCalendarDate } from '../time/index.ts';
import { type CalendarYear, CalendarYearSchema } from './calendar-year.ts';

export type ParseCalendarYearResult =
  | { ok: true; calendar: CalendarYear }
  | { ok: false; errors: DefinitionError[] };

const validator = lazyValidator(CalendarYearSchema);

const WEEKDAYS: [string, string][] = [
  ['星期一', 'Monday'],
  ['星期二', 'Tuesday'],
  ['星期三', 'Wednesday'],
  ['星期四', 'Thursday'],
  ['星期五', 'Friday'],
  ['星期六', 'Saturday'],
  ['星期日', 'Sunday'],
];

/** Monday 0 … Sunday 6. Day 0 of the day numbers, 1970-01-01, was a Thursday. */
function weekdayOf(date: CalendarDate): number {
  return (((toDayNumber(date) + 3) % 7) + 7) % 7;
}

/**
 * Reads a calendar year as it arrives — a parsed YAML file, an API upload — and either accepts it, its days
 * in date order, or lists every problem with a JSON pointer, a stable code and a message in both languages:
 * first the JSON Schema (`schema.*`), then, for a document of the right shape, the checks the notice
 * itself obeys (`calendar.*`): every date exists and lies inside the year, no date is listed twice, and a
 * day worked instead (调休上班) is a Saturday or a Sunday — a weekday is a working day anyway.
 */
export function parseCalendarYear(data: unknown): ParseCalendarYearResult {
  const shapeErrors = schemaProblems(validator(), data);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const calendar = data as CalendarYear;
  const errors: DefinitionError[] = [];
  const seen = new Map<string, number>();
  calendar.days.forEach((day, index) => {
    const at = pointer('/days', index, 'date');
    const parsed = tryParseCalendarDate(day.date);
    if (!parsed.ok) {
      errors.push(problem(at, 'calendar.date_invalid', `${day.date} 不是有效日期`, `${day.date} is no date`));
      return;
    }
    if (Number(day.date.slice(0, 4)) !== calendar.year) {
      errors.push(
        problem(
          at,
          'calendar.date_outside_year',
          `${day.date} 不在 ${calendar.year} 年内`,
          `${day.date} is not in ${calendar.year}`,
        ),
      );
    }
    const first = seen.get(day.date);
    if (first !== undefined) {
      errors.push(
        problem(
          at,
          'calendar.date_repeated',
          `${day.date} 已在第 ${first + 1} 项列出`,
          `${day.date} is already listed as day ${first + 1}`,
        ),
      );
    } else seen.set(day.date, index);
    const weekday = weekdayOf(parsed.date);
    if (day.kind === 'workday' && weekday < 5) {
      const [zh, en] = WEEKDAYS[weekday] as [string, string];
      errors.push(
        problem(
          at,
          'calendar.workday_not_weekend',
          `${day.date} 是${zh}：调休上班日应为星期六或星期日`,
          `${day.date} is a ${en}: a day worked instead (调休) must be a Saturday or Sunday`,
        ),
      );
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const days = [...calendar.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, calendar: { year: calendar.year, source: calendar.source, days } };
}

/** The holidays and the weekend days worked of some calendar days, as workingDaysAfter reads them. */
export function workingCalendarOf(
  days: readonly { date: string; kind: CalendarYear['days'][number]['kind'] }[],
): Required<WorkingCalendar> {
  return {
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
  };
}
