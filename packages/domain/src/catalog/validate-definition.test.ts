import { describe, expect, it } from 'vitest';
import {
  type Change,
  changedExample,
  examplePath,
  loadExampleProduct,
  definitionProblems as problems,
  REMOVE,
  SHORT_PERIOD_TERM as SHORT_PERIOD,
} from './example-product.fixture.ts';
import { validateDefinition } from './validate-definition.ts';

describe('reading a product definition', () => {
  it('accepts the shipped first-of-a-kind equipment product', () => {
    const result = validateDefinition(loadExampleProduct());
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.definition.code).toBe('KB-AP-EQUIP');
  });

  it('gives every problem a message in Chinese and in English', () => {
    const result = validateDefinition(changedExample(['/rating/baseRate', '0'], ['/code', 'KB-RD-EQUIP']));
    expect(result.ok).toBe(false);
    for (const error of result.ok ? [] : result.errors) {
      expect(error.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message_en).toMatch(/[a-z]/);
    }
  });

  it('accepts a complete, rising short-period table', () => {
    expect(problems(['/rating/term', SHORT_PERIOD])).toEqual([]);
  });

  it('accepts an incomplete option table when a default covers the rest', () => {
    expect(
      problems(
        ['/rating/factors/[deductible]/table/100000.00', REMOVE],
        ['/rating/factors/[deductible]/default', '1.00'],
      ),
    ).toEqual([]);
  });
});

describe('refusing a definition the schema rejects', () => {
  it.each<[string, Change[], string, string]>([
    ['a missing rating section', [['/rating', REMOVE]], '/rating', 'schema.required'],
    [
      'a field the schema does not know',
      [['/sections/[quality]/colour', 'red']],
      '/sections/[quality]/colour',
      'schema.additionalProperties',
    ],
    ['a malformed insurer code', [['/writer/insurer', 'x']], '/writer/insurer', 'schema.pattern'],
    ['a version given as text', [['/version', '1']], '/version', 'schema.type'],
    [
      'a percent deductible with a rate that is no decimal',
      [['/sections/[quality]/deductible', { type: 'percent', rate: 'ten' }]],
      '/sections/[quality]/deductible/rate',
      'schema.pattern',
    ],
    [
      'a short-period term without its table',
      [['/rating/term', { method: 'short_period' }]],
      '/rating/term/table',
      'schema.required',
    ],
    [
      'an option default that is an object',
      [['/options/[key_component]/default', { no: true }]],
      '/options/[key_component]/default',
      'schema.type',
    ],
  ])('refuses %s', (_, changes, path, code) => {
    expect(problems(...changes)).toEqual([{ path: examplePath(path), code }]);
  });

  it('names an unknown operator once, at the condition', () => {
    const errors = problems(['/underwriting/[equip.credit_grade_d]/when/op', 'gtt']);
    expect(errors).toEqual([
      { path: examplePath('/underwriting/[equip.credit_grade_d]/when'), code: 'schema.condition' },
    ]);
    const result = validateDefinition(
      changedExample(['/underwriting/[equip.credit_grade_d]/when/op', 'gtt']),
    );
    expect(result.ok ? '' : result.errors[0]?.message_en).toContain('Unknown operator "gtt"');
  });

  it('points at the inner condition that is wrong, not at the ones around it', () => {
    expect(problems(['/eligibility/[equip.no_dishonesty]/when/not/value', REMOVE])).toEqual([
      { path: examplePath('/eligibility/[equip.no_dishonesty]/when/not'), code: 'schema.condition' },
    ]);
    const nested = {
      all: [{ fact: 'enterprise.trl', op: 'gte', value: 7 }, { any: [{ fact: 'enterprise.trl' }] }],
    };
    expect(problems(['/underwriting/[equip.early_trl]/when', nested])).toEqual([
      { path: examplePath('/underwriting/[equip.early_trl]/when/all/1/any/0'), code: 'schema.condition' },
    ]);
  });

  it('refuses an empty list of conditions', () => {
    expect(problems(['/eligibility/[equip.catalogue_listing]/when', { all: [] }])).toEqual([
      { path: examplePath('/eligibility/[equip.catalogue_listing]/when'), code: 'schema.condition' },
    ]);
  });
});
