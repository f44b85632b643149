import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import {
  assignMethods,
  assignmentStatuses,
  claimCurrencies,
  claimSources,
  claimStatuses,
  disputeStatuses,
  documentKinds,
  eventKinds,
  expertFields,
  mediationActions,
  recoveryKinds,
  reservingBases,
  reservingClasses,
  reservingPeriods,
  timelineActions,
} from './vocabulary.ts';

const sections = [
  'claims',
  'claim',
  'claimFile',
  'claimDesk',
  'policyClaims',
  'disputes',
  'experts',
  'reserving',
] as const;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** English has a `_one` form beside a counted string; Chinese has one form for every count. */
const withoutPlurals = (keys: string[]) => keys.filter((k) => !k.endsWith('_one'));
const sorted = (values: readonly string[]) => [...values].sort();

describe('the words of claims', () => {
  it('has every string in Chinese and English, none left empty', () => {
    for (const section of sections) {
      expect(withoutPlurals(leaves(en[section])).sort()).toEqual(leaves(zhCN[section]).sort());
      for (const key of leaves(zhCN[section]))
        expect(
          key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN[section]),
        ).not.toBe('');
    }
    for (const key of ['claims', 'claimDisputes', 'reserving', 'expertPool', 'expertWork'] as const) {
      expect(zhCN.nav[key]).not.toBe('');
      expect(en.nav[key]).not.toBe('');
    }
  });

  it('labels every code of the vocabulary', () => {
    expect(sorted(Object.keys(zhCN.claims.statuses))).toEqual(sorted(claimStatuses));
    expect(sorted(Object.keys(zhCN.claims.sources))).toEqual(sorted(claimSources));
    expect(sorted(Object.keys(zhCN.claim.documentKinds))).toEqual(sorted(documentKinds));
    expect(sorted(Object.keys(zhCN.claim.actions))).toEqual(sorted(timelineActions));
    expect(sorted(Object.keys(zhCN.claim.recoveryKinds))).toEqual(sorted(recoveryKinds));
    expect(sorted(Object.keys(zhCN.claimFile.currencies))).toEqual(sorted(claimCurrencies));
    expect(sorted(Object.keys(zhCN.claimDesk.eventKinds))).toEqual(sorted(eventKinds));
    expect(sorted(Object.keys(zhCN.disputes.statuses))).toEqual(sorted(disputeStatuses));
    expect(sorted(Object.keys(zhCN.disputes.actions))).toEqual(sorted(mediationActions));
    expect(sorted(Object.keys(zhCN.experts.statuses))).toEqual(sorted(assignmentStatuses));
    expect(sorted(Object.keys(zhCN.experts.methods))).toEqual(sorted(assignMethods));
    expect(sorted(Object.keys(zhCN.experts.fields))).toEqual(sorted(expertFields));
    expect(sorted(Object.keys(zhCN.reserving.classes))).toEqual(sorted(reservingClasses));
    expect(sorted(Object.keys(zhCN.reserving.periods))).toEqual(sorted(reservingPeriods));
    expect(sorted(Object.keys(zhCN.reserving.bases))).toEqual(sorted(reservingBases));
  });

  it('says the statuses and the menu as the business does', () => {
    expect(zhCN.claims.statuses).toMatchObject({
      notified: '已报案',
      assessing: '查勘定损中',
      reserved: '已立案估损',
      approved: '已核赔',
      paid: '已赔付',
      closed: '已结案',
      declined: '已拒赔',
      reopened: '已重开',
      withdrawn: '已撤案',
    });
    expect(zhCN.nav).toMatchObject({
      claims: '理赔',
      claimDisputes: '纠纷调解',
      reserving: '准备金评估',
      expertPool: '专家库',
      expertWork: '专家工作台',
    });
    expect(zhCN.claims.file).toBe('报案');
  });
});
