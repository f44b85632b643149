import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { cancellationRefund, endorsementPremium } from '../policy/index.ts';
import {
  addDays,
  type CalendarDate,
  compareDates,
  fromDayNumber,
  parseCalendarDate,
  proRataRefund,
  toDayNumber,
} from '../time/index.ts';
import {
  earnedAndUnearned,
  earnedAndUnearnedByParticipant,
  type PremiumLayer,
  premiumLayersUpr,
  splitByParticipants,
} from './earned.ts';

const yuan = parseYuan;
const d = parseCalendarDate;
const year2026 = { start: '2026-01-01', end: '2026-12-31' };
const dayBefore = (date: string) => addDays(d(date), -1);
const minDate = (a: CalendarDate, b: CalendarDate) => (compareDates(a, b) <= 0 ? a : b);

const policy = fc
  .tuple(
    fc.integer({ min: toDayNumber(d('2000-01-01')), max: toDayNumber(d('2100-01-01')) }),
    fc.integer({ min: 0, max: 1100 }),
  )
  .map(([startDay, length]) => ({ start: fromDayNumber(startDay), end: fromDayNumber(startDay + length) }));
const premium = fc.bigInt({ min: 0n, max: 10n ** 14n });
const offset = fc.integer({ min: -30, max: 1200 });

describe('earned premium and UPR of a policy’s premium layers (1/365 method)', () => {
  const bind: PremiumLayer = { premium: yuan('3650.00'), ...year2026 };

  it('holds 3,350.00 unearned at the end of 30 January, 300.00 earned', () => {
    expect(earnedAndUnearned([bind], '2026-01-30')).toEqual({
      written: yuan('3650.00'),
      earned: yuan('300.00'),
      unearned: yuan('3350.00'),
    });
    expect(premiumLayersUpr([bind], '2025-12-31')).toBe(yuan('3650.00'));
    expect(premiumLayersUpr([bind], '2026-01-01')).toBe(yuan('3640.00'));
    expect(premiumLayersUpr([bind], '2026-12-31')).toBe(0n);
  });

  it('earns an endorsement doubling the premium from 1 July over the days it has left', () => {
    const delta = endorsementPremium({
      old: { premium: yuan('3650.00'), startDate: year2026.start, endDate: year2026.end },
      next: { premium: yuan('7300.00'), startDate: year2026.start, endDate: year2026.end },
      effective: '2026-07-01',
    });
    expect(delta).toBe(yuan('1840.00'));
    const layers = [bind, { premium: delta, start: '2026-07-01', end: year2026.end }];
    // Before the endorsement takes effect its premium is wholly unearned …
    expect(premiumLayersUpr(layers, '2026-06-30')).toBe(yuan('1840.00') + yuan('1840.00'));
    // … from then on the policy earns 7,300.00 a year: 92 days left at the end of September.
    expect(premiumLayersUpr(layers, '2026-09-30')).toBe(yuan('1840.00'));
    expect(earnedAndUnearned(layers, '2026-09-30').earned).toBe(yuan('3650.00'));
  });

  it('ends the cover on cancellation: UPR 0, a short-rate kept premium earned at once', () => {
    const cancel = (refund: bigint): PremiumLayer[] => [
      bind,
      { premium: -refund, start: '2026-01-31', end: year2026.end },
    ];
    const proRata = cancellationRefund({
      premium: bind.premium,
      startDate: year2026.start,
      endDate: year2026.end,
      cancelDate: '2026-01-31',
      method: 'pro_rata',
    });
    expect(proRata).toBe(yuan('3350.00'));
    expect(earnedAndUnearned(cancel(proRata), '2026-01-29', '2026-01-31')).toEqual({
      written: yuan('300.00'),
      earned: yuan('290.00'),
      unearned: yuan('10.00'),
    });
    expect(earnedAndUnearned(cancel(proRata), '2026-01-30', '2026-01-31').unearned).toBe(0n);
    // Short rate keeps 10 % for the started month: 365.00, of which 290.00 was earned by 29 January.
    const shortRate = cancellationRefund({
      premium: bind.premium,
      startDate: year2026.start,
      endDate: year2026.end,
      cancelDate: '2026-01-31',
      method: 'short_rate',
    });
    expect(shortRate).toBe(yuan('3285.00'));
    expect(earnedAndUnearned(cancel(shortRate), '2026-01-29', '2026-01-31').earned).toBe(yuan('290.00'));
    expect(earnedAndUnearned(cancel(shortRate), '2026-01-30', '2026-01-31')).toEqual({
      written: yuan('365.00'),
      earned: yuan('365.00'),
      unearned: 0n,
    });
    expect(earnedAndUnearned(cancel(shortRate), '2027-06-30', '2026-01-31').unearned).toBe(0n);
  });

  it('splits a 3,350.00 UPR across co-insurers by their premiums 40/30/30', () => {
    expect(splitByParticipants(yuan('3350.00'), [yuan('1460.00'), yuan('1095.00'), yuan('1095.00')])).toEqual(
      [yuan('1340.00'), yuan('1005.00'), yuan('1005.00')],
    );
    expect(earnedAndUnearnedByParticipant([bind], [yuan('1460.00'), yuan('2190.00')], '2026-01-30')).toEqual([
      { written: yuan('1460.00'), earned: yuan('120.00'), unearned: yuan('1340.00') },
      { written: yuan('2190.00'), earned: yuan('180.00'), unearned: yuan('2010.00') },
    ]);
  });

  it('gives no part to a co-insurer left with a fen of negative premium, and splits nothing into zeros', () => {
    expect(splitByParticipants(10n, [1n, -1n, 3n])).toEqual([3n, 0n, 7n]);
    expect(splitByParticipants(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(() => splitByParticipants(5n, [0n, -1n])).toThrow(RangeError);
    expect(() => earnedAndUnearnedByParticipant([bind], [yuan('1460.00')], '2026-01-30')).toThrow(RangeError);
  });

  it('refuses a layer ending before it starts, and dates that are not dates', () => {
    expect(() =>
      premiumLayersUpr([{ premium: 1n, start: '2026-02-01', end: '2026-01-31' }], '2026-01-01'),
    ).toThrow(RangeError);
    expect(() => premiumLayersUpr([bind], '2026-02-30')).toThrow();
  });

  it('never lets the UPR of a positive premium grow from one day to the next', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(policy, premium), { minLength: 1, maxLength: 4 }), offset, (terms, n) => {
        const layers = terms.map(([term, written]) => ({ premium: written, ...term }));
        const day = addDays(terms[0]![0].start, n);
        const today = premiumLayersUpr(layers, day);
        expect(premiumLayersUpr(layers, addDays(day, 1)) <= today).toBe(true);
      }),
    );
  });

  it('holds the whole premium unearned the day before the start, nothing after the end', () => {
    fc.assert(
      fc.property(
        policy,
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.nat(400),
        (term, written, n) => {
          const layers = [{ premium: written, ...term }];
          expect(premiumLayersUpr(layers, addDays(term.start, -1 - n))).toBe(written);
          expect(premiumLayersUpr(layers, addDays(term.end, n))).toBe(0n);
        },
      ),
    );
  });

  it('always splits the written premium exactly into earned and unearned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(policy, fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n })), { maxLength: 5 }),
        fc.integer({ min: toDayNumber(d('1999-01-01')), max: toDayNumber(d('2104-01-01')) }),
        fc.option(fc.integer({ min: toDayNumber(d('2000-01-01')), max: toDayNumber(d('2103-01-01')) })),
        (terms, asOfDay, cancelDay) => {
          const layers = terms.map(([term, written]) => ({ premium: written, ...term }));
          const cancelledFrom = cancelDay === null ? null : fromDayNumber(cancelDay);
          const { written, earned, unearned } = earnedAndUnearned(
            layers,
            fromDayNumber(asOfDay),
            cancelledFrom,
          );
          expect(earned + unearned).toBe(written);
          expect(written).toBe(layers.reduce((s, l) => s + l.premium, 0n));
        },
      ),
    );
  });

  it('refunds on pro-rata cancellation exactly the UPR at the end of the day before, then holds none', () => {
    fc.assert(
      fc.property(policy, premium, offset, (term, written, n) => {
        // A policy is cancelled on a date of its period (or before it starts), never after its end.
        const cancelDate = minDate(addDays(term.start, n), term.end);
        const refund = proRataRefund(written, term.start, term.end, cancelDate);
        const layers = [{ premium: written, ...term }];
        expect(refund).toBe(premiumLayersUpr(layers, dayBefore(cancelDate)));
        const cancelled = [...layers, { premium: -refund, start: cancelDate, end: term.end }];
        expect(premiumLayersUpr(cancelled, dayBefore(cancelDate), cancelDate)).toBe(0n);
        // A day earlier the cancellation's layer is wholly unearned: it takes back what it will refund.
        expect(premiumLayersUpr(cancelled, addDays(cancelDate, -2), cancelDate)).toBe(
          premiumLayersUpr(layers, addDays(cancelDate, -2)) - refund,
        );
      }),
    );
  });

  it('splits any amount across co-insurers so the parts sum exactly, each earning no more than it wrote', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        (premiums, permille) => {
          const total = premiums.reduce((s, p) => s + p, 0n);
          const upr = (total * BigInt(permille)) / 1000n;
          fc.pre(total > 0n || upr === 0n);
          const parts = splitByParticipants(upr, premiums);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(upr);
          parts.forEach((part, i) => {
            expect(part >= 0n && part <= (premiums[i] as bigint)).toBe(true);
          });
        },
      ),
    );
  });
});
