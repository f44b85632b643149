import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, calendarDayKinds } from '@kebao/domain/calendar';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { problem } from '../../platform/errors.ts';
import { CalendarDate, problemResponses, Timestamp } from '../../platform/http/schemas.ts';
import { type CalendarYearRow, calendarDaysOf, findCalendarYear, listCalendarYears } from './repo.ts';
import { checkedCalendarYear, saveCalendarYear } from './service.ts';

const tags = ['calendar'];
const YearParams = Type.Object(
  { year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR }) },
  { additionalProperties: false },
);

const yearFields = {
  year: Type.Integer(),
  source: Type.String({ description: 'the State Council notice it follows (国务院办公厅通知)' }),
  origin: Type.String({
    description: 'catalog (the shipped file) · api (put in by a platform administrator)',
  }),
  loadedAt: Timestamp,
  updatedAt: Timestamp,
  holidays: Type.Integer({ description: 'days off listed (放假), weekends inside a run included' }),
  workdays: Type.Integer({ description: 'Saturdays and Sundays worked instead (调休上班)' }),
};

const CalendarYearSummary = Type.Object(yearFields);

const CalendarYearView = Type.Object({
  ...yearFields,
  days: Type.Array(
    Type.Object({
      date: CalendarDate,
      kind: Type.String({ enum: [...calendarDayKinds], description: 'holiday 放假 · workday 调休上班' }),
      names: Type.Object({ zh: Type.String(), en: Type.String() }),
    }),
  ),
});

function presentYear(row: CalendarYearRow) {
  return {
    year: row.year,
    source: row.source,
    origin: row.origin,
    loadedAt: row.loaded_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    holidays: row.holidays,
    workdays: row.workdays,
  };
}

/** The working-day calendar (工作日历): the public holidays and weekend days worked, year by year. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;

  async function yearView(year: number) {
    const row = await findCalendarYear(pool, year);
    if (!row) throw problem('calendar.year_not_found', { params: { year } });
    const days = await calendarDaysOf(pool, year);
    return {
      ...presentYear(row),
      days: days.map((d) => ({ date: d.date, kind: d.kind, names: { zh: d.name_zh, en: d.name_en } })),
    };
  }

  app.get(
    '/api/calendar',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The years of the working-day calendar loaded, oldest first',
        response: {
          200: Type.Object({ items: Type.Array(CalendarYearSummary) }),
          ...problemResponses(401),
        },
      },
    },
    async () => ({ items: (await listCalendarYears(pool)).map(presentYear) }),
  );

  app.get(
    '/api/calendar/:year',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'One year: its public holidays and weekend days worked, in date order, and its source',
        description:
          'A date not listed is a working day from Monday to Friday and a rest day on Saturday and Sunday.',
        params: YearParams,
        response: { 200: CalendarYearView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => yearView(request.params.year),
  );

  app.put(
    '/api/calendar/:year',
    {
      config: { access: Permission.CalendarManage },
      schema: {
        tags,
        summary: 'Put in or replace a year from the State Council notice (platform administrator)',
        description:
          'The body is a year as in catalog/calendars/*.yaml, in JSON (catalog/schema/calendar.schema.json). ' +
          'Every day of the year is replaced in one transaction, audited; the same content again changes ' +
          'nothing. Errors name the JSON path, e.g. /body/days/3/date.',
        params: YearParams,
        body: Type.Unknown({
          description: 'the calendar year: { year, source, days: [{ date, kind, names }] }',
        }),
        response: { 200: CalendarYearView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const calendar = checkedCalendarYear(request.body, '/body');
      if (calendar.year !== request.params.year) {
        throw problem('request.invalid', {
          errors: [
            {
              path: '/body/year',
              code: 'calendar.year_mismatch',
              message_zh: '年份须与地址一致',
              message_en: 'The year must match the path',
            },
          ],
        });
      }
      await tx(request.actor, request.id, (ctx) => saveCalendarYear(ctx, calendar, 'api'));
      return yearView(calendar.year);
    },
  );
};
