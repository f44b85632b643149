import { type JournalLine, postCoinsuranceSettlement, postReinsuranceSettlement } from '@kebao/domain/ledger';
import { formatYuan } from '@kebao/domain/money';
import { addDays, parseCalendarDate, shanghaiDateOf, startOfDayInstant } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  findVisibleStatement,
  hasOpenStatement,
  insertStatement,
  type JournalLineInsert,
  lockDrawer,
  markStatementSettled,
  markStatementVoid,
  nextNumber,
  openBalancesByPolicy,
  type StatementGrantInsert,
  type StatementItemInsert,
  type StatementRow,
  statementItems,
} from './repo.ts';
import { postEntry } from './service.ts';
import {
  requireStatementRight,
  requireSubsidyCounterparty,
  settleSubsidy,
  subsidyListing,
} from './subsidy-settlement-service.ts';

/*
 * Settlement statements (结算单). Under 主代从收 the lead draws one up for each follower: per policy, the
 * premium it collected on the follower's behalf (and, once claims land, the claims it advanced for it);
 * a ceding insurer draws one up for each reinsurer (the bordereau, 分保账单): per policy the ceded premium
 * less the ceding commission; a subsidy funder draws one up for each insurer (补贴结算单, see
 * subsidy-settlement-service.ts). Marking a statement settled posts the cash and clears exactly the balances
 * it lists; what is posted after it was drawn up waits for the next one.
 */

export type StatementKind = StatementRow['kind'];

const ACCOUNTS: Record<Exclude<StatementKind, 'subsidy'>, readonly string[]> = {
  coinsurance: ['coinsurance_payable', 'coinsurance_claims_receivable'],
  reinsurance: ['reinsurance_payable', 'commission_receivable', 'recoveries_receivable'],
};

export async function drawUpStatement(
  ctx: Ctx,
  input: { kind: StatementKind; counterparty: string; asOf?: string | undefined },
) {
  const orgId = ctx.actor.orgId;
  if (!orgId) throw problem('auth.forbidden');
  requireStatementRight(ctx.actor, input.kind);
  if (input.kind === 'coinsurance' && input.counterparty === orgId) {
    throw problem('settlement.invalid_counterparty', {
      params: { detail: '不能与本公司结算 / not your own organisation' },
    });
  }
  if (input.kind === 'subsidy') await requireSubsidyCounterparty(ctx.db, input.counterparty);
  const asOf = input.asOf ?? shanghaiDateOf(ctx.now);
  await lockDrawer(ctx.db, orgId);
  const open = await hasOpenStatement(ctx.db, input.kind, orgId, input.counterparty);
  if (open) throw problem('settlement.open_exists', { params: { number: open.number } });
  const end = startOfDayInstant(addDays(parseCalendarDate(asOf), 1));
  const until = end < ctx.now ? end : ctx.now;
  let items: StatementItemInsert[];
  let grants: StatementGrantInsert[] = [];
  if (input.kind === 'subsidy') {
    ({ items, grants } = await subsidyListing(ctx.db, orgId, input.counterparty, until));
  } else {
    const balances = await openBalancesByPolicy(
      ctx.db,
      orgId,
      input.counterparty,
      ACCOUNTS[input.kind],
      until,
    );
    items = balances.map((b) => ({ policyId: b.policy_id, account: b.account, amount: b.balance }));
  }
  if (items.length === 0) throw problem('settlement.nothing_due', { params: { asOf } });
  // The drawer pays what it owes (credit balances in its books) less what it is owed (debit balances).
  const amount = -items.reduce((s, i) => (i.orgId ? s : s + i.amount), 0n);
  const number = `STL-${asOf.slice(0, 4)}-${(await nextNumber(ctx.db, 'settlement')).toString().padStart(6, '0')}`;
  const row: StatementRow = {
    id: newId(),
    number,
    kind: input.kind,
    org_id: orgId,
    counterparty: input.counterparty,
    as_of: asOf,
    amount,
    status: 'open',
    settle_entry: null,
    channel_ref: null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    settled_at: null,
  };
  await insertStatement(ctx.db, row, items, grants);
  const summary = {
    number,
    kind: input.kind,
    counterparty: input.counterparty,
    asOf,
    amount: formatYuan(amount),
    policies: new Set(items.map((i) => i.policyId)).size,
  };
  ctx.audit({
    action: 'settlement.draw_up',
    entityType: 'settlement_statement',
    entityId: row.id,
    after: summary,
  });
  ctx.emit({
    type: 'settlement.drawn_up',
    aggregateType: 'settlement_statement',
    aggregateId: row.id,
    payload: summary,
    orgIds: input.kind === 'reinsurance' ? [] : [input.counterparty],
  });
  return row;
}

/** Marks a statement settled (paid or received, with the bank reference) and posts the cash per policy. */
export async function settleStatement(ctx: Ctx, id: string, input: { channelRef: string }) {
  const statement = await openStatementOfDrawer(ctx, id);
  const entryId =
    statement.kind === 'subsidy'
      ? await settleSubsidy(ctx, statement, input.channelRef)
      : await settleBetweenInsurers(ctx, statement, input.channelRef);
  await markStatementSettled(ctx.db, id, entryId, input.channelRef, ctx.now);
  const summary = {
    number: statement.number,
    amount: formatYuan(statement.amount),
    channelRef: input.channelRef,
  };
  ctx.audit({
    action: 'settlement.settle',
    entityType: 'settlement_statement',
    entityId: id,
    after: summary,
  });
  ctx.emit({
    type: 'settlement.settled',
    aggregateType: 'settlement_statement',
    aggregateId: id,
    payload: summary,
    orgIds: statement.kind === 'reinsurance' ? [] : [statement.counterparty],
  });
  return { entryId };
}

/** The statement, locked, if the caller drew it up, may settle its kind, and it is still open. */
async function openStatementOfDrawer(ctx: Ctx, id: string): Promise<StatementRow> {
  const statement = await findVisibleStatement(ctx.db, { all: false, orgId: ctx.actor.orgId }, id, true);
  if (!statement) throw problem('settlement.not_found');
  if (statement.org_id !== ctx.actor.orgId) throw problem('settlement.not_drawer');
  requireStatementRight(ctx.actor, statement.kind);
  if (statement.status !== 'open')
    throw problem('settlement.not_open', { params: { status: statement.status } });
  return statement;
}

/** Co-insurance and reinsurance: the cash per policy, by the statement's balances in the drawer's books. */
async function settleBetweenInsurers(ctx: Ctx, statement: StatementRow, channelRef: string) {
  const items = await statementItems(ctx.db, statement.id);
  const byPolicy = new Map<string, Map<string, bigint>>();
  for (const item of items) {
    const m = byPolicy.get(item.policy_id) ?? new Map<string, bigint>();
    m.set(item.account, item.amount);
    byPolicy.set(item.policy_id, m);
  }
  const lines: JournalLineInsert[] = [];
  for (const [policyId, accounts] of byPolicy) {
    const get = (a: string) => accounts.get(a) ?? 0n;
    const posted =
      statement.kind === 'coinsurance'
        ? postCoinsuranceSettlement({
            lead: statement.org_id,
            follower: statement.counterparty,
            premiumDue: -get('coinsurance_payable'),
            claimsDue: get('coinsurance_claims_receivable'),
          })
        : postReinsuranceSettlementSigned(statement.org_id, statement.counterparty, get);
    for (const line of posted) lines.push({ ...line, policyId });
  }
  return postEntry(ctx, {
    kind: 'settlement',
    description: `结算 ${statement.number}（${channelRef}）`,
    lines,
  });
}

/** Voids an open statement drawn up in error (nothing was posted for it). */
export async function voidStatement(ctx: Ctx, id: string) {
  const statement = await openStatementOfDrawer(ctx, id);
  await markStatementVoid(ctx.db, id);
  ctx.audit({
    action: 'settlement.void',
    entityType: 'settlement_statement',
    entityId: id,
    after: { number: statement.number },
  });
}

/**
 * The reinsurance rule takes amounts ≥ 0; a return cession (an endorsement or cancellation) can leave a
 * balance on the other side, which is cleared by the reversed rule.
 */
function postReinsuranceSettlementSigned(orgId: string, reinsurer: string, get: (a: string) => bigint) {
  const ceded = -get('reinsurance_payable');
  const commission = get('commission_receivable');
  const recoveries = get('recoveries_receivable');
  if (ceded >= 0n && commission >= 0n && recoveries >= 0n) {
    return postReinsuranceSettlement({ orgId, reinsurer, cededPremium: ceded, commission, recoveries });
  }
  // Mixed signs: clear each balance and move the net in cash (still one balanced book).
  const lines: JournalLine[] = [
    { account: 'reinsurance_payable', orgId, counterparty: reinsurer, amount: -get('reinsurance_payable') },
    { account: 'commission_receivable', orgId, counterparty: reinsurer, amount: -commission },
    { account: 'recoveries_receivable', orgId, counterparty: reinsurer, amount: -recoveries },
  ];
  const net = lines.reduce((sum, l) => sum + l.amount, 0n);
  lines.push({ account: 'cash', orgId, counterparty: reinsurer, amount: -net });
  return lines.filter((l) => l.amount !== 0n);
}
