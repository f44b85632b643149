import type { Queryable } from '@kebao/db';
import { applyPayment } from '@kebao/domain/billing';
import { grantOpen, postSubsidySettlement, subsidyDue } from '@kebao/domain/ledger';
import type { Fen } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { addDays, parseCalendarDate, startOfDayInstant } from '@kebao/domain/time';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { countGrantSettled, type FunderGrant, funderGrants } from '../subsidy/settlement-service.ts';
import {
  findOrganisationKind,
  type InvoiceRow,
  insurersWithSubsidyOpen,
  type JournalLineInsert,
  lockFunderInvoices,
  openBalancesByPolicy,
  type StatementGrantInsert,
  type StatementItemInsert,
  type StatementRow,
  settleInvoice,
  statementGrants,
  statementItems,
} from './repo.ts';
import { postEntry } from './service.ts';

/*
 * Subsidy settlement statements (补贴结算单). The funder draws one up for an insurer: per policy, the subsidy
 * the insurer billed it and that is still open as of the date (the insurer's subsidy_receivable, its subsidy
 * invoices less credit notes and payments), spread over the funder's grants on the policy with their
 * programmes; a subsidy clawed back after it was paid is listed the other way (the insurer pays it back).
 * Only what a grant still owes is listed. It clears the same amount in both books — the funder's
 * subsidy_payable and the insurer's subsidy_receivable — so the statement lists both. Settling it pays the
 * insurer's subsidy invoices (or its credit notes), and the grants and their programmes count it paid; if a
 * transfer recorded against the same invoices or a claw-back changed what is open since the statement was
 * drawn up, it is refused (void it and draw up a new one), so a subsidy is never paid twice.
 */

/** Who may draw up, settle or void a statement of this kind: the funder for subsidies, insurers otherwise. */
export function requireStatementRight(actor: Actor, kind: StatementRow['kind']): void {
  if (kind !== 'subsidy') {
    if (!can(actor, Permission.LedgerManage)) throw problem('auth.forbidden');
    return;
  }
  if (actor.orgKind !== 'government' || !can(actor, Permission.SubsidyManage)) {
    throw problem('settlement.subsidy_by_funder');
  }
}

/** The insurer a funder settles subsidies with: an insurer organisation on the platform. */
export async function requireSubsidyCounterparty(db: Queryable, counterparty: string): Promise<void> {
  const org = isUuid(counterparty) ? await findOrganisationKind(db, counterparty) : null;
  if (org?.kind === 'insurer') return;
  throw problem('settlement.invalid_counterparty', {
    params: { detail: '须为保险公司机构 / must be an insurer organisation' },
    errors: [
      {
        path: '/body/counterparty',
        code: 'insurer',
        message_zh: '须为保险公司机构的编号',
        message_en: 'Must be the id of an insurer organisation',
      },
    ],
  });
}

/**
 * The insurers a funder may have a subsidy statement to draw up with as of a day: those whose subsidy bills to
 * it are open on some policy at the day's end (or who owe it subsidy clawed back), by name. A grant that no
 * longer owes anything (lapsed, say) leaves nothing to list: drawing up then answers settlement.nothing_due.
 */
export async function subsidyCounterparties(db: Queryable, funder: string, asOf: string) {
  return insurersWithSubsidyOpen(db, funder, startOfDayInstant(addDays(parseCalendarDate(asOf), 1)));
}

/** The items and grants a funder's statement with the insurer lists, up to `until`. */
export async function subsidyListing(
  db: Queryable,
  funder: string,
  insurer: string,
  until: Date,
): Promise<{ items: StatementItemInsert[]; grants: StatementGrantInsert[] }> {
  const receivables = await openBalancesByPolicy(db, insurer, funder, ['subsidy_receivable'], until);
  const byPolicy = groupByPolicy(
    await funderGrants(
      db,
      funder,
      receivables.map((r) => r.policy_id),
    ),
  );
  const items: StatementItemInsert[] = [];
  const grants: StatementGrantInsert[] = [];
  for (const { policy_id: policyId, balance } of receivables) {
    const { due, parts } = subsidyDue(balance, byPolicy.get(policyId) ?? []);
    if (due === 0n) continue;
    items.push(
      { policyId, account: 'subsidy_payable', amount: -due },
      { policyId, account: 'subsidy_receivable', amount: due, orgId: insurer },
    );
    for (const part of parts) grants.push({ grantId: part.grantId, policyId, amount: part.amount });
  }
  return { items, grants };
}

/** Posts a subsidy statement's cash, pays its invoices and counts its grants paid; returns the entry. */
export async function settleSubsidy(ctx: Ctx, statement: StatementRow, channelRef: string): Promise<string> {
  const funder = statement.org_id;
  const insurer = statement.counterparty;
  const due = new Map<string, Fen>();
  for (const item of await statementItems(ctx.db, statement.id)) {
    if (item.org_id === null) due.set(item.policy_id, -item.amount);
  }
  const parts = await statementGrants(ctx.db, statement.id);
  const policyIds = [...due.keys()];
  // Invoices first, then grants: the order a transfer recorded against the same invoices takes them in.
  const invoices = await lockFunderInvoices(ctx.db, insurer, funder, policyIds);
  const grants = new Map((await funderGrants(ctx.db, funder, policyIds, true)).map((g) => [g.id, g]));
  for (const part of parts) {
    const grant = grants.get(part.grant_id);
    const open = grant ? grantOpen(grant) : 0n;
    const fits = part.amount > 0n ? open >= part.amount : open <= part.amount;
    if (!fits) throw changed(statement, part.policy_number);
  }
  const allocations: { invoice: InvoiceRow; amount: Fen }[] = [];
  const lines: JournalLineInsert[] = [];
  for (const [policyId, amount] of due) {
    const ofPolicy = invoices.filter((i) => i.policy_id === policyId);
    const taken = spread(amount, ofPolicy);
    if (taken === null) {
      const number = parts.find((p) => p.policy_id === policyId)?.policy_number ?? policyId;
      throw changed(statement, number);
    }
    allocations.push(...taken);
    for (const line of postSubsidySettlement({ funder, insurer, amount })) lines.push({ ...line, policyId });
  }
  const entryId = await postEntry(ctx, {
    kind: 'settlement',
    description: `补贴结算 ${statement.number}（${channelRef}）`,
    lines,
  });
  for (const part of parts) {
    await countGrantSettled(ctx, grants.get(part.grant_id) as FunderGrant, part.amount);
  }
  for (const { invoice, amount } of allocations) {
    await settleInvoice(ctx.db, invoice.id, {
      id: newId(),
      kind: 'statement',
      paymentId: null,
      offsetId: null,
      statementId: statement.id,
      amount,
      at: ctx.now,
    });
  }
  return entryId;
}

/**
 * What a policy's invoices to the funder take of `amount` — its subsidy invoices earliest due first for a
 * payment, its credit notes for money paid back — or null when they no longer hold that much open.
 */
function spread(amount: Fen, invoices: readonly InvoiceRow[]): { invoice: InvoiceRow; amount: Fen }[] | null {
  const net = invoices.reduce((s, i) => s + i.amount - i.settled, 0n);
  const sign = amount < 0n ? -1n : 1n;
  if (net * sign < amount * sign) return null;
  const sameWay = invoices.filter((i) => i.amount * sign > 0n);
  const { allocations, unapplied } = applyPayment(
    amount * sign,
    sameWay.map((i) => ({ id: i.id, outstanding: (i.amount - i.settled) * sign })),
  );
  if (unapplied !== 0n) return null;
  const byId = new Map(sameWay.map((i) => [i.id, i]));
  return allocations.map((a) => ({ invoice: byId.get(a.id) as InvoiceRow, amount: a.amount * sign }));
}

function changed(statement: StatementRow, policy: string) {
  return problem('settlement.changed', { params: { number: statement.number, policy } });
}

function groupByPolicy(grants: readonly FunderGrant[]): Map<string, FunderGrant[]> {
  const byPolicy = new Map<string, FunderGrant[]>();
  for (const grant of grants) {
    const list = byPolicy.get(grant.policyId) ?? [];
    list.push(grant);
    byPolicy.set(grant.policyId, list);
  }
  return byPolicy;
}
