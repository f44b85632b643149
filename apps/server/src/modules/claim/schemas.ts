import { Type } from 'typebox';
import { CalendarDate, Money, Nullable, PageQuery, Timestamp, Uuid } from '../../platform/http/schemas.ts';

export const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const Note = Type.Optional(Type.String({ minLength: 1, maxLength: 2000 }));

export const ClaimStatusText =
  'notified 已报案 · declined 已拒赔 · assessing 查勘定损中 · reserved 已立案估损 · approved 已核赔 · paid 已赔付 · closed 已结案 · reopened 已重开 · withdrawn 已撤案';

export const ClaimListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum([
        'notified',
        'declined',
        'assessing',
        'reserved',
        'approved',
        'paid',
        'closed',
        'reopened',
        'withdrawn',
      ]),
    ),
    policyId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean({ description: 'only claims whose current step is past its SLA' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const FileClaimBody = Type.Object(
  {
    policyId: Uuid,
    sectionKey: Type.String({
      pattern: '^[a-z][a-z0-9_]{1,39}$',
      description: 'the section (保障项目) claimed under',
    }),
    sublimitKey: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' })),
    lossDate: CalendarDate,
    reportedOn: Type.Optional(CalendarDate),
    description: Type.String({ minLength: 4, maxLength: 4000, description: '出险经过' }),
    claimed: Type.Optional(Money),
    foreign: Type.Optional(
      Type.Object(
        {
          currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. USD' }),
          amount: Type.String({
            pattern: '^[0-9]{1,15}(\\.[0-9]{1,3})?$',
            description: 'in the currency, e.g. "12500.00"',
          }),
          rate: Type.String({
            pattern: '^[0-9]{1,6}(\\.[0-9]{1,8})?$',
            description: 'CNY per unit of the currency on the report date (e.g. the PBoC central parity)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    interruptionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    eventCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{2,39}$' })),
  },
  { additionalProperties: false },
);

export const ReserveBody = Type.Object({ reserve: Money, note: Note }, { additionalProperties: false });
export const ReopenBody = Type.Object(
  { reserve: Money, note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const ApproveBody = Type.Object({ amount: Money, note: Note }, { additionalProperties: false });
export const NoteBody = Type.Object({ note: Note }, { additionalProperties: false });
export const PayBody = Type.Object(
  {
    rate: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,6}(\\.[0-9]{1,8})?$',
        description: 'a foreign-currency claim: CNY per unit of its currency on the payment date (recorded)',
      }),
    ),
    note: Note,
  },
  { additionalProperties: false },
);
export const DeclineBody = Type.Object(
  {
    article: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'the clause article cited, e.g. 责任免除第五条',
    }),
    reason: Type.String({ minLength: 4, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const EventLinkBody = Type.Object({ eventId: Nullable(Uuid) }, { additionalProperties: false });
export const EventBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{2,39}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(['cyber', 'fire', 'climate', 'supply_chain', 'other']),
    occurredOn: CalendarDate,
  },
  { additionalProperties: false },
);
export const EventView = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  occurredOn: Type.String(),
  claims: Type.Integer(),
});

export const AssignBody = Type.Object(
  {
    field: Type.String({
      minLength: 2,
      maxLength: 40,
      description: 'ic · biomedicine · software · cyber · ip · equipment · materials · climate',
    }),
    method: Type.Enum(['rotation', 'match', 'named'], {
      description: 'rotation 轮派 · match 最佳匹配 (field and region) · named 指定',
    }),
    expertId: Type.Optional(Uuid),
    fee: Type.Optional(Money),
  },
  { additionalProperties: false },
);

export const DisputeBody = Type.Object(
  { grounds: Type.String({ minLength: 4, maxLength: 4000 }), askedAmount: Type.Optional(Money) },
  { additionalProperties: false },
);

export const MediationBody = Type.Union([
  Type.Object(
    { action: Type.Literal('assign'), mediator: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('hearing'),
      on: CalendarDate,
      place: Type.String({ minLength: 1, maxLength: 200 }),
      note: Note,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('settle'),
      outcome: Type.String({ minLength: 1, maxLength: 4000 }),
      amount: Money,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('uphold'), outcome: Type.String({ minLength: 1, maxLength: 4000 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('withdraw'), outcome: Type.Optional(Type.String({ maxLength: 4000 })) },
    { additionalProperties: false },
  ),
]);

export const DisputeView = Type.Object({
  id: Uuid,
  claim: Type.Object({ id: Uuid, number: Type.String() }),
  enterprise: Type.Optional(Type.String()),
  lead: Type.Optional(Type.String()),
  status: Type.String({
    description: 'open 待处理 · mediating 调解中 · settled 调解成功 · upheld 维持原决定 · withdrawn 已撤回',
  }),
  grounds: Type.String(),
  askedAmount: Nullable(Money),
  mediator: Nullable(Type.String()),
  hearings: Type.Array(
    Type.Object({ on: Type.String(), place: Type.String(), note: Nullable(Type.String()) }),
  ),
  outcome: Nullable(Type.String()),
  settledAmount: Nullable(Money),
  respondBy: Type.String(),
  openedAt: Timestamp,
  closedAt: Nullable(Timestamp),
});

export const ExpertBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    employer: Type.String({ minLength: 1, maxLength: 200 }),
    employerOrgId: Type.Optional(Uuid),
    userId: Type.Optional(Uuid),
    fields: Type.Array(Type.String({ minLength: 2, maxLength: 40 }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    qualifications: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }),
    ),
    regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);

export const ExpertView = Type.Object({
  id: Uuid,
  name: Type.String(),
  employer: Type.String(),
  fields: Type.Array(Type.String()),
  qualifications: Type.Array(Type.String()),
  regionCode: Nullable(Type.String()),
  available: Type.Boolean(),
  lastAssignedAt: Nullable(Timestamp),
});

export const AssignmentView = Type.Object({
  id: Uuid,
  expert: Type.Object({ id: Uuid, name: Type.String(), employer: Type.String() }),
  claim: Nullable(Type.Object({ id: Uuid, number: Type.String() })),
  quote: Nullable(
    Type.Object({ id: Uuid, number: Type.String() }, { description: 'a risk evaluation at underwriting' }),
  ),
  purpose: Type.String({ description: 'claim 理赔查勘 · underwriting 承保前风险评估' }),
  method: Type.String(),
  status: Type.String({ description: 'assigned 已指派 · reported 已出具报告 · withdrawn 已撤回' }),
  fee: Money,
  report: Nullable(Type.String()),
  reportAmount: Nullable(Money),
  assignedAt: Timestamp,
  reportedAt: Nullable(Timestamp),
});

export const ReportBody = Type.Object(
  { report: Type.String({ minLength: 10, maxLength: 20000 }), amount: Type.Optional(Money) },
  { additionalProperties: false },
);

export const ObservationRowSchema = Type.Object(
  {
    productCode: Type.String({ pattern: '^KB-[A-Z]{2}-[A-Z0-9]{2,12}$' }),
    sectionKey: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    subject: Type.String({
      minLength: 1,
      maxLength: 60,
      description: 'the policy number, or the weather station code',
    }),
    observedOn: CalendarDate,
    value: Type.String({ pattern: '^-?[0-9]{1,12}(\\.[0-9]{1,6})?$' }),
  },
  { additionalProperties: false },
);

export const ObservationImportBody = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'who published the data, e.g. 国家电网结算单 2026-07',
    }),
    rows: Type.Array(ObservationRowSchema, { minItems: 1, maxItems: 10000 }),
  },
  { additionalProperties: false },
);

export const ClaimSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  policy: Type.Object({ id: Uuid, number: Type.String() }),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  lead: Type.Object({ id: Uuid, name: Type.String() }),
  product: Type.Object({ code: Type.String(), name: Type.String() }),
  sectionKey: Type.String(),
  sectionName: Bilingual,
  source: Type.String({ description: 'notice 报案 · parametric 指数触发' }),
  status: Type.String({ description: ClaimStatusText }),
  statusLabel: Bilingual,
  lossDate: Type.String(),
  reportedOn: Type.String(),
  currency: Type.String(),
  claimedForeign: Nullable(
    Type.String({ description: 'the amount claimed in its currency, e.g. "12500.00"' }),
  ),
  claimRate: Nullable(Type.String({ description: 'CNY per unit on the report date' })),
  paidRate: Nullable(Type.String({ description: 'CNY per unit on the payment date' })),
  claimed: Money,
  deductible: Money,
  payable: Money,
  reserve: Money,
  paid: Money,
  incurred: Money,
  agreed: Nullable(Money),
  event: Nullable(Type.String()),
  dueAt: Nullable(Timestamp),
  overdue: Type.Boolean(),
  createdAt: Timestamp,
});

export const ClaimDetail = Type.Object({
  ...ClaimSummary.properties,
  description: Type.String(),
  coverage: Type.Unknown({
    description: 'the coverage check at notice: deductible, payable, limit left, notes',
  }),
  decline: Nullable(
    Type.Object({
      reason: Type.String(),
      message: Bilingual,
      clause: Type.Object({ reference: Type.String(), article: Bilingual }),
      automatic: Type.Boolean(),
    }),
  ),
  tracking: Type.Object({
    label: Bilingual,
    waitingFor: Nullable(Bilingual),
    basis: Nullable(Bilingual),
    due: Nullable(Type.String()),
    next: Type.Array(Type.Object({ status: Type.String(), label: Bilingual })),
    missing: Type.Array(Type.Object({ kind: Type.String(), names: Bilingual })),
  }),
  timeline: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      from: Nullable(Type.String()),
      to: Type.String(),
      amount: Nullable(Money),
      note: Nullable(Type.String()),
      actor: Nullable(Type.String()),
      at: Timestamp,
    }),
  ),
  documents: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      filename: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
      sha256: Type.String(),
      uploadedAt: Timestamp,
    }),
  ),
  shares: Type.Array(
    Type.Object({
      orgId: Uuid,
      name: Type.String(),
      role: Type.String(),
      share: Type.String(),
      incurred: Money,
      paid: Money,
    }),
  ),
  collectionMode: Type.String(),
  recoveries: Type.Array(
    Type.Object({
      orgId: Uuid,
      kind: Type.String(),
      reinsurer: Type.String(),
      treatyId: Nullable(Uuid),
      amount: Money,
    }),
  ),
  experts: Type.Array(AssignmentView),
  disputes: Type.Array(DisputeView),
  canHandle: Type.Boolean(),
});

export const ClaimSummaryView = Type.Object({
  byStatus: Type.Array(Type.Object({ status: Type.String(), n: Type.Integer() })),
  overdue: Type.Integer({ description: 'claims whose current step is past its time limit' }),
  speed: Type.Object({
    median: Nullable(Type.Number({ description: 'days from notice to first payment, last 365 days' })),
    p90: Nullable(Type.Number()),
    paid: Type.Integer(),
  }),
  disputes: Type.Array(Type.Object({ status: Type.String(), n: Type.Integer() })),
});

export const ObservationImportAnswer = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  claims: Type.Array(Type.Object({ claimId: Uuid, number: Type.String(), policyId: Uuid, payout: Money })),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer(),
      field: Type.String(),
      message_zh: Type.String(),
      message_en: Type.String(),
    }),
  ),
});

const Estimate = Type.Number({ description: 'an estimate in yuan, rounded to the fen' });
const TriangleView = Type.Object({
  origins: Type.Array(Type.String()),
  ages: Type.Array(Type.Integer()),
  values: Type.Array(Type.Array(Nullable(Money)), {
    description: 'cumulative amounts; null past the valuation diagonal',
  }),
});
export const ReservingView = Type.Object({
  scope: Type.String({ description: 'platform, or own share (each claim × the insurer’s signed line)' }),
  valuationDate: Type.String(),
  period: Type.String(),
  basis: Type.String(),
  lossRatio: Type.Number(),
  origins: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      class: Type.String({ description: 'a statistical class, or all' }),
      claims: Type.Integer(),
      latestPaid: Estimate,
      latestIncurred: Estimate,
      caseReserve: Estimate,
      chainLadder: Type.Object({
        ultimate: Estimate,
        ibnr: Estimate,
        se: Nullable(Type.Number({ description: 'Mack standard error, yuan' })),
        cv: Nullable(Type.Number()),
        factors: Type.Array(
          Type.Object({
            from: Type.Integer(),
            to: Type.Integer(),
            factor: Type.Number(),
            estimated: Type.Boolean(),
          }),
        ),
      }),
      bornhuetterFerguson: Nullable(Type.Object({ ultimate: Estimate, ibnr: Estimate })),
    }),
  ),
  triangles: Type.Object({ all: Type.Object({ paid: TriangleView, incurred: TriangleView }) }),
});

export const BordereauView = Type.Object({
  treatyId: Uuid,
  rows: Type.Array(
    Type.Object({
      claim: Type.String(),
      policy: Type.String(),
      event: Nullable(Type.String()),
      lossDate: Type.String(),
      status: Type.String(),
      recovery: Money,
    }),
  ),
  total: Money,
});
