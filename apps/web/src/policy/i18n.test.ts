import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import {
  cessionKinds,
  collectionModes,
  decisionKinds,
  journalAccounts,
  lineStatuses,
  placementStatuses,
  policyStatuses,
  quoteStatuses,
  refundMethods,
} from './vocabulary.ts';

const sections = [
  'quotes',
  'quoteRequest',
  'quoteDetail',
  'underwriting',
  'placements',
  'board',
  'policies',
  'policy',
] as const;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the words of quotes, placement and policies', () => {
  it('has every string in Chinese and English, none left empty', () => {
    for (const section of sections) {
      expect(leaves(en[section]).sort()).toEqual(leaves(zhCN[section]).sort());
      for (const key of leaves(zhCN[section]))
        expect(
          key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN[section]),
        ).not.toBe('');
    }
  });

  it('labels every code of the vocabulary', () => {
    expect(Object.keys(zhCN.quotes.statuses).sort()).toEqual([...quoteStatuses].sort());
    expect(Object.keys(zhCN.placements.statuses).sort()).toEqual([...placementStatuses].sort());
    expect(Object.keys(zhCN.board.lineStatuses).sort()).toEqual([...lineStatuses].sort());
    expect(Object.keys(zhCN.policies.statuses).sort()).toEqual([...policyStatuses].sort());
    expect(Object.keys(zhCN.board.collectionModes).sort()).toEqual([...collectionModes].sort());
    expect(Object.keys(zhCN.underwriting.decisions).sort()).toEqual([...decisionKinds].sort());
    expect(Object.keys(zhCN.policy.methods).sort()).toEqual([...refundMethods].sort());
    expect(Object.keys(zhCN.policy.cessionKinds).sort()).toEqual([...cessionKinds].sort());
    expect(Object.keys(zhCN.policy.accounts).sort()).toEqual([...journalAccounts].sort());
  });

  it('says the quote statuses as the business does', () => {
    expect(zhCN.quotes.statuses).toEqual({
      referred: '待核保',
      offered: '已报价',
      declined: '已拒保',
      accepted: '已接受',
      bound: '已出单',
      expired: '已过期',
    });
    expect(zhCN.policies.statuses).toEqual({ in_force: '有效', cancelled: '已注销', expired: '已到期' });
  });
});
