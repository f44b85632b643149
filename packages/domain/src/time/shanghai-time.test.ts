import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.ts';
import { addDays } from './date-arithmetic.ts';
import { endOfPolicyInstant, shanghaiDateOf, startOfDayInstant } from './shanghai-time.ts';

const d = parseCalendarDate;

describe('Shanghai calendar days', () => {
  it('puts 16:00 UTC on the next day in Shanghai, 15:59:59.999 on the same day', () => {
    expect(shanghaiDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiDateOf(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(shanghaiDateOf(new Date('2026-06-15T08:30:00+08:00'))).toBe('2026-06-15');
  });

  it('starts cover at 00:00 Shanghai time (起保日零时)', () => {
    expect(startOfDayInstant(d('2026-01-01')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('ends cover at 24:00 Shanghai time of the end date (终保日二十四时)', () => {
    expect(endOfPolicyInstant(d('2026-12-31')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(endOfPolicyInstant(d('2024-02-28')).getTime()).toBe(startOfDayInstant(d('2024-02-29')).getTime());
  });

  it('keeps +08:00 in summer too: China has had no daylight saving time since 1991', () => {
    expect(startOfDayInstant(d('2026-07-01')).toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('places every instant of a day between that day’s start and its end', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const instant = new Date(ms);
        const date = shanghaiDateOf(instant);
        expect(startOfDayInstant(date).getTime()).toBeLessThanOrEqual(ms);
        expect(endOfPolicyInstant(date).getTime()).toBeGreaterThan(ms);
        expect(shanghaiDateOf(startOfDayInstant(date))).toBe(date);
        expect(endOfPolicyInstant(date).getTime()).toBe(startOfDayInstant(addDays(date, 1)).getTime());
      }),
    );
  });

  it('agrees with the Asia/Shanghai zone of the tz database since 1992', () => {
    const formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiDateOf(new Date(ms))).toBe(formatter.format(new Date(ms)));
      }),
    );
  });
});
