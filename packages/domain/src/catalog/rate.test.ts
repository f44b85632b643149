import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import type { ProductDefinition } from './definition.ts';
import { type Change, changedExample, exampleProduct, REMOVE } from './example-product.fixture.ts';
import type { Facts } from './facts.ts';
import { factsOf, type QuoteInput } from './quote-facts.ts';
import { rate } from './rate.ts';
import type { RatedPremium, RatingResult } from './rating-result.ts';
import { validateDefinition } from './validate-definition.ts';

/** A variant of the example product; it must itself be a valid definition. */
function product(...changes: Change[]): ProductDefinition {
  const result = validateDefinition(changedExample(...changes));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

function rated(result: RatingResult): RatedPremium {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const equip = exampleProduct();

/** A grade-B enterprise at TRL 8 with no claims, buying a year of cover on an 8,000,000.00 contract. */
const typical: QuoteInput = {
  enterprise: { scoreBand: 'B', trl: 8, claimsLast3Years: 0, creditGrade: 'A', dishonest: false },
  request: { contractValue: '8000000.00', startDate: '2026-01-01' },
};

const priced = (definition: ProductDefinition, input: QuoteInput) =>
  rate(definition, factsOf(definition, input));

describe('rating the first-of-a-kind equipment product (KB-AP-EQUIP) by hand', () => {
  it('prices a year on an 8,000,000.00 contract at 91,200.00', () => {
    // contract 8,000,000.00 × base rate 0.012            = 96,000.00
    //   × score band B 1.00 × TRL 8 (band from 8) 1.00   = 96,000.00
    //   × 0 claims (band below 1) 0.95                   = 91,200.00
    //   × deductible 50,000 (default) 1.00 × not a key component 1.00 = 91,200.00 annual
    //   × term 2026-01-01 … 2026-12-31, one standard year = 91,200.00
    //   cap 8,000,000.00 × 3% = 240,000.00 does not bind; minimum 5,000.00 does not bind
    //   rounded to the fen, half up                      = 91,200.00
    const result = rated(priced(equip, typical));
    expect(result.premium).toBe(parseYuan('91200.00'));
    expect(result.basis).toBe(parseYuan('8000000.00'));
    expect(result.annualPremium).toBe('91200.00');
    expect(result.effectiveRate).toBe('0.0114');
    expect(result.breakdown.map((step) => [step.key, step.input, step.value, step.amount])).toEqual([
      ['basis', '8000000.00', '8000000.00', '8000000.00'],
      ['base_rate', undefined, '0.012', '96000.00'],
      ['score_band', 'B', '1.00', '96000.00'],
      ['trl', '8', '1.00', '96000.00'],
      ['loss_history', '0', '0.95', '91200.00'],
      ['deductible', '50000.00', '1.00', '91200.00'],
      ['key_component', 'false', '1.00', '91200.00'],
      ['term', '365', '1', '91200.00'],
      ['rate_cap', '0.03', '240000.00', '91200.00'],
      ['minimum', undefined, '5000.00', '91200.00'],
      ['rounding', 'HALF_UP', '0.01', '91200.00'],
    ]);
    expect(result.breakdown.filter((step) => step.bound !== undefined).map((step) => step.bound)).toEqual([
      false,
      false,
    ]);
  });

  it('prices 182 days for a grade-C key component with a low deductible at 79,131.50', () => {
    // 8,000,000.00 × 0.012 = 96,000.00
    //   × band C 1.10 = 105,600.00 × TRL 7 (band 7–8) 1.10 = 116,160.00 × 2 claims (band 1–3) 1.10 = 127,776.00
    //   × deductible 20,000 1.08 = 137,998.08 × key component 1.15 = 158,697.792 annual
    //   × 182/365 = 79,131.501764383…; cap 240,000.00 × 182/365 = 119,671.23… does not bind
    //   → 79,131.50 (half up to the fen)
    const input: QuoteInput = {
      enterprise: { scoreBand: 'C', trl: 7, claimsLast3Years: 2 },
      request: {
        contractValue: '8000000.00',
        termDays: 182,
        options: { deductible: '20000.00', key_component: true },
      },
    };
    const result = rated(priced(equip, input));
    expect(result.annualPremium).toBe('158697.792');
    expect(result.breakdown.find((step) => step.kind === 'term')).toMatchObject({
      input: '182',
      value: '0.498630137',
      amount: '79131.5017643836',
    });
    expect(result.premium).toBe(parseYuan('79131.50'));
  });

  it('holds the premium at the 3% cap for the riskiest grade', () => {
    // 96,000.00 × D 1.25 × TRL 3 1.30 × 5 claims 1.40 × 1.08 × 1.15 = 271,252.80 > cap 240,000.00
    const input: QuoteInput = {
      enterprise: { scoreBand: 'D', trl: 3, claimsLast3Years: 5 },
      request: { contractValue: '8000000.00', options: { deductible: '20000.00', key_component: true } },
    };
    const result = rated(priced(equip, input));
    expect(result.annualPremium).toBe('271252.80');
    expect(result.breakdown.find((step) => step.kind === 'rate_cap')).toMatchObject({
      bound: true,
      amount: '240000.00',
    });
    expect(result.premium).toBe(parseYuan('240000.00'));
    expect(result.effectiveRate).toBe('0.03');
  });

  it('charges the 5,000.00 minimum on a small contract', () => {
    // 100,000.00 × 0.012 × 0.95 = 1,140.00 < minimum 5,000.00
    const input: QuoteInput = { ...typical, request: { contractValue: '100000.00' } };
    const result = rated(priced(equip, input));
    expect(result.breakdown.find((step) => step.kind === 'minimum')).toMatchObject({
      bound: true,
      amount: '5000.00',
    });
    expect(result.premium).toBe(parseYuan('5000.00'));
  });

  it('uses a factor default when the fact is missing, and says so', () => {
    // No TRL: the trl factor falls back to its default 1.20 → 91,200.00 × 1.20 = 109,440.00
    const input: QuoteInput = { ...typical, enterprise: { ...typical.enterprise, trl: undefined } };
    const result = rated(priced(equip, input));
    expect(result.breakdown.find((step) => step.key === 'trl')).toMatchObject({
      input: 'default',
      value: '1.20',
    });
    expect(result.premium).toBe(parseYuan('109440.00'));
  });
});

describe('rating terms, bases and rounding', () => {
  it('prices a standard year across 29 February as one year, not 366/365', () => {
    const leap = rated(
      priced(equip, { ...typical, request: { contractValue: '8000000.00', startDate: '2028-01-01' } }),
    );
    expect(leap.breakdown.find((step) => step.kind === 'term')).toMatchObject({ input: '366', value: '1' });
    expect(leap.premium).toBe(parseYuan('91200.00'));
  });

  it('takes the short-period share of the months begun', () => {
    const table = { '1': '0.15', '2': '0.25', '3': '0.35', '4': '0.45', '5': '0.55', '6': '0.65' };
    const rest = { '7': '0.75', '8': '0.80', '9': '0.85', '10': '0.90', '11': '0.95', '12': '1.00' };
    const shortPeriod = product(['/rating/term', { method: 'short_period', table: { ...table, ...rest } }]);
    // 100 days → ⌈100 × 12 / 365⌉ = ⌈3.29⌉ = 4 months → 45% of 91,200.00 = 41,040.00
    const result = rated(
      priced(shortPeriod, { ...typical, request: { contractValue: '8000000.00', termDays: 100 } }),
    );
    expect(result.breakdown.find((step) => step.kind === 'term')).toMatchObject({
      value: '0.45',
      amount: '41040.00',
    });
    expect(result.premium).toBe(parseYuan('41040.00'));
    // 31 days already begin a second month (⌈1.02⌉ = 2); 400 days stop at 12.
    const month = rated(
      priced(shortPeriod, { ...typical, request: { contractValue: '8000000.00', termDays: 31 } }),
    );
    expect(month.breakdown.find((step) => step.kind === 'term')?.value).toBe('0.25');
    const long = rated(
      priced(shortPeriod, { ...typical, request: { contractValue: '8000000.00', termDays: 400 } }),
    );
    expect(long.breakdown.find((step) => step.kind === 'term')?.value).toBe('1.00');
  });

  it('charges an annual premium whatever the term when the product says annual', () => {
    const annual = product(['/rating/term', { method: 'annual' }]);
    const result = rated(
      priced(annual, { ...typical, request: { contractValue: '8000000.00', termDays: 90 } }),
    );
    expect(result.premium).toBe(parseYuan('91200.00'));
  });

  it('prices per person on a headcount basis', () => {
    // 120 persons × 350.00 yuan a year × 100/365 = 11,506.849… → 11,506 (to the yuan, down)
    const talent = product(
      ['/rating/basis', 'headcount'],
      ['/rating/baseRate', '350'],
      ['/rating/factors', []],
      ['/rating/rateCap', REMOVE],
      ['/rating/minimumPremium', REMOVE],
      ['/rating/rounding', { to: 'yuan', mode: 'DOWN' }],
    );
    const result = rated(priced(talent, { enterprise: {}, request: { headcount: 120, termDays: 100 } }));
    expect(result.basis).toBe(120n);
    expect(result.annualPremium).toBe('42000.00');
    expect(result.premium).toBe(parseYuan('11506.00'));
    expect(result.effectiveRate).toBe('95.8833333333');
  });

  it('rates a loan on principal plus interest', () => {
    // (3,000,000.00 + 120,000.00) × 2% = 62,400.00
    const loan = product(
      ['/rating/basis', 'loan_principal_plus_interest'],
      ['/rating/baseRate', '0.02'],
      ['/rating/factors', []],
      ['/rating/minimumPremium', REMOVE],
    );
    const result = rated(
      priced(loan, { enterprise: {}, request: { loanPrincipal: '3000000.00', loanInterest: '120000.00' } }),
    );
    expect(result.breakdown[0]).toMatchObject({
      kind: 'basis',
      input: '3000000.00 + 120000.00',
      amount: '3120000.00',
    });
    expect(result.premium).toBe(parseYuan('62400.00'));
  });

  it.each([
    ['fen', 'HALF_UP', '12345.65'],
    ['jiao', 'HALF_UP', '12345.70'],
    ['jiao', 'HALF_EVEN', '12345.60'],
    ['jiao', 'DOWN', '12345.60'],
    ['jiao', 'UP', '12345.70'],
    ['yuan', 'HALF_UP', '12346.00'],
  ])('rounds 12,345.65 to the %s, %s, as %s', (to, mode, expected) => {
    const plain = product(
      ['/rating/basis', 'sum_insured'],
      ['/rating/baseRate', '0.01'],
      ['/rating/factors', []],
      ['/rating/minimumPremium', REMOVE],
      ['/rating/rounding', { to, mode }],
    );
    const result = rated(priced(plain, { enterprise: {}, request: { sumInsured: '1234565.00' } }));
    expect(result.premium).toBe(parseYuan(expected));
    expect(result.breakdown.at(-1)?.amount).toBe(expected);
  });
});

describe('failing to rate, with reasons', () => {
  it('asks for the contract value it is rated on', () => {
    const result = rate(equip, factsOf(equip, { ...typical, request: {} }));
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'rating.basis_missing', fact: 'request.contractValue', missing: true }],
    });
  });

  it('names a factor it cannot resolve and the fact behind it', () => {
    const strict = product(
      ['/rating/factors/[trl]/default', REMOVE],
      ['/rating/factors/[score_band]/default', REMOVE],
    );
    const facts: Facts = {
      ...factsOf(strict, typical),
      'enterprise.trl': undefined,
      'enterprise.scoreBand': 'E',
    };
    const result = rate(strict, facts);
    expect(
      result.ok
        ? []
        : result.errors.map(({ code, factor, fact, missing }) => ({ code, factor, fact, missing })),
    ).toEqual([
      {
        code: 'rating.factor_unresolved',
        factor: 'score_band',
        fact: 'enterprise.scoreBand',
        missing: false,
      },
      { code: 'rating.factor_unresolved', factor: 'trl', fact: 'enterprise.trl', missing: true },
    ]);
  });

  it('refuses a term of no days', () => {
    const result = rate(equip, { ...factsOf(equip, typical), 'request.termDays': 0 });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'rating.term_too_short', fact: 'request.termDays' }],
    });
  });

  it('refuses an amount that is not one', () => {
    const result = rate(equip, { ...factsOf(equip, typical), 'request.contractValue': '8,000,000' });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'rating.fact_invalid', fact: 'request.contractValue' }],
    });
  });
});
