import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDate, parseCalendarDate } from './calendar-date.ts';
import { addDays, addMonths, addYears, compareDates, daysBetween } from './date-arithmetic.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';

const d = parseCalendarDate;
const MIN_DAY = toDayNumber(d('0001-01-01'));
const MAX_DAY = toDayNumber(d('9999-12-31'));
const anyDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber);
const modernDate = fc
  .integer({ min: toDayNumber(d('1900-01-01')), max: toDayNumber(d('2200-12-31')) })
  .map(fromDayNumber);

describe('date arithmetic', () => {
  it('counts day numbers from 1970-01-01 like Date.UTC does', () => {
    expect(toDayNumber(d('1970-01-01'))).toBe(0);
    expect(toDayNumber(d('2026-01-01'))).toBe(Date.UTC(2026, 0, 1) / 86_400_000);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2026-01-31'), 1)).toBe('2026-02-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2025-02-28'), 1)).toBe('2025-03-01');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2026-01-01'), -1)).toBe('2025-12-31');
    expect(addDays(d('2026-01-01'), 365)).toBe('2027-01-01');
  });

  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2026-03-31'), 1)).toBe('2026-04-30');
    expect(addMonths(d('2026-01-15'), 12)).toBe('2027-01-15');
    expect(addMonths(d('2026-01-15'), -1)).toBe('2025-12-15');
    expect(addMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(d('2026-05-31'), 0)).toBe('2026-05-31');
  });

  it('adds years with 29 February clamped to the 28th in common years', () => {
    expect(addYears(d('2024-02-29'), 1)).toBe('2025-02-28');
    expect(addYears(d('2024-02-29'), 4)).toBe('2028-02-29');
    expect(addYears(d('2026-01-01'), 1)).toBe('2027-01-01');
    expect(addYears(d('2026-01-01'), -1)).toBe('2025-01-01');
  });

  it('refuses fractional counts and dates beyond year 9999', () => {
    expect(() => addDays(d('2026-01-01'), 0.5)).toThrow(RangeError);
    expect(() => addMonths(d('2026-01-01'), Number.NaN)).toThrow(RangeError);
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(RangeError);
    expect(() => addYears(d('0001-06-01'), -1)).toThrow(RangeError);
  });

  it('counts days between dates, later minus earlier', () => {
    expect(daysBetween(d('2026-01-01'), d('2026-12-31'))).toBe(364);
    expect(daysBetween(d('2024-01-01'), d('2024-12-31'))).toBe(365);
    expect(daysBetween(d('2026-12-31'), d('2026-01-01'))).toBe(-364);
    expect(daysBetween(d('2026-05-05'), d('2026-05-05'))).toBe(0);
  });

  it('compares dates', () => {
    expect(compareDates(d('2026-01-01'), d('2026-01-02'))).toBe(-1);
    expect(compareDates(d('2026-01-02'), d('2026-01-01'))).toBe(1);
    expect(compareDates(d('2026-01-01'), d('2026-01-01'))).toBe(0);
    const dates: CalendarDate[] = [d('2026-03-01'), d('1999-12-31'), d('2026-02-28')];
    expect([...dates].sort(compareDates)).toEqual(['1999-12-31', '2026-02-28', '2026-03-01']);
  });

  it('makes addDays and daysBetween inverse to each other', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(daysBetween(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
        expect(compareDates(date, later)).toBe(Math.sign(n) === 0 ? 0 : -Math.sign(n));
      }),
    );
  });

  it('round-trips every date through its day number', () => {
    fc.assert(fc.property(anyDate, (date) => fromDayNumber(toDayNumber(date)) === date));
  });

  it('agrees with the JavaScript calendar on day counts', () => {
    fc.assert(
      fc.property(modernDate, modernDate, (a, b) => {
        expect(daysBetween(a, b)).toBe((Date.parse(b) - Date.parse(a)) / 86_400_000);
      }),
    );
  });

  it('never moves more than the month count, and keeps the day unless the month is too short', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -1200, max: 1200 }), (date, n) => {
        const moved = addMonths(date, n);
        const [y, m, day] = date.split('-').map(Number) as [number, number, number];
        const [y2, m2, day2] = moved.split('-').map(Number) as [number, number, number];
        expect(y2 * 12 + m2 - (y * 12 + m)).toBe(n);
        expect(day2 === day || day2 < day).toBe(true);
        if (day <= 28) expect(day2).toBe(day);
      }),
    );
  });
});
