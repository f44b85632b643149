import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-IP-PLEDGE');

describe('KB-IP-PLEDGE 知识产权质押融资保证保险: golden premiums', () => {
  it('prices a one-year 3,000,000.00 loan on a pledged invention patent at 55,890.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        scoreBand: 'B',
        creditGrade: 'A',
        yearsInOperation: 5,
        dishonest: false,
      },
      request: {
        loanPrincipal: '3000000.00',
        loanInterest: '105000.00',
        startDate: '2026-09-01',
        options: { ip_type: 'invention_patent', loan_to_value: 'from_30_to_50' },
      },
    });
    // basis: principal + interest 3,000,000.00 + 105,000.00  = 3,105,000.00
    //   × base rate 0.02                                    = 62,100.00
    //   × score band B 1.00                                 = 62,100.00
    //   × credit grade A 0.90                               = 55,890.00
    //   × 5 years in operation (band from 5, inclusive) 1.00   = 55,890.00
    //   × pledged IP invention_patent 1.00                  = 55,890.00
    //   × loan-to-value from_30_to_50 1.00                  = 55,890.00
    //   × first loan false (option default) 1.00            = 55,890.00 annual
    //   × term 2026-09-01 … 2027-08-31, 365 days, a standard year = 1   = 55,890.00
    //   no rate cap; minimum 1,000.00: does not bind
    //   rounded to the fen, half up                         = 55,890.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(5589000n);
    expect(quote.premium).toBe('55890.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '3000000.00 + 105000.00', '3105000.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'credit_grade', 'A', '0.90'],
      ['factor', 'years_in_operation', '5', '1.00'],
      ['factor', 'ip_type', 'invention_patent', '1.00'],
      ['factor', 'loan_to_value', 'from_30_to_50', '1.00'],
      ['factor', 'first_loan', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices a 183-day first loan on a portfolio pledge, 2 years in operation, at 4,334.73', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        scoreBand: 'A',
        creditGrade: 'B',
        yearsInOperation: 2,
        dishonest: false,
      },
      request: {
        loanPrincipal: '500000.00',
        loanInterest: '15000.00',
        termDays: 183,
        options: { ip_type: 'portfolio', loan_to_value: 'up_to_30', first_loan: true },
      },
    });
    // basis: principal + interest 500,000.00 + 15,000.00     = 515,000.00
    //   × base rate 0.02                                    = 10,300.00
    //   × score band A 0.85                                 = 8,755.00
    //   × credit grade B 1.00                               = 8,755.00
    //   × 2 years in operation (band 2–5, `from` inclusive; lt 2 does not refer) 1.05   = 9,192.75
    //   × pledged IP portfolio 0.95                         = 8,733.1125
    //   × loan-to-value up_to_30 0.90                       = 7,859.80125
    //   × first loan true 1.10                              = 8,645.781375 annual
    //   × term 183/365 = 0.501369863… (pro rata)            = 1,582,177.991625/365 = 4,334.7342236…
    //   no rate cap; minimum 1,000.00: does not bind
    //   rounded to the fen, half up                         = 4,334.73
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(433473n);
    expect(quote.premium).toBe('4334.73');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '500000.00 + 15000.00', '515000.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'A', '0.85'],
      ['factor', 'credit_grade', 'B', '1.00'],
      ['factor', 'years_in_operation', '2', '1.05'],
      ['factor', 'ip_type', 'portfolio', '0.95'],
      ['factor', 'loan_to_value', 'up_to_30', '0.90'],
      ['factor', 'first_loan', 'true', '1.10'],
      ['term', 'term', '183', '0.501369863'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 1,000.00 minimum on a 90-day loan at the 100,000.00 principal floor', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        scoreBand: 'B',
        creditGrade: 'A',
        yearsInOperation: 10,
        dishonest: false,
      },
      request: {
        loanPrincipal: '100000.00',
        loanInterest: '3500.00',
        termDays: 90,
        options: { ip_type: 'invention_patent', loan_to_value: 'up_to_30' },
      },
    });
    // basis: principal + interest 100,000.00 + 3,500.00      = 103,500.00
    //   × base rate 0.02                                    = 2,070.00
    //   × score band B 1.00                                 = 2,070.00
    //   × credit grade A 0.90                               = 1,863.00
    //   × 10 years in operation (band from 5) 1.00          = 1,863.00
    //   × pledged IP invention_patent 1.00                  = 1,863.00
    //   × loan-to-value up_to_30 0.90                       = 1,676.70
    //   × first loan false (option default) 1.00           = 1,676.70 annual
    //   × term 90/365 = 18/73 = 0.2465753425… (pro rata)    = 30,180.60/73 = 413.4328767…
    //   no rate cap; minimum 1,000.00: binds                = 1,000.00
    //   rounded to the fen, half up                         = 1,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(100000n);
    expect(quote.premium).toBe('1000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '100000.00 + 3500.00', '103500.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'credit_grade', 'A', '0.90'],
      ['factor', 'years_in_operation', '10', '1.00'],
      ['factor', 'ip_type', 'invention_patent', '1.00'],
      ['factor', 'loan_to_value', 'up_to_30', '0.90'],
      ['factor', 'first_loan', 'false', '1.00'],
      ['term', 'term', '90', '0.2465753425'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('refers a two-year loan and prices it pro rata at twice the annual premium: 89,040.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        scoreBand: 'B',
        creditGrade: 'B',
        yearsInOperation: 6,
        dishonest: false,
      },
      request: {
        loanPrincipal: '2000000.00',
        loanInterest: '120000.00',
        termDays: 730,
        options: { ip_type: 'trademark', loan_to_value: 'from_30_to_50' },
      },
    });
    // basis: principal + interest 2,000,000.00 + 120,000.00  = 2,120,000.00
    //   × base rate 0.02                                    = 42,400.00
    //   × score band B 1.00                                 = 42,400.00
    //   × credit grade B 1.00                               = 42,400.00
    //   × 6 years in operation (band from 5) 1.00           = 42,400.00
    //   × pledged IP trademark 1.05                         = 44,520.00
    //   × loan-to-value from_30_to_50 1.00                  = 44,520.00
    //   × first loan false (option default) 1.00            = 44,520.00 annual
    //   × term 730/365 = 2 (pro rata)                       = 89,040.00
    //   no rate cap; minimum 1,000.00: does not bind
    //   rounded to the fen, half up                         = 89,040.00
    expect(quote.outcome).toBe('refer');
    expect(quote.reasons.map((reason) => reason.reason)).toEqual(['pledge.long_term']);
    expect(quote.premiumFen).toBe(8904000n);
    expect(quote.premium).toBe('89040.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '2000000.00 + 120000.00', '2120000.00'],
      ['base_rate', 'base_rate', undefined, '0.02'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'credit_grade', 'B', '1.00'],
      ['factor', 'years_in_operation', '6', '1.00'],
      ['factor', 'ip_type', 'trademark', '1.05'],
      ['factor', 'loan_to_value', 'from_30_to_50', '1.00'],
      ['factor', 'first_loan', 'false', '1.00'],
      ['term', 'term', '730', '2'],
      ['minimum', 'minimum', undefined, '1000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
