import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-AP-SOFTW');

describe('KB-AP-SOFTW 首版次软件质量安全责任保险: golden premiums', () => {
  it('prices a 5,000,000.00 limit for industrial control software with two years retro at 58,728.24', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        catalogueListings: ['first_version_software'],
        industry: 'I65',
        scoreBand: 'A',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: {
        limit: '5000000.00',
        startDate: '2026-05-01',
        continuousYear: 1,
        options: { retro_years: '2', safety_critical: false, deductible: '10000.00' },
      },
    });
    // basis: limit                                           5,000,000.00
    //   × base rate 0.012                                   = 60,000.00
    //   × score band A 0.90                                 = 54,000.00
    //   × 0 claims (band below 1) 0.95                      = 51,300.00
    //   × retroactive period '2' years 1.08                 = 55,404.00
    //   × safety critical false 1.00                        = 55,404.00
    //   × deductible 10,000.00 1.06                         = 58,728.24 annual
    //   × term 2026-05-01 … 2027-04-30, 365 days, a standard year = 1   = 58,728.24
    //   no rate cap; minimum 3,000.00: does not bind
    //   rounded to the fen, half up                         = 58,728.24
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(5872824n);
    expect(quote.premium).toBe('58728.24');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '5000000.00', '5000000.00'],
      ['base_rate', 'base_rate', undefined, '0.012'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'retro_years', '2', '1.08'],
      ['factor', 'safety_critical', 'false', '1.00'],
      ['factor', 'deductible', '10000.00', '1.06'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 3,000.00 minimum for a 30-day policy on the smallest limit', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        catalogueListings: ['first_version_software'],
        scoreBand: 'B',
        creditGrade: 'B',
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: {
        limit: '1000000.00',
        termDays: 30,
        continuousYear: 2,
        options: { retro_years: '0', deductible: '50000.00' },
      },
    });
    // basis: limit                                           1,000,000.00
    //   × base rate 0.012                                   = 12,000.00
    //   × score band B 1.00                                 = 12,000.00
    //   × 1 claim (band 1–3, `from` inclusive) 1.15         = 13,800.00
    //   × retroactive period '0' years 0.90                 = 12,420.00
    //   × safety critical false (option default) 1.00       = 12,420.00
    //   × deductible 50,000.00 0.95                         = 11,799.00 annual
    //   × term 30/365 = 6/73 = 0.0821917808… (pro rata)     = 70,794/73 = 969.7808219…
    //   no rate cap; minimum 3,000.00: binds                = 3,000.00
    //   rounded to the fen, half up                         = 3,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(300000n);
    expect(quote.premium).toBe('3000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00', '1000000.00'],
      ['base_rate', 'base_rate', undefined, '0.012'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '1', '1.15'],
      ['factor', 'retro_years', '0', '0.90'],
      ['factor', 'safety_critical', 'false', '1.00'],
      ['factor', 'deductible', '50000.00', '0.95'],
      ['term', 'term', '30', '0.0821917808'],
      ['minimum', 'minimum', undefined, '3000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
