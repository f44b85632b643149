import { describe, expect, it } from 'vitest';
import type { ProductDefinition } from './definition.ts';
import { compileProduct, evaluateQuote } from './evaluate-quote.ts';
import { changedExample, exampleProduct, REMOVE } from './example-product.fixture.ts';
import type { EnterpriseFacts, QuoteInput } from './quote-facts.ts';

const equip = exampleProduct();

/** A listed manufacturer, graded A, TRL 8, no claims, in its first year of cover. */
const manufacturer: EnterpriseFacts = {
  catalogueListings: ['first_set_equipment'],
  scoreBand: 'B',
  creditGrade: 'A',
  trl: 8,
  claimsLast3Years: 0,
  dishonest: false,
};

function quote(enterprise: EnterpriseFacts, request: QuoteInput['request'] = {}, definition = equip) {
  return evaluateQuote(definition, {
    enterprise: { ...manufacturer, ...enterprise },
    request: { contractValue: '8000000.00', continuousYear: 1, startDate: '2026-01-01', ...request },
  });
}

const reasonsOf = (evaluation: ReturnType<typeof quote>) => evaluation.reasons.map((reason) => reason.reason);

describe('quoting first-of-a-kind equipment cover', () => {
  it('accepts a listed manufacturer and prices its year at 91,200.00', () => {
    const evaluation = quote({});
    expect(evaluation).toMatchObject({
      eligible: true,
      outcome: 'accept',
      reasons: [],
      missingFacts: [],
      premium: '91200.00',
      premiumFen: 9120000n,
      inputErrors: [],
    });
    expect(evaluation.eligibility.map((check) => check.result)).toEqual(['true', 'true', 'true']);
    expect(evaluation.rating?.ok).toBe(true);
  });

  it('refers a contract above 200 million to an underwriter, with an indicative premium', () => {
    const evaluation = quote({}, { contractValue: '200000000.01' });
    expect(evaluation.outcome).toBe('refer');
    expect(reasonsOf(evaluation)).toEqual(['equip.large_contract']);
    // 200,000,000.01 × 0.012 × 0.95 = 2,280,000.000114 → 2,280,000.00
    expect(evaluation.premium).toBe('2280000.00');
  });

  it('accepts a contract of exactly 200 million', () => {
    expect(quote({}, { contractValue: '200000000.00' }).outcome).toBe('accept');
  });

  it('declines an enterprise graded D, without a premium', () => {
    const evaluation = quote({ creditGrade: 'D' });
    expect(evaluation).toMatchObject({ outcome: 'decline', premium: null, premiumFen: null, rating: null });
    expect(evaluation.reasons).toEqual([
      {
        reason: 'equip.credit_grade_d',
        message: { zh: '信用等级为 D 的企业不予承保', en: 'Enterprises graded D are declined' },
      },
    ]);
  });

  it('declines rather than refers when both apply', () => {
    expect(quote({ creditGrade: 'D', trl: 5 }, { contractValue: '300000000.00' }).outcome).toBe('decline');
  });

  it('refers an early technology (TRL below 7) and gives every referring reason', () => {
    const evaluation = quote({ trl: 6 }, { contractValue: '300000000.00' });
    expect(evaluation.outcome).toBe('refer');
    expect(reasonsOf(evaluation)).toEqual(['equip.large_contract', 'equip.early_trl']);
  });

  it('asks for the TRL when the enterprise did not give it', () => {
    const evaluation = quote({ trl: undefined });
    expect(evaluation.outcome).toBe('refer');
    expect(evaluation.missingFacts).toEqual(['enterprise.trl']);
    expect(evaluation.reasons).toEqual([
      {
        reason: 'underwriting.missing_information',
        message: {
          zh: '核保需要补充：技术成熟度等级 (GB/T 22900)',
          en: 'The underwriter needs: Technology readiness level',
        },
      },
    ]);
    // Indicative: the TRL factor takes its default 1.20 meanwhile.
    expect(evaluation.premium).toBe('109440.00');
  });

  it('finds equipment outside the catalogue ineligible', () => {
    const evaluation = quote({ catalogueListings: ['little_giant'] });
    expect(evaluation).toMatchObject({
      eligible: false,
      outcome: 'ineligible',
      premium: null,
      missingFacts: [],
    });
    expect(reasonsOf(evaluation)).toEqual(['equip.catalogue_listing']);
  });

  it('finds a fourth year of continuous cover ineligible', () => {
    expect(reasonsOf(quote({}, { continuousYear: 4 }))).toEqual(['equip.continuous_years']);
  });

  it('finds an enterprise with a serious dishonesty record ineligible', () => {
    expect(quote({ dishonest: true }).outcome).toBe('ineligible');
  });

  it('asks whether the enterprise has a dishonesty record before quoting', () => {
    const evaluation = quote({ dishonest: undefined });
    expect(evaluation).toMatchObject({
      eligible: false,
      outcome: 'needs_information',
      missingFacts: ['enterprise.dishonest'],
      premium: null,
    });
    expect(evaluation.eligibility.map((check) => check.result)).toEqual(['true', 'true', 'unknown']);
    expect(evaluation.reasons[0]?.message.en).toBe('Please provide: Serious dishonesty record');
  });

  it('declines a D-graded enterprise even while eligibility still waits for facts', () => {
    expect(quote({ creditGrade: 'D', dishonest: undefined }).outcome).toBe('decline');
  });

  it('asks for the contract value it is priced on', () => {
    const evaluation = evaluateQuote(equip, {
      enterprise: manufacturer,
      request: { continuousYear: 1 },
    });
    expect(evaluation.outcome).toBe('needs_information');
    // The large-contract rule cannot be decided either; the contract value is asked for once.
    expect(evaluation.missingFacts).toEqual(['request.contractValue']);
    expect(evaluation.rating?.ok).toBe(false);
  });

  it('asks for a required option before pricing', () => {
    const withItem = changedExample([
      '/options/[+]',
      {
        key: 'catalogue_item',
        names: { zh: '目录条目编号', en: 'Catalogue item' },
        type: 'choice',
        choices: ['listed'],
        required: true,
      },
    ]) as ProductDefinition;
    const evaluation = quote({}, {}, withItem);
    expect(evaluation).toMatchObject({
      outcome: 'needs_information',
      missingFacts: ['request.options.catalogue_item'],
    });
    expect(quote({}, { options: { catalogue_item: 'listed' } }, withItem).outcome).toBe('accept');
  });

  it('refers a quote whose score band has no factor and no default, without a premium', () => {
    const strict = changedExample(['/rating/factors/[score_band]/default', REMOVE]) as ProductDefinition;
    const evaluation = quote({ scoreBand: 'E' }, {}, strict);
    expect(evaluation).toMatchObject({ outcome: 'refer', premium: null });
    expect(reasonsOf(evaluation)).toEqual(['rating.factor_unresolved']);
  });

  it('answers bad input with its errors and nothing else', () => {
    const evaluation = quote({}, { contractValue: '8 million', options: { deductible: '1.00' } });
    expect(evaluation).toMatchObject({
      outcome: 'needs_information',
      eligible: false,
      premium: null,
      rating: null,
    });
    expect(evaluation.inputErrors.map((error) => [error.path, error.code])).toEqual([
      ['/request/contractValue', 'money.format'],
      ['/request/options/deductible', 'input.option_choice'],
    ]);
  });

  it('answers the same through a compiled product', () => {
    const compiled = compileProduct(equip);
    const input: QuoteInput = {
      enterprise: { ...manufacturer, trl: 6 },
      request: { contractValue: '12345678.90', termDays: 200, continuousYear: 2 },
    };
    expect(compiled(input)).toEqual(evaluateQuote(equip, input));
  });
});
