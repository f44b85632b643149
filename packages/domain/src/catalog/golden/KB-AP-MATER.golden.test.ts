import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-AP-MATER');

/** A carbon-fibre producer whose material is in the first-batch catalogue. */
const producer = {
  catalogueListings: ['new_materials_first_batch'],
  creditGrade: 'A',
  dishonest: false,
  industry: 'C30',
} as const;

/** The buyer is an unrelated end user, and the material goes into no subsidised machine. */
const directSale = { related_party_buyer: false, trader_buyer: false, in_subsidised_equipment: false };

describe('KB-AP-MATER 重点新材料首批次应用综合保险: golden premiums', () => {
  it('prices a year on a 20,000,000.00 aerospace supply contract at 384,750.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: { ...producer, scoreBand: 'B', trl: 8, claimsLast3Years: 0 },
      request: {
        contractValue: '20000000.00',
        startDate: '2026-07-01',
        continuousYear: 1,
        options: { ...directSale, application_field: 'aerospace' },
      },
    });
    // basis: contract value                                  20,000,000.00
    //   × base rate 0.015                                   = 300,000.00
    //   × score band B 1.00                                 = 300,000.00
    //   × TRL 8 (band from 8) 1.00                          = 300,000.00
    //   × 0 claims (band below 1) 0.95                      = 285,000.00
    //   × application field aerospace 1.35                  = 384,750.00
    //   × deductible 50,000.00 (option default) 1.00        = 384,750.00 annual
    //   × term 2026-07-01 … 2027-06-30, 365 days, a standard year = 1   = 384,750.00
    //   rate cap 20,000,000.00 × 0.03 = 600,000.00: does not bind
    //   minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 384,750.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(38475000n);
    expect(quote.premium).toBe('384750.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '20000000.00', '20000000.00'],
      ['base_rate', 'base_rate', undefined, '0.015'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'trl', '8', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'application_field', 'aerospace', '1.35'],
      ['factor', 'deductible', '50000.00', '1.00'],
      ['term', 'term', '365', '1'],
      ['rate_cap', 'rate_cap', '0.03', '600000.00'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('holds 219 days of a medical-grade contract at the 3% cap, pro rata: 90,000.00', () => {
    // The contract sits exactly on the 5,000,000.00 floor (lt is strict: no refer); TRL 7 and 1 claim sit
    // on the `from` of their bands.
    const quote = evaluateQuote(product, {
      enterprise: { ...producer, scoreBand: 'C', trl: 7, claimsLast3Years: 1 },
      request: {
        contractValue: '5000000.00',
        termDays: 219,
        continuousYear: 1,
        options: { ...directSale, application_field: 'medical', deductible: '20000.00' },
      },
    });
    // basis: contract value                                  5,000,000.00
    //   × base rate 0.015                                   = 75,000.00
    //   × score band C 1.10                                 = 82,500.00
    //   × TRL 7 (band 7–8) 1.10                             = 90,750.00
    //   × 1 claim (band 1–3) 1.10                           = 99,825.00
    //   × application field medical 1.40                    = 139,755.00
    //   × deductible 20,000.00 1.08                         = 150,935.40 annual (a rate of 3.018708%)
    //   × term 219/365 = 3/5 = 0.6 (pro rata)               = 90,561.24
    //   rate cap 5,000,000.00 × 0.03 × 0.6 = 90,000.00: binds   = 90,000.00
    //   minimum 5,000.00: does not bind
    //   rounded to the fen, half up                         = 90,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(9000000n);
    expect(quote.premium).toBe('90000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '5000000.00', '5000000.00'],
      ['base_rate', 'base_rate', undefined, '0.015'],
      ['factor', 'score_band', 'C', '1.10'],
      ['factor', 'trl', '7', '1.10'],
      ['factor', 'loss_history', '1', '1.10'],
      ['factor', 'application_field', 'medical', '1.40'],
      ['factor', 'deductible', '20000.00', '1.08'],
      ['term', 'term', '219', '0.6'],
      ['rate_cap', 'rate_cap', '0.03', '90000.00'],
      ['minimum', 'minimum', undefined, '5000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
