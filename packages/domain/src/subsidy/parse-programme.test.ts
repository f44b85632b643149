import { describe, expect, it } from 'vitest';
import { parseProgramme } from './parse-programme.ts';
import type { SubsidyProgramme } from './programme.ts';
import { shippedDocument } from './shipped-programmes.fixture.ts';

/**
 * A shipped document changed in place: `edit` gets a deep copy, typed as the programme it is, with its
 * optional parts present (these files have them) and room for fields the schema does not know.
 */
type Draft = Required<SubsidyProgramme> & {
  share: Required<SubsidyProgramme['share']> & { tiers: Required<SubsidyProgramme['share']>['tiers'] };
  window: Required<SubsidyProgramme['window']>;
  [extra: string]: unknown;
};
/** The i-th element, which the shipped document has. */
const nth = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`the document has no element ${i}`);
  return x;
};
/** A value of the wrong shape, on purpose. */
const wrong = <T>(value: unknown) => value as T;

const changed = (code: string, edit: (document: Draft) => void) => {
  const document = structuredClone(shippedDocument(code)) as unknown as Draft;
  edit(document);
  return parseProgramme(document);
};

const errorsOf = (result: ReturnType<typeof parseProgramme>) =>
  result.ok ? [] : result.errors.map((error) => [error.path, error.code]);

describe('reading a programme', () => {
  it('accepts a shipped programme as is', () => {
    const result = parseProgramme(shippedDocument('shanghai-2025-tiered'));
    expect(result.ok && result.programme.code).toBe('shanghai-2025-tiered');
  });

  it('names wrong shapes by pointer, in words', () => {
    const result = changed('suzhou-city', (d) => {
      d.code = 'Suzhou City';
      d.budget = '30,000,000';
      d.window.from = '2025/01/01';
      d.payee = wrong('bank');
      d.extra = true;
    });
    expect(errorsOf(result)).toEqual([
      ['/extra', 'schema.additionalProperties'],
      ['/code', 'schema.pattern'],
      ['/budget', 'schema.pattern'],
      ['/window/from', 'schema.pattern'],
      ['/payee', 'schema.enum'],
    ]);
    const byPath = new Map(result.ok ? [] : result.errors.map((error) => [error.path, error]));
    expect(byPath.get('/code')?.message_en).toContain('e.g. shanghai-2025-tiered');
    expect(byPath.get('/budget')?.message_zh).toContain('最多两位小数');
    expect(byPath.get('/payee')?.message_en).toBe('must be one of: insurer, enterprise');
  });

  it('says what is wrong with a malformed condition once, at the condition', () => {
    const result = changed('suzhou-city', (d) => {
      nth(d.conditions, 0).when = wrong({ fact: 'enterprise.regionCity', op: 'equals', value: '320500' });
    });
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({ path: '/conditions/0/when', code: 'schema.condition' }),
    ]);
  });

  it('checks conditions against the subsidy facts: unknown facts, wrong operators and values', () => {
    const result = changed('shandong-ip', (d) => {
      nth(d.conditions, 0).when = { fact: 'enterprise.province', op: 'eq', value: '370000' };
      nth(d.share.tiers, 0).when = { fact: 'request.productCode', op: 'gt', value: 'KB' };
      nth(d.share.bonuses, 0).when = { fact: 'request.highValuePatent', op: 'eq', value: 'yes' };
    });
    expect(errorsOf(result)).toEqual([
      ['/share/tiers/0/when/op', 'definition.operator_type'],
      ['/share/bonuses/0/when/value', 'definition.value_type'],
      ['/conditions/0/when/fact', 'definition.unknown_fact'],
    ]);
  });

  it('wants exactly one form of share, shares within [0, 1] and a reachable tier order', () => {
    expect(errorsOf(changed('suzhou-city', (d) => Object.assign(d.share, { byYear: ['0.5'] })))).toEqual([
      ['/share', 'programme.share_form'],
    ]);
    expect(errorsOf(changed('suzhou-city', (d) => Object.assign(d.share, { rate: '1.2' })))).toEqual([
      ['/share/rate', 'programme.share_range'],
    ]);
    const reordered = changed('shandong-ip', (d) => d.share.tiers.reverse());
    expect(errorsOf(reordered)).toEqual([['/share/tiers/0', 'programme.tier_unreachable']]);
    const both = changed('beijing-ip-pilot', (d) =>
      Object.assign(nth(d.share.tiers, 0), { band: 'A', rate: '1' }),
    );
    expect(errorsOf(both)).toEqual([
      ['/share/tiers/0', 'programme.share_form'],
      ['/share/tiers/0/when', 'programme.tier_selector'],
    ]);
  });

  it('wants fund pools that add up to 1, a window in order and fields that fit the mode', () => {
    const result = changed('shanghai-2025-tiered', (d) => {
      nth(d.fundPools, 1).share = '0.4';
      d.window = { from: '2025-06-01', to: '2025-02-30' };
      d.checklist = [{ key: 'policy', names: { zh: '保单', en: 'Policy' } }];
    });
    expect(errorsOf(result)).toEqual([
      ['/fundPools', 'programme.fund_pool_sum'],
      ['/window/to', 'programme.date'],
      ['/checklist', 'programme.mode_field'],
    ]);
    const apply = changed('suzhou-city', (d) => {
      d.confirmWorkingDays = 3;
      d.window.to = '2024-12-31';
    });
    expect(errorsOf(apply)).toEqual([
      ['/window/to', 'programme.window_order'],
      ['/confirmWorkingDays', 'programme.mode_field'],
    ]);
  });

  it('refuses duplicate reasons and keys, and a programme that covers no product', () => {
    const result = changed('shanghai-clinical-trial', (d) => {
      nth(d.conditions, 1).reason = nth(d.conditions, 0).reason;
      d.checklist.push(nth(d.checklist, 0));
      d.eligibility = { tags: [] };
    });
    expect(errorsOf(result)).toEqual([
      ['/checklist/3/key', 'programme.duplicate'],
      ['/eligibility', 'programme.no_products'],
      ['/conditions/1/reason', 'programme.duplicate'],
    ]);
  });
});
