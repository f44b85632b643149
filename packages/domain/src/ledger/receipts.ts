import type { Fen } from '../money/index.ts';
import { buildEntry, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Money between an insurer and those who pay its premium (收付费): the policyholder pays its net premium
 * (premium_receivable), the funder the subsidy share (subsidy_receivable), both to the collecting
 * insurer — the lead under 主代从收, each co-insurer under 各收各份额. What cannot be matched to a
 * receivable (an overpayment, a duplicate, money ahead of the bill) waits in payer_credit until it is
 * applied to a receivable or paid back; it is never netted silently against another payer's debt.
 */

/** Who pays premium: the policyholder (an enterprise) or a subsidy funder. */
export type PayerKind = 'enterprise' | 'funder';

/** The receivable a payer's money settles. */
export function receivableOf(kind: PayerKind): 'premium_receivable' | 'subsidy_receivable' {
  if (kind === 'enterprise') return 'premium_receivable';
  if (kind === 'funder') return 'subsidy_receivable';
  throw new RangeError(`unknown payer kind ${JSON.stringify(kind)}`);
}

/**
 * Money received from a payer: Dr cash (applied + unapplied); Cr the payer's receivable by `applied`;
 * Cr payer_credit by `unapplied`. The caller decides the matching (applied ≤ what is owed); both parts
 * are ≥ 0.
 */
export function postPaymentReceipt(input: {
  orgId: string;
  payer: string;
  payerKind: PayerKind;
  applied: Fen;
  unapplied: Fen;
}): JournalLine[] {
  const { orgId, payer, applied, unapplied } = input;
  requireNonNegative(applied, 'an applied receipt');
  requireNonNegative(unapplied, 'an unapplied receipt');
  const receivable = receivableOf(input.payerKind);
  return buildEntry((post) => {
    post('cash', orgId, payer, applied + unapplied);
    post(receivable, orgId, payer, -applied);
    post('payer_credit', orgId, payer, -unapplied);
  });
}

/** Unapplied money of a payer applied to what it owes: Dr payer_credit, Cr its receivable (amount ≥ 0). */
export function postCreditApplication(input: {
  orgId: string;
  payer: string;
  payerKind: PayerKind;
  amount: Fen;
}): JournalLine[] {
  const { orgId, payer, amount } = input;
  requireNonNegative(amount, 'a credit application');
  const receivable = receivableOf(input.payerKind);
  return buildEntry((post) => {
    post('payer_credit', orgId, payer, amount);
    post(receivable, orgId, payer, -amount);
  });
}

/**
 * The insurer pays money back (退费): a cancellation or return premium leaves the receivable negative
 * (`from: 'receivable'`), an overpayment sits in payer_credit (`from: 'credit'`). Dr that account, Cr cash
 * (amount ≥ 0).
 */
export function postRefundPayout(input: {
  orgId: string;
  payee: string;
  payeeKind: PayerKind;
  amount: Fen;
  from: 'receivable' | 'credit';
}): JournalLine[] {
  const { orgId, payee, amount, from } = input;
  requireNonNegative(amount, 'a refund');
  if (from !== 'receivable' && from !== 'credit') throw new RangeError(`cannot refund from ${String(from)}`);
  const receivable = receivableOf(input.payeeKind);
  const account = from === 'credit' ? 'payer_credit' : receivable;
  return buildEntry((post) => {
    post(account, orgId, payee, amount);
    post('cash', orgId, payee, -amount);
  });
}
