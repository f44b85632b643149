import { Type } from 'typebox';
import { Money, Nullable, PageQuery, Timestamp, Uuid } from '../../platform/http/schemas.ts';

/** Schemas of invoices, payments, statements, the close and reconciliation. */

const CalendarDate = Type.String({ format: 'calendar-date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const SignedMoney = Type.String({
  description: 'yuan, two decimals, negative for a credit (e.g. "-120.50")',
});
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Channel = Type.Union([Type.Literal('bank_transfer'), Type.Literal('ecny'), Type.Literal('offline')], {
  description: 'bank_transfer 银行转账 · ecny 数字人民币 (wallet transaction reference) · offline 线下',
});
const ChannelRef = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[\\x21-\\x7e]+$',
  description:
    'The bank serial, e-CNY transaction reference or receipt number; unique per insurer and channel',
});

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const InvoiceStatus = Type.String({
  description:
    'open 待缴费 · partially_paid 部分缴费 · overdue 已逾期 · paid 已结清 · refund_due 待退费 · refunded 已退费',
});

export const InvoiceListQuery = Type.Object(
  {
    side: Type.Optional(
      Type.Union([Type.Literal('issued'), Type.Literal('billed')], {
        description:
          'issued: invoices the caller issued (insurers); billed: invoices addressed to the caller',
      }),
    ),
    status: Type.Optional(
      Type.Union(
        ['open', 'partially_paid', 'overdue', 'paid', 'refund_due', 'refunded', 'unpaid'].map((s) =>
          Type.Literal(s),
        ),
      ),
    ),
    policyId: Type.Optional(Uuid),
    payerId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const InvoiceSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  kind: Type.String({
    description: 'premium 保费 · subsidy 补贴 · additional 批改加费 · credit_note 退费通知',
  }),
  status: InvoiceStatus,
  issuer: Type.Object({ id: Uuid, name: Type.String() }),
  payer: Type.Object({ kind: Type.String(), id: Uuid, name: Type.String() }),
  policy: Type.Object({ id: Uuid, number: Type.String() }),
  amount: SignedMoney,
  settled: SignedMoney,
  outstanding: SignedMoney,
  issuedOn: CalendarDate,
  dueDate: CalendarDate,
});

export const InvoiceDetail = Type.Object({
  ...InvoiceSummary.properties,
  instalments: Type.Array(
    Type.Object({ seq: Type.Integer(), dueDate: CalendarDate, amount: SignedMoney, settled: SignedMoney }),
  ),
  settlements: Type.Array(
    Type.Object({
      kind: Type.String({
        description:
          'payment 缴费 · refund 退费 · credit 溢缴款冲抵 · offset 退费冲抵 · statement 结算单结算 (a subsidy statement)',
      }),
      amount: SignedMoney,
      at: Timestamp,
      payment: Nullable(Type.String()),
      channel: Nullable(Type.String()),
      channelRef: Nullable(Type.String()),
      offsetInvoice: Nullable(Type.String()),
      statement: Nullable(Type.Object({ id: Uuid, number: Type.String() })),
    }),
  ),
  payTo: Type.Object({
    reference: Type.String({
      description: 'quote this in the transfer memo so the payment matches the invoice',
    }),
  }),
});

export const InstalmentsBody = Type.Object(
  {
    count: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(4), Type.Literal(12)], {
      description: '1 whole, 2 half-yearly, 4 quarterly, 12 monthly',
    }),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  { channel: Channel, channelRef: ChannelRef, paidOn: CalendarDate },
  { additionalProperties: false },
);

export const PaymentBody = Type.Object(
  {
    payerKind: Type.Union([Type.Literal('enterprise'), Type.Literal('funder')]),
    payerId: { ...Uuid, description: 'the enterprise id, or the funder organisation id' },
    channel: Channel,
    channelRef: ChannelRef,
    reference: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'remittance memo; an invoice number here matches that invoice',
      }),
    ),
    amount: Money,
    receivedOn: CalendarDate,
  },
  { additionalProperties: false },
);

export const PaymentView = Type.Object({
  id: Uuid,
  number: Type.String(),
  direction: Type.String({ description: 'in 收款 · out 退款' }),
  insurer: Type.Object({ id: Uuid, name: Type.String() }),
  payer: Type.Object({ kind: Type.String(), id: Uuid, name: Type.String() }),
  channel: Type.String(),
  channelRef: Type.String(),
  reference: Nullable(Type.String()),
  amount: Money,
  applied: Money,
  unapplied: Money,
  receivedOn: CalendarDate,
  duplicate: Type.Boolean({ description: 'true when this transaction reference was already recorded' }),
  allocations: Type.Array(Type.Object({ invoiceId: Uuid, number: Type.String(), amount: Money })),
});

export const PaymentListQuery = Type.Object(
  { payerId: Type.Optional(Uuid), unmatched: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);

export const AccountInfo = Type.Object({
  account: Type.String(),
  names: Bilingual,
  nature: Type.String({ description: 'asset · liability · income · expense' }),
});

export const BalancesQuery = Type.Object(
  { asOf: Type.Optional(CalendarDate) },
  { additionalProperties: false },
);

export const Balances = Type.Object({
  asOf: CalendarDate,
  items: Type.Array(
    Type.Object({
      ...AccountInfo.properties,
      counterparty: Type.String(),
      counterpartyName: Type.String(),
      balance: SignedMoney,
    }),
  ),
});

export const StatementQuery = Type.Object(
  {
    counterparty: Type.Optional(Type.String({ maxLength: 64 })),
    account: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(CalendarDate),
    to: Type.Optional(CalendarDate),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const StatementLine = Type.Object({
  entryId: Uuid,
  kind: Type.String(),
  description: Type.String(),
  postedAt: Timestamp,
  account: Type.String(),
  accountName: Type.String(),
  counterparty: Type.String(),
  policy: Nullable(Type.Object({ id: Uuid, number: Type.String() })),
  debit: Money,
  credit: Money,
});

export const AccountStatement = Type.Object({
  from: CalendarDate,
  to: CalendarDate,
  opening: Type.Array(Type.Object({ account: Type.String(), balance: SignedMoney })),
  items: Type.Array(StatementLine),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const TrialBalanceQuery = Type.Object(
  { asOf: Type.Optional(CalendarDate), orgId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const TrialBalance = Type.Object({
  asOf: CalendarDate,
  scope: Type.String({ description: 'platform, or the organisation id whose books these are' }),
  rows: Type.Array(
    Type.Object({ ...AccountInfo.properties, debit: Money, credit: Money, balance: SignedMoney }),
  ),
  totalDebit: Money,
  totalCredit: Money,
  balanced: Type.Boolean(),
});

export const VerifyReport = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  lines: Type.Integer(),
  trialBalanceTotal: SignedMoney,
  problems: Type.Array(Type.Object({ code: Type.String(), subject: Type.String(), detail: Type.String() })),
});

export const CloseBody = Type.Object(
  { month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }) },
  { additionalProperties: false },
);

export const CloseView = Type.Object({
  month: Type.String(),
  policies: Type.Integer(),
  uprChange: SignedMoney,
  closedAt: Nullable(Timestamp),
});

export const EarnedQuery = Type.Object(
  { asOf: Type.Optional(CalendarDate) },
  { additionalProperties: false },
);

export const EarnedView = Type.Object({
  policy: Type.Object({ id: Uuid, number: Type.String() }),
  asOf: CalendarDate,
  written: SignedMoney,
  earned: SignedMoney,
  unearned: SignedMoney,
  participants: Type.Array(
    Type.Object({
      orgId: Uuid,
      name: Type.String(),
      written: SignedMoney,
      earned: SignedMoney,
      unearned: SignedMoney,
      booked: SignedMoney,
    }),
  ),
});

export const SettlementCreate = Type.Object(
  {
    kind: Type.Union([Type.Literal('coinsurance'), Type.Literal('reinsurance'), Type.Literal('subsidy')], {
      description:
        'coinsurance: the lead with a follower (主代从收); reinsurance: a ceding insurer with a reinsurer; ' +
        'subsidy: a subsidy funder with an insurer (补贴结算单, drawn up by the funder)',
    }),
    counterparty: Type.String({
      minLength: 1,
      maxLength: 64,
      description:
        'the follower organisation id, the reinsurer code of the treaty, or the insurer organisation id (subsidy)',
    }),
    asOf: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);

export const SettlementListQuery = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('coinsurance'), Type.Literal('reinsurance'), Type.Literal('subsidy')]),
    ),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('settled'), Type.Literal('void')])),
    drawer: Type.Optional({
      ...Uuid,
      description:
        'the organisation that drew it up: the funder of a subsidy statement, the lead, the cedent',
    }),
    counterparty: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'the other side: an organisation id (the insurer of a subsidy statement) or the reinsurer code',
      }),
    ),
    from: Type.Optional({ ...CalendarDate, description: 'asOf on or after this day (YYYY-MM-DD)' }),
    to: Type.Optional({ ...CalendarDate, description: 'asOf on or before this day (YYYY-MM-DD)' }),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const SettlementSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  kind: Type.String({
    description: 'coinsurance 共保结算单 · reinsurance 分保账单 · subsidy 补贴结算单',
  }),
  status: Type.String({ description: 'open 待结算 · settled 已结算 · void 已作废' }),
  drawer: Type.Object({ id: Uuid, name: Type.String() }),
  counterparty: Type.Object({ id: Type.String(), name: Type.String() }),
  asOf: CalendarDate,
  amount: SignedMoney,
  direction: Type.String({ description: 'pay: the drawer pays; receive: the drawer receives' }),
  items: Type.Integer(),
  channelRef: Nullable(Type.String()),
  createdAt: Timestamp,
  settledAt: Nullable(Timestamp),
});

export const SettlementDetail = Type.Object({
  ...SettlementSummary.properties,
  lines: Type.Array(
    Type.Object({
      policy: Type.Object({ id: Uuid, number: Type.String() }),
      enterprise: Type.String(),
      productCode: Type.String(),
      statisticalClass: Type.String(),
      period: Type.String(),
      account: Type.String(),
      accountName: Type.String(),
      amount: SignedMoney,
      programme: Nullable(
        Type.Object(
          { code: Type.String(), name: Type.String() },
          { description: 'the subsidy programme of the grant (subsidy statements, one line per grant)' },
        ),
      ),
    }),
  ),
});

export const SettleBody = Type.Object({ channelRef: ChannelRef }, { additionalProperties: false });

export const ExportQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) },
  { additionalProperties: false },
);
