import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  channels,
  type InvoiceStatus,
  invoiceKinds,
  invoiceStatuses,
  payerKinds,
  type StatementStatus,
  settlementKinds,
  statementDirections,
  statementKinds,
  statementStatuses,
} from '../../ledger/vocabulary.ts';
import { isOneOf } from '../../policy/vocabulary.ts';

const invoiceColors: Record<InvoiceStatus, string | undefined> = {
  open: 'blue',
  partially_paid: 'gold',
  overdue: 'red',
  paid: 'green',
  refund_due: 'orange',
  refunded: undefined,
};

/** 待缴费 · 部分缴费 · 已逾期 · 已结清 · 待退费 · 已退费. */
export function InvoiceStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(invoiceStatuses, status) ? invoiceColors[status] : undefined}
      data-testid="invoice-status"
      data-status={status}
    >
      {isOneOf(invoiceStatuses, status) ? t(`invoices.statuses.${status}`) : status}
    </Tag>
  );
}

const statementColors: Record<StatementStatus, string | undefined> = {
  open: 'processing',
  settled: 'green',
  void: undefined,
};

/** 待结算 · 已结算 · 已作废. */
export function StatementStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(statementStatuses, status) ? statementColors[status] : undefined}
      data-testid="settlement-status"
      data-status={status}
    >
      {isOneOf(statementStatuses, status) ? t(`settlements.statuses.${status}`) : status}
    </Tag>
  );
}

/** The names of the ledger's codes in the current language; an unknown code is shown as it is. */
export function useLedgerLabels() {
  const { t } = useTranslation();
  return {
    invoiceKind: useCallback(
      (kind: string) => (isOneOf(invoiceKinds, kind) ? t(`invoices.kinds.${kind}`) : kind),
      [t],
    ),
    channel: useCallback(
      (channel: string | null) =>
        channel === null ? '—' : isOneOf(channels, channel) ? t(`payment.channels.${channel}`) : channel,
      [t],
    ),
    settlementKind: useCallback(
      (kind: string) => (isOneOf(settlementKinds, kind) ? t(`invoice.settlementKinds.${kind}`) : kind),
      [t],
    ),
    statementKind: useCallback(
      (kind: string) => (isOneOf(statementKinds, kind) ? t(`settlements.kinds.${kind}`) : kind),
      [t],
    ),
    direction: useCallback(
      (direction: string) =>
        isOneOf(statementDirections, direction) ? t(`settlements.directions.${direction}`) : direction,
      [t],
    ),
    payerKind: useCallback(
      (kind: string) => (isOneOf(payerKinds, kind) ? t(`payment.payerKinds.${kind}`) : kind),
      [t],
    ),
  };
}
