import { Permission } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import {
  absYuan,
  allCounterparties,
  counterpartiesOf,
  invoicePath,
  invoicesBase,
  isNegative,
  isZero,
  naturalBalance,
  negateYuan,
  payerKey,
  payersOf,
  paymentBody,
  paymentFieldOfPath,
  policyInvoicesPath,
  previousMonth,
  readPayerKey,
  refundBody,
  statementHref,
  statementQuery,
  subsidyInsurersOf,
  viewerDirection,
} from './forms.ts';
import type { BalanceRow } from './types.ts';

const enterprise = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
const follower = '5d1c0a6e-1f3b-4b1e-9a8c-2e7f4d6b8c01';

describe('amounts of the ledger', () => {
  it('reads signs and zeros and turns amounts round without floats', () => {
    expect(isNegative('-120.50')).toBe(true);
    expect(isNegative('0.00')).toBe(false);
    expect(isZero('-0.00')).toBe(true);
    expect(isZero('0.01')).toBe(false);
    expect(negateYuan('-65000.00')).toBe('65000.00');
    expect(negateYuan('0.00')).toBe('0.00');
    expect(negateYuan('9007199254740993.07')).toBe('-9007199254740993.07');
    expect(absYuan('-100.00')).toBe('100.00');
    expect(absYuan('100.00')).toBe('100.00');
  });

  it('shows liabilities and income as positive balances', () => {
    expect(naturalBalance('-39000.00', 'liability')).toBe('39000.00');
    expect(naturalBalance('-65000.00', 'income')).toBe('65000.00');
    expect(naturalBalance('65000.00', 'asset')).toBe('65000.00');
    expect(naturalBalance('100.00', 'expense')).toBe('100.00');
  });
});

describe('recording a payment', () => {
  it('keys payers by kind and id and lists each payer of the invoices once', () => {
    expect(readPayerKey(payerKey({ kind: 'enterprise', id: enterprise }))).toEqual({
      kind: 'enterprise',
      id: enterprise,
    });
    expect(readPayerKey('insurer:x')).toBeNull();
    expect(readPayerKey('enterprise:')).toBeNull();
    expect(readPayerKey(undefined)).toBeNull();
    const payer = { kind: 'enterprise', id: enterprise, name: '临港示例芯片科技有限公司' };
    expect(
      payersOf([
        { payer },
        { payer },
        { payer: { kind: 'funder', id: follower, name: '临港新片区科技创新局' } },
        { payer: { kind: 'nobody', id: 'x', name: 'x' } },
      ]).map((p) => p.kind),
    ).toEqual(['enterprise', 'funder']);
  });

  it('sends the amount with two places, the memo only when given', () => {
    expect(
      paymentBody({
        payer: `enterprise:${enterprise}`,
        channel: 'bank_transfer',
        channelRef: ' BK20260301001 ',
        reference: ' INV-2026-000001 ',
        amount: '20,000',
        receivedOn: '2026-03-01',
      }),
    ).toEqual({
      payerKind: 'enterprise',
      payerId: enterprise,
      channel: 'bank_transfer',
      channelRef: 'BK20260301001',
      reference: 'INV-2026-000001',
      amount: '20000.00',
      receivedOn: '2026-03-01',
    });
    const bare = paymentBody({
      payer: `funder:${follower}`,
      channel: 'ecny',
      channelRef: 'E1',
      reference: ' ',
      amount: '十元',
      receivedOn: '2026-03-01',
    });
    expect(bare).not.toHaveProperty('reference');
    expect(bare.amount).toBe('十元');
    expect(bare.payerKind).toBe('funder');
  });

  it('puts errors about the payer under the payer picker', () => {
    expect(paymentFieldOfPath(['payerId'])).toEqual(['payer']);
    expect(paymentFieldOfPath(['payerKind'])).toEqual(['payer']);
    expect(paymentFieldOfPath(['amount'])).toEqual(['amount']);
    expect(paymentFieldOfPath(['channelRef'])).toEqual(['channelRef']);
    expect(paymentFieldOfPath(['other'])).toBeNull();
  });

  it('refunds with a trimmed reference', () => {
    expect(refundBody({ channel: 'offline', channelRef: ' R-1 ', paidOn: '2026-03-02' })).toEqual({
      channel: 'offline',
      channelRef: 'R-1',
      paidOn: '2026-03-02',
    });
  });
});

describe('books, statements and settlement', () => {
  const row = (account: string, counterparty: string, balance: string, name = counterparty): BalanceRow => ({
    account,
    names: { zh: account, en: account },
    nature: 'liability',
    counterparty,
    counterpartyName: name,
    balance,
  });
  const rows = [
    row('coinsurance_payable', follower, '-26000.00', '示例共保财产保险股份有限公司'),
    row('premium_receivable', enterprise, '45000.00', '临港示例芯片科技有限公司'),
    row('reinsurance_payable', 'SWISS-RE', '-8000.00'),
    row('commission_receivable', 'SWISS-RE', '2000.00'),
    row('reinsurance_payable', 'MUNICH-RE', '0.00'),
  ];

  it('offers followers for a co-insurance statement and reinsurers for a bordereau, with money due', () => {
    expect(counterpartiesOf(rows, 'coinsurance')).toEqual([
      { id: follower, name: '示例共保财产保险股份有限公司' },
    ]);
    expect(counterpartiesOf(rows, 'reinsurance')).toEqual([{ id: 'SWISS-RE', name: 'SWISS-RE' }]);
    expect(allCounterparties(rows).map((c) => c.id)).toHaveLength(4);
  });

  it('offers a funder the insurers whose subsidy bills to it are still open, each once', () => {
    const bill = (id: string, name: string, outstanding: string) => ({ issuer: { id, name }, outstanding });
    expect(
      subsidyInsurersOf([
        bill(follower, '示例共保财产保险股份有限公司', '1200.00'),
        bill(follower, '示例共保财产保险股份有限公司', '300.00'),
        bill('lead', '示例科创财产保险股份有限公司', '-80.00'),
        bill('paid', '示例已结清财产保险股份有限公司', '0.00'),
      ]).map((i) => i.id),
    ).toEqual([follower, 'lead']);
  });

  it('asks for the statement without empty filters and downloads it with the same ones', () => {
    expect(statementQuery({ counterparty: enterprise, account: ' ', from: '2026-01-01' })).toEqual({
      counterparty: enterprise,
      from: '2026-01-01',
    });
    expect(statementHref('csv', { counterparty: enterprise, to: '2026-03-31' })).toBe(
      `/api/ledger/statement?counterparty=${enterprise}&to=2026-03-31&format=csv`,
    );
    expect(statementHref('xlsx', {})).toBe('/api/ledger/statement?format=xlsx');
  });

  it('reads a statement’s direction from where the viewer stands', () => {
    const statement = { direction: 'pay', drawer: { id: 'lead' }, counterparty: { id: 'follower' } };
    expect(viewerDirection(statement, 'lead')).toBe('pay');
    expect(viewerDirection(statement, 'follower')).toBe('receive');
    expect(viewerDirection({ ...statement, direction: 'receive' }, 'follower')).toBe('pay');
  });

  it('proposes the month before for the close', () => {
    expect(previousMonth('2026-03-15')).toBe('2026-02');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
    expect(previousMonth('2026-11-30')).toBe('2026-10');
  });
});

describe('where invoices are read', () => {
  it('sends insurers to 财务, readers of everything to 账务核对 and payers to 账单', () => {
    expect(invoicesBase([Permission.LedgerRead, Permission.LedgerManage])).toBe('/finance');
    expect(invoicesBase([Permission.LedgerRead, Permission.LedgerReadAll])).toBe('/reconciliation');
    expect(invoicesBase([Permission.LedgerRead])).toBe('/bills');
    expect(invoicesBase([Permission.PolicyRead])).toBeNull();
    expect(policyInvoicesPath([Permission.LedgerRead], enterprise)).toBe(`/bills?policyId=${enterprise}`);
    expect(policyInvoicesPath([Permission.LedgerManage], enterprise)).toBe(
      `/finance?policyId=${enterprise}&tab=invoices`,
    );
    expect(policyInvoicesPath([], enterprise)).toBeNull();
    expect(invoicePath('/bills', enterprise)).toBe(`/bills/${enterprise}`);
    expect(invoicePath('/finance', enterprise)).toBe(`/finance/invoices/${enterprise}`);
  });
});
