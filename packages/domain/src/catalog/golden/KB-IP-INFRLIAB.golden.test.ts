import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-IP-INFRLIAB');

describe('KB-IP-INFRLIAB 侵犯专利权责任保险: golden premiums', () => {
  it('prices a 3,000,000.00 limit for an electronics maker with an FTO analysis at 94,477.50', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C39',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
        revenue: '680000000.00',
      },
      request: {
        limit: '3000000.00',
        startDate: '2026-01-01',
        options: { known_allegation: false, fto_done: true },
      },
    });
    // basis: limit                                           3,000,000.00
    //   × base rate 0.03                                    = 90,000.00
    //   × score band B 1.00                                 = 90,000.00
    //   × 0 claims (band below 1) 0.95                      = 85,500.00
    //   × industry C39 1.30                                 = 111,150.00
    //   × FTO analysis done true 0.85                       = 94,477.50
    //   × deductible 50,000.00 (option default) 1.00        = 94,477.50 annual
    //   × term: annual, 2026-01-01 … 2026-12-31 (365 days) = 1   = 94,477.50
    //   no rate cap; minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 94,477.50
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(9447750n);
    expect(quote.premium).toBe('94477.50');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '3000000.00', '3000000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'industry', 'C39', '1.30'],
      ['factor', 'fto_done', 'true', '0.85'],
      ['factor', 'deductible', '50000.00', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices the 500,000.00 floor limit, one claim, chemicals, 120 days (annual) at 18,216.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C26',
        scoreBand: 'C',
        creditGrade: 'B',
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: {
        limit: '500000.00',
        termDays: 120,
        options: { known_allegation: false, deductible: '100000.00' },
      },
    });
    // basis: limit (the between floor, inclusive)            500,000.00
    //   × base rate 0.03                                    = 15,000.00
    //   × score band C 1.10                                 = 16,500.00
    //   × 1 claim (band 1–2, `from` inclusive) 1.20         = 19,800.00
    //   × industry C26, not in the table: default 1.00      = 19,800.00
    //   × FTO analysis done false (option default) 1.00     = 19,800.00
    //   × deductible 100,000.00 0.92                        = 18,216.00 annual
    //   × term: annual, so 120 days count 1                 = 18,216.00
    //   no rate cap; minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 18,216.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1821600n);
    expect(quote.premium).toBe('18216.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '500000.00', '500000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'C', '1.10'],
      ['factor', 'loss_history', '1', '1.20'],
      ['factor', 'industry', 'default', '1.00'],
      ['factor', 'fto_done', 'false', '1.00'],
      ['factor', 'deductible', '100000.00', '0.92'],
      ['term', 'term', '120', '1'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
