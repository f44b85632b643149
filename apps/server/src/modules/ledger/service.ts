import type { Queryable } from '@kebao/db';
import { dueDate, type InvoiceKind } from '@kebao/domain/billing';
import { assertBalanced, type JournalLine } from '@kebao/domain/ledger';
import { shanghaiDateOf } from '@kebao/domain/time';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  type InvoiceRow,
  insertInvoices,
  insertJournalBatch,
  insertJournalEntry,
  invoicesByPolicy,
  type JournalLineInsert,
  journalOfCertificate,
  journalOfPolicy,
  lockOpenInvoicesOfPayer,
  nextNumber,
  policyBillingFacts,
  settleInvoice,
  trialBalance,
} from './repo.ts';

/*
 * The journal's door for other contexts: a posting rule's lines are checked to balance and stored in the
 * caller's transaction, tagged with the policy, product code and statistical class. A premium movement
 * (bind, endorsement, cancellation) also raises its invoices: one per collecting insurer and payer — the
 * policyholder's net premium, the funder's subsidy share, an additional premium, or a credit note for a
 * return — so the documents people pay always agree with the receivables in the books.
 */
export interface PostingInput {
  kind: 'bind' | 'endorse' | 'cancel' | 'subsidy_lapse';
  policyId: string;
  description: string;
  productCode: string;
  statisticalClass: string;
  /** A group movement's lines also name the member certificate whose share each is. */
  lines: readonly (JournalLine & { certificateId?: string | null })[];
}

export async function postJournal(ctx: Ctx, input: PostingInput): Promise<string | null> {
  if (input.lines.length === 0) return null;
  assertBalanced(input.lines);
  const id = newId();
  await insertJournalEntry(ctx.db, {
    id,
    kind: input.kind,
    policyId: input.policyId,
    description: input.description,
    postedAt: ctx.now,
    productCode: input.productCode,
    statisticalClass: input.statisticalClass,
    lines: input.lines,
  });
  await raiseInvoices(ctx, id, input);
  return id;
}

/**
 * Bulk posting for a single writer (bulk loads): every entry checked to balance, all stored in the caller's
 * transaction in two statements. Returns the entry ids in order.
 */
export async function postJournalBatch(
  ctx: Pick<Ctx, 'db' | 'now'>,
  inputs: readonly (Omit<PostingInput, 'kind'> & { kind: string })[],
): Promise<string[]> {
  const entries = inputs.map((input) => {
    assertBalanced(input.lines);
    return {
      id: newId(),
      kind: input.kind,
      policyId: input.policyId,
      description: input.description,
      postedAt: ctx.now,
      productCode: input.productCode,
      statisticalClass: input.statisticalClass,
      lines: input.lines,
    };
  });
  await insertJournalBatch(ctx.db, entries);
  return entries.map((e) => e.id);
}

/** A journal entry of the ledger's own (payments, settlements, the close); lines may carry their own tags. */
export async function postEntry(
  ctx: Ctx,
  input: {
    kind: string;
    description: string;
    policyId?: string | null;
    reverses?: string | null;
    lines: readonly JournalLineInsert[];
  },
): Promise<string> {
  assertBalanced(input.lines as JournalLine[]);
  const id = newId();
  await insertJournalEntry(ctx.db, {
    id,
    kind: input.kind,
    policyId: input.policyId ?? null,
    description: input.description,
    postedAt: ctx.now,
    productCode: null,
    statisticalClass: null,
    reverses: input.reverses ?? null,
    lines: input.lines,
  });
  return id;
}

async function raiseInvoices(ctx: Ctx, entryId: string, input: PostingInput): Promise<void> {
  const receivables = new Map<
    string,
    { orgId: string; payerKind: 'enterprise' | 'funder'; payerId: string; amount: bigint }
  >();
  for (const line of input.lines) {
    if (line.account !== 'premium_receivable' && line.account !== 'subsidy_receivable') continue;
    const payerKind = line.account === 'premium_receivable' ? 'enterprise' : 'funder';
    const key = `${line.orgId}|${payerKind}|${line.counterparty}`;
    const sum = receivables.get(key) ?? {
      orgId: line.orgId,
      payerKind,
      payerId: line.counterparty,
      amount: 0n,
    };
    sum.amount += line.amount;
    receivables.set(key, sum);
  }
  const due = [...receivables.values()].filter((r) => r.amount !== 0n);
  if (due.length === 0) return;
  const facts = await policyBillingFacts(ctx.db, input.policyId);
  const issuedOn = shanghaiDateOf(ctx.now);
  const rows: Omit<InvoiceRow, 'settled'>[] = [];
  for (const r of due) {
    const kind: InvoiceKind =
      r.amount < 0n
        ? 'credit_note'
        : r.payerKind === 'funder'
          ? 'subsidy'
          : input.kind === 'bind'
            ? 'premium'
            : 'additional';
    const n = await nextNumber(ctx.db, 'invoice');
    rows.push({
      id: newId(),
      number: invoiceNumber(issuedOn, n),
      org_id: r.orgId,
      payer_kind: r.payerKind,
      payer_id: r.payerId,
      payer_org: r.payerKind === 'funder' ? r.payerId : (facts?.enterprise_org ?? null),
      policy_id: input.policyId,
      entry_id: entryId,
      kind,
      amount: r.amount,
      issued_on: issuedOn,
      due_date: dueDate(kind, issuedOn),
      created_at: ctx.now,
    });
  }
  await insertInvoices(ctx.db, rows);
  for (const note of rows.filter((r) => r.amount < 0n)) await offsetCreditNote(ctx, note);
}

/**
 * A credit note (a return premium) first offsets what the same payer still owes the same insurer on the
 * same policy (冲抵); only the rest is paid back. No journal entry: both sides are the same receivable.
 */
async function offsetCreditNote(ctx: Ctx, note: Omit<InvoiceRow, 'settled'>): Promise<void> {
  let left = -note.amount;
  for (const open of await lockOpenInvoicesOfPayer(ctx.db, note.org_id, note.payer_id, note.policy_id)) {
    if (left === 0n) break;
    const outstanding = open.amount - open.settled;
    const take = outstanding < left ? outstanding : left;
    await settleInvoice(ctx.db, open.id, {
      id: newId(),
      kind: 'offset',
      paymentId: null,
      offsetId: note.id,
      amount: take,
      at: ctx.now,
    });
    await settleInvoice(ctx.db, note.id, {
      id: newId(),
      kind: 'offset',
      paymentId: null,
      offsetId: open.id,
      amount: -take,
      at: ctx.now,
    });
    left -= take;
  }
}

/** 缴费通知书 numbers: INV-2026-000123 (the year of issue and a platform-wide sequence). */
export function invoiceNumber(issuedOn: string, n: bigint): string {
  return `INV-${issuedOn.slice(0, 4)}-${n.toString().padStart(6, '0')}`;
}

/** A policy's invoices (any issuer, any payer), oldest first. */
export const invoicesOfPolicy = (db: Queryable, policyId: string) => invoicesByPolicy(db, policyId);

export const policyJournal = (db: Queryable, policyId: string) => journalOfPolicy(db, policyId);

/** A group member certificate's share of its master's journal. */
export const certificateJournal = (db: Queryable, certificateId: string) =>
  journalOfCertificate(db, certificateId);

/** The trial balance (per account: debits, credits, balance) of one organisation's books or of the platform. */
export const trialBalanceOf = (db: Queryable, orgId: string | null, asOf: Date) =>
  trialBalance(db, orgId, asOf);
