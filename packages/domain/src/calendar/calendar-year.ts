import { type Static, Type } from 'typebox';
import { CALENDAR_DATE_PATTERN } from '../time/index.ts';

/**
 * One year of the working-day calendar (工作日历) as data: the public holidays and the weekend days worked
 * instead (调休上班) that the State Council General Office announces each November for the next year
 * (国务院办公厅关于某年部分节假日安排的通知). The same schema validates the shipped files in
 * `catalog/calendars/*.yaml`, uploads through the API and editors (it is published as
 * `catalog/schema/calendar.schema.json`). A day not listed is a working day from Monday to Friday and a
 * rest day on Saturday and Sunday.
 */

/** holiday: a day off (放假), weekends inside the run included; workday: a Saturday or Sunday worked (调休上班). */
export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

/** The years the database accepts (working_calendar_year.year). */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

const CalendarDaySchema = Type.Object(
  {
    date: Type.String({ pattern: CALENDAR_DATE_PATTERN, description: 'YYYY-MM-DD, inside the year' }),
    kind: Type.Enum([...calendarDayKinds], {
      description: 'holiday 放假 · workday 调休上班 (a Saturday or Sunday worked)',
    }),
    names: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 国庆节' }),
        en: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. National Day' }),
      },
      { additionalProperties: false, description: 'the holiday the day belongs to' },
    ),
  },
  { additionalProperties: false },
);

export const CalendarYearSchema = Type.Object(
  {
    year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR }),
    source: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'the notice it follows: its title and, where known, its document number (文号)',
    }),
    days: Type.Array(CalendarDaySchema, {
      minItems: 1,
      maxItems: 120,
      description: 'every holiday and every weekend day worked; each date once',
    }),
  },
  {
    additionalProperties: false,
    $id: 'https://kebao.dev/schemas/calendar.schema.json',
    title: 'Kebao working-day calendar year (工作日历)',
  },
);

export type CalendarYear = Static<typeof CalendarYearSchema>;
export type CalendarYearDay = CalendarYear['days'][number];
