import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-RD-EXPENSE');

describe('KB-RD-EXPENSE 研发费用损失保险: golden premiums', () => {
  it('prices a year on an 8,000,000.00 biomedicine budget, investor co-insured, at 311,220.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        industry: 'C27',
        rdExpense: '12000000.00',
        scoreBand: 'B',
        creditGrade: 'A',
        trl: 5,
        claimsLast3Years: 0,
        yearsInOperation: 6,
        dishonest: false,
      },
      request: {
        sumInsured: '8000000.00',
        startDate: '2026-01-01',
        options: { project_field: 'biomedicine', investor_insured: true },
      },
    });
    // basis: sum insured (insured R&D budget)                8,000,000.00
    //   × base rate 0.03                                    = 240,000.00
    //   × score band B 1.00                                 = 240,000.00
    //   × TRL 5 (band 5–7, `from` inclusive) 1.00           = 240,000.00
    //   × 0 claims (band below 1) 0.95                      = 228,000.00
    //   × project field biomedicine 1.30                    = 296,400.00
    //   × pilot-scale section true (option default) 1.00    = 296,400.00
    //   × investor co-insured true 1.05                     = 311,220.00 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days, a standard year = 1   = 311,220.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 311,220.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(31122000n);
    expect(quote.premium).toBe('311220.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '8000000.00', '8000000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'trl', '5', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'project_field', 'biomedicine', '1.30'],
      ['factor', 'pilot_scale', 'true', '1.00'],
      ['factor', 'investor_insured', 'true', '1.05'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 10,000.00 minimum for 146 days at TRL 7 without the pilot-scale section', () => {
    // TRL 7 is the last level eligible (lte 7) and the `from` of the 0.90 band; the budget sits on the
    // 500,000.00 floor.
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['high_tech_enterprise'],
        rdExpense: '3000000.00',
        scoreBand: 'A',
        creditGrade: 'A',
        trl: 7,
        claimsLast3Years: 1,
        yearsInOperation: 3,
        dishonest: false,
      },
      request: {
        sumInsured: '500000.00',
        termDays: 146,
        options: { project_field: 'new_materials', pilot_scale: false },
      },
    });
    // basis: sum insured (insured R&D budget)                500,000.00
    //   × base rate 0.03                                    = 15,000.00
    //   × score band A 0.85                                 = 12,750.00
    //   × TRL 7 (band from 7, inclusive) 0.90               = 11,475.00
    //   × 1 claim (band 1–2, `from` inclusive) 1.15         = 13,196.25
    //   × project field new_materials 1.10                  = 14,515.875
    //   × pilot-scale section false 0.70                    = 10,161.1125
    //   × investor co-insured false (option default) 1.00   = 10,161.1125 annual
    //   × term 146/365 = 2/5 = 0.4 (pro rata)               = 4,064.445
    //   no rate cap; minimum 10,000.00: binds               = 10,000.00
    //   rounded to the fen, half up                         = 10,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1000000n);
    expect(quote.premium).toBe('10000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '500000.00', '500000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'A', '0.85'],
      ['factor', 'trl', '7', '0.90'],
      ['factor', 'loss_history', '1', '1.15'],
      ['factor', 'project_field', 'new_materials', '1.10'],
      ['factor', 'pilot_scale', 'false', '0.70'],
      ['factor', 'investor_insured', 'false', '1.00'],
      ['term', 'term', '146', '0.4'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('refers an enterprise with no TRL assessment, priced at the TRL default 1.25: 71,250.00', () => {
    // Eligible (an absent TRL passes rdexp.stage) but referred by rdexp.trl_unknown; the rule
    // "TRL below 3" cannot be decided without a TRL, so the underwriter is also asked for it.
    const quote = evaluateQuote(product, {
      enterprise: {
        qualifications: ['tech_sme'],
        rdExpense: '5000000.00',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        yearsInOperation: 4,
        dishonest: false,
      },
      request: { sumInsured: '2000000.00' },
    });
    // basis: sum insured (insured R&D budget)                2,000,000.00
    //   × base rate 0.03                                    = 60,000.00
    //   × score band B 1.00                                 = 60,000.00
    //   × TRL not given: default 1.25                       = 75,000.00
    //   × 0 claims (band below 1) 0.95                      = 71,250.00
    //   × project field other, pilot-scale true, investor false (option defaults) 1.00 each
    //                                                       = 71,250.00 annual
    //   × term: no dates, 365 days = 1                      = 71,250.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 71,250.00
    expect(quote.outcome).toBe('refer');
    expect(quote.reasons.map((reason) => reason.reason)).toEqual([
      'rdexp.trl_unknown',
      'underwriting.missing_information',
    ]);
    expect(quote.missingFacts).toEqual(['enterprise.trl']);
    expect(quote.premiumFen).toBe(7125000n);
    expect(quote.premium).toBe('71250.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '2000000.00', '2000000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'trl', 'default', '1.25'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'project_field', 'other', '1.00'],
      ['factor', 'pilot_scale', 'true', '1.00'],
      ['factor', 'investor_insured', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
