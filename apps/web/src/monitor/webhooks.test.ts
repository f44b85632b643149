import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { deliveryStatuses, disabledReasons, webhookUrlProblem } from './webhooks.ts';

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the words of webhooks', () => {
  it('has every string in Chinese and English, none left empty', () => {
    expect(leaves(en.webhooks).sort()).toEqual(leaves(zhCN.webhooks).sort());
    for (const key of leaves(zhCN.webhooks))
      expect(
        key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN.webhooks),
      ).not.toBe('');
    expect(Object.keys(zhCN.webhooks.deliveryStatuses).sort()).toEqual([...deliveryStatuses].sort());
    expect(Object.keys(zhCN.webhooks.disabledReasons).sort()).toEqual([...disabledReasons].sort());
  });
});

describe('the endpoint URL check', () => {
  it('says what the server would refuse before sending', () => {
    expect(webhookUrlProblem('https://risk.example.cn/hooks/kebao?x=1')).toBeNull();
    expect(webhookUrlProblem(' http://10.0.0.8:8080/alerts ')).toBeNull();
    expect(webhookUrlProblem('ftp://example.cn/x')).toBe('scheme');
    expect(webhookUrlProblem('https://u:p@example.cn/x')).toBe('credentials');
    expect(webhookUrlProblem('https://example.cn/x#top')).toBe('fragment');
    expect(webhookUrlProblem('example.cn/x')).toBe('invalid');
  });
});
