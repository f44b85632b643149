import { describe, expect, it } from 'vitest';
import type { ProductDefinition } from './definition.ts';
import { changedExample, exampleProduct } from './example-product.fixture.ts';
import { factsOf, missingRequiredOptions, type QuoteInput, requestTermDays } from './quote-facts.ts';
import { validateQuoteInput } from './validate-quote-input.ts';

const equip = exampleProduct();

/** The example with one more option: a money option with bounds, required and without default. */
const withLimit = changedExample([
  '/options/[+]',
  {
    key: 'limit_choice',
    names: { zh: '赔偿限额', en: 'Limit chosen' },
    type: 'money',
    min: '1000000.00',
    max: '50000000.00',
    required: true,
  },
]) as ProductDefinition;

const input: QuoteInput = {
  enterprise: { staff: 120, revenue: '35000000.00', qualifications: ['high_tech_enterprise'], trl: null },
  request: { contractValue: '8000000.00', options: { key_component: true } },
};

describe('turning a quote request into facts', () => {
  it('prefixes what is known of the enterprise and leaves out what is not', () => {
    const facts = factsOf(equip, input);
    expect(facts).toMatchObject({
      'enterprise.staff': 120,
      'enterprise.revenue': '35000000.00',
      'enterprise.qualifications': ['high_tech_enterprise'],
      'request.contractValue': '8000000.00',
    });
    expect('enterprise.trl' in facts).toBe(false);
  });

  it('fills the options the requester left out with their defaults', () => {
    const facts = factsOf(equip, input);
    expect(facts['request.options.key_component']).toBe(true);
    expect(facts['request.options.deductible']).toBe('50000.00');
  });

  it('writes a money option given in whole yuan as an amount', () => {
    const facts = factsOf(withLimit, { ...input, request: { options: { limit_choice: 5000000 } } });
    expect(facts['request.options.limit_choice']).toBe('5000000');
  });

  it('asks for a required option that has no default', () => {
    expect(missingRequiredOptions(withLimit, factsOf(withLimit, input))).toEqual([
      'request.options.limit_choice',
    ]);
    expect(missingRequiredOptions(equip, factsOf(equip, input))).toEqual([]);
  });

  it('takes a policy year when no term is given: 365 days, or the standard year from the start date', () => {
    expect(requestTermDays({})).toBe(365);
    expect(requestTermDays({ startDate: '2026-03-01' })).toBe(365);
    expect(requestTermDays({ startDate: '2027-03-01' })).toBe(366); // to 2028-02-29
    expect(requestTermDays({ startDate: '2028-02-29' })).toBe(366); // to 2029-02-28
    expect(requestTermDays({ startDate: '2026-03-01', termDays: 90 })).toBe(90);
    expect(factsOf(equip, input)['request.termDays']).toBe(365);
  });
});

describe('checking a quote request against the product', () => {
  const problems = (definition: ProductDefinition, candidate: unknown) =>
    validateQuoteInput(definition, candidate).map(({ path, code }) => ({ path, code }));
  const requesting = (request: Record<string, unknown>) => ({ enterprise: {}, request });

  it('accepts a well-formed request', () => {
    expect(problems(equip, input)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'an option the product does not have',
      requesting({ options: { colour: 'red' } }),
      '/request/options/colour',
      'input.unknown_option',
    ],
    [
      'a yes/no option answered in words',
      requesting({ options: { key_component: 'yes' } }),
      '/request/options/key_component',
      'input.option_type',
    ],
    [
      'a deductible the product does not offer',
      requesting({ options: { deductible: '30000.00' } }),
      '/request/options/deductible',
      'input.option_choice',
    ],
    [
      'a contract value with thousands separators',
      requesting({ contractValue: '8,000,000.00' }),
      '/request/contractValue',
      'money.format',
    ],
    [
      'an amount with a fraction of a fen',
      requesting({ sumInsured: '100.001' }),
      '/request/sumInsured',
      'money.too_many_decimals',
    ],
    ['an amount given as a number', requesting({ limit: 1000000 }), '/request/limit', 'input.fact_type'],
    [
      'a negative amount',
      requesting({ loanPrincipal: '-1.00' }),
      '/request/loanPrincipal',
      'input.money_negative',
    ],
    [
      'a start date that does not exist',
      requesting({ startDate: '2026-02-30' }),
      '/request/startDate',
      'date.nonexistent',
    ],
    ['a term of no days', requesting({ termDays: 0 }), '/request/termDays', 'input.term_days'],
    ['a headcount with a fraction', requesting({ headcount: 12.5 }), '/request/headcount', 'input.fact_type'],
    [
      'a field the request does not have',
      requesting({ colour: 'red' }),
      '/request/colour',
      'input.unknown_field',
    ],
    [
      'an enterprise fact the dictionary lacks',
      { enterprise: { colour: 'red' }, request: {} },
      '/enterprise/colour',
      'input.unknown_fact',
    ],
    ['a TRL given as text', { enterprise: { trl: '8' }, request: {} }, '/enterprise/trl', 'input.fact_type'],
    [
      'qualifications given as one string',
      { enterprise: { qualifications: 'high_tech' }, request: {} },
      '/enterprise/qualifications',
      'input.fact_type',
    ],
    [
      'a malformed revenue',
      { enterprise: { revenue: '3.5亿' }, request: {} },
      '/enterprise/revenue',
      'money.format',
    ],
    ['a request that is not an object', { enterprise: {}, request: 'quote me' }, '/request', 'input.shape'],
  ])('refuses %s', (_, candidate, path, code) => {
    expect(problems(equip, candidate)).toEqual([{ path, code }]);
  });

  it('checks a money option against its bounds and its format', () => {
    expect(problems(withLimit, requesting({ options: { limit_choice: '60000000.00' } }))).toEqual([
      { path: '/request/options/limit_choice', code: 'input.option_range' },
    ]);
    expect(problems(withLimit, requesting({ options: { limit_choice: '5百万' } }))).toEqual([
      { path: '/request/options/limit_choice', code: 'money.format' },
    ]);
    expect(problems(withLimit, requesting({ options: { limit_choice: 5000000 } }))).toEqual([]);
  });

  it('escapes a pointer to a key with a slash in it', () => {
    expect(problems(equip, requesting({ options: { 'a/b': 1 } }))).toEqual([
      { path: '/request/options/a~1b', code: 'input.unknown_option' },
    ]);
  });

  it('lists every problem at once, in both languages', () => {
    const errors = validateQuoteInput(equip, {
      enterprise: { trl: 'high' },
      request: { contractValue: 'lots', options: { deductible: 1 } },
    });
    expect(errors.map((error) => error.path)).toEqual([
      '/enterprise/trl',
      '/request/contractValue',
      '/request/options/deductible',
    ]);
    for (const error of errors) expect(error.message_zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
