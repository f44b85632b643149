import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from './definition.ts';
import { compileCondition, evaluateCondition, type Truth } from './evaluate-condition.ts';
import { factTypeResolver } from './fact-types.ts';
import type { Facts } from './facts.ts';

const graded = (grade: string | undefined): Facts => ({ 'enterprise.creditGrade': grade });
const trlAtLeast7: Condition = { fact: 'enterprise.trl', op: 'gte', value: 7 };
const gradeD: Condition = { fact: 'enterprise.creditGrade', op: 'eq', value: 'D' };

describe('comparing facts', () => {
  it('compares amounts exactly to the fen, however they are written', () => {
    const above200m: Condition = { fact: 'request.contractValue', op: 'gt', value: '200000000.00' };
    expect(evaluateCondition(above200m, { 'request.contractValue': '200000000.01' }).result).toBe('true');
    expect(evaluateCondition(above200m, { 'request.contractValue': '200000000' }).result).toBe('false');
    const wholeYuan: Condition = { fact: 'request.contractValue', op: 'lte', value: 200000000 };
    expect(evaluateCondition(wholeYuan, { 'request.contractValue': '200000000.00' }).result).toBe('true');
  });

  it('compares decimals exactly, where floating point would not', () => {
    // 0.1 + 0.2 > 0.3 in binary floating point; exact decimals say 0.30 = 0.3.
    const atMost: Condition = { fact: 'enterprise.lossRatioLast3Years', op: 'lte', value: '0.3' };
    expect(evaluateCondition(atMost, { 'enterprise.lossRatioLast3Years': '0.30' }).result).toBe('true');
    expect(evaluateCondition(atMost, { 'enterprise.lossRatioLast3Years': '0.3000000001' }).result).toBe(
      'false',
    );
    expect(evaluateCondition(atMost, { 'enterprise.lossRatioLast3Years': 0.25 }).result).toBe('true');
  });

  it('compares dates as dates', () => {
    const from2026: Condition = { fact: 'request.startDate', op: 'gte', value: '2026-01-01' };
    expect(evaluateCondition(from2026, { 'request.startDate': '2026-01-01' }).result).toBe('true');
    expect(evaluateCondition(from2026, { 'request.startDate': '2025-12-31' }).result).toBe('false');
  });

  it('takes both ends of a between', () => {
    const years: Condition = { fact: 'request.continuousYear', op: 'between', min: 1, max: 3 };
    expect(
      [0, 1, 3, 4].map((year) => evaluateCondition(years, { 'request.continuousYear': year }).result),
    ).toEqual(['false', 'true', 'true', 'false']);
  });

  it('finds a grade among values and a qualification in a set', () => {
    const weak: Condition = { fact: 'enterprise.creditGrade', op: 'in', values: ['C', 'D'] };
    expect(evaluateCondition(weak, graded('C')).result).toBe('true');
    expect(evaluateCondition({ ...weak, op: 'not_in' }, graded('C')).result).toBe('false');
    const facts: Facts = { 'enterprise.qualifications': ['high_tech_enterprise', 'little_giant'] };
    const set = (op: 'contains' | 'contains_any' | 'contains_all', values: string[]): Truth =>
      evaluateCondition({ fact: 'enterprise.qualifications', op, values }, facts).result;
    expect(set('contains', ['little_giant'])).toBe('true');
    expect(set('contains_any', ['unicorn', 'high_tech_enterprise'])).toBe('true');
    expect(set('contains_all', ['unicorn', 'high_tech_enterprise'])).toBe('false');
    expect(set('contains_all', ['little_giant', 'high_tech_enterprise'])).toBe('true');
  });

  it('reads an option through the product it belongs to', () => {
    const typeOf = factTypeResolver({
      options: [{ key: 'limit_choice', names: { zh: '限额', en: 'Limit' }, type: 'money' }],
    });
    const condition: Condition = { fact: 'request.options.limit_choice', op: 'gte', value: '5000000.00' };
    expect(evaluateCondition(condition, { 'request.options.limit_choice': '5000000' }, typeOf).result).toBe(
      'true',
    );
  });
});

describe('deciding with facts missing (three-valued logic)', () => {
  it('is unknown about a fact not given, and names it', () => {
    expect(evaluateCondition(trlAtLeast7, {})).toEqual({
      result: 'unknown',
      missingFacts: ['enterprise.trl'],
    });
    expect(evaluateCondition(trlAtLeast7, { 'enterprise.trl': null })).toEqual({
      result: 'unknown',
      missingFacts: ['enterprise.trl'],
    });
  });

  it('does not take an absent grade for "not D"', () => {
    expect(
      evaluateCondition({ fact: 'enterprise.creditGrade', op: 'ne', value: 'D' }, graded(undefined)).result,
    ).toBe('unknown');
  });

  it('knows whether a fact was given', () => {
    const given: Condition = { fact: 'enterprise.trl', op: 'exists' };
    const absent: Condition = { fact: 'enterprise.trl', op: 'missing' };
    expect([evaluateCondition(given, {}), evaluateCondition(absent, {})]).toEqual([
      { result: 'false', missingFacts: [] },
      { result: 'true', missingFacts: [] },
    ]);
  });

  it('keeps unknown through not', () => {
    expect(evaluateCondition({ not: trlAtLeast7 }, {}).result).toBe('unknown');
    expect(evaluateCondition({ not: trlAtLeast7 }, { 'enterprise.trl': 8 }).result).toBe('false');
  });

  it('is false for all as soon as one part is false, and then asks for nothing', () => {
    expect(evaluateCondition({ all: [trlAtLeast7, gradeD] }, graded('B'))).toEqual({
      result: 'false',
      missingFacts: [],
    });
    expect(evaluateCondition({ all: [trlAtLeast7, gradeD] }, graded('D'))).toEqual({
      result: 'unknown',
      missingFacts: ['enterprise.trl'],
    });
  });

  it('is true for any as soon as one part is true, and then asks for nothing', () => {
    expect(evaluateCondition({ any: [trlAtLeast7, gradeD] }, graded('D'))).toEqual({
      result: 'true',
      missingFacts: [],
    });
    expect(evaluateCondition({ any: [trlAtLeast7, gradeD] }, graded('B'))).toEqual({
      result: 'unknown',
      missingFacts: ['enterprise.trl'],
    });
  });

  it('names each missing fact once', () => {
    const both: Condition = { all: [trlAtLeast7, { not: { fact: 'enterprise.trl', op: 'gt', value: 9 } }] };
    expect(evaluateCondition(both, {}).missingFacts).toEqual(['enterprise.trl']);
  });

  it('treats a value of the wrong type as not given', () => {
    expect(evaluateCondition(trlAtLeast7, { 'enterprise.trl': '8' }).result).toBe('unknown');
  });

  it('refuses to compile a condition over a fact the dictionary lacks', () => {
    expect(() => compileCondition({ fact: 'enterprise.colour', op: 'exists' })).toThrow(TypeError);
  });

  it('follows Kleene logic for all, any and not on every combination', () => {
    // Leaves: a fact that is true, false or absent; the combination must match the truth tables.
    const leaf = (truth: Truth, i: number): { condition: Condition; facts: Facts } => ({
      condition: { fact: `request.options.f${i}`, op: 'eq', value: true },
      facts: truth === 'unknown' ? {} : { [`request.options.f${i}`]: truth === 'true' },
    });
    const options = Array.from({ length: 6 }, (_, i) => ({
      key: `f${i}`,
      names: { zh: 'f', en: 'f' },
      type: 'boolean' as const,
    }));
    const typeOf = factTypeResolver({ options });
    const truth = fc.constantFrom<Truth>('true', 'false', 'unknown');
    fc.assert(
      fc.property(fc.array(truth, { minLength: 1, maxLength: 6 }), (truths) => {
        const leaves = truths.map(leaf);
        const facts = Object.assign({}, ...leaves.map((l) => l.facts)) as Facts;
        const parts = leaves.map((l) => l.condition);
        const all = truths.includes('false') ? 'false' : truths.includes('unknown') ? 'unknown' : 'true';
        const any = truths.includes('true') ? 'true' : truths.includes('unknown') ? 'unknown' : 'false';
        const not = all === 'true' ? 'false' : all === 'false' ? 'true' : 'unknown';
        expect(evaluateCondition({ all: parts }, facts, typeOf).result).toBe(all);
        expect(evaluateCondition({ any: parts }, facts, typeOf).result).toBe(any);
        expect(evaluateCondition({ not: { all: parts } }, facts, typeOf).result).toBe(not);
      }),
    );
  });
});
