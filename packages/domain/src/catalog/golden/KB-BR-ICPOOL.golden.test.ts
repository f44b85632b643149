import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-BR-ICPOOL');

describe('KB-BR-ICPOOL 集成电路共保财产一切险: golden premiums', () => {
  it('prices a year for a 5,000,000,000.00 wafer fab with FM-approved protection at 6,307,745.40', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C39',
        frontierTags: ['ic'],
        scoreBand: 'A',
        creditGrade: 'A',
        claimsLast3Years: 0,
        totalAssets: '18000000000.00',
      },
      request: {
        sumInsured: '5000000000.00',
        startDate: '2026-01-01',
        options: {
          fab_type: 'wafer_fab',
          fire_protection: 'fm_approved',
          bi_indemnity_months: '18',
          construction: true,
          deductible: '10000000.00',
        },
      },
    });
    // basis: sum insured                                     5,000,000,000.00
    //   × base rate 0.0015                                  = 7,500,000.00
    //   × score band A 0.95                                 = 7,125,000.00
    //   × 0 claims (band below 1) 0.90                      = 6,412,500.00
    //   × fire protection fm_approved 0.75                  = 4,809,375.00
    //   × plant type wafer_fab 1.20                         = 5,771,250.00
    //   × BI indemnity period '18' months 1.08              = 6,232,950.00
    //   × construction true 1.10                            = 6,856,245.00
    //   × deductible 10,000,000.00 0.92                     = 6,307,745.40 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days: short period min(12, ⌈365 × 12 / 365⌉) = 12 months,
    //     share 1.00                                        = 6,307,745.40
    //   no rate cap; minimum 100,000.00: does not bind
    //   rounded to the fen, half up                         = 6,307,745.40
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(630774540n);
    expect(quote.premium).toBe('6307745.40');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '5000000000.00', '5000000000.00'],
      ['base_rate', 'base_rate', undefined, '0.0015'],
      ['factor', 'score_band', 'A', '0.95'],
      ['factor', 'loss_history', '0', '0.90'],
      ['factor', 'fire_protection', 'fm_approved', '0.75'],
      ['factor', 'fab_type', 'wafer_fab', '1.20'],
      ['factor', 'bi_indemnity_months', '18', '1.08'],
      ['factor', 'construction', 'true', '1.10'],
      ['factor', 'deductible', '10000000.00', '0.92'],
      ['term', 'term', '365', '1.00'],
      ['minimum', 'minimum', undefined, '100000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 100,000.00 minimum for 100 days on a packaging plant at the 100,000,000.00 floor', () => {
    const quote = evaluateQuote(product, {
      enterprise: { frontierTags: ['ic'], scoreBand: 'B', creditGrade: 'B', claimsLast3Years: 0 },
      request: { sumInsured: '100000000.00', termDays: 100, options: { fab_type: 'packaging_testing' } },
    });
    // basis: sum insured (exactly the gte floor)             100,000,000.00
    //   × base rate 0.0015                                  = 150,000.00
    //   × score band B 1.00                                 = 150,000.00
    //   × 0 claims (band below 1) 0.90                      = 135,000.00
    //   × fire protection national_standard_plus (option default) 1.00 = 135,000.00
    //   × plant type packaging_testing 1.00                 = 135,000.00
    //   × BI indemnity period '12' (option default) 1.00    = 135,000.00
    //   × construction false (option default) 1.00          = 135,000.00
    //   × deductible 5,000,000.00 (option default) 1.00     = 135,000.00 annual
    //   × term 100 days: short period ⌈100 × 12 / 365⌉ = ⌈3.29⌉ = 4 months, share 0.40   = 54,000.00
    //   no rate cap; minimum 100,000.00: binds              = 100,000.00
    //   rounded to the fen, half up                         = 100,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(10000000n);
    expect(quote.premium).toBe('100000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '100000000.00', '100000000.00'],
      ['base_rate', 'base_rate', undefined, '0.0015'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.90'],
      ['factor', 'fire_protection', 'national_standard_plus', '1.00'],
      ['factor', 'fab_type', 'packaging_testing', '1.00'],
      ['factor', 'bi_indemnity_months', '12', '1.00'],
      ['factor', 'construction', 'false', '1.00'],
      ['factor', 'deductible', '5000000.00', '1.00'],
      ['term', 'term', '100', '0.40'],
      ['minimum', 'minimum', undefined, '100000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
