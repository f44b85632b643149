import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.ts';
import { addDays, addYears, daysBetween } from './date-arithmetic.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';
import { endDateAfterMonths, standardEndDate, termDays } from './policy-term.ts';

const d = parseCalendarDate;
const modernDate = fc
  .integer({ min: toDayNumber(d('1990-01-01')), max: toDayNumber(d('2200-12-31')) })
  .map(fromDayNumber);

describe('policy terms', () => {
  it('counts both the start and the end date', () => {
    expect(termDays(d('2026-01-01'), d('2026-12-31'))).toBe(365);
    expect(termDays(d('2024-01-01'), d('2024-12-31'))).toBe(366);
    expect(termDays(d('2026-05-20'), d('2026-05-20'))).toBe(1);
  });

  it('refuses an end date before the start date', () => {
    expect(() => termDays(d('2026-05-20'), d('2026-05-19'))).toThrow(RangeError);
  });

  it('ends a one-year policy from 2026-01-01 on 2026-12-31', () => {
    expect(standardEndDate(d('2026-01-01'))).toBe('2026-12-31');
    expect(standardEndDate(d('2026-07-15'))).toBe('2027-07-14');
    expect(standardEndDate(d('2026-01-01'), 3)).toBe('2028-12-31');
  });

  it('covers 29 February: from 2023-03-01 the policy ends 2024-02-29 (366 days)', () => {
    expect(standardEndDate(d('2023-03-01'))).toBe('2024-02-29');
    expect(termDays(d('2023-03-01'), d('2024-02-29'))).toBe(366);
  });

  it('ends a policy starting on 2024-02-29 on 2025-02-28, the last day of the month with no anniversary', () => {
    expect(standardEndDate(d('2024-02-29'))).toBe('2025-02-28');
    expect(termDays(d('2024-02-29'), d('2025-02-28'))).toBe(366);
    expect(standardEndDate(d('2024-02-29'), 4)).toBe('2028-02-28');
  });

  it('ends short-term policies the day before the same day of the month, or at the month end', () => {
    expect(endDateAfterMonths(d('2026-01-15'), 3)).toBe('2026-04-14');
    expect(endDateAfterMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(endDateAfterMonths(d('2026-03-31'), 1)).toBe('2026-04-30');
    expect(endDateAfterMonths(d('2026-02-01'), 1)).toBe('2026-02-28');
    expect(() => endDateAfterMonths(d('2026-02-01'), 0)).toThrow(RangeError);
  });

  it('lets a renewal start the day after the end, with no gap and no overlap', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: 1, max: 5 }), (start, years) => {
        const end = standardEndDate(start, years);
        const renewal = addDays(end, 1);
        // The renewal starts on the anniversary, or on the 1st of March after a 29 February start.
        const anniversary = addYears(start, years);
        expect(renewal === anniversary || daysBetween(anniversary, renewal) === 1).toBe(true);
        expect(end === addDays(anniversary, -1) || start.endsWith('-02-29')).toBe(true);
        const term = termDays(start, end);
        expect(term).toBeGreaterThanOrEqual(365 * years);
        expect(term).toBeLessThanOrEqual(365 * years + Math.ceil(years / 4) + 1);
      }),
    );
  });
});
