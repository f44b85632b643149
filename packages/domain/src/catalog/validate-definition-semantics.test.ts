import { describe, expect, it } from 'vitest';
import {
  type Change,
  examplePath,
  definitionProblems as problems,
  REMOVE,
  SHORT_PERIOD_TERM as SHORT_PERIOD,
} from './example-product.fixture.ts';

describe('refusing a definition that is well formed but wrong', () => {
  it.each<[string, Change[], string, string]>([
    // identity
    [
      'a code whose class letters contradict the statistical class',
      [['/code', 'KB-RD-EQUIP']],
      '/code',
      'definition.code_class_mismatch',
    ],
    [
      'an insurer code with a wrong check character',
      [['/writer/insurer', '91310000MA1FL7K208']],
      '/writer/insurer',
      'definition.writer_uscc',
    ],
    [
      'an effective period that ends before it starts',
      [['/effective/to', '2024-12-31']],
      '/effective/to',
      'definition.effective_order',
    ],
    [
      'an effective date that does not exist',
      [['/effective/from', '2025-02-30']],
      '/effective/from',
      'definition.effective_date',
    ],
    // facts, operators, values
    [
      'a rule over a fact the dictionary lacks',
      [['/underwriting/[equip.early_trl]/when/fact', 'enterprise.trll']],
      '/underwriting/[equip.early_trl]/when/fact',
      'definition.unknown_fact',
    ],
    [
      'a factor over an option the product does not declare',
      [['/rating/factors/[deductible]/fact', 'request.options.colour']],
      '/rating/factors/[deductible]/fact',
      'definition.unknown_fact',
    ],
    [
      'ordering on a string fact',
      [['/underwriting/[equip.credit_grade_d]/when/op', 'lt']],
      '/underwriting/[equip.credit_grade_d]/when/op',
      'definition.operator_type',
    ],
    [
      'contains on a fact that is not a set',
      [['/eligibility/[equip.catalogue_listing]/when/fact', 'enterprise.industry']],
      '/eligibility/[equip.catalogue_listing]/when/op',
      'definition.operator_type',
    ],
    [
      'in on a boolean fact',
      [
        [
          '/eligibility/[equip.no_dishonesty]/when/not',
          { fact: 'enterprise.dishonest', op: 'in', values: ['true'] },
        ],
      ],
      '/eligibility/[equip.no_dishonesty]/when/not/op',
      'definition.operator_type',
    ],
    [
      'eq on a set fact',
      [
        [
          '/eligibility/[equip.catalogue_listing]/when',
          { fact: 'enterprise.qualifications', op: 'eq', value: 'x' },
        ],
      ],
      '/eligibility/[equip.catalogue_listing]/when/op',
      'definition.operator_type',
    ],
    [
      'an amount written in words',
      [['/underwriting/[equip.large_contract]/when/value', '2亿']],
      '/underwriting/[equip.large_contract]/when/value',
      'definition.value_type',
    ],
    [
      'an amount with a fraction of a fen',
      [['/underwriting/[equip.large_contract]/when/value', '200000000.001']],
      '/underwriting/[equip.large_contract]/when/value',
      'definition.value_type',
    ],
    [
      'a TRL given as text',
      [['/underwriting/[equip.early_trl]/when/value', '7']],
      '/underwriting/[equip.early_trl]/when/value',
      'definition.value_type',
    ],
    [
      'a boolean fact compared with text',
      [['/eligibility/[equip.no_dishonesty]/when/not/value', 'yes']],
      '/eligibility/[equip.no_dishonesty]/when/not/value',
      'definition.value_type',
    ],
    [
      'a deductible the option does not offer',
      [
        [
          '/underwriting/[equip.large_contract]/when',
          { fact: 'request.options.deductible', op: 'eq', value: '30000.00' },
        ],
      ],
      '/underwriting/[equip.large_contract]/when/value',
      'definition.value_type',
    ],
    [
      'a between whose min exceeds its max',
      [['/eligibility/[equip.continuous_years]/when/min', 4]],
      '/eligibility/[equip.continuous_years]/when/min',
      'definition.between_order',
    ],
    [
      'contains with two values',
      [['/eligibility/[equip.catalogue_listing]/when/values', ['a', 'b']]],
      '/eligibility/[equip.catalogue_listing]/when/values',
      'definition.contains_one_value',
    ],
    // factors
    [
      'a factor with both a table and bands',
      [['/rating/factors/[score_band]/bands', [{ from: 0, factor: '1' }]]],
      '/rating/factors/[score_band]',
      'definition.factor_lookup',
    ],
    [
      'a factor with neither a table nor bands',
      [['/rating/factors/[score_band]/table', REMOVE]],
      '/rating/factors/[score_band]',
      'definition.factor_lookup',
    ],
    [
      'overlapping bands',
      [['/rating/factors/[trl]/bands/1/from', 6]],
      '/rating/factors/[trl]/bands/1',
      'definition.band_order',
    ],
    [
      'a middle band without its lower bound',
      [['/rating/factors/[trl]/bands/1/from', REMOVE]],
      '/rating/factors/[trl]/bands/1',
      'definition.band_open_end',
    ],
    [
      'a first band without its upper bound',
      [['/rating/factors/[trl]/bands/0/to', REMOVE]],
      '/rating/factors/[trl]/bands/0',
      'definition.band_open_end',
    ],
    [
      'an empty band',
      [['/rating/factors/[trl]/bands/1/to', 7]],
      '/rating/factors/[trl]/bands/1',
      'definition.band_empty',
    ],
    [
      'bands over a text fact',
      [['/rating/factors/[trl]/fact', 'enterprise.industry']],
      '/rating/factors/[trl]/bands',
      'definition.band_fact_type',
    ],
    [
      'a table over an amount',
      [['/rating/factors/[score_band]/fact', 'request.contractValue']],
      '/rating/factors/[score_band]/table',
      'definition.table_fact_type',
    ],
    [
      'a zero factor',
      [['/rating/factors/[score_band]/table/A', '0']],
      '/rating/factors/[score_band]/table/A',
      'definition.factor_not_positive',
    ],
    [
      'a negative default factor',
      [['/rating/factors/[score_band]/default', '-1.10']],
      '/rating/factors/[score_band]/default',
      'definition.factor_not_positive',
    ],
    [
      'a negative band factor',
      [['/rating/factors/[loss_history]/bands/0/factor', '-0.95']],
      '/rating/factors/[loss_history]/bands/0/factor',
      'definition.factor_not_positive',
    ],
    [
      'a table key the option does not offer',
      [['/rating/factors/[deductible]/table/30000.00', '1.03']],
      '/rating/factors/[deductible]/table/30000.00',
      'definition.table_key',
    ],
    [
      'a boolean table keyed yes',
      [['/rating/factors/[key_component]/table/yes', '1.15']],
      '/rating/factors/[key_component]/table/yes',
      'definition.table_key',
    ],
    [
      'an option table that leaves a choice out',
      [['/rating/factors/[deductible]/table/100000.00', REMOVE]],
      '/rating/factors/[deductible]/table',
      'definition.table_incomplete',
    ],
    // options
    [
      'a choice option without choices',
      [['/options/[deductible]/choices', REMOVE]],
      '/options/[deductible]/choices',
      'definition.option_choices_missing',
    ],
    [
      'choices on a boolean option',
      [['/options/[key_component]/choices', ['y', 'n']]],
      '/options/[key_component]/choices',
      'definition.option_choices_unexpected',
    ],
    [
      'a repeated choice',
      [['/options/[deductible]/choices/3', '20000.00']],
      '/options/[deductible]/choices/3',
      'definition.option_choice_duplicate',
    ],
    [
      'a default that is not one of the choices',
      [['/options/[deductible]/default', '30000.00']],
      '/options/[deductible]/default',
      'definition.option_default',
    ],
    [
      'a boolean option defaulting to text',
      [['/options/[key_component]/default', 'no']],
      '/options/[key_component]/default',
      'definition.option_default',
    ],
    [
      'a money option whose min exceeds its max',
      [
        [
          '/options/[+]',
          {
            key: 'limit_choice',
            names: { zh: '限额', en: 'Limit' },
            type: 'money',
            min: '500.00',
            max: '100.00',
          },
        ],
      ],
      '/options/[+]/min',
      'definition.option_range',
    ],
    [
      'bounds on a choice option',
      [['/options/[deductible]/min', 1]],
      '/options/[deductible]/min',
      'definition.option_bounds',
    ],
    [
      'two options with one key',
      [['/options/[+]', { key: 'key_component', names: { zh: '重复', en: 'Again' }, type: 'boolean' }]],
      '/options/[+]/key',
      'definition.duplicate_key',
    ],
    // sections
    [
      'a deductible naming an undeclared option',
      [['/sections/[quality]/deductible/option', 'excess']],
      '/sections/[quality]/deductible/option',
      'definition.deductible_option',
    ],
    [
      'a fixed limit without its amount',
      [['/sections/[liability]/limit', { basis: 'fixed' }]],
      '/sections/[liability]/limit/amount',
      'definition.limit_amount_missing',
    ],
    [
      'two sections with one key',
      [['/sections/[liability]/key', 'quality']],
      '/sections/[liability]/key',
      'definition.duplicate_key',
    ],
    [
      'two sublimits with one key',
      [
        [
          '/sections/[liability]/sublimits/[+]',
          { key: 'bodily_injury_per_person', names: { zh: '又', en: 'Again' }, amount: '1.00' },
        ],
      ],
      '/sections/[liability]/sublimits/[+]/key',
      'definition.duplicate_key',
    ],
    // reasons
    [
      'two underwriting rules with one reason',
      [['/underwriting/[equip.early_trl]/reason', 'equip.large_contract']],
      '/underwriting/[equip.early_trl]/reason',
      'definition.duplicate_reason',
    ],
    [
      'two eligibility rules with one reason',
      [['/eligibility/[equip.continuous_years]/reason', 'equip.catalogue_listing']],
      '/eligibility/[equip.continuous_years]/reason',
      'definition.duplicate_reason',
    ],
    // rating numbers
    [
      'a zero base rate',
      [['/rating/baseRate', '0']],
      '/rating/baseRate',
      'definition.base_rate_not_positive',
    ],
    ['a rate cap above 100%', [['/rating/rateCap', '1.5']], '/rating/rateCap', 'definition.rate_cap_range'],
    ['a rate cap of zero', [['/rating/rateCap', '0']], '/rating/rateCap', 'definition.rate_cap_range'],
    [
      'a minimum premium off the rounding grid',
      [
        ['/rating/rounding/to', 'yuan'],
        ['/rating/minimumPremium', '5000.50'],
      ],
      '/rating/minimumPremium',
      'definition.minimum_not_rounded',
    ],
    [
      'a short-period table without month 7',
      [
        ['/rating/term', SHORT_PERIOD],
        ['/rating/term/table/7', REMOVE],
      ],
      '/rating/term/table/7',
      'definition.short_period_missing',
    ],
    [
      'a short-period share above 1',
      [
        ['/rating/term', SHORT_PERIOD],
        ['/rating/term/table/12', '1.2'],
      ],
      '/rating/term/table/12',
      'definition.short_period_share',
    ],
    [
      'a short-period share that falls',
      [
        ['/rating/term', SHORT_PERIOD],
        ['/rating/term/table/5', '0.35'],
      ],
      '/rating/term/table/5',
      'definition.short_period_decreasing',
    ],
    [
      'a thirteenth month',
      [
        ['/rating/term', SHORT_PERIOD],
        ['/rating/term/table/13', '1'],
      ],
      '/rating/term/table/13',
      'definition.short_period_month',
    ],
  ])('refuses %s', (_, changes, path, code) => {
    expect(problems(...changes)).toEqual([{ path: examplePath(path), code }]);
  });

  it('lists every problem, not only the first', () => {
    expect(
      problems(
        ['/code', 'KB-IP-EQUIP'],
        ['/rating/baseRate', '-0.012'],
        ['/underwriting/[equip.early_trl]/when/fact', 'enterprise.x'],
      ),
    ).toEqual([
      { path: '/code', code: 'definition.code_class_mismatch' },
      { path: examplePath('/underwriting/[equip.early_trl]/when/fact'), code: 'definition.unknown_fact' },
      { path: '/rating/baseRate', code: 'definition.base_rate_not_positive' },
    ]);
  });
});
