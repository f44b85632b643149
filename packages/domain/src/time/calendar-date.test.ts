import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_DATE_PATTERN,
  daysInMonth,
  isCalendarDate,
  isLeapYear,
  parseCalendarDate,
  tryParseCalendarDate,
} from './calendar-date.ts';
import { DateFormatError } from './date-format-error.ts';

describe('calendar dates', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31', '1991-04-14'])(
    'accepts %s',
    (text) => {
      expect(parseCalendarDate(text)).toBe(text);
      expect(isCalendarDate(text)).toBe(true);
      expect(new RegExp(CALENDAR_DATE_PATTERN).test(text)).toBe(true);
    },
  );

  it.each([
    ['2026-02-30', 'date.nonexistent'],
    ['2026-02-29', 'date.nonexistent'],
    ['1900-02-29', 'date.nonexistent'],
    ['2026-04-31', 'date.nonexistent'],
    ['2026-13-01', 'date.nonexistent'],
    ['2026-00-10', 'date.nonexistent'],
    ['2026-01-00', 'date.nonexistent'],
    ['0000-01-01', 'date.format'],
    ['2026-1-1', 'date.format'],
    ['2026/01/01', 'date.format'],
    ['20260101', 'date.format'],
    ['2026-01-01T00:00:00+08:00', 'date.format'],
    [' 2026-01-01', 'date.format'],
    ['２０２６-01-01', 'date.format'],
    ['+02026-01-01', 'date.format'],
    ['', 'date.format'],
  ])('refuses %j with %s', (text, code) => {
    const result = tryParseCalendarDate(text);
    expect(result.ok ? undefined : result.error.code).toBe(code);
    expect(isCalendarDate(text)).toBe(false);
    expect(() => parseCalendarDate(text)).toThrow(DateFormatError);
  });

  it('explains a refusal in English and Chinese', () => {
    expect(() => parseCalendarDate('2026-02-30')).toThrow(
      expect.objectContaining({
        name: 'DateFormatError',
        input: '2026-02-30',
        reason: expect.stringContaining('does not exist'),
        reasonZh: expect.stringContaining('不存在'),
      }),
    );
  });

  it('is not fooled by values that are not strings', () => {
    expect(isCalendarDate(20260101)).toBe(false);
    expect(isCalendarDate(new Date())).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('agrees with the JavaScript calendar on which strings are real dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const viaDate = new Date(`${text}T00:00:00Z`);
          const real = !Number.isNaN(viaDate.getTime()) && viaDate.toISOString().slice(0, 10) === text;
          expect(isCalendarDate(text)).toBe(real);
        },
      ),
    );
  });
});
