import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-RD-TRANSF');

describe('KB-RD-TRANSF 科技成果转化费用损失保险: golden premiums', () => {
  it('prices a year on 5,000,000.00 of costs to license a university result at 130,298.44 (half up)', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        scoreBand: 'B',
        creditGrade: 'A',
        trl: 6,
        claimsLast3Years: 0,
        yearsInOperation: 4,
        dishonest: false,
      },
      request: {
        sumInsured: '5000000.00',
        startDate: '2026-03-15',
        options: { transfer_mode: 'licence', contract_registered: true },
      },
    });
    // basis: sum insured (agreed transfer costs)             5,000,000.00
    //   × base rate 0.025                                   = 125,000.00
    //   × score band B 1.00                                 = 125,000.00
    //   × TRL 6 (band 6–7) 1.00                             = 125,000.00
    //   × 0 claims (band below 1) 0.95                      = 118,750.00
    //   × transfer mode licence 1.05                        = 124,687.50
    //   × registered technology contract true 0.95          = 118,453.125
    //   × origin university_institute (option default) 1.10 = 130,298.4375 annual
    //   × term 2026-03-15 … 2027-03-14, 365 days, a standard year = 1   = 130,298.4375
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up (…8.4375 → …8.44)       = 130,298.44
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(13029844n);
    expect(quote.premium).toBe('130298.44');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '5000000.00', '5000000.00'],
      ['base_rate', 'base_rate', undefined, '0.025'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'trl', '6', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'transfer_mode', 'licence', '1.05'],
      ['factor', 'contract_registered', 'true', '0.95'],
      ['factor', 'source_institution', 'university_institute', '1.10'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('prices a leap standard year (366 days) as one year for own implementation at TRL 7: 413,115.94', () => {
    // 2027-06-01 … 2028-05-31 spans 29 February 2028: 366 days, priced as one standard year. TRL 7 is
    // the eligibility ceiling (between 4 and 7) and the `from` of the 0.85 band; 10,000,000.00 is exactly
    // the refer line (gt is strict).
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        scoreBand: 'C',
        creditGrade: 'B',
        trl: 7,
        claimsLast3Years: 2,
        yearsInOperation: 8,
        dishonest: false,
      },
      request: {
        sumInsured: '10000000.00',
        startDate: '2027-06-01',
        options: { transfer_mode: 'own_implementation', source_institution: 'enterprise' },
      },
    });
    // basis: sum insured (agreed transfer costs)             10,000,000.00
    //   × base rate 0.025                                   = 250,000.00
    //   × score band C 1.15                                 = 287,500.00
    //   × TRL 7 (band from 7, inclusive) 0.85               = 244,375.00
    //   × 2 claims (band from 2, inclusive) 1.40            = 342,125.00
    //   × transfer mode own_implementation 1.15             = 393,443.75
    //   × registered technology contract false (option default) 1.05   = 413,115.9375
    //   × origin enterprise 1.00                            = 413,115.9375 annual
    //   × term 366 days, a standard year from 2027-06-01 = 1   = 413,115.9375
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up (…5.9375 → …5.94)       = 413,115.94
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(41311594n);
    expect(quote.premium).toBe('413115.94');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '10000000.00', '10000000.00'],
      ['base_rate', 'base_rate', undefined, '0.025'],
      ['factor', 'score_band', 'C', '1.15'],
      ['factor', 'trl', '7', '0.85'],
      ['factor', 'loss_history', '2', '1.40'],
      ['factor', 'transfer_mode', 'own_implementation', '1.15'],
      ['factor', 'contract_registered', 'false', '1.05'],
      ['factor', 'source_institution', 'enterprise', '1.00'],
      ['term', 'term', '366', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 10,000.00 minimum on the 500,000.00 floor for an assignment from an enterprise', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        scoreBand: 'A',
        creditGrade: 'A',
        trl: 7,
        claimsLast3Years: 0,
        yearsInOperation: 12,
        dishonest: false,
      },
      request: {
        sumInsured: '500000.00',
        options: { transfer_mode: 'assignment', contract_registered: true, source_institution: 'enterprise' },
      },
    });
    // basis: sum insured (the between floor, inclusive)      500,000.00
    //   × base rate 0.025                                   = 12,500.00
    //   × score band A 0.85                                 = 10,625.00
    //   × TRL 7 (band from 7) 0.85                          = 9,031.25
    //   × 0 claims (band below 1) 0.95                      = 8,579.6875
    //   × transfer mode assignment 1.00                     = 8,579.6875
    //   × registered technology contract true 0.95          = 8,150.703125
    //   × origin enterprise 1.00                            = 8,150.703125 annual
    //   × term: no dates, 365 days = 1                      = 8,150.703125
    //   no rate cap; minimum 10,000.00: binds               = 10,000.00
    //   rounded to the fen, half up                         = 10,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1000000n);
    expect(quote.premium).toBe('10000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '500000.00', '500000.00'],
      ['base_rate', 'base_rate', undefined, '0.025'],
      ['factor', 'score_band', 'A', '0.85'],
      ['factor', 'trl', '7', '0.85'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'transfer_mode', 'assignment', '1.00'],
      ['factor', 'contract_registered', 'true', '0.95'],
      ['factor', 'source_institution', 'enterprise', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
