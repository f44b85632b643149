import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-AP-EQUIP');

describe('KB-AP-EQUIP 首台(套)重大技术装备综合保险: golden premiums', () => {
  it('prices a year on a 12,500,000.00 CNC machining centre for a grade-A maker at 119,272.50', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        catalogueListings: ['first_set_equipment'],
        scoreBand: 'A',
        creditGrade: 'A',
        trl: 9,
        claimsLast3Years: 0,
        dishonest: false,
        staff: 860,
        revenue: '1450000000.00',
      },
      request: {
        contractValue: '12500000.00',
        startDate: '2026-03-01',
        continuousYear: 1,
        options: { deductible: '100000.00', key_component: false },
      },
    });
    // basis: contract value                                  12,500,000.00
    //   × base rate 0.012                                   = 150,000.00
    //   × score band A 0.90                                 = 135,000.00
    //   × TRL 9 (band from 8) 1.00                          = 135,000.00
    //   × 0 claims (band below 1) 0.95                      = 128,250.00
    //   × deductible 100,000.00 0.93                        = 119,272.50
    //   × key component false 1.00                          = 119,272.50 annual
    //   × term 2026-03-01 … 2027-02-28, 365 days, pro rata: a standard year = 1   = 119,272.50
    //   rate cap 12,500,000.00 × 0.03 = 375,000.00: does not bind
    //   minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 119,272.50
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(11927250n);
    expect(quote.premium).toBe('119272.50');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '12500000.00', '12500000.00'],
      ['base_rate', 'base_rate', undefined, '0.012'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'trl', '9', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'deductible', '100000.00', '0.93'],
      ['factor', 'key_component', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['rate_cap', 'rate_cap', '0.03', '375000.00'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices 146 days for a key component at the TRL 7 and 3-claim band edges at 68,856.48', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        catalogueListings: ['first_set_equipment'],
        scoreBand: 'D',
        creditGrade: 'B',
        trl: 7,
        claimsLast3Years: 3,
        dishonest: false,
      },
      request: {
        contractValue: '6000000.00',
        termDays: 146,
        continuousYear: 2,
        options: { deductible: '20000.00', key_component: true },
      },
    });
    // basis: contract value                                  6,000,000.00
    //   × base rate 0.012                                   = 72,000.00
    //   × score band D 1.25                                 = 90,000.00
    //   × TRL 7 (band 7–8, `from` inclusive) 1.10           = 99,000.00
    //   × 3 claims (band from 3, inclusive) 1.40            = 138,600.00
    //   × deductible 20,000.00 1.08                         = 149,688.00
    //   × key component true 1.15                           = 172,141.20 annual
    //   × term 146/365 = 2/5 = 0.4 (pro rata)               = 68,856.48
    //   rate cap 6,000,000.00 × 0.03 × 0.4 = 72,000.00: does not bind (68,856.48 < 72,000.00)
    //   minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 68,856.48
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(6885648n);
    expect(quote.premium).toBe('68856.48');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '6000000.00', '6000000.00'],
      ['base_rate', 'base_rate', undefined, '0.012'],
      ['factor', 'score_band', 'D', '1.25'],
      ['factor', 'trl', '7', '1.10'],
      ['factor', 'loss_history', '3', '1.40'],
      ['factor', 'deductible', '20000.00', '1.08'],
      ['factor', 'key_component', 'true', '1.15'],
      ['term', 'term', '146', '0.4'],
      ['rate_cap', 'rate_cap', '0.03', '72000.00'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('refers TRL 6 and gives the indicative premium held at the 3% cap, 180,000.00', () => {
    // The cap cannot bind on an accepted quote: with TRL ≥ 7 the highest rate is
    // 0.012 × 1.25 × 1.10 × 1.40 × 1.08 × 1.15 = 2.86902% < 3%; only TRL < 7 (1.30) passes it, and
    // TRL < 7 is referred (equip.early_trl).
    const quote = evaluateQuote(product, {
      enterprise: {
        catalogueListings: ['first_set_equipment'],
        scoreBand: 'D',
        creditGrade: 'B',
        trl: 6,
        claimsLast3Years: 3,
        dishonest: false,
      },
      request: {
        contractValue: '6000000.00',
        continuousYear: 1,
        options: { deductible: '20000.00', key_component: true },
      },
    });
    // basis: contract value                                  6,000,000.00
    //   × base rate 0.012                                   = 72,000.00
    //   × score band D 1.25                                 = 90,000.00
    //   × TRL 6 (band 1–7) 1.30                             = 117,000.00
    //   × 3 claims (band from 3) 1.40                       = 163,800.00
    //   × deductible 20,000.00 1.08                         = 176,904.00
    //   × key component true 1.15                           = 203,439.60 annual
    //   × term: no dates, 365 days = 1                      = 203,439.60
    //   rate cap 6,000,000.00 × 0.03 = 180,000.00: binds    = 180,000.00
    //   minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 180,000.00
    expect(quote.outcome).toBe('refer');
    expect(quote.reasons.map((reason) => reason.reason)).toEqual(['equip.early_trl']);
    expect(quote.premiumFen).toBe(18000000n);
    expect(quote.premium).toBe('180000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '6000000.00', '6000000.00'],
      ['base_rate', 'base_rate', undefined, '0.012'],
      ['factor', 'score_band', 'D', '1.25'],
      ['factor', 'trl', '6', '1.30'],
      ['factor', 'loss_history', '3', '1.40'],
      ['factor', 'deductible', '20000.00', '1.08'],
      ['factor', 'key_component', 'true', '1.15'],
      ['term', 'term', '365', '1'],
      ['rate_cap', 'rate_cap', '0.03', '180000.00'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
