import type { Queryable } from '@kebao/db';
import type { CalendarDayKind, CalendarYear } from '@kebao/domain/calendar';

/** Who put the year in: the shipped file (catalog/calendars) or a platform administrator through the API. */
export type CalendarOrigin = 'catalog' | 'api';

export interface CalendarYearRow {
  year: number;
  source: string;
  checksum: string;
  origin: CalendarOrigin;
  loaded_at: Date;
  updated_at: Date;
  holidays: number;
  workdays: number;
}

export interface CalendarDayRow {
  date: string;
  kind: CalendarDayKind;
  name_zh: string;
  name_en: string;
}

const YEAR_COLUMNS = `y.year, y.source, y.checksum, y.origin, y.loaded_at, y.updated_at,
  (SELECT count(*)::int FROM working_calendar_day d WHERE d.year = y.year AND d.kind = 'holiday') AS holidays,
  (SELECT count(*)::int FROM working_calendar_day d WHERE d.year = y.year AND d.kind = 'workday') AS workdays`;

/** Every loaded year, oldest first, with how many holidays and weekend days worked it lists. */
export async function listCalendarYears(db: Queryable): Promise<CalendarYearRow[]> {
  const r = await db.query<CalendarYearRow>(
    `SELECT ${YEAR_COLUMNS} FROM working_calendar_year y ORDER BY y.year`,
  );
  return r.rows;
}

/** One year; `lock` takes the row for a replacement in the caller's transaction. */
export async function findCalendarYear(
  db: Queryable,
  year: number,
  lock = false,
): Promise<CalendarYearRow | null> {
  const r = await db.query<CalendarYearRow>(
    `SELECT ${YEAR_COLUMNS} FROM working_calendar_year y WHERE y.year = $1${lock ? ' FOR UPDATE' : ''}`,
    [year],
  );
  return r.rows[0] ?? null;
}

export async function calendarDaysOf(db: Queryable, year: number): Promise<CalendarDayRow[]> {
  const r = await db.query<CalendarDayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, name_zh, name_en
       FROM working_calendar_day WHERE year = $1 ORDER BY day`,
    [year],
  );
  return r.rows;
}

/** The holidays and weekend days worked of some years (one query on the year index): what deadlines count on. */
export async function calendarDaysOfYears(
  db: Queryable,
  years: readonly number[],
): Promise<{ date: string; kind: CalendarDayKind }[]> {
  const r = await db.query<{ date: string; kind: CalendarDayKind }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, kind
       FROM working_calendar_day WHERE year = ANY($1::int[]) ORDER BY day`,
    [years],
  );
  return r.rows;
}

/**
 * Puts a year in, or replaces its source and every one of its days: the caller's transaction holds the
 * year's row (findCalendarYear with lock) so two replacements take turns.
 */
export async function replaceCalendarYear(
  db: Queryable,
  calendar: CalendarYear,
  meta: { checksum: string; origin: CalendarOrigin; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO working_calendar_year (year, source, checksum, origin, loaded_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, checksum = EXCLUDED.checksum,
       origin = EXCLUDED.origin, updated_at = EXCLUDED.updated_at`,
    [calendar.year, calendar.source, meta.checksum, meta.origin, meta.at],
  );
  await db.query('DELETE FROM working_calendar_day WHERE year = $1', [calendar.year]);
  await db.query(
    `INSERT INTO working_calendar_day (day, year, kind, name_zh, name_en)
     SELECT d::date, $1, k, zh, en
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(d, k, zh, en)`,
    [
      calendar.year,
      calendar.days.map((d) => d.date),
      calendar.days.map((d) => d.kind),
      calendar.days.map((d) => d.names.zh),
      calendar.days.map((d) => d.names.en),
    ],
  );
}

/**
 * Whether a year was ever in force with this content: an audit record of a load or a replacement names
 * the checksum it stored. The start uses it to tell a shipped file it already applied from a new one.
 */
export async function checksumWasInForce(db: Queryable, year: number, checksum: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM audit_log
      WHERE entity_type = 'working_calendar_year' AND entity_id = $1 AND after->>'checksum' = $2
      LIMIT 1`,
    [String(year), checksum],
  );
  return (r.rowCount ?? 0) > 0;
}
