import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatYuan, parseYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { addDays, parseCalendarDate, shanghaiDateOf, startOfDayInstant } from '@kebao/domain/time';
import { Type } from 'typebox';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { type Table, toCsv, toXlsx } from '../../platform/files/tables.ts';
import { IdempotencyHeaders, Page, problemResponses } from '../../platform/http/schemas.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import { applyCredit, recordPayment, refundCreditNote, setInstalments } from './billing-service.ts';
import { closeMonth, earnedOf } from './close-service.ts';
import {
  accountInfo,
  presentInvoiceSummary,
  presentPayment,
  presentStatementSummary,
  statusOf,
} from './present.ts';
import {
  bookBalances,
  bookLines,
  findVisibleInvoice,
  findVisibleStatement,
  instalmentsOf,
  type LedgerScope,
  listCloses,
  listInvoices,
  listPayments,
  listStatements,
  settlementsOf,
  statementGrants,
  statementItems,
  trialBalance,
  visibleUprPolicy,
} from './repo.ts';
import {
  AccountStatement,
  Balances,
  BalancesQuery,
  CloseBody,
  CloseView,
  EarnedQuery,
  EarnedView,
  ExportQuery,
  IdParams,
  InstalmentsBody,
  InvoiceDetail,
  InvoiceListQuery,
  InvoiceSummary,
  PaymentBody,
  PaymentListQuery,
  PaymentView,
  RefundBody,
  SettleBody,
  SettlementCreate,
  SettlementDetail,
  SettlementListQuery,
  SettlementSummary,
  StatementQuery,
  TrialBalance,
  TrialBalanceQuery,
  VerifyReport,
} from './schemas.ts';
import { drawUpStatement, settleStatement, voidStatement } from './settlement-service.ts';
import { verifyLedger } from './verify-service.ts';

const tags = ['ledger'];
const Binary = Type.String({ description: 'text/csv (UTF-8 with BOM) or an XLSX workbook' });

/** Billing, payments, account statements, settlement, the monthly close and reconciliation. */
export const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx, clock } = app.kebao;
  const scopeOf = (actor: { orgId: string | null } & Parameters<typeof can>[0]): LedgerScope => ({
    all: can(actor, Permission.LedgerReadAll),
    orgId: actor.orgId,
  });
  const today = () => shanghaiDateOf(clock());

  async function invoiceDetail(scope: LedgerScope, id: string) {
    const row = await findVisibleInvoice(pool, scope, today(), id);
    if (!row) throw problem('invoice.not_found');
    const instalments = await instalmentsOf(pool, [id]);
    const settlements = await settlementsOf(pool, id);
    let left = row.settled;
    return {
      ...presentInvoiceSummary(row),
      status: statusOf(row, instalments, today()),
      instalments: instalments.map((i) => {
        const take =
          row.amount > 0n ? (left < i.amount ? left : i.amount) : left > i.amount ? left : i.amount;
        left -= take;
        return { seq: i.seq, dueDate: i.due_date, amount: formatYuan(i.amount), settled: formatYuan(take) };
      }),
      settlements: settlements.map((s) => ({
        kind: s.kind,
        amount: formatYuan(s.amount),
        at: s.created_at.toISOString(),
        payment: s.payment_number,
        channel: s.channel,
        channelRef: s.channel_ref,
        offsetInvoice: s.offset_number,
        statement:
          s.statement_id && s.statement_number ? { id: s.statement_id, number: s.statement_number } : null,
      })),
      payTo: { reference: row.number },
    };
  }

  // ---- invoices -----------------------------------------------------------------------------------

  app.get(
    '/api/invoices',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'Invoices the caller issued or is billed, newest first (all with ledger.read_all)',
        querystring: InvoiceListQuery,
        response: { 200: Page(InvoiceSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      const { rows, total } = await listInvoices(pool, scopeOf(request.actor), today(), {
        ...filter,
        limit,
        offset,
      });
      return { items: rows.map(presentInvoiceSummary), total, limit, offset };
    },
  );

  app.get(
    '/api/invoices/:id',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'One invoice with its instalments and how it was settled',
        params: IdParams,
        response: { 200: InvoiceDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => invoiceDetail(scopeOf(request.actor), request.params.id),
  );

  app.put(
    '/api/invoices/:id/instalments',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          'Pay a premium invoice in 1, 2, 4 or 12 instalments (the payer, or the issuer with ledger.manage)',
        description:
          'Only while nothing has been paid or offset on it; the instalments sum exactly to the invoice.',
        params: IdParams,
        body: InstalmentsBody,
        response: { 200: InvoiceDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        setInstalments(ctx, request.params.id, request.body.count),
      );
      return invoiceDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.post(
    '/api/invoices/:id/apply-credit',
    {
      config: { access: Permission.LedgerManage },
      schema: {
        tags,
        summary: "Settle an invoice from the payer's unapplied money (overpayments) at the issuing insurer",
        params: IdParams,
        response: { 200: InvoiceDetail, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => applyCredit(ctx, request.params.id));
      return invoiceDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.post(
    '/api/invoices/:id/refund',
    {
      config: { access: Permission.LedgerManage },
      schema: {
        tags,
        summary: 'Pay back what a credit note (退费通知) still owes the payer',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RefundBody,
        response: { 200: InvoiceDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          await refundCreditNote(ctx, request.params.id, request.body);
          return { status: 200, body: { id: request.params.id } };
        }),
      );
      if (result.status !== 200) return sendIdempotent(reply, result);
      return reply
        .header('idempotent-replayed', String(result.replayed))
        .send(await invoiceDetail(scopeOf(request.actor), request.params.id));
    },
  );

  // ---- payments -----------------------------------------------------------------------------------

  app.post(
    '/api/payments',
    {
      config: { access: Permission.LedgerManage },
      schema: {
        tags,
        summary: 'Record money received (bank transfer, e-CNY, offline) and match it to invoices',
        description:
          'A reference naming one of your invoices settles it first; without a reference the payer’s open invoices ' +
          'are settled earliest due first. What is left is kept as the payer’s credit (apply it later). The same ' +
          'channel + transaction reference again answers the first payment with duplicate: true (nothing posted ' +
          'twice); with another amount or payer it is a 409.',
        headers: IdempotencyHeaders,
        body: PaymentBody,
        response: { 200: PaymentView, 201: PaymentView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const body = request.body;
          const recorded = await recordPayment(ctx, {
            ...body,
            amount: positiveYuan(body.amount, '/body/amount'),
          });
          const names = { org_name: ctx.actor.displayName ?? '' };
          return {
            status: recorded.duplicate ? 200 : 201,
            body: presentPayment(
              { ...recorded.payment, ...names },
              { duplicate: recorded.duplicate, allocations: recorded.allocations },
            ),
          };
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/api/payments',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          'Payments received or paid out by the caller, or made by it; unmatched=true lists those with credit left',
        querystring: PaymentListQuery,
        response: { 200: Page(PaymentView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      const { rows, total } = await listPayments(pool, scopeOf(request.actor), { ...filter, limit, offset });
      return { items: rows.map((r) => presentPayment(r)), total, limit, offset };
    },
  );

  // ---- books ----------------------------------------------------------------------------------------

  app.get(
    '/api/ledger/balances',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          "Balances in the caller's books by account and counterparty (receivables, payables, reserves)",
        querystring: BalancesQuery,
        response: { 200: Balances, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const rows = request.actor.orgId ? await bookBalances(pool, request.actor.orgId, endOf(asOf)) : [];
      return {
        asOf,
        items: rows.map((r) => ({
          ...accountInfo(r.account),
          counterparty: r.counterparty,
          counterpartyName: r.counterparty_name ?? r.counterparty,
          balance: formatYuan(r.balance),
        })),
      };
    },
  );

  app.get(
    '/api/ledger/statement',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: "The caller's account statement (对账单): lines in its books, by counterparty and account",
        description: 'format=csv or xlsx downloads the whole period (up to 100,000 lines).',
        querystring: StatementQuery,
        produces: [
          'application/json',
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
        response: { 200: AccountStatement, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const to = q.to ?? today();
      const from = q.from ?? `${to.slice(0, 4)}-01-01`;
      const download = q.format === 'csv' || q.format === 'xlsx';
      const limit = download ? 100_000 : (q.limit ?? 50);
      const offset = download ? 0 : (q.offset ?? 0);
      const orgId = request.actor.orgId;
      const { opening, rows, total } = orgId
        ? await bookLines(pool, orgId, {
            counterparty: q.counterparty,
            account: q.account,
            from: startOfDayInstant(parseCalendarDate(from)),
            to: endOf(to),
            limit,
            offset,
          })
        : { opening: [], rows: [], total: 0 };
      const items = rows.map((r) => ({
        entryId: r.entry_id,
        kind: r.kind,
        description: r.description,
        postedAt: r.posted_at.toISOString(),
        account: r.account,
        accountName: accountInfo(r.account).names.zh,
        counterparty: r.counterparty,
        policy: r.policy_id ? { id: r.policy_id, number: r.policy_number ?? '' } : null,
        debit: formatYuan(r.amount > 0n ? r.amount : 0n),
        credit: formatYuan(r.amount < 0n ? -r.amount : 0n),
      }));
      if (download) {
        const table: Table = {
          title: `对账单 ${from} 至 ${to}`,
          columns: [
            { header: '记账时间', width: 22 },
            { header: '科目', width: 20 },
            { header: '摘要', width: 40 },
            { header: '保单号', width: 26 },
            { header: '对方', width: 38 },
            { header: '借方（元）', numeric: true },
            { header: '贷方（元）', numeric: true },
          ],
          rows: items.map((i) => [
            i.postedAt,
            i.accountName,
            i.description,
            i.policy?.number ?? '',
            i.counterparty,
            i.debit,
            i.credit,
          ]),
        };
        return sendTable(reply, table, q.format as 'csv' | 'xlsx', `statement-${from}-${to}`);
      }
      return {
        from,
        to,
        opening: opening.map((o) => ({ account: o.account, balance: formatYuan(o.balance) })),
        items,
        total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/api/ledger/trial-balance',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: "Trial balance (试算平衡表) of the caller's books, or of the platform with ledger.read_all",
        querystring: TrialBalanceQuery,
        response: { 200: TrialBalance, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const all = can(request.actor, Permission.LedgerReadAll);
      const orgId = all ? (request.query.orgId ?? null) : request.actor.orgId;
      if (!all && request.query.orgId && request.query.orgId !== request.actor.orgId)
        throw problem('auth.forbidden');
      const rows = orgId || all ? await trialBalance(pool, orgId, endOf(asOf)) : [];
      const debit = rows.reduce((s, r) => s + r.debit, 0n);
      const credit = rows.reduce((s, r) => s + r.credit, 0n);
      return {
        asOf,
        scope: orgId ?? 'platform',
        rows: rows.map((r) => ({
          ...accountInfo(r.account),
          debit: formatYuan(r.debit),
          credit: formatYuan(-r.credit),
          balance: formatYuan(r.balance),
        })),
        totalDebit: formatYuan(debit),
        totalCredit: formatYuan(-credit),
        balanced: debit + credit === 0n,
      };
    },
  );

  app.get(
    '/api/ledger/verify',
    {
      config: { access: Permission.LedgerReadAll },
      schema: {
        tags,
        summary: 'Reconcile the whole ledger (as `kebao ledger verify`): every problem named',
        response: { 200: VerifyReport, ...problemResponses(401, 403) },
      },
    },
    async () => verifyLedger(pool),
  );

  app.get(
    '/api/ledger/closes',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'Monthly closes (月结) done so far, newest first',
        response: { 200: Type.Object({ items: Type.Array(CloseView) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({
      items: (await listCloses(pool)).map((c) => ({
        month: c.month.slice(0, 7),
        policies: c.policies,
        uprChange: formatYuan(c.upr_change),
        closedAt: c.closed_at.toISOString(),
      })),
    }),
  );

  app.post(
    '/api/ledger/closes',
    {
      config: { access: Permission.LedgerClose },
      schema: {
        tags,
        summary: 'Close a month: book every policy’s UPR movement per co-insurer (once per month, in order)',
        body: CloseBody,
        response: { 201: CloseView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const summary = await tx(request.actor, request.id, (ctx) => closeMonth(ctx, request.body.month));
      return reply.code(201).send({ ...summary, closedAt: clock().toISOString() });
    },
  );

  app.get(
    '/api/policies/:id/earned',
    {
      config: { access: Permission.PolicyRead },
      schema: {
        tags,
        summary: 'Written, earned and unearned premium (1/365) of a policy and each co-insurer at a date',
        params: IdParams,
        querystring: EarnedQuery,
        response: { 200: EarnedView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = { all: can(request.actor, Permission.PolicyReadAll), orgId: request.actor.orgId };
      const policy = await visibleUprPolicy(pool, scope, request.params.id);
      if (!policy) throw problem('policy.not_found');
      const asOf = request.query.asOf ?? today();
      const parts = earnedOf(policy, asOf);
      const names = new Map(policy.lines.map((l) => [l.orgId, (l as { name?: string }).name ?? '']));
      const booked = new Map(policy.booked.map((b) => [b.orgId, -BigInt(b.balance)]));
      const sum = (k: 'written' | 'earned' | 'unearned') => parts.reduce((s, p) => s + p[k], 0n);
      return {
        policy: { id: policy.id, number: policy.number },
        asOf,
        written: formatYuan(sum('written')),
        earned: formatYuan(sum('earned')),
        unearned: formatYuan(sum('unearned')),
        participants: parts.map((p) => ({
          orgId: p.orgId,
          name: names.get(p.orgId) ?? '',
          written: formatYuan(p.written),
          earned: formatYuan(p.earned),
          unearned: formatYuan(p.unearned),
          booked: formatYuan(booked.get(p.orgId) ?? 0n),
        })),
      };
    },
  );

  // ---- settlement statements ------------------------------------------------------------------------

  async function statementDetail(scope: LedgerScope, id: string) {
    const row = await findVisibleStatement(pool, scope, id);
    if (!row) throw problem('settlement.not_found');
    const items = await statementItems(pool, id);
    const line = (
      i: (typeof items)[number] | Awaited<ReturnType<typeof statementGrants>>[number],
      account: string,
      amount: bigint,
    ) => ({
      policy: { id: i.policy_id, number: i.policy_number },
      enterprise: i.enterprise_name,
      productCode: i.product_code,
      statisticalClass: i.statistical_class,
      period: `${i.start_date} 至 ${i.end_date}`,
      account,
      accountName: accountInfo(account).names.zh,
      amount: formatYuan(amount),
      programme: 'programme_code' in i ? { code: i.programme_code, name: i.programme_name } : null,
    });
    // A subsidy statement reads per grant, as the funder's payable (its books: the drawer's).
    const lines =
      row.kind === 'subsidy'
        ? (await statementGrants(pool, id)).map((g) => line(g, 'subsidy_payable', -g.amount))
        : items.map((i) => line(i, i.account, i.amount));
    return {
      ...presentStatementSummary({ ...row, items: new Set(items.map((i) => i.policy_id)).size }),
      lines,
    };
  }

  app.get(
    '/api/settlements',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          'Settlement statements the caller drew up or is the counterparty of (all with ledger.read_all)',
        description:
          'Newest first; narrowed by kind, status, the drawer (the funder of a subsidy statement), the ' +
          'counterparty (its insurer) and the asOf day (from, to; both inclusive). The regulator and the ' +
          'platform (ledger.read_all) read every statement of every kind; anyone else only its own.',
        querystring: SettlementListQuery,
        response: { 200: Page(SettlementSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      if (filter.from && filter.to && filter.from > filter.to) {
        throw problem('request.invalid', {
          errors: [
            {
              path: '/querystring/to',
              code: 'range',
              message_zh: '截止日期不能早于起始日期',
              message_en: 'The end day must not be before the start day',
            },
          ],
        });
      }
      const { rows, total } = await listStatements(pool, scopeOf(request.actor), {
        ...filter,
        limit,
        offset,
      });
      return { items: rows.map(presentStatementSummary), total, limit, offset };
    },
  );

  app.post(
    '/api/settlements',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          'Draw up a settlement statement with a follower (主代从收), a reinsurer (bordereau) or, as a subsidy funder, an insurer',
        description:
          'Lists, per policy, the balances in your books against the counterparty up to asOf (default today); ' +
          'one open statement per counterparty at a time. Insurers need ledger.manage. A subsidy statement ' +
          '(补贴结算单) is drawn up by the funder (subsidy.manage) for one insurer: per policy and grant, the ' +
          'subsidy the insurer billed it and that is still open (or, after a claw-back of paid subsidy, to be ' +
          'paid back), listed in both books (the funder’s subsidy_payable, the insurer’s subsidy_receivable).',
        body: SettlementCreate,
        response: { 201: SettlementDetail, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await tx(request.actor, request.id, (ctx) => drawUpStatement(ctx, request.body));
      return reply.code(201).send(await statementDetail(scopeOf(request.actor), row.id));
    },
  );

  app.get(
    '/api/settlements/:id',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'One settlement statement with its lines per policy',
        params: IdParams,
        response: { 200: SettlementDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => statementDetail(scopeOf(request.actor), request.params.id),
  );

  app.get(
    '/api/settlements/:id/export',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'A settlement statement or bordereau as XLSX (default) or CSV',
        params: IdParams,
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Binary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const detail = await statementDetail(scopeOf(request.actor), request.params.id);
      const subsidy = detail.kind === 'subsidy';
      const table: Table = {
        title: `${STATEMENT_TITLES[detail.kind] ?? '结算单'} ${detail.number}`,
        columns: [
          { header: '保单号', width: 26 },
          { header: '被保险人', width: 30 },
          { header: '产品代码', width: 18 },
          { header: '统计类别', width: 12 },
          { header: '保险期间', width: 26 },
          ...(subsidy ? [{ header: '补贴项目', width: 30 }] : []),
          { header: '科目', width: 20 },
          { header: '金额（元）', numeric: true },
        ],
        rows: detail.lines.map((l) => [
          l.policy.number,
          l.enterprise,
          l.productCode,
          l.statisticalClass,
          l.period,
          ...(subsidy ? [l.programme?.name ?? ''] : []),
          l.accountName,
          l.amount,
        ]),
      };
      return sendTable(reply, table, request.query.format ?? 'xlsx', detail.number);
    },
  );

  app.post(
    '/api/settlements/:id/settle',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary:
          'Mark a statement settled with the bank reference; posts the cash and clears the listed balances',
        description:
          'Only by the drawer (an insurer with ledger.manage; the funder with subsidy.manage for a subsidy ' +
          'statement). A subsidy statement also pays the insurer’s subsidy invoices (or refunds its credit notes) ' +
          'and counts its grants paid; when what it lists was paid or clawed back otherwise since it was drawn ' +
          'up, it is refused (settlement.changed): void it and draw up a new one.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: SettleBody,
        response: { 200: SettlementDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          await settleStatement(ctx, request.params.id, request.body);
          return { status: 200, body: { id: request.params.id } };
        }),
      );
      return reply
        .header('idempotent-replayed', String(result.replayed))
        .send(await statementDetail(scopeOf(request.actor), request.params.id));
    },
  );

  app.post(
    '/api/settlements/:id/void',
    {
      config: { access: Permission.LedgerRead },
      schema: {
        tags,
        summary: 'Void an open statement drawn up in error (the drawer)',
        params: IdParams,
        response: { 200: SettlementDetail, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => voidStatement(ctx, request.params.id));
      return statementDetail(scopeOf(request.actor), request.params.id);
    },
  );
};

const STATEMENT_TITLES: Record<string, string> = {
  coinsurance: '共保结算单',
  reinsurance: '分保账单',
  subsidy: '补贴结算单',
};

function endOf(date: string): Date {
  return startOfDayInstant(addDays(parseCalendarDate(date), 1));
}

function positiveYuan(text: string, path: string): bigint {
  const fen = parseYuan(text);
  if (fen <= 0n) {
    throw problem('request.invalid', {
      errors: [
        { path, code: 'positive', message_zh: '金额必须大于零', message_en: 'The amount must be positive' },
      ],
    });
  }
  return fen;
}

async function sendTable(
  reply: { header(k: string, v: string): unknown; type(t: string): unknown; send(b: unknown): unknown },
  table: Table,
  format: 'csv' | 'xlsx',
  name: string,
): Promise<void> {
  const file = encodeURIComponent(`${name}.${format}`);
  reply.header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${file}`);
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    reply.send(toCsv(table));
    return;
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.send(await toXlsx(table));
}
