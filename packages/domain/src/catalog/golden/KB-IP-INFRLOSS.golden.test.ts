import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-IP-INFRLOSS');

describe('KB-IP-INFRLOSS 专利被侵权损失保险: golden premiums', () => {
  it('prices a 2,000,000.00 limit for an exclusive licensee of an invention patent at 76,797.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        scoreBand: 'A',
        creditGrade: 'A',
        claimsLast3Years: 2,
        dishonest: false,
      },
      request: {
        limit: '2000000.00',
        startDate: '2026-06-01',
        options: {
          holder_role: 'exclusive_licensee',
          patent_type: 'invention',
          patent_years_left: 8,
          pending_dispute: false,
          deductible: '10000.00',
        },
      },
    });
    // basis: limit                                           2,000,000.00
    //   × base rate 0.035                                   = 70,000.00
    //   × score band A 0.90                                 = 63,000.00
    //   × 2 claims (band 1–3) 1.15                          = 72,450.00
    //   × right held: exclusive_licensee 1.00               = 72,450.00
    //   × patent type invention 1.00                        = 72,450.00
    //   × 8 years of term left (band 5–10) 1.00             = 72,450.00
    //   × patent worked true (option default) 1.00          = 72,450.00
    //   × deductible 10,000.00 1.06                         = 76,797.00 annual
    //   × term: annual, 2026-06-01 … 2027-05-31 (365 days) = 1   = 76,797.00
    //   no rate cap; minimum 2,000.00: does not bind
    //   rounded to the fen, half up                         = 76,797.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(7679700n);
    expect(quote.premium).toBe('76797.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '2000000.00', '2000000.00'],
      ['base_rate', 'base_rate', undefined, '0.035'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '2', '1.15'],
      ['factor', 'holder_role', 'exclusive_licensee', '1.00'],
      ['factor', 'patent_type', 'invention', '1.00'],
      ['factor', 'patent_years_left', '8', '1.00'],
      ['factor', 'patent_in_production', 'true', '1.00'],
      ['factor', 'deductible', '10000.00', '1.06'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices the 100,000.00 floor limit, sole licensee, 3 years left, not worked, at 3,101.10', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'B', creditGrade: 'B', claimsLast3Years: 0, dishonest: false },
      request: {
        limit: '100000.00',
        options: {
          holder_role: 'sole_licensee',
          patent_type: 'invention',
          patent_years_left: 3,
          pending_dispute: false,
          patent_in_production: false,
          deductible: '50000.00',
        },
      },
    });
    // basis: limit (the between floor, inclusive)            100,000.00
    //   × base rate 0.035                                   = 3,500.00
    //   × score band B 1.00                                 = 3,500.00
    //   × 0 claims (band below 1) 0.95                      = 3,325.00
    //   × right held: sole_licensee 1.05                    = 3,491.25
    //   × patent type invention 1.00                        = 3,491.25
    //   × 3 years of term left (the gte 3 floor; band below 5) 1.10   = 3,840.375
    //   × patent worked false 0.85                          = 3,264.31875
    //   × deductible 50,000.00 0.95                         = 3,101.1028125 annual
    //   × term: annual, no dates (365 days) = 1             = 3,101.1028125
    //   no rate cap; minimum 2,000.00: does not bind
    //   rounded to the fen, half up (…1.1028 → …1.10)       = 3,101.10
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(310110n);
    expect(quote.premium).toBe('3101.10');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '100000.00', '100000.00'],
      ['base_rate', 'base_rate', undefined, '0.035'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'holder_role', 'sole_licensee', '1.05'],
      ['factor', 'patent_type', 'invention', '1.00'],
      ['factor', 'patent_years_left', '3', '1.10'],
      ['factor', 'patent_in_production', 'false', '0.85'],
      ['factor', 'deductible', '50000.00', '0.95'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('refers a utility model (evaluation report needed) with its indicative premium, 18,162.81', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'B', creditGrade: 'A', claimsLast3Years: 0, dishonest: false },
      request: {
        limit: '500000.00',
        options: {
          holder_role: 'patentee',
          patent_type: 'utility_model',
          patent_years_left: 10,
          pending_dispute: false,
        },
      },
    });
    // basis: limit                                           500,000.00
    //   × base rate 0.035                                   = 17,500.00
    //   × score band B 1.00                                 = 17,500.00
    //   × 0 claims (band below 1) 0.95                      = 16,625.00
    //   × right held: patentee 1.00                         = 16,625.00
    //   × patent type utility_model 1.15                    = 19,118.75
    //   × 10 years of term left (band from 10, inclusive) 0.95   = 18,162.8125
    //   × patent worked true (option default) 1.00          = 18,162.8125
    //   × deductible 30,000.00 (option default) 1.00        = 18,162.8125 annual
    //   × term: annual, no dates (365 days) = 1             = 18,162.8125
    //   no rate cap; minimum 2,000.00: does not bind
    //   rounded to the fen, half up (…2.8125 → …2.81)       = 18,162.81
    expect(quote.outcome).toBe('refer');
    expect(quote.reasons.map((reason) => reason.reason)).toEqual(['infrloss.utility_or_design']);
    expect(quote.premiumFen).toBe(1816281n);
    expect(quote.premium).toBe('18162.81');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '500000.00', '500000.00'],
      ['base_rate', 'base_rate', undefined, '0.035'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'holder_role', 'patentee', '1.00'],
      ['factor', 'patent_type', 'utility_model', '1.15'],
      ['factor', 'patent_years_left', '10', '0.95'],
      ['factor', 'patent_in_production', 'true', '1.00'],
      ['factor', 'deductible', '30000.00', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
