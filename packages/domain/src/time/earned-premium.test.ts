import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { type CalendarDate, parseCalendarDate } from './calendar-date.ts';
import { addDays } from './date-arithmetic.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';
import { earnedDays, earnedPremium, proRataRefund, unearnedPremium } from './earned-premium.ts';
import { termDays } from './policy-term.ts';

const d = parseCalendarDate;
const yuan = parseYuan;

const policy = fc
  .tuple(
    fc.integer({ min: toDayNumber(d('2000-01-01')), max: toDayNumber(d('2100-01-01')) }),
    fc.integer({ min: 0, max: 1100 }),
  )
  .map(([startDay, length]) => ({ start: fromDayNumber(startDay), end: fromDayNumber(startDay + length) }));
const premium = fc.bigInt({ min: 0n, max: 10n ** 14n });
const offset = fc.integer({ min: -30, max: 1200 });

describe('earning premium day by day (1/365 method)', () => {
  const start = d('2026-01-01');
  const end = d('2026-12-31');

  it('earns nothing before the start date and one day at the end of the start date', () => {
    expect(earnedDays(start, end, d('2025-12-31'))).toBe(0);
    expect(earnedDays(start, end, start)).toBe(1);
    expect(earnedDays(start, end, d('2026-01-31'))).toBe(31);
    expect(earnedDays(start, end, end)).toBe(365);
    expect(earnedDays(start, end, d('2030-01-01'))).toBe(365);
  });

  it('leaves 3,650.00 × 334/365 = 3,340.00 unearned at the end of January', () => {
    expect(unearnedPremium(yuan('3650.00'), start, end, d('2026-01-31'))).toBe(yuan('3340.00'));
    expect(earnedPremium(yuan('3650.00'), start, end, d('2026-01-31'))).toBe(yuan('310.00'));
  });

  it('earns everything by the end date and nothing before the start', () => {
    expect(unearnedPremium(yuan('1000.00'), start, end, end)).toBe(0n);
    expect(earnedPremium(yuan('1000.00'), start, end, d('2027-06-30'))).toBe(yuan('1000.00'));
    expect(unearnedPremium(yuan('1000.00'), start, end, d('2025-06-30'))).toBe(yuan('1000.00'));
    expect(earnedPremium(yuan('1000.00'), start, end, d('2025-06-30'))).toBe(0n);
  });

  it('spreads a leap-year policy over 366 days: 3,660.00 earns 10.00 a day', () => {
    const leapStart = d('2024-01-01');
    const leapEnd = d('2024-12-31');
    expect(termDays(leapStart, leapEnd)).toBe(366);
    expect(earnedPremium(yuan('3660.00'), leapStart, leapEnd, d('2024-02-29'))).toBe(yuan('600.00'));
    expect(earnedPremium(yuan('3660.00'), leapStart, leapEnd, d('2024-12-30'))).toBe(yuan('3650.00'));
  });

  it('rounds the unearned part half up: 100.00 × 1/3 → 33.33, 100.00 × 2/3 → 66.67', () => {
    const s = d('2026-03-01');
    const e = d('2026-03-03');
    expect(unearnedPremium(yuan('100.00'), s, e, s)).toBe(yuan('66.67'));
    expect(earnedPremium(yuan('100.00'), s, e, s)).toBe(yuan('33.33'));
    expect(unearnedPremium(yuan('100.00'), s, e, d('2026-03-02'))).toBe(yuan('33.33'));
    // 0.01 over two days: the half fen stays unearned on day one.
    expect(unearnedPremium(1n, s, d('2026-03-02'), s)).toBe(1n);
  });

  it('earns a single-day policy in full at the end of its day', () => {
    const day = d('2026-08-08');
    expect(unearnedPremium(yuan('88.00'), day, day, addDays(day, -1))).toBe(yuan('88.00'));
    expect(earnedPremium(yuan('88.00'), day, day, day)).toBe(yuan('88.00'));
  });

  it('returns a negative (return) premium as the mirror image', () => {
    expect(unearnedPremium(yuan('-3650.00'), start, end, d('2026-01-31'))).toBe(yuan('-3340.00'));
  });

  it('always splits the written premium exactly into earned and unearned', () => {
    fc.assert(
      fc.property(
        policy,
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        offset,
        ({ start, end }, written, n) => {
          const asOf = addDays(start, n);
          const unearned = unearnedPremium(written, start, end, asOf);
          expect(earnedPremium(written, start, end, asOf) + unearned).toBe(written);
        },
      ),
    );
  });

  it('never earns less as time goes on, nor more than was written', () => {
    fc.assert(
      fc.property(policy, premium, offset, offset, ({ start, end }, written, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const earnedEarly = earnedPremium(written, start, end, addDays(start, early));
        const earnedLate = earnedPremium(written, start, end, addDays(start, late));
        expect(earnedEarly <= earnedLate).toBe(true);
        expect(earnedEarly >= 0n && earnedLate <= written).toBe(true);
      }),
    );
  });

  it('keeps earned premium within half a fen of written × earned days / term days', () => {
    fc.assert(
      fc.property(policy, premium, offset, ({ start, end }, written, n) => {
        const asOf = addDays(start, n);
        const term = BigInt(termDays(start, end));
        const exact2 = 2n * written * BigInt(earnedDays(start, end, asOf));
        const gap = 2n * term * earnedPremium(written, start, end, asOf) - exact2;
        expect(gap <= term && -gap <= term).toBe(true);
      }),
    );
  });
});

describe('pro-rata refund on cancellation', () => {
  const start = d('2026-01-01');
  const end = d('2026-12-31');

  it('refunds 3,650.00 × 335/365 = 3,350.00 when cancelled from 2026-01-31 00:00', () => {
    // 30 days (1–30 January) were covered; 31 January onward is returned.
    expect(proRataRefund(yuan('3650.00'), start, end, d('2026-01-31'))).toBe(yuan('3350.00'));
  });

  it('refunds everything when cancelled on or before the start date, nothing after the end', () => {
    expect(proRataRefund(yuan('3650.00'), start, end, start)).toBe(yuan('3650.00'));
    expect(proRataRefund(yuan('3650.00'), start, end, d('2025-11-11'))).toBe(yuan('3650.00'));
    expect(proRataRefund(yuan('3650.00'), start, end, end)).toBe(yuan('10.00'));
    expect(proRataRefund(yuan('3650.00'), start, end, d('2027-01-01'))).toBe(0n);
  });

  it('refunds from a cancellation date what was unearned at the end of the day before', () => {
    fc.assert(
      fc.property(policy, premium, offset, ({ start, end }, written, n) => {
        const cancelDate: CalendarDate = addDays(start, n);
        expect(proRataRefund(written, start, end, cancelDate)).toBe(
          unearnedPremium(written, start, end, addDays(cancelDate, -1)),
        );
      }),
    );
  });
});
