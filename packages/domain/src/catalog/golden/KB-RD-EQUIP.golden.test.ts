import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-RD-EQUIP');

describe('KB-RD-EQUIP 关键研发设备保险: golden premiums', () => {
  it('prices a year on 15,000,000.00 of 4-year-old lab equipment with R&D interruption at 66,290.40', () => {
    const quote = evaluateQuote(product, {
      enterprise: { industry: 'M73', scoreBand: 'B', creditGrade: 'A', claimsLast3Years: 0 },
      request: {
        sumInsured: '15000000.00',
        options: { equipment_age: 4, rd_interruption: true, deductible: '20000.00' },
      },
    });
    // basis: sum insured                                     15,000,000.00
    //   × base rate 0.004                                   = 60,000.00
    //   × score band B 1.00                                 = 60,000.00
    //   × 0 claims (band below 1) 0.90                      = 54,000.00
    //   × equipment age 4 (band 3–6) 1.10                   = 59,400.00
    //   × off-premises use false (option default) 1.00      = 59,400.00
    //   × R&D interruption true 1.20                        = 71,280.00
    //   × deductible 20,000.00 0.93                         = 66,290.40 annual
    //   × term: no dates, 365 days: short period ⌈365 × 12 / 365⌉ = 12 months, share 1.00 = 66,290.40
    //   no rate cap; minimum 1,000.00: does not bind
    //   rounded to the fen, half up                         = 66,290.40
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(6629040n);
    expect(quote.premium).toBe('66290.40');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '15000000.00', '15000000.00'],
      ['base_rate', 'base_rate', undefined, '0.004'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.90'],
      ['factor', 'equipment_age', '4', '1.10'],
      ['factor', 'mobile_use', 'false', '1.00'],
      ['factor', 'rd_interruption', 'true', '1.20'],
      ['factor', 'deductible', '20000.00', '0.93'],
      ['term', 'term', '365', '1.00'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices a 200-day field trial of 6-year-old equipment at the 7-month share: 11,011.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'C', creditGrade: 'B', claimsLast3Years: 1 },
      request: { sumInsured: '2000000.00', termDays: 200, options: { equipment_age: 6, mobile_use: true } },
    });
    // basis: sum insured                                     2,000,000.00
    //   × base rate 0.004                                   = 8,000.00
    //   × score band C 1.10                                 = 8,800.00
    //   × 1 claim (band 1–3, `from` inclusive) 1.10         = 9,680.00
    //   × equipment age 6 (band from 6, inclusive) 1.25     = 12,100.00
    //   × off-premises use true 1.30                        = 15,730.00
    //   × R&D interruption false (option default) 1.00      = 15,730.00
    //   × deductible 10,000.00 (option default) 1.00        = 15,730.00 annual
    //   × term 200 days: short period ⌈200 × 12 / 365⌉ = ⌈6.58⌉ = 7 months, share 0.70   = 11,011.00
    //   no rate cap; minimum 1,000.00: does not bind
    //   rounded to the fen, half up                         = 11,011.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1101100n);
    expect(quote.premium).toBe('11011.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '2000000.00', '2000000.00'],
      ['base_rate', 'base_rate', undefined, '0.004'],
      ['factor', 'score_band', 'C', '1.10'],
      ['factor', 'loss_history', '1', '1.10'],
      ['factor', 'equipment_age', '6', '1.25'],
      ['factor', 'mobile_use', 'true', '1.30'],
      ['factor', 'rd_interruption', 'false', '1.00'],
      ['factor', 'deductible', '10000.00', '1.00'],
      ['term', 'term', '200', '0.70'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 1,000.00 minimum on new equipment at the 200,000.00 floor', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'A', creditGrade: 'A', claimsLast3Years: 0 },
      request: { sumInsured: '200000.00', options: { equipment_age: 0 } },
    });
    // basis: sum insured (the between floor, inclusive)      200,000.00
    //   × base rate 0.004                                   = 800.00
    //   × score band A 0.90                                 = 720.00
    //   × 0 claims (band below 1) 0.90                      = 648.00
    //   × equipment age 0 (band below 3) 1.00               = 648.00
    //   × off-premises false, R&D interruption false, deductible 10,000.00 (option defaults) 1.00 each
    //                                                       = 648.00 annual
    //   × term: no dates, 365 days: 12 months, share 1.00   = 648.00
    //   no rate cap; minimum 1,000.00: binds                = 1,000.00
    //   rounded to the fen, half up                         = 1,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(100000n);
    expect(quote.premium).toBe('1000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '200000.00', '200000.00'],
      ['base_rate', 'base_rate', undefined, '0.004'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '0', '0.90'],
      ['factor', 'equipment_age', '0', '1.00'],
      ['factor', 'mobile_use', 'false', '1.00'],
      ['factor', 'rd_interruption', 'false', '1.00'],
      ['factor', 'deductible', '10000.00', '1.00'],
      ['term', 'term', '365', '1.00'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
