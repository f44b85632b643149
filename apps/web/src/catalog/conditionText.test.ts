import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../i18n/index.ts';
import { testTranslation } from '../i18n/testing.ts';
import { type ConditionVocabulary, conditionText } from './conditionText.ts';
import type { Condition, ProductDefinition } from './definition.ts';
import { factLabel, factType } from './facts.ts';
import { shippedProducts } from './shippedProducts.fixture.ts';

const product: Pick<ProductDefinition, 'options'> = {
  options: [
    { key: 'deductible', names: { zh: '免赔额', en: 'Deductible' }, type: 'money' },
    { key: 'plant_type', names: { zh: '电站类型', en: 'Plant type' }, type: 'choice', choices: ['solar_pv'] },
  ],
};

async function vocabulary(
  language: Language,
  definition: Pick<ProductDefinition, 'options'> = product,
): Promise<ConditionVocabulary> {
  const t = await testTranslation(language);
  return {
    label: (fact) => factLabel(definition, fact, language),
    type: (fact) => factType(definition, fact),
    word: (key, vars) => t(`products.condition.${key}`, vars ?? {}),
  };
}

describe('conditions in plain words', () => {
  let zh: ConditionVocabulary;
  let en: ConditionVocabulary;
  beforeAll(async () => {
    zh = await vocabulary('zh-CN');
    en = await vocabulary('en');
  });

  it('writes comparisons with the dictionary’s labels and symbols', () => {
    const staff: Condition = { fact: 'enterprise.staff', op: 'lte', value: 500 };
    expect(conditionText(staff, zh)).toBe('职工总数 ≤ 500');
    expect(conditionText(staff, en)).toBe('Staff ≤ 500');
  });

  it('joins all with 且 and any with 或, bracketing nested groups', () => {
    const condition: Condition = {
      all: [
        { fact: 'enterprise.staff', op: 'lte', value: 500 },
        {
          any: [
            { fact: 'enterprise.industry', op: 'eq', value: 'D44' },
            { fact: 'enterprise.frontierTags', op: 'contains', values: ['new_energy'] },
          ],
        },
      ],
    };
    expect(conditionText(condition, zh)).toBe(
      '职工总数 ≤ 500 且 （行业代码 (GB/T 4754) = D44 或 前沿产业标签 包含 new_energy）',
    );
    expect(conditionText(condition, en)).toBe(
      'Staff ≤ 500 and (Industry code (GB/T 4754) = D44 or Frontier-industry tags include new_energy)',
    );
  });

  it('shows amounts in yuan and booleans as yes or no', () => {
    expect(
      conditionText({ fact: 'request.limit', op: 'between', min: '1000000.00', max: 100000000 }, zh),
    ).toBe('赔偿限额 在 ¥1,000,000.00 至 ¥100,000,000.00 之间');
    expect(conditionText({ fact: 'request.options.deductible', op: 'gt', value: '50000' }, en)).toBe(
      'Deductible > CNY 50,000.00',
    );
    expect(conditionText({ fact: 'enterprise.dishonest', op: 'eq', value: true }, zh)).toBe(
      '严重失信记录 = 是',
    );
  });

  it('turns a negated comparison into its opposite and brackets other negations', () => {
    expect(conditionText({ not: { fact: 'enterprise.dishonest', op: 'eq', value: true } }, zh)).toBe(
      '严重失信记录 ≠ 是',
    );
    expect(conditionText({ not: { fact: 'enterprise.trl', op: 'lt', value: 7 } }, en)).toBe(
      'Technology readiness level ≥ 7',
    );
    expect(conditionText({ not: { fact: 'enterprise.region', op: 'exists' } }, zh)).toBe(
      '未提供行政区划代码 (GB/T 2260)',
    );
    expect(
      conditionText(
        { not: { fact: 'enterprise.qualifications', op: 'contains_any', values: ['a', 'b'] } },
        en,
      ),
    ).toBe('not Qualifications include any of a, b');
    expect(
      conditionText(
        {
          not: {
            all: [
              { fact: 'enterprise.trl', op: 'gte', value: 7 },
              { fact: 'enterprise.creditGrade', op: 'eq', value: 'D' },
            ],
          },
        },
        zh,
      ),
    ).toBe('并非（技术成熟度等级 (GB/T 22900) ≥ 7 且 信用等级 = D）');
  });

  it('lists set members with the language’s separator and names options by their names', () => {
    expect(conditionText({ fact: 'enterprise.creditGrade', op: 'in', values: ['C', 'D'] }, zh)).toBe(
      '信用等级 为 C、D 之一',
    );
    expect(conditionText({ fact: 'enterprise.creditGrade', op: 'not_in', values: ['C', 'D'] }, en)).toBe(
      'Credit grade is none of C, D',
    );
    expect(
      conditionText({ fact: 'enterprise.qualifications', op: 'contains_all', values: ['x', 'y'] }, zh),
    ).toBe('资质 包含 x、y 全部');
    expect(conditionText({ fact: 'request.options.plant_type', op: 'eq', value: 'solar_pv' }, zh)).toBe(
      '电站类型 = solar_pv',
    );
    expect(conditionText({ fact: 'enterprise.trl', op: 'missing' }, en)).toBe(
      'Technology readiness level is not given',
    );
  });

  it('writes every rule of every shipped product with labels, never a bare fact path', async () => {
    for (const definition of shippedProducts()) {
      for (const language of ['zh-CN', 'en'] as const) {
        const words = await vocabulary(language, definition);
        for (const rule of [...definition.eligibility, ...definition.underwriting]) {
          const text = conditionText(rule.when, words);
          expect(text, `${definition.code} ${rule.reason}`).not.toMatch(/\b(enterprise|request)\.[a-zA-Z]/);
          expect(text).not.toContain('{{');
        }
      }
    }
  });
});
