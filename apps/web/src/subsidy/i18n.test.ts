import { programmeOnlyFacts } from '@kebao/domain/subsidy';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import {
  clawbackMethods,
  fundLevels,
  grantStatuses,
  payees,
  programmeFacts,
  programmeModes,
  reviewDecisions,
  reviewTabs,
  stepResults,
  stepRules,
  trailDecisions,
} from './vocabulary.ts';

const sections = [
  'subsidies',
  'programme',
  'subsidyPublish',
  'grants',
  'grant',
  'policySubsidy',
  'reviewers',
] as const;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** English has a `_one` form beside a counted string; Chinese has one form for every count. */
const withoutPlurals = (keys: string[]) => keys.filter((k) => !k.endsWith('_one'));
const sorted = (values: readonly string[]) => [...values].sort();

describe('the words of subsidies', () => {
  it('has every string in Chinese and English, none left empty', () => {
    for (const section of sections) {
      expect(withoutPlurals(leaves(en[section])).sort()).toEqual(leaves(zhCN[section]).sort());
      for (const key of leaves(zhCN[section]))
        expect(
          key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN[section]),
        ).not.toBe('');
    }
    for (const key of ['subsidyGrants', 'subsidyReview', 'subsidyProgrammes'] as const) {
      expect(zhCN.nav[key]).not.toBe('');
      expect(en.nav[key]).not.toBe('');
    }
  });

  it('labels every code of the vocabulary', () => {
    expect(sorted(Object.keys(zhCN.grants.statuses))).toEqual(sorted(grantStatuses));
    expect(sorted(Object.keys(zhCN.grants.tabs))).toEqual(sorted(reviewTabs));
    expect(sorted(Object.keys(zhCN.subsidies.levels))).toEqual(sorted(fundLevels));
    expect(sorted(Object.keys(zhCN.subsidies.modes))).toEqual(sorted(programmeModes));
    expect(sorted(Object.keys(zhCN.subsidies.payees))).toEqual(sorted(payees));
    expect(sorted(Object.keys(zhCN.programme.clawbackMethods))).toEqual(sorted(clawbackMethods));
    expect(sorted(Object.keys(zhCN.grant.rules))).toEqual(sorted(stepRules));
    expect(sorted(Object.keys(zhCN.grant.results))).toEqual(sorted(stepResults));
    expect(sorted(Object.keys(zhCN.grant.decisions))).toEqual(sorted(reviewDecisions));
    expect(sorted(Object.keys(zhCN.grant.trailDecisions))).toEqual(sorted(trailDecisions));
  });

  it('names the subsidy-only facts as the domain does', () => {
    expect(programmeFacts).toEqual(programmeOnlyFacts);
  });

  it('says the statuses and the menu as the business does', () => {
    expect(zhCN.grants.statuses).toMatchObject({
      reserved: '待确认',
      confirmed: '已确认',
      applied: '待提交材料',
      submitted: '待审核',
      returned: '待补正',
      approved: '已批准',
      rejected: '未通过',
      lapsed: '已失效',
      revoked: '已撤销（骗补）',
    });
    expect(zhCN.grants.tabs.toReview).toBe('待我审核');
    expect(zhCN.grant.trailDecisions).toEqual({
      approve: '通过',
      reject: '不通过',
      request_more: '要求补正',
      resubmit: '补正后重新提交',
      fraud: '认定骗补',
    });
    expect(zhCN.nav).toMatchObject({
      subsidyGrants: '我的补贴',
      subsidyReview: '补贴审核',
      subsidyProgrammes: '补贴项目',
    });
    expect(zhCN.subsidies.modes).toEqual({ auto: '免申即享', apply: '申报' });
    expect(zhCN.subsidies.noOperator).toBe('本平台暂无资金方运营');
  });
});
