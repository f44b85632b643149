import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-BR-CYBER');

describe('KB-BR-CYBER 网络安全保险: golden premiums', () => {
  it('prices the calibration profile, 1.3% of a 7,700,000.00 limit, at 100,100.00', () => {
    // The profile the base rate is calibrated on: band B, no claims, MLPS level 2, a 50,000.00 deductible,
    // extortion on, no tech E&O, an industry outside the table (electronics, C39). Every option defaults.
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C39',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
        staff: 420,
      },
      request: { limit: '7700000.00', startDate: '2026-01-01' },
    });
    // basis: limit                                           7,700,000.00
    //   × base rate 0.013                                   = 100,100.00
    //   × score band B 1.00                                 = 100,100.00
    //   × 0 claims (band below 1) 1.00                      = 100,100.00
    //   × industry C39, not in the table: default 1.00      = 100,100.00
    //   × MLPS level_2 (option default) 1.00                = 100,100.00
    //   × extortion true (option default) 1.00              = 100,100.00
    //   × tech E&O false (option default) 1.00              = 100,100.00
    //   × deductible 50,000.00 (option default) 1.00        = 100,100.00 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days, a standard year = 1   = 100,100.00
    //   no rate cap; minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 100,100.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(10010000n);
    expect(quote.premium).toBe('100100.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '7700000.00', '7700000.00'],
      ['base_rate', 'base_rate', undefined, '0.013'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '1.00'],
      ['factor', 'industry', 'default', '1.00'],
      ['factor', 'security_level', 'level_2', '1.00'],
      ['factor', 'extortion', 'true', '1.00'],
      ['factor', 'tech_eo', 'false', '1.00'],
      ['factor', 'deductible', '50000.00', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices 292 days for a SaaS provider with tech E&O, no extortion, at 211,679.33 (half up)', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'I65',
        scoreBand: 'A',
        creditGrade: 'A',
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: {
        limit: '20000000.00',
        termDays: 292,
        options: { security_level: 'level_3_plus', extortion: false, tech_eo: true, deductible: '200000.00' },
      },
    });
    // basis: limit                                           20,000,000.00
    //   × base rate 0.013                                   = 260,000.00
    //   × score band A 0.90                                 = 234,000.00
    //   × 1 claim (band 1–2, `from` inclusive) 1.25         = 292,500.00
    //   × industry I65 1.10                                 = 321,750.00
    //   × MLPS level_3_plus 0.85                            = 273,487.50
    //   × extortion false 0.90                              = 246,138.75
    //   × tech E&O true 1.25                                = 307,673.4375
    //   × deductible 200,000.00 0.86                        = 264,599.15625 annual
    //   × term 292/365 = 4/5 = 0.8 (pro rata)               = 211,679.325
    //   no rate cap; minimum 5,000.00: does not bind
    //   rounded to the fen, half up (…0.325 → …0.33)        = 211,679.33
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(21167933n);
    expect(quote.premium).toBe('211679.33');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '20000000.00', '20000000.00'],
      ['base_rate', 'base_rate', undefined, '0.013'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '1', '1.25'],
      ['factor', 'industry', 'I65', '1.10'],
      ['factor', 'security_level', 'level_3_plus', '0.85'],
      ['factor', 'extortion', 'false', '0.90'],
      ['factor', 'tech_eo', 'true', '1.25'],
      ['factor', 'deductible', '200000.00', '0.86'],
      ['term', 'term', '292', '0.8'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
