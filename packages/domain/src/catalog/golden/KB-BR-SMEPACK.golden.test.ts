import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-BR-SMEPACK');

describe('KB-BR-SMEPACK 普惠型科技保险产品包: golden premiums', () => {
  it('prices a 3,000,000.00 package with basic cyber, bought through the park, at 6,120.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        industry: 'I65',
        region: '310115',
        staff: 45,
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: { sumInsured: '3000000.00', options: { cyber_basic: true } },
    });
    // basis: sum insured (package size)                      3,000,000.00
    //   × base rate 0.002                                   = 6,000.00
    //   × score band B 1.00                                 = 6,000.00
    //   × 0 claims (band below 1) 1.00                      = 6,000.00
    //   × park master policy true (option default) 0.85     = 5,100.00
    //   × basic cyber true 1.20                             = 6,120.00
    //   × deductible 2,000.00 (option default) 1.00         = 6,120.00 annual
    //   × term: no dates, 365 days: short period ⌈365 × 12 / 365⌉ = 12 months, share 1.00 = 6,120.00
    //   no rate cap; minimum 500.00: does not bind
    //   rounded to the fen, half up                         = 6,120.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(612000n);
    expect(quote.premium).toBe('6120.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '3000000.00', '3000000.00'],
      ['base_rate', 'base_rate', undefined, '0.002'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '1.00'],
      ['factor', 'group_purchase', 'true', '0.85'],
      ['factor', 'cyber_basic', 'true', '1.20'],
      ['factor', 'deductible', '2000.00', '1.00'],
      ['term', 'term', '365', '1.00'],
      ['minimum', 'minimum', undefined, '500.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 500.00 minimum for 45 days bought alone by a 500-staff, 200,000,000.00 enterprise', () => {
    // Not a tech SME: eligible through staff ≤ 500 and revenue ≤ 200,000,000.00, both exactly at the line.
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        industry: 'C39',
        staff: 500,
        revenue: '200000000.00',
        scoreBand: 'C',
        creditGrade: 'B',
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: {
        sumInsured: '1000000.00',
        termDays: 45,
        options: { group_purchase: false, deductible: '5000.00' },
      },
    });
    // basis: sum insured (package size)                      1,000,000.00
    //   × base rate 0.002                                   = 2,000.00
    //   × score band C 1.05                                 = 2,100.00
    //   × 1 claim (band 1–3, `from` inclusive) 1.15         = 2,415.00
    //   × park master policy false 1.00                     = 2,415.00
    //   × basic cyber false (option default) 1.00           = 2,415.00
    //   × deductible 5,000.00 0.92                          = 2,221.80 annual
    //   × term 45 days: short period ⌈45 × 12 / 365⌉ = ⌈1.48⌉ = 2 months, share 0.20   = 444.36
    //   no rate cap; minimum 500.00: binds                  = 500.00
    //   rounded to the fen, half up                         = 500.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(50000n);
    expect(quote.premium).toBe('500.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00', '1000000.00'],
      ['base_rate', 'base_rate', undefined, '0.002'],
      ['factor', 'score_band', 'C', '1.05'],
      ['factor', 'loss_history', '1', '1.15'],
      ['factor', 'group_purchase', 'false', '1.00'],
      ['factor', 'cyber_basic', 'false', '1.00'],
      ['factor', 'deductible', '5000.00', '0.92'],
      ['term', 'term', '45', '0.20'],
      ['minimum', 'minimum', undefined, '500.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
