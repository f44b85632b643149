import { Type } from 'typebox';
import { Money, Nullable, PageQuery, Timestamp, Uuid } from '../../platform/http/schemas.ts';
import { QuoteRequestBody } from '../quote/schemas.ts';

/** Schemas of quote requests, underwriting, placement, pools, reinsurance and policies. */

const CalendarDate = Type.String({ format: 'calendar-date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Percent = Type.String({
  pattern: '^(100(\\.0{1,4})?|[0-9]{1,2}(\\.[0-9]{1,4})?)$',
  maxLength: 8,
  description: 'A share in percent with at most four decimals, e.g. "25" or "15.3846"',
});
const PercentOut = Type.String({ description: 'percent, four decimals, e.g. "15.3846"' });
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Rate = Type.String({ pattern: '^-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,6})?$', maxLength: 12 });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const CodeParams = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }) },
  { additionalProperties: false },
);

// ---- quotes ---------------------------------------------------------------------------------------

export const QuoteCreate = Type.Object(
  {
    productCode: Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$' }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    enterpriseId: Type.Optional({
      ...Uuid,
      description: "A broker's client; enterprises quote for themselves",
    }),
    mandate: Type.Optional(
      Type.Object(
        {
          reference: Type.String({
            minLength: 1,
            maxLength: 100,
            description: 'the mandate letter (委托书) number',
          }),
          validUntil: CalendarDate,
        },
        { additionalProperties: false },
      ),
    ),
    request: QuoteRequestBody,
  },
  { additionalProperties: false },
);

export const QuoteView = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: Type.String({ description: 'referred · offered · declined · accepted · bound · expired' }),
  outcome: Type.String(),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  broker: Nullable(Uuid),
  insurer: Type.Object({ id: Uuid, name: Type.String() }),
  poolCode: Nullable(Type.String()),
  product: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    names: Bilingual,
    statisticalClass: Type.String(),
  }),
  request: Type.Unknown(),
  sumInsured: Money,
  startDate: CalendarDate,
  endDate: CalendarDate,
  basePremium: Nullable(Money),
  loading: Nullable(Type.String()),
  premium: Nullable(Money),
  estimatedSubsidy: Type.Optional(
    Nullable(
      Type.Object(
        { amount: Money, programme: Type.String(), explanation: Bilingual },
        {
          description:
            'the premium subsidy the quote would get if bound now (预计补贴), from the programmes operated ' +
            'here; an estimate — the bind decides. On a single quote, not in lists',
        },
      ),
    ),
  ),
  rating: Type.Unknown(),
  reasons: Type.Array(Type.Object({ reason: Type.String(), message: Bilingual })),
  conditions: Type.Array(Type.String()),
  decision: Type.Unknown(),
  validUntil: Nullable(Timestamp),
  placementId: Nullable(Uuid),
  policy: Nullable(Type.Object({ id: Uuid, number: Type.String() })),
  priorPolicyId: Nullable(Uuid),
  createdAt: Timestamp,
  viewer: Type.Object(
    {
      isRequester: Type.Boolean({
        description: 'the reader asked for it (the insured or its broker): may accept and bind',
      }),
      isInsurer: Type.Boolean({ description: 'the reader decides it (the writer or the pool lead)' }),
    },
    { description: 'What the reader may do with the quote' },
  ),
});

export const QuoteListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['referred', 'offered', 'declined', 'accepted', 'bound', 'expired'])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: Type.Enum(['accept', 'accept_with_conditions', 'decline']),
    loading: Type.Optional({
      ...Rate,
      description: 'loading on the rated premium: "0.15" = +15 %, "-0.1" = −10 %',
    }),
    conditions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 20 })),
    reason: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 500 }),
        en: Type.Optional(Type.String({ maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
    validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
);

export const BindBody = Type.Object(
  {
    retainUnplaced: Type.Optional(
      Type.Boolean({ description: 'The insured explicitly keeps the part the lines do not cover' }),
    ),
  },
  { additionalProperties: false },
);

export const ClientView = Type.Object({
  enterpriseId: Uuid,
  name: Type.String(),
  uscc: Type.String(),
  reference: Type.String(),
  validUntil: CalendarDate,
});

// ---- placement -------------------------------------------------------------------------------------

export const Terms = Type.Object(
  {
    contract: Type.String({ maxLength: 60 }),
    subject: Type.String({ maxLength: 60 }),
    liability: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
    startDate: Type.String({ maxLength: 10 }),
    endDate: Type.String({ maxLength: 10 }),
    sumInsured: Type.String({ maxLength: 24 }),
  },
  { additionalProperties: false, description: 'The five sames (五个同一) the line is written on' },
);

const LineView = Type.Object({
  orgId: Uuid,
  name: Type.String(),
  lead: Type.Boolean(),
  status: Type.String({ description: 'invited · written · declined' }),
  written: Nullable(PercentOut),
  toStand: Type.Boolean(),
  signed: Nullable(PercentOut),
  facultative: Type.Array(
    Type.Object({ reinsurer: Type.String(), cededShare: PercentOut, commissionRate: Type.String() }),
  ),
  comment: Nullable(Type.String()),
  writtenAt: Nullable(Timestamp),
});

export const PlacementView = Type.Object({
  id: Uuid,
  quoteId: Uuid,
  quoteNumber: Type.String(),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  lead: Type.Object({ id: Uuid, name: Type.String() }),
  poolCode: Nullable(Type.String()),
  status: Type.String({ description: 'open · closed · bound · cancelled' }),
  terms: Terms,
  collectionMode: Type.String({ description: 'lead_collects (主代从收) · each_collects (各收各份额)' }),
  writtenTotal: PercentOut,
  unplaced: Nullable(PercentOut),
  premium: Nullable(Money),
  lines: Type.Array(LineView),
  viewer: Type.Object({ isLead: Type.Boolean(), hasLine: Type.Boolean(), invited: Type.Boolean() }),
  closedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});

export const PlacementListQuery = Type.Object(
  { status: Type.Optional(Type.Enum(['open', 'closed', 'bound', 'cancelled'])), ...PageQuery },
  { additionalProperties: false },
);

export const PlacementSummary = Type.Object({
  id: Uuid,
  quoteNumber: Type.String(),
  enterpriseName: Type.String(),
  leadName: Type.String(),
  poolCode: Nullable(Type.String()),
  status: Type.String(),
  writtenTotal: PercentOut,
  createdAt: Timestamp,
});

export const LineBody = Type.Object(
  {
    written: Percent,
    toStand: Type.Optional(Type.Boolean({ description: 'line to stand: not signed down' })),
    terms: Terms,
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const DeclineBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  { orgIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
);

export const CollectionModeBody = Type.Object(
  { mode: Type.Enum(['lead_collects', 'each_collects']) },
  { additionalProperties: false },
);

export const FacultativeBody = Type.Object(
  {
    facultative: Type.Array(
      Type.Object(
        {
          reinsurer: Type.String({ minLength: 1, maxLength: 200 }),
          cededShare: Percent,
          commissionRate: Type.Optional(Type.String({ pattern: '^(0|1|0\\.[0-9]{1,6})$' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);

export const InsurerView = Type.Object({ id: Uuid, name: Type.String(), nameEn: Type.String() });

// ---- pools and reinsurance ---------------------------------------------------------------------------

export const PoolView = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  capacityPerRisk: Money,
  capacityAggregate: Money,
  aggregateUsed: Money,
  effectiveFrom: CalendarDate,
  members: Type.Array(
    Type.Object({
      orgId: Uuid,
      name: Type.String(),
      share: PercentOut,
      lead: Type.Boolean(),
      joinedOn: CalendarDate,
      leftOn: Nullable(CalendarDate),
    }),
  ),
});

export const PoolBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }),
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    capacityPerRisk: Money,
    capacityAggregate: Money,
    effectiveFrom: CalendarDate,
    members: Type.Array(
      Type.Object(
        { orgId: Uuid, share: Percent, lead: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const AdmitBody = Type.Object(
  { orgId: Uuid, share: Percent, joinedOn: CalendarDate },
  { additionalProperties: false },
);
export const ExitBody = Type.Object({ leftOn: CalendarDate }, { additionalProperties: false });
export const MemberParams = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }), orgId: Uuid },
  { additionalProperties: false },
);

export const TreatyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(['quota_share', 'surplus', 'excess_of_loss', 'cat_excess_of_loss', 'stop_loss'], {
      description:
        'quota_share 成数 · surplus 溢额 · excess_of_loss 险位超赔 (per risk) · cat_excess_of_loss 巨灾超赔 (per event) · stop_loss 赔付率超赔 (aggregate)',
    }),
    reinsurer: Type.String({ minLength: 1, maxLength: 200 }),
    cededShare: Type.Optional(Percent),
    retention: Type.Optional(Money),
    lines: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    attachment: Type.Optional(Money),
    limit: Type.Optional(Money),
    attachmentRatio: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,2}(\\.[0-9]{1,6})?$',
        description: 'stop-loss attachment, a loss ratio: 1.2 = 120%',
      }),
    ),
    limitRatio: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,2}(\\.[0-9]{1,6})?$',
        description: 'stop-loss limit, a loss ratio above the attachment',
      }),
    ),
    commissionRate: Type.Optional(Type.String({ pattern: '^(0|1|0\\.[0-9]{1,6})$' })),
    classes: Type.Optional(
      Type.Array(Type.Enum(['rd_transfer', 'application', 'intellectual_property', 'base']), {
        uniqueItems: true,
      }),
    ),
    priority: Type.Integer({ minimum: 1, maximum: 100 }),
    effectiveFrom: CalendarDate,
    effectiveTo: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);

export const TreatyView = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  reinsurer: Type.String(),
  cededShare: Nullable(PercentOut),
  retention: Nullable(Money),
  lines: Nullable(Type.Integer()),
  attachment: Nullable(Money),
  limit: Nullable(Money),
  attachmentRatio: Nullable(Type.String()),
  limitRatio: Nullable(Type.String()),
  commissionRate: Type.String(),
  classes: Nullable(Type.Array(Type.String())),
  priority: Type.Integer(),
  effectiveFrom: CalendarDate,
  effectiveTo: Nullable(CalendarDate),
});

export const EndTreatyBody = Type.Object({ effectiveTo: CalendarDate }, { additionalProperties: false });

export const CapacityBody = Type.Object(
  {
    capitalAndReserves: Money,
    retentionRatio: Type.Optional(
      Type.String({ pattern: '^0\\.[0-9]{1,4}$', description: "'0.10' by art. 103" }),
    ),
  },
  { additionalProperties: false },
);

export const CapacityView = Type.Object({
  capitalAndReserves: Nullable(Money),
  retentionRatio: Nullable(Type.String()),
  retentionLimit: Nullable(Money),
  source: Type.String({ description: 'recorded · registered_capital · none' }),
});

// ---- policies ----------------------------------------------------------------------------------------

export const PolicyListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['in_force', 'cancelled', 'expired'])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PolicySummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: Type.String(),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  lead: Type.Object({ id: Uuid, name: Type.String() }),
  product: Type.Object({ code: Type.String(), version: Type.Integer(), names: Bilingual }),
  poolCode: Nullable(Type.String()),
  startDate: CalendarDate,
  endDate: CalendarDate,
  sumInsured: Money,
  premium: Money,
  writtenPremium: Money,
  subsidy: Money,
  netPayable: Money,
  boundAt: Timestamp,
});

export const PolicyDetail = Type.Object({
  ...PolicySummary.properties,
  statisticalClass: Type.String(),
  sandbox: Type.Boolean(),
  collectionMode: Type.String(),
  insuredRetention: PercentOut,
  quoteId: Nullable(Uuid),
  placementId: Nullable(Uuid),
  priorPolicyId: Nullable(Uuid),
  cancelledOn: Nullable(CalendarDate),
  request: Type.Unknown(),
  lines: Type.Array(
    Type.Object({
      orgId: Uuid,
      name: Type.String(),
      role: Type.String(),
      written: Nullable(PercentOut),
      share: PercentOut,
      premium: Money,
      sumInsured: Money,
    }),
  ),
  cessions: Nullable(
    Type.Array(
      Type.Object({
        orgId: Uuid,
        kind: Type.String(),
        reinsurer: Type.String(),
        cededSumInsured: Money,
        cededPremium: Money,
        commission: Money,
      }),
      {
        description:
          'Only the insurers on the policy (each its own) and readers of all policies see cessions',
      },
    ),
  ),
  endorsements: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      kind: Type.String(),
      effectiveDate: CalendarDate,
      changes: Type.Unknown(),
      premiumDelta: Money,
      lineDeltas: Type.Unknown(),
      reason: Nullable(Type.String()),
      createdAt: Timestamp,
    }),
  ),
  journal: Nullable(
    Type.Array(
      Type.Object({
        kind: Type.String(),
        description: Type.String(),
        account: Type.String(),
        orgId: Nullable(Uuid),
        counterparty: Nullable(Type.String()),
        amount: Money,
        postedAt: Timestamp,
      }),
    ),
  ),
  group: Nullable(
    Type.Object(
      {
        role: Type.Enum(['master', 'certificate']),
        master: Type.Object({ id: Uuid, number: Type.String() }),
        memberSeq: Nullable(Type.Integer()),
      },
      {
        description:
          'A group purchase (集中投保): the master policy, or a member certificate (成员凭证) under it. The master is ' +
          'not endorsed (its certificates are); cancelling a certificate takes its member out of the group.',
      },
    ),
  ),
  viewer: Type.Object({
    isLead: Type.Boolean(),
    isHolder: Type.Boolean(),
    hasLine: Type.Boolean(),
    isGroupHolder: Type.Boolean({
      description:
        "the park that bought the group: it may take a member out (cancel the member's certificate)",
    }),
  }),
});

export const EndorseBody = Type.Object(
  {
    effectiveDate: CalendarDate,
    sumInsured: Type.Optional(Money),
    limit: Type.Optional(Money),
    contractValue: Type.Optional(Money),
    loanPrincipal: Type.Optional(Money),
    loanInterest: Type.Optional(Money),
    headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    endDate: Type.Optional(CalendarDate),
    options: Type.Optional(QuoteRequestBody.properties.options),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const CancelBody = Type.Object(
  {
    cancelDate: CalendarDate,
    method: Type.Optional(Type.Enum(['pro_rata', 'short_rate'])),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const GroupBody = Type.Object(
  {
    productCode: Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$' }),
    startDate: Type.Optional(CalendarDate),
    options: Type.Optional(QuoteRequestBody.properties.options),
    members: Type.Array(
      Type.Object({ enterpriseId: Uuid, request: QuoteRequestBody }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
