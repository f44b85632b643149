import { describe, expect, it } from 'vitest';
import { parseCalendarYear, workingCalendarOf } from './parse-calendar-year.ts';

const day = (date: string, kind: 'holiday' | 'workday' = 'holiday') => ({
  date,
  kind,
  names: { zh: '国庆节', en: 'National Day' },
});
const year2026 = (days: unknown[]) => ({
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  days,
});

describe('a calendar year as it arrives (parseCalendarYear)', () => {
  it('accepts holidays and weekend days worked, and gives them back in date order', () => {
    const result = parseCalendarYear(
      year2026([day('2026-10-10', 'workday'), day('2026-10-01'), day('2026-09-20', 'workday')]),
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.calendar.days.map((d) => d.date)).toEqual([
      '2026-09-20',
      '2026-10-01',
      '2026-10-10',
    ]);
  });

  it('lists a holiday on a weekend without complaint (the run includes its Saturday and Sunday)', () => {
    expect(parseCalendarYear(year2026([day('2026-10-03'), day('2026-10-04')])).ok).toBe(true);
  });

  it('refuses a day worked instead that falls on a weekday, naming the weekday', () => {
    const result = parseCalendarYear(year2026([day('2026-10-01'), day('2026-10-14', 'workday')]));
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '/days/1/date',
        code: 'calendar.workday_not_weekend',
        message_zh: '2026-10-14 是星期三：调休上班日应为星期六或星期日',
        message_en: '2026-10-14 is a Wednesday: a day worked instead (调休) must be a Saturday or Sunday',
      },
    ]);
  });

  it('refuses a date outside the year, a date listed twice and a date that does not exist', () => {
    const result = parseCalendarYear(
      year2026([day('2025-12-31'), day('2026-10-01'), day('2026-10-01', 'workday'), day('2026-02-30')]),
    );
    expect(result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      '/days/0/date calendar.date_outside_year',
      '/days/2/date calendar.date_repeated',
      '/days/2/date calendar.workday_not_weekend',
      '/days/3/date calendar.date_invalid',
    ]);
  });

  it('checks the shape first, every problem with its path', () => {
    const result = parseCalendarYear({
      year: 1999,
      source: '',
      days: [{ date: '2026-1-1', kind: 'vacation', names: { zh: '元旦' } }],
      extra: true,
    });
    expect(result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      '/days/0/date schema.pattern',
      '/days/0/kind schema.enum',
      '/days/0/names/en schema.required',
      '/extra schema.additionalProperties',
      '/source schema.minLength',
      '/year schema.minimum',
    ]);
  });

  it('splits the days into the holidays and the workdays the deadline count reads', () => {
    expect(workingCalendarOf([day('2026-10-01'), day('2026-10-10', 'workday')])).toEqual({
      holidays: ['2026-10-01'],
      workdays: ['2026-10-10'],
    });
  });
});
