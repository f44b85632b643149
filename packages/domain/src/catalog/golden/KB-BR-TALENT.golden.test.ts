import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-BR-TALENT');

describe('KB-BR-TALENT 关键研发人员团体意外及健康保险: golden premiums', () => {
  it('prices a year for 80 R&D staff with critical illness and travel abroad at 158,578.56', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'A', creditGrade: 'A', claimsLast3Years: 2, dishonest: false, techStaff: 95 },
      request: {
        headcount: 80,
        startDate: '2026-01-01',
        options: {
          occupation_class: '1',
          average_age: 'from_35_to_45',
          critical_illness: true,
          overseas_travel: true,
        },
      },
    });
    // basis: insured persons                                 80
    //   × 1,200 yuan per person per year                    = 96,000.00
    //   × score band A 0.95                                 = 91,200.00
    //   × 2 claims (band below 3) 1.00                      = 91,200.00
    //   × occupation class '1' 1.00                         = 91,200.00
    //   × average age from_35_to_45 1.20                    = 109,440.00
    //   × critical illness true 1.40                        = 153,216.00
    //   × travel abroad true 1.15                           = 176,198.40
    //   × group size 80 (band from 50) 0.90                 = 158,578.56 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days, a standard year = 1   = 158,578.56
    //   no rate cap; minimum 3,000.00: does not bind
    //   rounded to the fen, half up                         = 158,578.56
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(15857856n);
    expect(quote.premium).toBe('158578.56');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '80', '80.00'],
      ['base_rate', 'base_rate', undefined, '1200'],
      ['factor', 'score_band', 'A', '0.95'],
      ['factor', 'loss_history', '2', '1.00'],
      ['factor', 'occupation_class', '1', '1.00'],
      ['factor', 'average_age', 'from_35_to_45', '1.20'],
      ['factor', 'critical_illness', 'true', '1.40'],
      ['factor', 'overseas_travel', 'true', '1.15'],
      ['factor', 'group_size', '80', '0.90'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices 73 days for 50 class-2 staff at the group-size and claims band edges: 14,968.80', () => {
    // No score band yet: the factor falls back to its default.
    const quote = evaluateQuote(product, {
      enterprise: { creditGrade: 'B', claimsLast3Years: 3, dishonest: false },
      request: { headcount: 50, termDays: 73, options: { occupation_class: '2' } },
    });
    // basis: insured persons                                 50
    //   × 1,200 yuan per person per year                    = 60,000.00
    //   × score band not given: default 1.05                = 63,000.00
    //   × 3 claims (band 3–10, `from` inclusive) 1.10       = 69,300.00
    //   × occupation class '2' 1.20                         = 83,160.00
    //   × average age under_35 (option default) 1.00        = 83,160.00
    //   × critical illness false (option default) 1.00      = 83,160.00
    //   × travel abroad false (option default) 1.00         = 83,160.00
    //   × group size 50 (band from 50, inclusive) 0.90      = 74,844.00 annual
    //   × term 73/365 = 1/5 = 0.2 (pro rata)                = 14,968.80
    //   no rate cap; minimum 3,000.00: does not bind
    //   rounded to the fen, half up                         = 14,968.80
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1496880n);
    expect(quote.premium).toBe('14968.80');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '50', '50.00'],
      ['base_rate', 'base_rate', undefined, '1200'],
      ['factor', 'score_band', 'default', '1.05'],
      ['factor', 'loss_history', '3', '1.10'],
      ['factor', 'occupation_class', '2', '1.20'],
      ['factor', 'average_age', 'under_35', '1.00'],
      ['factor', 'critical_illness', 'false', '1.00'],
      ['factor', 'overseas_travel', 'false', '1.00'],
      ['factor', 'group_size', '50', '0.90'],
      ['term', 'term', '73', '0.2'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 3,000.00 minimum for the smallest group, 3 persons for 146 days', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'B', creditGrade: 'A', claimsLast3Years: 0, dishonest: false },
      request: { headcount: 3, termDays: 146 },
    });
    // basis: insured persons (the group floor, between is inclusive)   3
    //   × 1,200 yuan per person per year                    = 3,600.00
    //   × score band B 1.00                                 = 3,600.00
    //   × 0 claims (band below 3) 1.00                      = 3,600.00
    //   × occupation class '1', age under_35, no critical illness, no travel (option defaults) 1.00 each
    //                                                       = 3,600.00
    //   × group size 3 (band below 10) 1.10                 = 3,960.00 annual
    //   × term 146/365 = 2/5 = 0.4 (pro rata)               = 1,584.00
    //   no rate cap; minimum 3,000.00: binds                = 3,000.00
    //   rounded to the fen, half up                         = 3,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(300000n);
    expect(quote.premium).toBe('3000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '3', '3.00'],
      ['base_rate', 'base_rate', undefined, '1200'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '1.00'],
      ['factor', 'occupation_class', '1', '1.00'],
      ['factor', 'average_age', 'under_35', '1.00'],
      ['factor', 'critical_illness', 'false', '1.00'],
      ['factor', 'overseas_travel', 'false', '1.00'],
      ['factor', 'group_size', '3', '1.10'],
      ['term', 'term', '146', '0.4'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
