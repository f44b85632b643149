import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPayment, dueDate, instalmentPlan, invoiceStatus, settleInstalments } from './billing.ts';

describe('instalmentPlan', () => {
  it('splits 1,000.01 yuan into four quarterly instalments summing exactly', () => {
    const plan = instalmentPlan(100_001n, 4, '2026-01-31');
    expect(plan).toEqual([
      { seq: 1, dueDate: '2026-01-31', amount: 25_001n },
      { seq: 2, dueDate: '2026-04-30', amount: 25_000n },
      { seq: 3, dueDate: '2026-07-31', amount: 25_000n },
      { seq: 4, dueDate: '2026-10-31', amount: 25_000n },
    ]);
  });

  it('refuses counts other than 1, 2, 4 and 12, and amounts smaller than the count', () => {
    expect(() => instalmentPlan(10_000n, 3, '2026-01-01')).toThrow(RangeError);
    expect(() => instalmentPlan(11n, 12, '2026-01-01')).toThrow(RangeError);
  });

  it('always sums to the invoice, each part within a fen of the others', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 12n, max: 10n ** 14n }), fc.constantFrom(1, 2, 4, 12), (amount, count) => {
        const plan = instalmentPlan(amount, count, '2026-03-15');
        expect(plan.reduce((s, i) => s + i.amount, 0n)).toBe(amount);
        const amounts = plan.map((i) => i.amount);
        const max = amounts.reduce((a, b) => (a > b ? a : b));
        const min = amounts.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
      }),
    );
  });
});

describe('applyPayment', () => {
  it('fills the referenced invoice first and keeps the overpayment as credit', () => {
    expect(
      applyPayment(150n, [
        { id: 'a', outstanding: 100n },
        { id: 'b', outstanding: 30n },
      ]),
    ).toEqual({
      allocations: [
        { id: 'a', amount: 100n },
        { id: 'b', amount: 30n },
      ],
      unapplied: 20n,
    });
  });

  it('applies a partial payment to the first invoice only', () => {
    expect(applyPayment(40n, [{ id: 'a', outstanding: 100n }])).toEqual({
      allocations: [{ id: 'a', amount: 40n }],
      unapplied: 0n,
    });
  });

  it('never applies more than the payment or more than is owed', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 8 }),
        (amount, owed) => {
          const items = owed.map((outstanding, i) => ({ id: String(i), outstanding }));
          const { allocations, unapplied } = applyPayment(amount, items);
          expect(allocations.reduce((s, a) => s + a.amount, 0n) + unapplied).toBe(amount);
          for (const a of allocations) {
            expect(a.amount > 0n && a.amount <= (items[Number(a.id)]?.outstanding ?? 0n)).toBe(true);
          }
          const totalOwed = owed.reduce((s, o) => s + o, 0n);
          expect(unapplied).toBe(amount > totalOwed ? amount - totalOwed : 0n);
        },
      ),
    );
  });
});

describe('invoiceStatus', () => {
  const plan = instalmentPlan(1_000n, 2, '2026-02-01');
  it('is open, then overdue after the first due date, partially paid, then paid', () => {
    const with0 = settleInstalments(plan, 0n);
    expect(invoiceStatus({ amount: 1_000n, settled: 0n, instalments: with0 }, '2026-02-01')).toBe('open');
    expect(invoiceStatus({ amount: 1_000n, settled: 0n, instalments: with0 }, '2026-02-02')).toBe('overdue');
    const with500 = settleInstalments(plan, 500n);
    expect(invoiceStatus({ amount: 1_000n, settled: 500n, instalments: with500 }, '2026-02-02')).toBe(
      'partially_paid',
    );
    expect(invoiceStatus({ amount: 1_000n, settled: 500n, instalments: with500 }, '2026-08-02')).toBe(
      'overdue',
    );
    const paid = settleInstalments(plan, 1_000n);
    expect(invoiceStatus({ amount: 1_000n, settled: 1_000n, instalments: paid }, '2027-01-01')).toBe('paid');
  });

  it('a credit note is refund_due until refunded in full', () => {
    const note = instalmentPlan(-300n, 1, '2026-02-01');
    expect(
      invoiceStatus(
        { amount: -300n, settled: -100n, instalments: settleInstalments(note, -100n) },
        '2026-01-01',
      ),
    ).toBe('refund_due');
    expect(
      invoiceStatus(
        { amount: -300n, settled: -300n, instalments: settleInstalments(note, -300n) },
        '2026-01-01',
      ),
    ).toBe('refunded');
  });
});

describe('dueDate', () => {
  it('gives the policyholder 30 days and a funder 90', () => {
    expect(dueDate('premium', '2026-11-23')).toBe('2026-12-23');
    expect(dueDate('subsidy', '2026-11-23')).toBe('2027-02-21');
  });
});
