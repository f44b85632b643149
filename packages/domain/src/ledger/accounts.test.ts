import { describe, expect, it } from 'vitest';
import { ACCOUNTS, isAccount } from './accounts.ts';

describe('the chart of accounts', () => {
  it('names each account in both languages and gives its nature', () => {
    expect(ACCOUNTS.unearned_premium_reserve).toEqual({
      nature: 'liability',
      zh: '未到期责任准备金',
      en: 'unearned premium reserve',
    });
    expect(ACCOUNTS.premium_receivable).toMatchObject({ nature: 'asset', zh: '应收保费' });
    expect(ACCOUNTS.coinsurance_payable).toMatchObject({ nature: 'liability', zh: '共保应付款' });
    expect(ACCOUNTS.upr_change).toMatchObject({ nature: 'expense', zh: '提取未到期责任准备金' });
    expect(ACCOUNTS.reinsurance_recoveries.nature).toBe('income');
    for (const info of Object.values(ACCOUNTS)) {
      expect(['asset', 'liability', 'income', 'expense']).toContain(info.nature);
      expect(info.zh).not.toBe('');
      expect(info.en).not.toBe('');
    }
  });

  it('gives every account a name of its own', () => {
    const names = Object.values(ACCOUNTS);
    expect(new Set(names.map((info) => info.zh)).size).toBe(names.length);
    expect(new Set(names.map((info) => info.en)).size).toBe(names.length);
  });

  it('recognises an account read back from storage, and nothing else', () => {
    expect(isAccount('claims_reserve')).toBe(true);
    expect(isAccount('premium_income')).toBe(true);
    expect(isAccount('toString')).toBe(false);
    expect(isAccount('Cash')).toBe(false);
    expect(isAccount(7)).toBe(false);
    expect(() => {
      (ACCOUNTS as Record<string, unknown>).cash = null;
    }).toThrow(TypeError);
  });
});
