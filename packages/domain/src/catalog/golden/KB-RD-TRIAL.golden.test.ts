import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-RD-TRIAL');

describe('KB-RD-TRIAL 临床试验责任保险: golden premiums', () => {
  it('prices a year of a 600-subject phase III biologic trial at 342,000.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C27',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: {
        headcount: 600,
        startDate: '2026-01-01',
        options: { trial_phase: 'phase_3', product_type: 'biologic', ethics_approved: true },
      },
    });
    // basis: subjects                                        600
    //   × 500 yuan per subject per year                     = 300,000.00
    //   × score band B 1.00                                 = 300,000.00
    //   × 0 claims (band below 1) 0.95                      = 285,000.00
    //   × trial phase phase_3 1.00                          = 285,000.00
    //   × product type biologic 1.20                        = 342,000.00
    //   × healthy volunteers false (option default) 1.00    = 342,000.00 annual
    //   × term 2026-01-01 … 2026-12-31, 365 days, a standard year = 1   = 342,000.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 342,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(34200000n);
    expect(quote.premium).toBe('342000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '600', '600.00'],
      ['base_rate', 'base_rate', undefined, '500'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'trial_phase', 'phase_3', '1.00'],
      ['factor', 'product_type', 'biologic', '1.20'],
      ['factor', 'healthy_volunteers', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the 10,000.00 minimum for a 73-day bioequivalence study in 24 healthy volunteers', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'A', creditGrade: 'A', claimsLast3Years: 1, dishonest: false },
      request: {
        headcount: 24,
        termDays: 73,
        options: {
          trial_phase: 'bioequivalence',
          product_type: 'chemical',
          healthy_volunteers: true,
          ethics_approved: true,
        },
      },
    });
    // basis: subjects                                        24
    //   × 500 yuan per subject per year                     = 12,000.00
    //   × score band A 0.95                                 = 11,400.00
    //   × 1 claim (band 1–3, `from` inclusive) 1.10         = 12,540.00
    //   × trial phase bioequivalence 0.80                   = 10,032.00
    //   × product type chemical 1.00                        = 10,032.00
    //   × healthy volunteers true 1.20                      = 12,038.40 annual
    //   × term 73/365 = 1/5 = 0.2 (pro rata)                = 2,407.68
    //   no rate cap; minimum 10,000.00: binds               = 10,000.00
    //   rounded to the fen, half up                         = 10,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(1000000n);
    expect(quote.premium).toBe('10000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '24', '24.00'],
      ['base_rate', 'base_rate', undefined, '500'],
      ['factor', 'score_band', 'A', '0.95'],
      ['factor', 'loss_history', '1', '1.10'],
      ['factor', 'trial_phase', 'bioequivalence', '0.80'],
      ['factor', 'product_type', 'chemical', '1.00'],
      ['factor', 'healthy_volunteers', 'true', '1.20'],
      ['term', 'term', '73', '0.2'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('refers a first-in-human vaccine trial over two years, priced pro rata at 90,288.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: { scoreBand: 'B', creditGrade: 'A', claimsLast3Years: 0, dishonest: false },
      request: {
        headcount: 40,
        termDays: 730,
        options: {
          trial_phase: 'phase_1',
          product_type: 'vaccine',
          healthy_volunteers: true,
          ethics_approved: true,
        },
      },
    });
    // basis: subjects                                        40
    //   × 500 yuan per subject per year                     = 20,000.00
    //   × score band B 1.00                                 = 20,000.00
    //   × 0 claims (band below 1) 0.95                      = 19,000.00
    //   × trial phase phase_1 1.80                          = 34,200.00
    //   × product type vaccine 1.10                         = 37,620.00
    //   × healthy volunteers true 1.20                      = 45,144.00 annual
    //   × term 730/365 = 2 (pro rata)                       = 90,288.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 90,288.00
    expect(quote.outcome).toBe('refer');
    expect(quote.reasons.map((reason) => reason.reason)).toEqual(['trial.first_in_human']);
    expect(quote.premiumFen).toBe(9028800n);
    expect(quote.premium).toBe('90288.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '40', '40.00'],
      ['base_rate', 'base_rate', undefined, '500'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'trial_phase', 'phase_1', '1.80'],
      ['factor', 'product_type', 'vaccine', '1.10'],
      ['factor', 'healthy_volunteers', 'true', '1.20'],
      ['term', 'term', '730', '2'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
