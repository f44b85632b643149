import { Permission } from '@kebao/domain/org';
import { fenOf } from '../format/decimal.ts';
import { normaliseYuan } from '../format/money.ts';
import { isOneOf } from '../policy/vocabulary.ts';
import type { BalanceRow, InvoiceSummary, PaymentBody, RefundBody, StatementQuery } from './types.ts';
import {
  type Channel,
  type ExportFormat,
  type InsurerStatementKind,
  type PayerKind,
  payerKinds,
} from './vocabulary.ts';

/*
 * The forms of billing and settlement: their values, the request bodies they become, where the server's
 * field errors go, and the small readings of amounts and balances the pages need.
 */

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
}

// ---- amounts ---------------------------------------------------------------------------------------

/** Whether a yuan string is below zero (a credit note, a payable). */
export function isNegative(amount: string): boolean {
  const fen = fenOf(amount);
  return fen !== null && fen < 0n;
}

/** Whether a yuan string is zero ("0.00", "-0.00"). */
export function isZero(amount: string): boolean {
  return fenOf(amount) === 0n;
}

/** Fen as a yuan string with two places: -12345n → "-123.45". */
function yuanOfFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** `-a` of a yuan string ("-0.00" is "0.00"); text that is no amount comes back as it is. */
export function negateYuan(amount: string): string {
  const fen = fenOf(amount);
  return fen === null ? amount : yuanOfFen(-fen);
}

/** `|a|` of a yuan string. */
export function absYuan(amount: string): string {
  return isNegative(amount) ? negateYuan(amount) : amount;
}

/**
 * A balance as its account reads it: debits are positive in the journal, so liabilities and income are
 * turned round (a payable of ¥100 is stored as -100.00).
 */
export function naturalBalance(balance: string, nature: string): string {
  return nature === 'liability' || nature === 'income' ? negateYuan(balance) : balance;
}

// ---- 登记收款 ---------------------------------------------------------------------------------------

/** A payer in a picker: which kind of payer and its id, as one option value. */
export interface Payer {
  kind: PayerKind;
  id: string;
  name: string;
}

export function payerKey(payer: { kind: string; id: string }): string {
  return `${payer.kind}:${payer.id}`;
}

export function readPayerKey(key: string | undefined): { kind: PayerKind; id: string } | null {
  const at = key?.indexOf(':') ?? -1;
  if (!key || at < 0) return null;
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  return isOneOf(payerKinds, kind) && id !== '' ? { kind, id } : null;
}

/** The payers of a list of invoices, each once, by name. */
export function payersOf(invoices: readonly Pick<InvoiceSummary, 'payer'>[]): Payer[] {
  const byKey = new Map<string, Payer>();
  for (const { payer } of invoices) {
    if (!isOneOf(payerKinds, payer.kind)) continue;
    const key = payerKey(payer);
    if (!byKey.has(key)) byKey.set(key, { kind: payer.kind, id: payer.id, name: payer.name });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface PaymentValues {
  /** `enterprise:<id>` or `funder:<id>` (see payerKey). */
  payer?: string;
  channel: Channel;
  channelRef: string;
  reference?: string;
  amount: string;
  receivedOn: string;
}

/** The body of POST /api/payments; an amount that cannot be read is sent as typed for the server to name. */
export function paymentBody(values: PaymentValues): PaymentBody {
  const payer = readPayerKey(values.payer);
  const amount = values.amount.trim();
  const reference = trimmed(values.reference);
  return {
    payerKind: payer?.kind ?? 'enterprise',
    payerId: payer?.id ?? '',
    channel: values.channel,
    channelRef: values.channelRef.trim(),
    ...(reference === undefined ? {} : { reference }),
    amount: normaliseYuan(amount) ?? amount,
    receivedOn: values.receivedOn,
  };
}

const paymentFields = ['channel', 'channelRef', 'reference', 'amount', 'receivedOn'] as const;

/** `/body/payerId` and `/body/payerKind` → payer; the other fields keep their names. */
export function paymentFieldOfPath(path: string[]): string[] | null {
  const [root] = path;
  if (root === 'payerId' || root === 'payerKind') return ['payer'];
  return isOneOf(paymentFields, root) ? [root] : null;
}

// ---- 退费 ------------------------------------------------------------------------------------------

export interface RefundValues {
  channel: Channel;
  channelRef: string;
  paidOn: string;
}

export function refundBody(values: RefundValues): RefundBody {
  return { channel: values.channel, channelRef: values.channelRef.trim(), paidOn: values.paidOn };
}

// ---- books and statements --------------------------------------------------------------------------

/** The accounts whose counterparty is a follower (coinsurance) or a reinsurer (reinsurance). */
const counterpartyAccounts: Record<InsurerStatementKind, readonly string[]> = {
  coinsurance: ['coinsurance_payable', 'coinsurance_receivable'],
  reinsurance: ['reinsurance_payable', 'commission_receivable', 'recoveries_receivable'],
};

/**
 * The counterparties an insurer's statement of `kind` can be drawn up with, from its balances, each once.
 * (A funder's subsidy statement is drawn up with the insurers that billed it: subsidyInsurersOf.)
 */
export function counterpartiesOf(
  rows: readonly BalanceRow[],
  kind: InsurerStatementKind,
): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const row of rows) {
    if (!counterpartyAccounts[kind].includes(row.account) || isZero(row.balance)) continue;
    if (!byId.has(row.counterparty)) byId.set(row.counterparty, row.counterpartyName || row.counterparty);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * The insurers a funder can draw up a subsidy statement with: the issuers of the subsidy invoices billed to
 * it that are not settled yet (unpaid, or a credit note still to be refunded), each once, by name.
 */
export function subsidyInsurersOf(
  invoices: readonly Pick<InvoiceSummary, 'issuer' | 'outstanding'>[],
): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const { issuer, outstanding } of invoices) {
    if (!isZero(outstanding) && !byId.has(issuer.id)) byId.set(issuer.id, issuer.name);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Every counterparty of the caller's books, each once (for the account statement's filter). */
export function allCounterparties(rows: readonly BalanceRow[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const row of rows)
    if (!byId.has(row.counterparty)) byId.set(row.counterparty, row.counterpartyName || row.counterparty);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface StatementFilters {
  counterparty?: string | undefined;
  account?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The statement's query without empty filters. */
export function statementQuery(filters: StatementFilters): StatementQuery {
  const query: StatementQuery = {};
  const counterparty = trimmed(filters.counterparty);
  if (counterparty !== undefined) query.counterparty = counterparty;
  const account = trimmed(filters.account);
  if (account !== undefined) query.account = account;
  const from = trimmed(filters.from);
  if (from !== undefined) query.from = from;
  const to = trimmed(filters.to);
  if (to !== undefined) query.to = to;
  return query;
}

/** The download of the account statement for the same filters. */
export function statementHref(format: ExportFormat, filters: StatementFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(statementQuery(filters))) params.set(key, String(value));
  params.set('format', format);
  return `/api/ledger/statement?${params.toString()}`;
}

/**
 * Which way a settlement statement's money goes for the viewer: the amount is the drawer's (positive:
 * the drawer pays), so its counterparty reads it the other way round.
 */
export function viewerDirection(
  statement: { direction: string; drawer: { id: string }; counterparty: { id: string } },
  orgId: string,
): 'pay' | 'receive' {
  const drawerPays = statement.direction === 'pay';
  const counterparty = statement.counterparty.id === orgId && statement.drawer.id !== orgId;
  return drawerPays !== counterparty ? 'pay' : 'receive';
}

// ---- the monthly close -----------------------------------------------------------------------------

/** The month before `today` ('YYYY-MM-DD' → 'YYYY-MM'): the one usually closed next. */
export function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

// ---- where invoices are read -----------------------------------------------------------------------

/**
 * Where a user reads invoices: insurers in 财务, readers of the whole ledger in 账务核对, payers
 * (enterprises, funders) in 账单; null without the right to read any.
 */
export function invoicesBase(
  permissions: readonly string[],
): '/finance' | '/reconciliation' | '/bills' | null {
  if (permissions.includes(Permission.LedgerManage)) return '/finance';
  if (permissions.includes(Permission.LedgerReadAll)) return '/reconciliation';
  if (permissions.includes(Permission.LedgerRead)) return '/bills';
  return null;
}

/** The list of a policy's invoices for this user, or null. */
export function policyInvoicesPath(permissions: readonly string[], policyId: string): string | null {
  const base = invoicesBase(permissions);
  if (base === null) return null;
  const params = new URLSearchParams({ policyId });
  if (base !== '/bills') params.set('tab', 'invoices');
  return `${base}?${params.toString()}`;
}

/** An invoice's page under the list it was opened from. */
export function invoicePath(base: '/finance' | '/reconciliation' | '/bills', id: string): string {
  return base === '/bills' ? `/bills/${id}` : `${base}/invoices/${id}`;
}
