import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-RD-LIAB');

describe('KB-RD-LIAB 产品研发责任保险: golden premiums', () => {
  it('prices a 10,000,000.00 limit with trial samples and recall cover at 102,258.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C35',
        scoreBand: 'B',
        creditGrade: 'A',
        trl: 8,
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: {
        limit: '10000000.00',
        startDate: '2026-01-01',
        options: { sample_distribution: true, recall_cover: true, deductible: '50000.00' },
      },
    });
    // basis: limit                                           10,000,000.00
    //   × base rate 0.006                                   = 60,000.00
    //   × score band B 1.00                                 = 60,000.00
    //   × TRL 8 (band from 8) 1.00                          = 60,000.00
    //   × 0 claims (band below 1) 0.95                      = 57,000.00
    //   × industry C35 1.30                                 = 74,100.00
    //   × samples for outside trial true 1.20               = 88,920.00
    //   × sold to the US or Canada false (option default) 1.00   = 88,920.00
    //   × recall costs true 1.25                            = 111,150.00
    //   × deductible 50,000.00 0.92                         = 102,258.00 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days, a standard year = 1   = 102,258.00
    //   no rate cap; minimum 3,000.00: does not bind
    //   rounded to the fen, half up                         = 102,258.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(10225800n);
    expect(quote.premium).toBe('102258.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '10000000.00', '10000000.00'],
      ['base_rate', 'base_rate', undefined, '0.006'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'trl', '8', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'industry', 'C35', '1.30'],
      ['factor', 'sample_distribution', 'true', '1.20'],
      ['factor', 'north_america_sales', 'false', '1.00'],
      ['factor', 'recall_cover', 'true', '1.25'],
      ['factor', 'deductible', '50000.00', '0.92'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices 240 days for a software company at TRL 6 on the smallest limit at 3,593.29', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'I65',
        scoreBand: 'A',
        creditGrade: 'A',
        trl: 6,
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: { limit: '1000000.00', termDays: 240 },
    });
    // basis: limit (the between floor, inclusive)            1,000,000.00
    //   × base rate 0.006                                   = 6,000.00
    //   × score band A 0.90                                 = 5,400.00
    //   × TRL 6 (band 6–8, `from` inclusive) 1.10           = 5,940.00
    //   × 1 claim (band 1–3, `from` inclusive) 1.15         = 6,831.00
    //   × industry I65 0.80                                 = 5,464.80
    //   × samples false, US/Canada false, recall false, deductible 20,000.00 (option defaults) 1.00 each
    //                                                       = 5,464.80 annual
    //   × term 240/365 = 48/73 = 0.6575342466… (pro rata)   = 262,310.40/73 = 3,593.2931506…
    //   no rate cap; minimum 3,000.00: does not bind
    //   rounded to the fen, half up                         = 3,593.29
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(359329n);
    expect(quote.premium).toBe('3593.29');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00', '1000000.00'],
      ['base_rate', 'base_rate', undefined, '0.006'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'trl', '6', '1.10'],
      ['factor', 'loss_history', '1', '1.15'],
      ['factor', 'industry', 'I65', '0.80'],
      ['factor', 'sample_distribution', 'false', '1.00'],
      ['factor', 'north_america_sales', 'false', '1.00'],
      ['factor', 'recall_cover', 'false', '1.00'],
      ['factor', 'deductible', '20000.00', '1.00'],
      ['term', 'term', '240', '0.6575342466'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
