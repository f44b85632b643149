import { type InvoiceStatus, invoiceStatus, settleInstalments } from '@kebao/domain/billing';
import { ACCOUNTS, isAccount } from '@kebao/domain/ledger';
import { formatYuan } from '@kebao/domain/money';
import type { InstalmentRow, InvoiceListRow, PaymentRow, StatementRow } from './repo.ts';

export function accountInfo(account: string) {
  if (!isAccount(account)) return { account, names: { zh: account, en: account }, nature: 'unknown' };
  const a = ACCOUNTS[account];
  return { account, names: { zh: a.zh, en: a.en }, nature: a.nature };
}

export function statusOf(
  row: InvoiceListRow,
  instalments: readonly InstalmentRow[],
  today: string,
): InvoiceStatus {
  return invoiceStatus(
    {
      amount: row.amount,
      settled: row.settled,
      instalments: settleInstalments(
        instalments.map((i) => ({ seq: i.seq, amount: i.amount, dueDate: i.due_date })),
        row.settled,
      ).map((i) => ({ dueDate: i.dueDate, amount: i.amount, settled: i.settled })),
    },
    today,
  );
}

export function presentInvoiceSummary(row: InvoiceListRow) {
  const status: InvoiceStatus =
    row.amount < 0n
      ? row.settled === row.amount
        ? 'refunded'
        : 'refund_due'
      : row.settled === row.amount
        ? 'paid'
        : row.overdue
          ? 'overdue'
          : row.settled === 0n
            ? 'open'
            : 'partially_paid';
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status,
    issuer: { id: row.org_id, name: row.issuer_name },
    payer: { kind: row.payer_kind, id: row.payer_id, name: row.payer_name },
    policy: { id: row.policy_id, number: row.policy_number },
    amount: formatYuan(row.amount),
    settled: formatYuan(row.settled),
    outstanding: formatYuan(row.amount - row.settled),
    issuedOn: row.issued_on,
    dueDate: row.due_date,
  };
}

export function presentPayment(
  row: PaymentRow & { payer_name?: string; org_name?: string },
  extra: { duplicate?: boolean; allocations?: { invoiceId: string; number: string; amount: bigint }[] } = {},
) {
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    insurer: { id: row.org_id, name: row.org_name ?? '' },
    payer: { kind: row.payer_kind, id: row.payer_id, name: row.payer_name ?? '' },
    channel: row.channel,
    channelRef: row.channel_ref,
    reference: row.reference,
    amount: formatYuan(row.amount),
    applied: formatYuan(row.applied),
    unapplied: formatYuan(row.unapplied),
    receivedOn: row.received_on,
    duplicate: extra.duplicate ?? false,
    allocations: (extra.allocations ?? []).map((a) => ({
      invoiceId: a.invoiceId,
      number: a.number,
      amount: formatYuan(a.amount),
    })),
  };
}

export function presentStatementSummary(
  row: StatementRow & { org_name: string; counterparty_name: string; items?: number },
) {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    drawer: { id: row.org_id, name: row.org_name },
    counterparty: { id: row.counterparty, name: row.counterparty_name },
    asOf: row.as_of,
    amount: formatYuan(row.amount),
    direction: row.amount >= 0n ? 'pay' : 'receive',
    items: row.items ?? 0,
    channelRef: row.channel_ref,
    createdAt: row.created_at.toISOString(),
    settledAt: row.settled_at?.toISOString() ?? null,
  };
}
