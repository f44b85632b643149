import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, parseYuan, sumFen } from '../money/index.ts';
import { addDays, parseCalendarDate } from '../time/index.ts';
import { endorsementPremium } from './endorsement.ts';

const yuan = parseYuan;
const year2026 = { startDate: '2026-01-01', endDate: '2026-12-31' };

describe('endorsement premium (1/365 method)', () => {
  it('charges additional premium for the days left when the sum insured doubles', () => {
    // 100 days elapsed, 265 of 365 left: unearned 53,000.00 after, 26,500.00 before.
    expect(
      endorsementPremium({
        old: { premium: yuan('36500.00'), ...year2026 },
        next: { premium: yuan('73000.00'), ...year2026 },
        effective: '2026-04-11',
      }),
    ).toBe(yuan('26500.00'));
  });

  it('returns premium when a section is removed', () => {
    expect(
      endorsementPremium({
        old: { premium: yuan('36500.00'), ...year2026 },
        next: { premium: yuan('18250.00'), ...year2026 },
        effective: '2026-04-11',
      }),
    ).toBe(-yuan('13250.00'));
  });

  it('charges the added days when the period is extended', () => {
    // 1.00 a day: 2026 (365 days) extended to 2027-03-31 (455 days); from 07-01 184 days were left, now 274.
    expect(
      endorsementPremium({
        old: { premium: yuan('365.00'), ...year2026 },
        next: { premium: yuan('455.00'), startDate: '2026-01-01', endDate: '2027-03-31' },
        effective: '2026-07-01',
      }),
    ).toBe(yuan('90.00'));
  });

  it('moves the whole premium difference when effective from the start date', () => {
    expect(
      endorsementPremium({
        old: { premium: yuan('1000.00'), ...year2026 },
        next: { premium: yuan('1234.56'), ...year2026 },
        effective: '2026-01-01',
      }),
    ).toBe(yuan('234.56'));
  });

  const premium = fc.bigInt({ min: 0n, max: 10n ** 12n });
  const terms = fc
    .record({ premium, start: fc.integer({ min: 0, max: 3000 }), days: fc.integer({ min: 0, max: 800 }) })
    .map(({ premium, start, days }) => {
      const startDate = addDays(parseCalendarDate('2024-01-01'), start);
      return { premium, startDate: startDate as string, endDate: addDays(startDate, days) as string };
    });
  const effective = fc
    .integer({ min: -10, max: 4000 })
    .map((d) => addDays(parseCalendarDate('2024-01-01'), d) as string);

  it('moves nothing when nothing changes', () => {
    fc.assert(
      fc.property(terms, effective, (old, on) => {
        expect(endorsementPremium({ old, next: { ...old }, effective: on })).toBe(0n);
      }),
    );
  });

  it('adds up along a chain of endorsements on one day, and undoing one reverses it exactly', () => {
    fc.assert(
      fc.property(terms, terms, terms, effective, (a, b, c, on) => {
        const ab = endorsementPremium({ old: a, next: b, effective: on });
        const bc = endorsementPremium({ old: b, next: c, effective: on });
        expect(ab + bc).toBe(endorsementPremium({ old: a, next: c, effective: on }));
        expect(endorsementPremium({ old: b, next: a, effective: on })).toBe(-ab);
      }),
    );
  });

  it('splits any movement between co-insurers to the fen', () => {
    const lines = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(terms, terms, effective, lines, (old, next, on, shares) => {
        const movement = endorsementPremium({ old, next, effective: on });
        expect(sumFen(allocate(movement, shares))).toBe(movement);
      }),
    );
  });
});
