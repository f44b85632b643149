import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, parseYuan, sumFen } from '../money/index.ts';
import { addDays, compareDates, endDateAfterMonths, parseCalendarDate } from '../time/index.ts';
import { cancellationRefund, monthsInForce, SHORT_RATE_TABLE, shortRateKeptPercent } from './cancellation.ts';

const yuan = parseYuan;
const policy = { premium: yuan('36500.00'), startDate: '2026-01-01', endDate: '2026-12-31' };

describe('months in force (a started month counts whole)', () => {
  it('counts started months from the start date', () => {
    expect(monthsInForce('2026-01-01', '2026-01-01')).toBe(0);
    expect(monthsInForce('2026-01-01', '2025-12-01')).toBe(0);
    expect(monthsInForce('2026-01-01', '2026-01-02')).toBe(1);
    expect(monthsInForce('2026-01-01', '2026-02-01')).toBe(1);
    expect(monthsInForce('2026-01-01', '2026-02-02')).toBe(2);
    expect(monthsInForce('2026-01-01', '2026-03-16')).toBe(3);
    expect(monthsInForce('2026-01-01', '2027-01-01')).toBe(12);
    expect(monthsInForce('2026-01-01', '2027-01-02')).toBe(13);
  });

  it('ends a month from the 31st on the last day of a shorter month (Civil Code art. 202)', () => {
    expect(monthsInForce('2026-01-31', '2026-03-01')).toBe(1);
    expect(monthsInForce('2026-01-31', '2026-03-02')).toBe(2);
    expect(monthsInForce('2024-02-29', '2025-03-01')).toBe(12);
  });

  it('is the least m whose month m + 1 begins on or after the cancel date', () => {
    const day = (n: number) => addDays(parseCalendarDate('2020-01-01'), n);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: -40, max: 3000 }), (s, c) => {
        const start = day(s);
        const cancel = day(s + c);
        let m = 0;
        while (compareDates(m === 0 ? start : addDays(endDateAfterMonths(start, m), 1), cancel) < 0) m += 1;
        expect(monthsInForce(start, cancel)).toBe(m);
      }),
    );
  });
});

describe('cancellation refund', () => {
  it('returns 26,500.00 of a 365-day policy of 36,500.00 cancelled after 100 days, pro rata', () => {
    expect(cancellationRefund({ ...policy, cancelDate: '2026-04-11', method: 'pro_rata' })).toBe(
      yuan('26500.00'),
    );
  });

  it('keeps 30 % after two and a half months at short rate (three started months)', () => {
    expect(shortRateKeptPercent(3)).toBe(30);
    expect(cancellationRefund({ ...policy, cancelDate: '2026-03-16', method: 'short_rate' })).toBe(
      yuan('25550.00'),
    );
  });

  it('reads the common short-rate table', () => {
    expect(SHORT_RATE_TABLE.map((row) => row.keptPercent)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 100,
    ]);
    expect(shortRateKeptPercent(0)).toBe(0);
    expect(shortRateKeptPercent(9)).toBe(85);
    expect(shortRateKeptPercent(12)).toBe(100);
    expect(shortRateKeptPercent(30)).toBe(100);
  });

  it('refunds everything at short rate before any month has started, nothing once a year has', () => {
    expect(cancellationRefund({ ...policy, cancelDate: '2026-01-01', method: 'short_rate' })).toBe(
      policy.premium,
    );
    expect(cancellationRefund({ ...policy, cancelDate: '2025-06-01', method: 'short_rate' })).toBe(
      policy.premium,
    );
    expect(cancellationRefund({ ...policy, cancelDate: '2026-12-31', method: 'short_rate' })).toBe(0n);
    expect(cancellationRefund({ ...policy, cancelDate: '2027-06-01', method: 'pro_rata' })).toBe(0n);
  });

  it('returns nothing at short rate after the end date of a short policy', () => {
    const quarter = { premium: yuan('3000.00'), startDate: '2026-01-01', endDate: '2026-03-31' };
    expect(cancellationRefund({ ...quarter, cancelDate: '2026-04-01', method: 'short_rate' })).toBe(0n);
  });

  it('rounds the kept part HALF_UP and uses a product table when given', () => {
    const table = [
      { months: 3, keptPercent: 33.5 },
      { months: 12, keptPercent: 100 },
    ];
    // 0.01 × 33.5 % = 0.00335 → 0 fen kept; 1.01 × 33.5 % = 0.33835 → 0.34 kept.
    expect(
      cancellationRefund({ ...policy, premium: 1n, cancelDate: '2026-02-01', method: 'short_rate', table }),
    ).toBe(1n);
    expect(
      cancellationRefund({ ...policy, premium: 101n, cancelDate: '2026-02-01', method: 'short_rate', table }),
    ).toBe(67n);
    expect(() =>
      cancellationRefund({
        ...policy,
        cancelDate: '2026-02-01',
        method: 'short_rate',
        table: [{ months: 1, keptPercent: 120 }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      cancellationRefund({ ...policy, cancelDate: '2026-02-01', method: 'short_rate', table: [] }),
    ).toThrow(RangeError);
  });

  it('refuses a negative premium and an end before the start', () => {
    expect(() =>
      cancellationRefund({ ...policy, premium: -1n, cancelDate: '2026-02-01', method: 'pro_rata' }),
    ).toThrow(RangeError);
    expect(() =>
      cancellationRefund({
        ...policy,
        endDate: '2025-12-31',
        cancelDate: '2026-02-01',
        method: 'short_rate',
      }),
    ).toThrow(RangeError);
  });

  const base = parseCalendarDate('2024-01-01');
  const cases = fc.record({
    premium: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    start: fc.integer({ min: 0, max: 2000 }),
    days: fc.integer({ min: 0, max: 800 }),
    cancel: fc.integer({ min: -30, max: 900 }),
    method: fc.constantFrom('pro_rata' as const, 'short_rate' as const),
  });
  const toInput = (c: {
    premium: bigint;
    start: number;
    days: number;
    cancel: number;
    method: 'pro_rata' | 'short_rate';
  }) => {
    const startDate = addDays(base, c.start);
    return {
      premium: c.premium,
      startDate: startDate as string,
      endDate: addDays(startDate, c.days) as string,
      cancelDate: addDays(startDate, c.cancel) as string,
      method: c.method,
    };
  };

  it('never refunds less than nothing or more than the premium', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const refund = cancellationRefund(toInput(c));
        expect(refund >= 0n && refund <= c.premium).toBe(true);
      }),
    );
  });

  it('refunds no more for a later cancellation', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 1, max: 400 }), (c, later) => {
        const input = toInput(c);
        const laterInput = {
          ...input,
          cancelDate: addDays(parseCalendarDate(input.cancelDate), later) as string,
        };
        expect(cancellationRefund(laterInput) <= cancellationRefund(input)).toBe(true);
      }),
    );
  });

  it('splits a refund between co-insurers to the fen', () => {
    fc.assert(
      fc.property(
        cases,
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        (c, shares) => {
          const refund = cancellationRefund(toInput(c));
          expect(sumFen(allocate(refund, shares))).toBe(refund);
        },
      ),
    );
  });
});
