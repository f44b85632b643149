import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-AP-INDEX');

describe('KB-AP-INDEX 气候及新能源发电量指数保险: golden premiums', () => {
  it('prices a 20,000,000.00 generation-index limit for an onshore wind farm at 960,000.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'D44',
        region: '150200',
        frontierTags: ['new_energy'],
        scoreBand: 'B',
        creditGrade: 'A',
        dishonest: false,
      },
      request: {
        limit: '20000000.00',
        startDate: '2026-01-01',
        options: { plant_type: 'onshore_wind', index_history: 'over_10', rainfall_cover: false },
      },
    });
    // basis: limit                                           20,000,000.00
    //   × base rate 0.04                                    = 800,000.00
    //   × score band B 1.00                                 = 800,000.00
    //   × plant type onshore_wind 1.20                      = 960,000.00
    //   × index history over_10 1.00                        = 960,000.00
    //   × rainfall cover false 1.00                         = 960,000.00 annual
    //   × term: annual, 2026-01-01 … 2026-12-31 (365 days) = 1   = 960,000.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 960,000.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(96000000n);
    expect(quote.premium).toBe('960000.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '20000000.00', '20000000.00'],
      ['base_rate', 'base_rate', undefined, '0.04'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'plant_type', 'onshore_wind', '1.20'],
      ['factor', 'index_history', 'over_10', '1.00'],
      ['factor', 'rainfall_cover', 'false', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('charges the full annual premium for 90 days of rooftop solar with rainfall cover: 57,834.00', () => {
    // No score band yet (the factor falls back to its default); eligible through the new_energy tag, not
    // the industry; the limit sits on the 1,000,000.00 floor (between is inclusive).
    const quote = evaluateQuote(product, {
      enterprise: { industry: 'C38', frontierTags: ['new_energy'], creditGrade: 'B', dishonest: false },
      request: {
        limit: '1000000.00',
        termDays: 90,
        options: { plant_type: 'solar_pv', rainfall_cover: true },
      },
    });
    // basis: limit                                           1,000,000.00
    //   × base rate 0.04                                    = 40,000.00
    //   × score band not given: default 1.02                = 40,800.00
    //   × plant type solar_pv 1.00                          = 40,800.00
    //   × index history from_5_to_10 (option default) 1.05  = 42,840.00
    //   × rainfall cover true 1.35                          = 57,834.00 annual
    //   × term: annual, so 90 days still count 1            = 57,834.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 57,834.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(5783400n);
    expect(quote.premium).toBe('57834.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '1000000.00', '1000000.00'],
      ['base_rate', 'base_rate', undefined, '0.04'],
      ['factor', 'score_band', 'default', '1.02'],
      ['factor', 'plant_type', 'solar_pv', '1.00'],
      ['factor', 'index_history', 'from_5_to_10', '1.05'],
      ['factor', 'rainfall_cover', 'true', '1.35'],
      ['term', 'term', '90', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
