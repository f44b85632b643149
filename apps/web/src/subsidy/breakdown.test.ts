import { Permission } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import {
  breakdownCode,
  breakdownDimensions,
  breakdownLabel,
  seesBreakdown,
  sharePercent,
} from './breakdown.ts';

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the funder’s breakdown', () => {
  it('has every string in Chinese and English, a tab and a column name for every dimension', () => {
    expect(leaves(en.breakdown).sort()).toEqual(leaves(zhCN.breakdown).sort());
    for (const key of leaves(zhCN.breakdown))
      expect(
        key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN.breakdown),
      ).not.toBe('');
    expect(Object.keys(zhCN.breakdown.by)).toEqual([...breakdownDimensions]);
    expect(Object.keys(zhCN.breakdown.column)).toEqual([...breakdownDimensions]);
    expect(Object.values(zhCN.breakdown.by)).toEqual(['按产品', '按险类', '按区域', '按企业']);
  });

  it('is seen by the operating funder and by whoever sees every subsidy, by nobody else', () => {
    const funder = { organisation: { id: 'lingang' }, permissions: [Permission.SubsidyRead] };
    expect(seesBreakdown(funder, 'lingang')).toBe(true);
    expect(seesBreakdown(funder, 'central')).toBe(false);
    expect(seesBreakdown(funder, null)).toBe(false);
    const regulator = {
      organisation: { id: 'nfra' },
      permissions: [Permission.SubsidyRead, Permission.SubsidyReadAll],
    };
    expect(seesBreakdown(regulator, 'lingang')).toBe(true);
    expect(seesBreakdown(regulator, undefined)).toBe(true);
  });

  it('names a row in the language shown and writes its share as a percentage', () => {
    const row = { label: '研发及成果转化类', labelEn: 'R&D and transfer' };
    expect(breakdownLabel(row, 'zh-CN')).toBe('研发及成果转化类');
    expect(breakdownLabel(row, 'en')).toBe('R&D and transfer');
    expect(sharePercent('0.125000')).toBe('12.5');
    expect(sharePercent('1.000000')).toBe('100');
    expect(sharePercent('0.333334')).toBe('33.33');
    expect(sharePercent(null)).toBeNull();
  });

  it('shows the code under the name: USCC, product code, a named district’s region code', () => {
    const row = (key: string, label: string, uscc: string | null = null) => ({ key, label, uscc });
    expect(breakdownCode(row('e1', '示例科技', '91310115MA1K4D3X0X'), 'enterprise')).toBe(
      '91310115MA1K4D3X0X',
    );
    expect(breakdownCode(row('KB-BR-CYBER', '网络安全保险'), 'product')).toBe('KB-BR-CYBER');
    expect(breakdownCode(row('310115', '上海市浦东新区'), 'district')).toBe('310115');
    // A code the region list does not hold is its own label: not shown twice.
    expect(breakdownCode(row('440305', '440305'), 'district')).toBeNull();
    expect(breakdownCode(row('unknown', '未登记区划'), 'district')).toBeNull();
    expect(breakdownCode(row('base', '基础风险类'), 'class')).toBeNull();
  });
});
