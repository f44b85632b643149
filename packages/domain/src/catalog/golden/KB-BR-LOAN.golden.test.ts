import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-BR-LOAN');

describe('KB-BR-LOAN 科技贷款履约保证保险: golden premiums', () => {
  it('prices a one-year 2,000,000.00 loan repaid monthly by an established borrower at 33,534.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme', 'high_tech_enterprise'],
        scoreBand: 'A',
        creditGrade: 'A',
        yearsInOperation: 8,
        dishonest: false,
      },
      request: {
        loanPrincipal: '2000000.00',
        loanInterest: '70000.00',
        startDate: '2026-04-15',
        options: { repayment: 'monthly_instalments' },
      },
    });
    // basis: principal + interest 2,000,000.00 + 70,000.00   = 2,070,000.00
    //   × base rate 0.02                                    = 41,400.00
    //   × score band A 0.90                                 = 37,260.00
    //   × 8 years in operation (band from 5) 1.00           = 37,260.00
    //   × repayment monthly_instalments 0.90                = 33,534.00
    //   × first loan false (option default) 1.00            = 33,534.00 annual
    //   × term 2026-04-15 … 2027-04-14, 365 days, a standard year = 1   = 33,534.00
    //   rate cap 2,070,000.00 × 0.03 = 62,100.00: does not bind
    //   minimum 2,000.00: does not bind
    //   rounded to the fen, half up                         = 33,534.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(3353400n);
    expect(quote.premium).toBe('33534.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '2000000.00 + 70000.00', '2070000.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'years_in_operation', '8', '1.00'],
      ['factor', 'repayment', 'monthly_instalments', '0.90'],
      ['factor', 'first_loan', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['rate_cap', 'rate_cap', '0.03', '62100.00'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('holds a 182-day bullet first loan of a young grade-D-band borrower at the 3% cap: 15,557.26', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        scoreBand: 'D',
        creditGrade: 'B',
        yearsInOperation: 1,
        dishonest: false,
      },
      request: {
        loanPrincipal: '1000000.00',
        loanInterest: '40000.00',
        termDays: 182,
        options: { repayment: 'bullet', first_loan: true },
      },
    });
    // basis: principal + interest 1,000,000.00 + 40,000.00   = 1,040,000.00
    //   × base rate 0.02                                    = 20,800.00
    //   × score band D 1.25                                 = 26,000.00
    //   × 1 year in operation (band below 2) 1.15           = 29,900.00
    //   × repayment bullet 1.10                             = 32,890.00
    //   × first loan true 1.10                              = 36,179.00 annual (a rate of 3.47875%)
    //   × term 182/365 = 0.498630137… (pro rata)            = 6,584,578/365 = 18,039.9397260…
    //   rate cap 1,040,000.00 × 0.03 × 182/365 = 5,678,400/365 = 15,557.2602739726…: binds
    //   minimum 2,000.00: does not bind
    //   rounded to the fen, half up                         = 15,557.26
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1555726n);
    expect(quote.premium).toBe('15557.26');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00 + 40000.00', '1040000.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'D', '1.25'],
      ['factor', 'years_in_operation', '1', '1.15'],
      ['factor', 'repayment', 'bullet', '1.10'],
      ['factor', 'first_loan', 'true', '1.10'],
      ['term', 'term', '182', '0.498630137'],
      ['rate_cap', 'rate_cap', '0.03', '15557.2602739726'],
      ['minimum', 'minimum', undefined, '2000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
