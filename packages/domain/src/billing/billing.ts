import { allocate, type Fen } from '../money/index.ts';
import { addDays, addMonths, type CalendarDate, compareDates, parseCalendarDate } from '../time/index.ts';

/*
 * Billing rules (账单规则): when an invoice falls due, how it is split into instalments, how a payment is
 * applied to what is open, and what an invoice's status is on a given day. Pure; the server stores the
 * results with the journal entries that carry the same money.
 */

export type InvoiceKind = 'premium' | 'subsidy' | 'additional' | 'credit_note';
export type InvoiceStatus = 'open' | 'partially_paid' | 'overdue' | 'paid' | 'refund_due' | 'refunded';

/** Days a payer has after the invoice is issued: the policyholder 30, a funder 90 (budgets pay in batches). */
export const DUE_DAYS: Readonly<Record<InvoiceKind, number>> = Object.freeze({
  premium: 30,
  additional: 30,
  subsidy: 90,
  credit_note: 15,
});

/** Instalment counts offered (分期): whole year, half-yearly, quarterly, monthly. */
export const INSTALMENT_COUNTS = Object.freeze([1, 2, 4, 12] as const);
export type InstalmentCount = (typeof INSTALMENT_COUNTS)[number];

export function dueDate(kind: InvoiceKind, issuedOn: string): CalendarDate {
  return addDays(parseCalendarDate(issuedOn), DUE_DAYS[kind]);
}

export interface Instalment {
  seq: number;
  dueDate: CalendarDate;
  amount: Fen;
}

/**
 * An invoice split into `count` instalments, equal up to a fen (the largest-remainder allocation puts the
 * odd fen first), the first due on `firstDue` and the next every 12/count months after it. The parts sum
 * exactly to the invoice.
 */
export function instalmentPlan(amount: Fen, count: number, firstDue: string): Instalment[] {
  if (!INSTALMENT_COUNTS.includes(count as InstalmentCount)) {
    throw new RangeError(`instalments come in ${INSTALMENT_COUNTS.join(', ')}, not ${count}`);
  }
  const magnitude = amount < 0n ? -amount : amount;
  if (magnitude < BigInt(count))
    throw new RangeError(`${amount} fen cannot be split into ${count} instalments`);
  const first = parseCalendarDate(firstDue);
  const step = 12 / count;
  return allocate(
    amount,
    Array.from({ length: count }, () => 1),
  ).map((part, i) => ({
    seq: i + 1,
    dueDate: addMonths(first, i * step),
    amount: part,
  }));
}

export interface OpenItem {
  id: string;
  /** What is still owed on it (amount − settled), positive. */
  outstanding: Fen;
}

export interface Application {
  allocations: { id: string; amount: Fen }[];
  unapplied: Fen;
}

/**
 * Applies `amount` to open items in the order given (the invoice the payer referenced first, then by due
 * date): each gets up to its outstanding; what is left is unapplied (an overpayment, or money that matched
 * nothing) and becomes the payer's credit.
 */
export function applyPayment(amount: Fen, items: readonly OpenItem[]): Application {
  if (amount <= 0n) throw new RangeError(`a payment of ${amount} fen must be positive`);
  let left = amount;
  const allocations: { id: string; amount: Fen }[] = [];
  for (const item of items) {
    if (left === 0n) break;
    if (item.outstanding <= 0n) continue;
    const take = item.outstanding < left ? item.outstanding : left;
    allocations.push({ id: item.id, amount: take });
    left -= take;
  }
  return { allocations, unapplied: left };
}

/** Spreads what has been settled on an invoice over its instalments, earliest first. */
export function settleInstalments<T extends { seq: number; amount: Fen }>(
  instalments: readonly T[],
  settled: Fen,
): (T & { settled: Fen })[] {
  let left = settled;
  return [...instalments]
    .sort((a, b) => a.seq - b.seq)
    .map((inst) => {
      const take =
        inst.amount > 0n
          ? left < inst.amount
            ? left
            : inst.amount
          : left > inst.amount
            ? left
            : inst.amount;
      left -= take;
      return { ...inst, settled: take };
    });
}

/**
 * The status on `today`: a debit invoice is paid when settled in full, overdue when an instalment past
 * its due date is not, partially paid or open otherwise; a credit note is refund_due until refunded or
 * offset in full.
 */
export function invoiceStatus(
  invoice: {
    amount: Fen;
    settled: Fen;
    instalments: readonly { dueDate: string; amount: Fen; settled: Fen }[];
  },
  today: string,
): InvoiceStatus {
  const day = parseCalendarDate(today);
  if (invoice.amount < 0n) return invoice.settled === invoice.amount ? 'refunded' : 'refund_due';
  if (invoice.settled === invoice.amount) return 'paid';
  const late = invoice.instalments.some(
    (i) => i.settled !== i.amount && compareDates(parseCalendarDate(i.dueDate), day) < 0,
  );
  if (late) return 'overdue';
  return invoice.settled === 0n ? 'open' : 'partially_paid';
}

export const invoiceStatusLabels: Readonly<Record<InvoiceStatus, { zh: string; en: string }>> = Object.freeze(
  {
    open: { zh: '待缴费', en: 'Open' },
    partially_paid: { zh: '部分缴费', en: 'Partially paid' },
    overdue: { zh: '已逾期', en: 'Overdue' },
    paid: { zh: '已结清', en: 'Paid' },
    refund_due: { zh: '待退费', en: 'Refund due' },
    refunded: { zh: '已退费', en: 'Refunded' },
  },
);
