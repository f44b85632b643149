import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-IP-ENFORCE');

describe('KB-IP-ENFORCE 专利执行保险: golden premiums', () => {
  it('prices a 1,000,000.00 enforcement limit on five invention patents at 38,581.88 (half up)', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        industry: 'C35',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: {
        limit: '1000000.00',
        startDate: '2026-02-01',
        options: {
          holder_role: 'patentee',
          patent_type: 'invention',
          patent_years_left: 12,
          pending_dispute: false,
          patent_count: 5,
        },
      },
    });
    // basis: limit                                           1,000,000.00
    //   × base rate 0.045                                   = 45,000.00
    //   × score band B 1.00                                 = 45,000.00
    //   × 0 claims (band below 1) 0.95                      = 42,750.00
    //   × right held: patentee 1.00                         = 42,750.00
    //   × patent type invention 1.00                        = 42,750.00
    //   × 12 years of term left (band from 10) 0.95         = 40,612.50
    //   × 5 patents (band 3–10) 0.95                        = 38,581.875 annual
    //   × term: annual, 2026-02-01 … 2027-01-31 (365 days) = 1   = 38,581.875
    //   no rate cap; minimum 2,000.00: does not bind
    //   rounded to the fen, half up (…1.875 → …1.88)        = 38,581.88
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(3858188n);
    expect(quote.premium).toBe('38581.88');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00', '1000000.00'],
      ['base_rate', 'base_rate', undefined, '0.045'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'holder_role', 'patentee', '1.00'],
      ['factor', 'patent_type', 'invention', '1.00'],
      ['factor', 'patent_years_left', '12', '0.95'],
      ['factor', 'patent_count', '5', '0.95'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 2,000.00 minimum on the 50,000.00 floor limit for 10 patents with 10 years left', () => {
    // 10 years left and 10 patents both sit on the `from` of their bands; the term is 200 days, but the
    // product charges an annual premium.
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'A', creditGrade: 'A', claimsLast3Years: 0, dishonest: false },
      request: {
        limit: '50000.00',
        termDays: 200,
        options: {
          holder_role: 'patentee',
          patent_type: 'invention',
          patent_years_left: 10,
          pending_dispute: false,
          patent_count: 10,
        },
      },
    });
    // basis: limit (the between floor, inclusive)            50,000.00
    //   × base rate 0.045                                   = 2,250.00
    //   × score band A 0.90                                 = 2,025.00
    //   × 0 claims (band below 1) 0.95                      = 1,923.75
    //   × right held: patentee 1.00                         = 1,923.75
    //   × patent type invention 1.00                        = 1,923.75
    //   × 10 years of term left (band from 10, inclusive) 0.95   = 1,827.5625
    //   × 10 patents (band from 10, inclusive) 0.90         = 1,644.80625 annual
    //   × term: annual, so 200 days count 1                 = 1,644.80625
    //   no rate cap; minimum 2,000.00: binds                = 2,000.00
    //   rounded to the fen, half up                         = 2,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(200000n);
    expect(quote.premium).toBe('2000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '50000.00', '50000.00'],
      ['base_rate', 'base_rate', undefined, '0.045'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'holder_role', 'patentee', '1.00'],
      ['factor', 'patent_type', 'invention', '1.00'],
      ['factor', 'patent_years_left', '10', '0.95'],
      ['factor', 'patent_count', '10', '0.90'],
      ['term', 'term', '200', '1'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
