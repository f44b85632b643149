import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { postCreditApplication, postPaymentReceipt, postRefundPayout } from './receipts.ts';

const yuan = parseYuan;

describe('money received from and paid back to payers', () => {
  it('applies 8,000.00 of an 8,500.00 payment to the premium and keeps 500.00 as payer credit', () => {
    expect(
      postPaymentReceipt({
        orgId: 'ins',
        payer: 'ent',
        payerKind: 'enterprise',
        applied: yuan('8000.00'),
        unapplied: yuan('500.00'),
      }),
    ).toEqual([
      { account: 'cash', orgId: 'ins', counterparty: 'ent', amount: yuan('8500.00') },
      { account: 'premium_receivable', orgId: 'ins', counterparty: 'ent', amount: -yuan('8000.00') },
      { account: 'payer_credit', orgId: 'ins', counterparty: 'ent', amount: -yuan('500.00') },
    ]);
  });

  it('settles the subsidy receivable when the funder pays', () => {
    expect(
      postPaymentReceipt({
        orgId: 'ins',
        payer: 'gov',
        payerKind: 'funder',
        applied: 50_001n,
        unapplied: 0n,
      }),
    ).toEqual([
      { account: 'cash', orgId: 'ins', counterparty: 'gov', amount: 50_001n },
      { account: 'subsidy_receivable', orgId: 'ins', counterparty: 'gov', amount: -50_001n },
    ]);
  });

  it('puts a duplicate payment wholly into payer credit, leaving the zero line out', () => {
    const lines = postPaymentReceipt({
      orgId: 'ins',
      payer: 'ent',
      payerKind: 'enterprise',
      applied: 0n,
      unapplied: yuan('8000.00'),
    });
    expect(lines.map((l) => [l.account, l.amount])).toEqual([
      ['cash', yuan('8000.00')],
      ['payer_credit', -yuan('8000.00')],
    ]);
  });

  it('applies payer credit to a receivable', () => {
    expect(
      postCreditApplication({ orgId: 'ins', payer: 'ent', payerKind: 'enterprise', amount: yuan('500.00') }),
    ).toEqual([
      { account: 'payer_credit', orgId: 'ins', counterparty: 'ent', amount: yuan('500.00') },
      { account: 'premium_receivable', orgId: 'ins', counterparty: 'ent', amount: -yuan('500.00') },
    ]);
  });

  it('pays a 3,350.00 cancellation refund out of the (negative) receivable, an overpayment out of credit', () => {
    expect(
      postRefundPayout({
        orgId: 'ins',
        payee: 'ent',
        payeeKind: 'enterprise',
        amount: yuan('3350.00'),
        from: 'receivable',
      }),
    ).toEqual([
      { account: 'premium_receivable', orgId: 'ins', counterparty: 'ent', amount: yuan('3350.00') },
      { account: 'cash', orgId: 'ins', counterparty: 'ent', amount: -yuan('3350.00') },
    ]);
    expect(
      postRefundPayout({ orgId: 'ins', payee: 'gov', payeeKind: 'funder', amount: 7n, from: 'credit' }).map(
        (l) => l.account,
      ),
    ).toEqual(['payer_credit', 'cash']);
    expect(
      postRefundPayout({ orgId: 'ins', payee: 'gov', payeeKind: 'funder', amount: 7n, from: 'receivable' })[0]
        ?.account,
    ).toBe('subsidy_receivable');
  });

  it('posts nothing for nothing', () => {
    expect(
      postPaymentReceipt({ orgId: 'i', payer: 'e', payerKind: 'enterprise', applied: 0n, unapplied: 0n }),
    ).toEqual([]);
    expect(postCreditApplication({ orgId: 'i', payer: 'e', payerKind: 'enterprise', amount: 0n })).toEqual(
      [],
    );
  });

  it('refuses negative money and unknown kinds', () => {
    expect(() =>
      postPaymentReceipt({ orgId: 'i', payer: 'e', payerKind: 'enterprise', applied: -1n, unapplied: 0n }),
    ).toThrow(RangeError);
    expect(() =>
      postPaymentReceipt({ orgId: 'i', payer: 'e', payerKind: 'enterprise', applied: 1n, unapplied: -1n }),
    ).toThrow(RangeError);
    expect(() => postCreditApplication({ orgId: 'i', payer: 'e', payerKind: 'funder', amount: -5n })).toThrow(
      RangeError,
    );
    expect(() =>
      postRefundPayout({ orgId: 'i', payee: 'e', payeeKind: 'enterprise', amount: -5n, from: 'credit' }),
    ).toThrow(RangeError);
    expect(() =>
      postPaymentReceipt({
        orgId: 'i',
        payer: 'e',
        payerKind: 'broker' as 'enterprise',
        applied: 1n,
        unapplied: 0n,
      }),
    ).toThrow(RangeError);
    expect(() =>
      postRefundPayout({
        orgId: 'i',
        payee: 'e',
        payeeKind: 'enterprise',
        amount: 1n,
        from: 'cash' as 'credit',
      }),
    ).toThrow(RangeError);
  });
});
