/*
 * The codes the ledger API writes as plain strings (its schema documents them in descriptions). Pages
 * label the known ones and show an unknown code from a newer server as it is.
 */

/** 待缴费 · 部分缴费 · 已逾期 · 已结清 · 待退费 · 已退费. */
export const invoiceStatuses = [
  'open',
  'partially_paid',
  'overdue',
  'paid',
  'refund_due',
  'refunded',
] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** The list filter also offers 未结清 (open, partially paid or overdue). */
export const invoiceFilters = [...invoiceStatuses, 'unpaid'] as const;
export type InvoiceFilter = (typeof invoiceFilters)[number];

export const invoiceKinds = ['premium', 'subsidy', 'additional', 'credit_note'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

/** How an invoice was settled: 缴费 · 退费 · 溢缴款冲抵 · 退费冲抵 · 结算单结算 (a subsidy statement). */
export const settlementKinds = ['payment', 'refund', 'credit', 'offset', 'statement'] as const;
export type SettlementKind = (typeof settlementKinds)[number];

export const channels = ['bank_transfer', 'ecny', 'offline'] as const;
export type Channel = (typeof channels)[number];

export const payerKinds = ['enterprise', 'funder'] as const;
export type PayerKind = (typeof payerKinds)[number];

/** 1 whole, 2 half-yearly, 4 quarterly, 12 monthly. */
export const instalmentCounts = [1, 2, 4, 12] as const;
export type InstalmentCount = (typeof instalmentCounts)[number];

/**
 * Settlement statements: 共保结算单 with a follower, 分保账单 with a reinsurer (both drawn up by insurers),
 * 补贴结算单 between a subsidy funder and an insurer (drawn up by the funder).
 */
export const statementKinds = ['coinsurance', 'reinsurance', 'subsidy'] as const;
export type StatementKind = (typeof statementKinds)[number];

/** The statements an insurer draws up. */
export const insurerStatementKinds = [
  'coinsurance',
  'reinsurance',
] as const satisfies readonly StatementKind[];
export type InsurerStatementKind = (typeof insurerStatementKinds)[number];

export const statementStatuses = ['open', 'settled', 'void'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

/** pay: the drawer pays the counterparty; receive: it is paid. */
export const statementDirections = ['pay', 'receive'] as const;
export type StatementDirection = (typeof statementDirections)[number];

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
