import { applyPayment, instalmentPlan } from '@kebao/domain/billing';
import { postCreditApplication, postPaymentReceipt, postRefundPayout } from '@kebao/domain/ledger';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { shanghaiDateOf } from '@kebao/domain/time';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { funderMoneyMoved } from '../subsidy/service.ts';
import {
  findEnterprisePayer,
  findFunderPayer,
  findPaymentByChannelRef,
  type InvoiceRow,
  insertPayment,
  type JournalLineInsert,
  lockCreditPayments,
  lockInvoice,
  lockInvoiceByNumber,
  lockOpenInvoicesOfPayer,
  nextNumber,
  type PaymentRow,
  replaceInstalments,
  settleInvoice,
  useCredit,
} from './repo.ts';
import { postEntry } from './service.ts';

/*
 * Billing (收付费): payments received by an insurer and matched to its invoices by reference, partial,
 * over- and duplicate payments, payer credit, refunds of credit notes, and instalment plans. Each change
 * is one transaction with its journal entry, audit record and event.
 */

export type Channel = 'bank_transfer' | 'ecny' | 'offline';

export interface PaymentInput {
  payerKind: 'enterprise' | 'funder';
  payerId: string;
  channel: Channel;
  channelRef: string;
  reference?: string | undefined;
  amount: bigint;
  receivedOn: string;
}

export interface RecordedPayment {
  payment: PaymentRow;
  duplicate: boolean;
  allocations: { invoiceId: string; number: string; amount: bigint }[];
}

/**
 * Records money an insurer received. The same (channel, transaction reference) again is a duplicate: it
 * answers the first payment (nothing is posted twice) when amount and payer agree, and is refused when they
 * differ. A reference naming one of the insurer's invoices settles that invoice first; without one, the
 * payer's open invoices at this insurer are settled earliest due first. What is left (an overpayment, or
 * money that matches nothing) is kept as the payer's credit.
 */
export async function recordPayment(ctx: Ctx, input: PaymentInput): Promise<RecordedPayment> {
  const orgId = ctx.actor.orgId;
  if (!orgId) throw problem('auth.forbidden');
  const existing = await findPaymentByChannelRef(ctx.db, orgId, input.channel, input.channelRef);
  if (existing) {
    if (
      existing.amount !== input.amount ||
      existing.payer_id !== input.payerId ||
      existing.direction !== 'in'
    ) {
      throw problem('payment.duplicate_reference', {
        params: { channelRef: input.channelRef, number: existing.number },
      });
    }
    return { payment: existing, duplicate: true, allocations: [] };
  }
  const payer =
    input.payerKind === 'enterprise'
      ? await findEnterprisePayer(ctx.db, input.payerId)
      : await findFunderPayer(ctx.db, input.payerId);
  if (!payer) throw problem('payment.payer_not_found', { errors: [fieldError('/body/payerId')] });

  let open: InvoiceRow[];
  const referenced = input.reference
    ? await lockInvoiceByNumber(ctx.db, orgId, input.reference.trim())
    : null;
  if (referenced) {
    if (referenced.payer_id !== input.payerId) {
      throw problem('payment.reference_other_payer', { params: { number: referenced.number } });
    }
    open = referenced.amount > 0n && referenced.settled !== referenced.amount ? [referenced] : [];
  } else if (input.reference) {
    open = []; // a reference that names nothing here: kept as credit until someone matches it
  } else {
    open = await lockOpenInvoicesOfPayer(ctx.db, orgId, input.payerId);
  }
  const { allocations, unapplied } = applyPayment(
    input.amount,
    open.map((i) => ({ id: i.id, outstanding: i.amount - i.settled })),
  );
  const byId = new Map(open.map((i) => [i.id, i]));
  const lines: JournalLineInsert[] = [];
  for (const a of allocations) {
    const invoice = byId.get(a.id) as InvoiceRow;
    for (const line of postPaymentReceipt({
      orgId,
      payer: input.payerId,
      payerKind: input.payerKind,
      applied: a.amount,
      unapplied: 0n,
    })) {
      lines.push({ ...line, policyId: invoice.policy_id });
    }
  }
  if (unapplied > 0n) {
    lines.push(
      ...postPaymentReceipt({
        orgId,
        payer: input.payerId,
        payerKind: input.payerKind,
        applied: 0n,
        unapplied,
      }),
    );
  }
  const number = `RCV-${input.receivedOn.slice(0, 4)}-${(await nextNumber(ctx.db, 'payment')).toString().padStart(6, '0')}`;
  const entryId = await postEntry(ctx, {
    kind: 'payment',
    description: `收款 ${number}（${channelLabel(input.channel)} ${input.channelRef}）`,
    policyId: open.length === 1 && allocations.length === 1 ? (open[0]?.policy_id ?? null) : null,
    lines,
  });
  const payment: PaymentRow = {
    id: newId(),
    number,
    org_id: orgId,
    direction: 'in',
    payer_kind: input.payerKind,
    payer_id: input.payerId,
    payer_org: payer.org_id,
    channel: input.channel,
    channel_ref: input.channelRef,
    reference: input.reference?.trim() || null,
    amount: input.amount,
    applied: input.amount - unapplied,
    unapplied,
    received_on: input.receivedOn,
    entry_id: entryId,
    recorded_by: ctx.actor.userId,
    created_at: ctx.now,
  };
  await insertPayment(ctx.db, payment);
  if (input.payerKind === 'funder') {
    for (const a of allocations) {
      const invoice = byId.get(a.id) as InvoiceRow;
      await funderMoneyMoved(ctx, {
        funderOrgId: input.payerId,
        insurerOrgId: orgId,
        policyId: invoice.policy_id,
        amount: a.amount,
      });
    }
    await funderMoneyMoved(ctx, {
      funderOrgId: input.payerId,
      insurerOrgId: orgId,
      policyId: null,
      amount: unapplied,
    });
  }
  const applied: RecordedPayment['allocations'] = [];
  for (const a of allocations) {
    await settleInvoice(ctx.db, a.id, {
      id: newId(),
      kind: 'payment',
      paymentId: payment.id,
      offsetId: null,
      amount: a.amount,
      at: ctx.now,
    });
    applied.push({ invoiceId: a.id, number: (byId.get(a.id) as InvoiceRow).number, amount: a.amount });
  }
  const summary = {
    number,
    payer: input.payerId,
    amount: formatYuan(input.amount),
    applied: applied.map((a) => ({ invoice: a.number, amount: formatYuan(a.amount) })),
    unapplied: formatYuan(unapplied),
    channel: input.channel,
    channelRef: input.channelRef,
  };
  ctx.audit({ action: 'payment.record', entityType: 'payment', entityId: payment.id, after: summary });
  ctx.emit({
    type: 'payment.received',
    aggregateType: 'payment',
    aggregateId: payment.id,
    payload: summary,
    orgIds: payer.org_id ? [payer.org_id] : [],
  });
  return { payment, duplicate: false, allocations: applied };
}

/** Applies the payer's unapplied money at this insurer (oldest first) to one of its open invoices. */
export async function applyCredit(ctx: Ctx, invoiceId: string) {
  const invoice = await issuedInvoice(ctx, invoiceId);
  const outstanding = invoice.amount - invoice.settled;
  if (invoice.amount < 0n || outstanding === 0n) throw problem('payment.no_credit');
  const credits = await lockCreditPayments(ctx.db, invoice.org_id, invoice.payer_id);
  let left = outstanding;
  let used = 0n;
  for (const p of credits) {
    if (left === 0n) break;
    const take = p.unapplied < left ? p.unapplied : left;
    await useCredit(ctx.db, p.id, take);
    await settleInvoice(ctx.db, invoice.id, {
      id: newId(),
      kind: 'credit',
      paymentId: p.id,
      offsetId: null,
      amount: take,
      at: ctx.now,
    });
    left -= take;
    used += take;
  }
  if (used === 0n) throw problem('payment.no_credit');
  await postEntry(ctx, {
    kind: 'credit',
    description: `溢缴款冲抵 ${invoice.number}`,
    policyId: invoice.policy_id,
    lines: postCreditApplication({
      orgId: invoice.org_id,
      payer: invoice.payer_id,
      payerKind: invoice.payer_kind,
      amount: used,
    }).map((l) => ({ ...l, policyId: invoice.policy_id })),
  });
  ctx.audit({
    action: 'invoice.apply_credit',
    entityType: 'invoice',
    entityId: invoice.id,
    after: { number: invoice.number, applied: formatYuan(used) },
  });
  emitInvoiceSettled(ctx, invoice, used);
  return { applied: used };
}

/** The insurer pays a credit note's refund back to the payer (退费支付). */
export async function refundCreditNote(
  ctx: Ctx,
  invoiceId: string,
  input: { channel: Channel; channelRef: string; paidOn: string },
) {
  const invoice = await issuedInvoice(ctx, invoiceId);
  if (invoice.amount > 0n) throw problem('invoice.not_credit_note', { params: { number: invoice.number } });
  const due = invoice.settled - invoice.amount; // positive: what is still to be paid back
  if (due === 0n) throw problem('invoice.refunded');
  const existing = await findPaymentByChannelRef(ctx.db, invoice.org_id, input.channel, input.channelRef);
  if (existing) {
    throw problem('payment.duplicate_reference', {
      params: { channelRef: input.channelRef, number: existing.number },
    });
  }
  const number = `PAY-${input.paidOn.slice(0, 4)}-${(await nextNumber(ctx.db, 'payment')).toString().padStart(6, '0')}`;
  const entryId = await postEntry(ctx, {
    kind: 'refund',
    description: `退费 ${invoice.number}（${channelLabel(input.channel)} ${input.channelRef}）`,
    policyId: invoice.policy_id,
    lines: postRefundPayout({
      orgId: invoice.org_id,
      payee: invoice.payer_id,
      payeeKind: invoice.payer_kind,
      amount: due,
      from: 'receivable',
    }).map((l) => ({ ...l, policyId: invoice.policy_id })),
  });
  const payment: PaymentRow = {
    id: newId(),
    number,
    org_id: invoice.org_id,
    direction: 'out',
    payer_kind: invoice.payer_kind,
    payer_id: invoice.payer_id,
    payer_org: invoice.payer_org,
    channel: input.channel,
    channel_ref: input.channelRef,
    reference: invoice.number,
    amount: due,
    applied: due,
    unapplied: 0n,
    received_on: input.paidOn,
    entry_id: entryId,
    recorded_by: ctx.actor.userId,
    created_at: ctx.now,
  };
  await insertPayment(ctx.db, payment);
  if (invoice.payer_kind === 'funder') {
    await funderMoneyMoved(ctx, {
      funderOrgId: invoice.payer_id,
      insurerOrgId: invoice.org_id,
      policyId: invoice.policy_id,
      amount: -due,
    });
  }
  await settleInvoice(ctx.db, invoice.id, {
    id: newId(),
    kind: 'refund',
    paymentId: payment.id,
    offsetId: null,
    amount: -due,
    at: ctx.now,
  });
  ctx.audit({
    action: 'invoice.refund',
    entityType: 'invoice',
    entityId: invoice.id,
    after: { number: invoice.number, refunded: formatYuan(due), payment: number },
  });
  emitInvoiceSettled(ctx, invoice, -due);
  return { payment };
}

/**
 * Splits an unpaid premium invoice into 1, 2, 4 or 12 instalments (分期缴费), the first due on the
 * invoice's due date. The issuer or the payer may choose, as long as nothing has been paid or offset.
 */
export async function setInstalments(ctx: Ctx, invoiceId: string, count: number) {
  const invoice = await lockInvoice(ctx.db, invoiceId);
  if (!invoice) throw problem('invoice.not_found');
  const issuer = invoice.org_id === ctx.actor.orgId && can(ctx.actor, Permission.LedgerManage);
  const payer = invoice.payer_org !== null && invoice.payer_org === ctx.actor.orgId;
  if (!issuer && !payer) throw problem('invoice.not_found');
  if (invoice.amount < 0n || invoice.kind === 'subsidy') throw problem('invoice.not_instalable');
  if (invoice.settled !== 0n) throw problem('invoice.settled', { params: { number: invoice.number } });
  let plan: ReturnType<typeof instalmentPlan>;
  try {
    plan = instalmentPlan(invoice.amount, count, invoice.due_date);
  } catch {
    throw problem('request.invalid', { errors: [fieldError('/body/count')] });
  }
  await replaceInstalments(ctx.db, invoice.id, plan);
  ctx.audit({
    action: 'invoice.instalments',
    entityType: 'invoice',
    entityId: invoice.id,
    after: {
      number: invoice.number,
      instalments: plan.map((p) => ({ due: p.dueDate, amount: formatYuan(p.amount) })),
    },
  });
  return plan;
}

async function issuedInvoice(ctx: Ctx, invoiceId: string): Promise<InvoiceRow> {
  const invoice = await lockInvoice(ctx.db, invoiceId);
  if (!invoice) throw problem('invoice.not_found');
  if (invoice.org_id !== ctx.actor.orgId) {
    // the payer learns it is not theirs to do; anyone else that there is no such invoice
    if (invoice.payer_org === ctx.actor.orgId) throw problem('invoice.not_issuer');
    throw problem('invoice.not_found');
  }
  return invoice;
}

function emitInvoiceSettled(ctx: Ctx, invoice: InvoiceRow, amount: bigint): void {
  ctx.emit({
    type: 'invoice.settled',
    aggregateType: 'invoice',
    aggregateId: invoice.id,
    payload: { number: invoice.number, policyId: invoice.policy_id, amount: formatYuan(amount) },
    orgIds: invoice.payer_org ? [invoice.payer_org] : [],
  });
}

export function channelLabel(channel: Channel): string {
  return channel === 'bank_transfer' ? '银行转账' : channel === 'ecny' ? '数字人民币' : '线下';
}

function fieldError(path: string) {
  return { path, code: 'invalid', message_zh: '取值无效', message_en: 'invalid value' };
}

export const todayOf = (ctx: { now: Date }) => shanghaiDateOf(ctx.now);
