import { describe, expect, it } from 'vitest';
import { evaluateQuote } from '../evaluate-quote.ts';
import { loadShipped } from './load-shipped.ts';
import { steps } from './steps.ts';

const product = loadShipped('KB-IP-OVERSEAS');

describe('KB-IP-OVERSEAS 知识产权海外侵权责任保险: golden premiums', () => {
  it('prices a 10,000,000.00 limit for an EU/UK exporter, patents and trademarks, at 334,305.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C38',
        scoreBand: 'B',
        creditGrade: 'A',
        claimsLast3Years: 0,
        dishonest: false,
      },
      request: {
        limit: '10000000.00',
        startDate: '2026-01-01',
        options: {
          main_market: 'eu_uk',
          ip_scope: 'patent_trademark',
          fto_done: true,
          known_allegation: false,
        },
      },
    });
    // basis: limit                                           10,000,000.00
    //   × base rate 0.03                                    = 300,000.00
    //   × score band B 1.00                                 = 300,000.00
    //   × 0 claims (band below 1) 0.95                      = 285,000.00
    //   × main market eu_uk 1.20                            = 342,000.00
    //   × IP covered patent_trademark 1.15                  = 393,300.00
    //   × FTO analysis done true 0.85                       = 334,305.00
    //   × deductible 100,000.00 (option default) 1.00       = 334,305.00 annual
    //   × term: annual, 2026-01-01 … 2026-12-31 (365 days) = 1   = 334,305.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 334,305.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(33430500n);
    expect(quote.premium).toBe('334305.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '10000000.00', '10000000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'B', '1.00'],
      ['factor', 'loss_history', '0', '0.95'],
      ['factor', 'main_market', 'eu_uk', '1.20'],
      ['factor', 'ip_scope', 'patent_trademark', '1.15'],
      ['factor', 'fto_done', 'true', '0.85'],
      ['factor', 'deductible', '100000.00', '1.00'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });

  it('accepts the US market at exactly 10,000,000.00 (gt is strict) with all IP: 583,200.00', () => {
    const quote = evaluateQuote(product, {
      enterprise: {
        industry: 'C39',
        scoreBand: 'A',
        creditGrade: 'A',
        claimsLast3Years: 1,
        dishonest: false,
      },
      request: {
        limit: '10000000.00',
        options: { main_market: 'us', ip_scope: 'all_ip', known_allegation: false, deductible: '200000.00' },
      },
    });
    // basis: limit                                           10,000,000.00
    //   × base rate 0.03                                    = 300,000.00
    //   × score band A 0.90                                 = 270,000.00
    //   × 1 claim (band 1–2, `from` inclusive) 1.20         = 324,000.00
    //   × main market us 1.60                               = 518,400.00
    //   × IP covered all_ip 1.25                            = 648,000.00
    //   × FTO analysis done false (option default) 1.00     = 648,000.00
    //   × deductible 200,000.00 0.90                        = 583,200.00 annual
    //   × term: annual, no dates (365 days) = 1             = 583,200.00
    //   no rate cap; minimum 10,000.00: does not bind
    //   rounded to the fen, half up                         = 583,200.00
    expect(quote.outcome).toBe('accept');
    expect(quote.premiumFen).toBe(58320000n);
    expect(quote.premium).toBe('583200.00');
    expect(steps(quote)).toEqual([
      ['basis', 'basis', '10000000.00', '10000000.00'],
      ['base_rate', 'base_rate', undefined, '0.03'],
      ['factor', 'score_band', 'A', '0.90'],
      ['factor', 'loss_history', '1', '1.20'],
      ['factor', 'main_market', 'us', '1.60'],
      ['factor', 'ip_scope', 'all_ip', '1.25'],
      ['factor', 'fto_done', 'false', '1.00'],
      ['factor', 'deductible', '200000.00', '0.90'],
      ['term', 'term', '365', '1'],
      ['minimum', 'minimum', undefined, '10000.00'],
      ['rounding', 'rounding', 'HALF_UP', '0.01'],
    ]);
  });
});
