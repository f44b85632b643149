import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import {
  channels,
  instalmentCounts,
  invoiceFilters,
  invoiceKinds,
  payerKinds,
  settlementKinds,
  statementDirections,
  statementKinds,
  statementStatuses,
} from './vocabulary.ts';

const sections = [
  'invoices',
  'invoice',
  'payment',
  'finance',
  'settlements',
  'settlement',
  'reconciliation',
] as const;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const sorted = (values: readonly (string | number)[]) => values.map(String).sort();

describe('the words of bills, payments and settlement', () => {
  it('has every string in Chinese and English, none left empty', () => {
    for (const section of sections) {
      expect(leaves(en[section]).sort()).toEqual(leaves(zhCN[section]).sort());
      for (const key of leaves(zhCN[section]))
        expect(
          key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], zhCN[section]),
        ).not.toBe('');
    }
    for (const key of ['bills', 'billsFunder', 'finance', 'reconciliation'] as const) {
      expect(zhCN.nav[key]).not.toBe('');
      expect(en.nav[key]).not.toBe('');
    }
  });

  it('labels every code of the vocabulary', () => {
    expect(sorted(Object.keys(zhCN.invoices.statuses))).toEqual(sorted(invoiceFilters));
    expect(sorted(Object.keys(zhCN.invoices.kinds))).toEqual(sorted(invoiceKinds));
    expect(sorted(Object.keys(zhCN.invoice.settlementKinds))).toEqual(sorted(settlementKinds));
    expect(sorted(Object.keys(zhCN.invoice.counts))).toEqual(sorted(instalmentCounts));
    expect(sorted(Object.keys(zhCN.payment.channels))).toEqual(sorted(channels));
    expect(sorted(Object.keys(zhCN.payment.payerKinds))).toEqual(sorted(payerKinds));
    expect(sorted(Object.keys(zhCN.settlements.statuses))).toEqual(sorted(statementStatuses));
    expect(sorted(Object.keys(zhCN.settlements.kinds))).toEqual(sorted(statementKinds));
    expect(sorted(Object.keys(zhCN.settlements.directions))).toEqual(sorted(statementDirections));
    expect(sorted(Object.keys(zhCN.settlements.drawerDirections))).toEqual(sorted(statementDirections));
  });

  it('says the invoice statuses as the business does', () => {
    expect(zhCN.invoices.statuses).toMatchObject({
      open: '待缴费',
      partially_paid: '部分缴费',
      overdue: '已逾期',
      paid: '已结清',
      refund_due: '待退费',
      refunded: '已退费',
    });
    expect(zhCN.nav).toMatchObject({
      bills: '账单',
      billsFunder: '应付补贴',
      finance: '财务',
      reconciliation: '账务核对',
    });
  });
});
