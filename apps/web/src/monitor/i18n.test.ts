import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { riskRunStatuses } from './risk.ts';
import {
  alertActions,
  alertMetrics,
  alertSeverities,
  alertStatuses,
  businessSources,
  conditionOps,
  industrySections,
  registrationFields,
  registrationHeaders,
  ruleSources,
  statisticalClasses,
  statisticsGroupings,
  statisticsPeriods,
} from './vocabulary.ts';

const sections = ['cockpit', 'alerts', 'statistics', 'devIndex', 'registrations', 'risk'] as const;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** English has a `_one` form beside a counted string; Chinese has one form for every count. */
const withoutPlurals = (keys: string[]) => keys.filter((k) => !k.endsWith('_one'));
const sorted = (values: readonly string[]) => [...values].sort();

describe('the words of monitoring', () => {
  it('has every string in Chinese and English, none left empty', () => {
    for (const section of sections) {
      expect(withoutPlurals(leaves(en[section])).sort()).toEqual(leaves(zhCN[section]).sort());
      for (const key of leaves(zhCN[section]))
        expect(
          key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN[section]),
        ).not.toBe('');
    }
    for (const key of [
      'monitorCockpit',
      'monitorCockpitInsurer',
      'monitorAlerts',
      'monitorStatistics',
      'monitorIndex',
      'monitorRisk',
      'registrations',
    ] as const) {
      expect(zhCN.nav[key]).not.toBe('');
      expect(en.nav[key]).not.toBe('');
    }
  });

  it('labels every code of the vocabulary', () => {
    expect(sorted(Object.keys(zhCN.alerts.statuses))).toEqual(sorted(alertStatuses));
    expect(sorted(Object.keys(zhCN.alerts.severities))).toEqual(sorted(alertSeverities));
    expect(sorted(Object.keys(zhCN.alerts.actions))).toEqual(sorted(alertActions));
    expect(sorted(Object.keys(zhCN.alerts.metrics))).toEqual(sorted(alertMetrics));
    expect(sorted(Object.keys(zhCN.alerts.ops))).toEqual(sorted(conditionOps));
    expect(sorted(Object.keys(zhCN.alerts.ruleSources))).toEqual(sorted(ruleSources));
    expect(sorted(Object.keys(zhCN.cockpit.classes))).toEqual(sorted(statisticalClasses));
    expect(sorted(Object.keys(zhCN.cockpit.sources))).toEqual(sorted(businessSources));
    expect(sorted(Object.keys(zhCN.cockpit.industrySections))).toEqual(sorted(industrySections));
    expect(sorted(Object.keys(zhCN.statistics.periods))).toEqual(sorted(statisticsPeriods));
    expect(sorted(Object.keys(zhCN.statistics.bys))).toEqual(sorted(statisticsGroupings));
    expect(sorted(Object.keys(zhCN.registrations.fields))).toEqual(sorted(registrationFields));
    expect(sorted(Object.keys(zhCN.risk.statuses))).toEqual(sorted(riskRunStatuses));
  });

  it('says the menu, the parts of the statistics and the bordereau columns as the rules do', () => {
    expect(zhCN.nav).toMatchObject({
      monitorCockpit: '监管驾驶舱',
      monitorAlerts: '预警中心',
      monitorStatistics: '统计报表',
      monitorIndex: '发展指数',
      monitorRisk: '风险模拟',
      registrations: '保单登记',
    });
    expect(zhCN.statistics.bys).toEqual({
      class: '第一部分 按产品类别',
      entity: '第二部分 按投保主体',
      source: '按业务来源',
    });
    // The page names each column as the template and the server's error messages do.
    for (const field of registrationFields)
      expect(zhCN.registrations.fields[field]).toBe(registrationHeaders[field]);
  });
});
