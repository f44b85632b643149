import { isOneOf, isUuid } from '../policy/vocabulary.ts';
import { viewerDirection } from './forms.ts';
import { type StatementKind, type StatementStatus, statementKinds } from './vocabulary.ts';

/*
 * 账务核对 → 结算单: the regulator's and the platform's read-only list of every settlement statement — the
 * funders' 补贴结算单 with insurers, the leads' 共保结算单, the bordereaux. Its filters live in the address
 * (`?tab=settlements&kind=subsidy&drawer=…&from=2026-01-01`), so a filtered list can be passed on and comes
 * back with the browser's back button.
 */

export interface StatementFilters {
  kind?: StatementKind;
  /** The organisation that drew it up: the funder of a subsidy statement, the lead, the cedent. */
  drawer?: string;
  /** The other side: the insurer of a subsidy statement, the follower, the reinsurer. */
  counterparty?: string;
  /** The statement's asOf day from and to (YYYY-MM-DD, both inclusive). */
  from?: string;
  to?: string;
}

export const statementFilterKeys = ['kind', 'drawer', 'counterparty', 'from', 'to'] as const;
export type StatementFilterKey = (typeof statementFilterKeys)[number];

/** Whether `text` is a calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The filters the address holds. What is not a filter the server takes — an unknown kind, a drawer that is
 * no id, a day that does not exist, an end before the start — is left out, so a stale or edited link still
 * lists something.
 */
export function readStatementFilters(params: URLSearchParams): StatementFilters {
  const filters: StatementFilters = {};
  const kind = params.get('kind');
  if (isOneOf(statementKinds, kind)) filters.kind = kind;
  const drawer = params.get('drawer') ?? '';
  if (isUuid(drawer)) filters.drawer = drawer;
  const counterparty = (params.get('counterparty') ?? '').trim();
  if (counterparty !== '' && counterparty.length <= 64) filters.counterparty = counterparty;
  const from = params.get('from') ?? '';
  if (isCalendarDay(from)) filters.from = from;
  const to = params.get('to') ?? '';
  if (isCalendarDay(to) && !(filters.from && to < filters.from)) filters.to = to;
  return filters;
}

/** The address with one filter set, or cleared (empty), keeping everything else (the tab). */
export function withStatementFilter(
  params: URLSearchParams,
  key: StatementFilterKey,
  value: string | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === undefined || value.trim() === '') next.delete(key);
  else next.set(key, value.trim());
  return next;
}

/** The address without any filter (the tab kept). */
export function withoutStatementFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of statementFilterKeys) next.delete(key);
  return next;
}

/** Whether any filter is set. */
export function hasStatementFilters(filters: StatementFilters): boolean {
  return statementFilterKeys.some((key) => filters[key] !== undefined);
}

/** One string for the filters: when it changes the list reloads from its first page. */
export function statementFilterKey(filters: StatementFilters): string {
  return statementFilterKeys.map((key) => filters[key] ?? '').join('|');
}

/** The query of `GET /api/settlements` for the filters, a status and a page. */
export function statementListQuery(
  filters: StatementFilters,
  page: { status: StatementStatus | undefined; limit: number; offset: number },
) {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(page.status ? { status: page.status } : {}),
    ...(filters.drawer ? { drawer: filters.drawer } : {}),
    ...(filters.counterparty ? { counterparty: filters.counterparty } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    limit: page.limit,
    offset: page.offset,
  };
}

/**
 * How a statement's amount reads for the viewer: a party to it reads its own side (我方应付 · 我方应收); anyone
 * else — the regulator, the platform — the drawer's (出具方应付 · 出具方应收).
 */
export function statementReading(
  statement: { direction: string; drawer: { id: string }; counterparty: { id: string } },
  orgId: string,
): { party: boolean; direction: 'pay' | 'receive' } {
  const party = statement.drawer.id === orgId || statement.counterparty.id === orgId;
  if (party) return { party, direction: viewerDirection(statement, orgId) };
  return { party, direction: statement.direction === 'receive' ? 'receive' : 'pay' };
}
