import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTranslation } from '../i18n/testing.ts';
import { premiumText, referenceBasisText } from './premiumText.ts';
import { readReferenceRequest } from './readers.ts';

describe('an indicative premium with the reference request it priced', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = await testTranslation('zh-CN');
    en = await testTranslation('en');
  });

  it('names the sum insured the premium was priced for', () => {
    expect(premiumText(zh, '12345.00', { sumInsured: '10000000.00' })).toBe(
      '参考保费 ¥12,345.00（按保额 ¥10,000,000.00 测算）',
    );
    expect(premiumText(en, '12345.00', { sumInsured: '10000000.00' })).toBe(
      'Indicative premium CNY 12,345.00 (priced for a sum insured of CNY 10,000,000.00)',
    );
  });

  it('words each reference the server builds: contract value, loan, limit, headcount, revenue', () => {
    expect(referenceBasisText(zh, { contractValue: '128000000.00' })).toBe('按合同金额 ¥128,000,000.00 测算');
    expect(referenceBasisText(zh, { loanPrincipal: '5000000.00', loanInterest: '0.00' })).toBe(
      '按贷款本金 ¥5,000,000.00 测算',
    );
    expect(referenceBasisText(zh, { limit: '10000000.00' })).toBe('按赔偿限额 ¥10,000,000.00 测算');
    expect(referenceBasisText(zh, { headcount: 186 })).toBe('按被保险人数 186 人测算');
    expect(referenceBasisText(zh, {})).toBe('按企业画像中的上年营业收入测算');
    // Defaults the request carries besides its basis are not the basis.
    expect(referenceBasisText(zh, { continuousYear: 1, contractValue: '8000000.00' })).toBe(
      '按合同金额 ¥8,000,000.00 测算',
    );
    expect(referenceBasisText(zh, { continuousYear: 1 })).toBe('按企业画像中的上年营业收入测算');
  });

  it('shows the premium alone when the request is missing', () => {
    expect(premiumText(zh, '880.00', null)).toBe('参考保费 ¥880.00');
    expect(premiumText(zh, '880.00', readReferenceRequest(null))).toBe('参考保费 ¥880.00');
    expect(readReferenceRequest('x')).toBeNull();
    expect(readReferenceRequest({ sumInsured: '1.00', nested: { a: 1 } })).toEqual({ sumInsured: '1.00' });
  });
});
