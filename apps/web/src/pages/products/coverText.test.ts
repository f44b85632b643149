import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductOption, Section } from '../../catalog/definition.ts';
import { shippedProduct } from '../../catalog/shippedProducts.fixture.ts';
import { testTranslation } from '../../i18n/testing.ts';
import { choiceText, deductibleText, limitText, optionValuesText, triggerText } from './coverText.ts';

describe('cover in words', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = await testTranslation('zh-CN');
    en = await testTranslation('en');
  });

  it('writes limits as the basis, a share of it, a multiple, per person or fixed, with a maximum', () => {
    expect(limitText(zh, { basis: 'limit', multiple: '1' })).toBe('赔偿限额');
    expect(limitText(zh, { basis: 'limit', multiple: '0.05', max: '1000000.00' })).toBe(
      '赔偿限额的 5%，最高 ¥1,000,000.00',
    );
    expect(limitText(en, { basis: 'contract_value', multiple: '5', max: '500000000.00' })).toBe(
      'contract value × 5, at most CNY 500,000,000.00',
    );
    expect(limitText(zh, { basis: 'per_person', amount: '200000.00' })).toBe('每人 ¥200,000.00');
    expect(limitText(en, { basis: 'fixed', amount: '500000.00' })).toBe('CNY 500,000.00');
  });

  it('writes deductibles and triggers', () => {
    const cyber = shippedProduct('KB-BR-CYBER');
    expect(deductibleText(zh, { type: 'percent', rate: '0.20', minimum: '50000.00' }, cyber, 'zh-CN')).toBe(
      '损失的 20%，最低 ¥50,000.00',
    );
    expect(deductibleText(en, { type: 'waiting_days', days: 7 }, cyber, 'en')).toBe('7-day waiting period');
    expect(deductibleText(zh, { type: 'option', option: 'deductible' }, cyber, 'zh-CN')).toBe(
      '按所选“每次事故免赔额”',
    );
    expect(deductibleText(zh, undefined, cyber, 'zh-CN')).toBe('无');
    const claimsMade: Section['trigger'] = {
      type: 'claims_made',
      retroactiveDate: 'required',
      extendedReportingDays: 60,
    };
    expect(triggerText(zh, claimsMade, 'zh-CN')).toBe('索赔发生制；须约定追溯日期；延长报告期 60 天');
    expect(triggerText(en, claimsMade, 'en')).toBe(
      'Claims made; retroactive date to be agreed; 60-day extended reporting period',
    );
  });

  it('shows amount-like choices in yuan and other choices as they are', () => {
    const deductible: ProductOption = {
      key: 'deductible',
      names: { zh: '免赔额', en: 'Deductible' },
      type: 'choice',
      choices: ['20000.00', '50000.00'],
    };
    expect(choiceText(zh, deductible, '20000.00')).toBe('¥20,000.00');
    expect(optionValuesText(en, deductible)).toBe('CNY 20,000.00, CNY 50,000.00');
    const level: ProductOption = { ...deductible, choices: ['level_2', 'none'] };
    expect(optionValuesText(zh, level)).toBe('level_2、none');
    expect(optionValuesText(zh, { ...deductible, type: 'money', choices: undefined, min: '1000.00' })).toBe(
      '不低于 ¥1,000.00',
    );
  });
});
