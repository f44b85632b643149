import { creditGrades, creditRecordKinds, creditSeverities, scoreBands } from '@kebao/domain/enterprise';
import { Type } from 'typebox';
import { Money, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.ts';

const Names = Type.Object({ zh: Type.String(), en: Type.String() });
const CalendarDate = Type.String({ format: 'calendar-date', maxLength: 10 });

export const IdParams = Type.Object({ id: Uuid });
export const VersionParams = Type.Object({
  id: Uuid,
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});

export const ProfileBody = Type.Object(
  {
    profile: Type.Unknown({
      description:
        'The enterprise profile (企业画像) — its JSON Schema is at GET /api/enterprise/schema/profile.json. Checked in full: every problem is answered at once, with its JSON pointer under /body/profile.',
    }),
  },
  { additionalProperties: false },
);

export const SaveAnswer = Type.Object({
  id: Uuid,
  uscc: Type.String(),
  version: Type.Integer(),
  action: Type.Enum(['created', 'updated', 'unchanged']),
});

export const EnterpriseSummary = Type.Object({
  id: Uuid,
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  consentToInsurers: Type.Boolean(),
  linked: Type.Boolean({ description: 'the enterprise has a platform account' }),
  version: Type.Integer(),
  scoreBand: Nullable(Type.String()),
  techScore: Nullable(Type.String()),
  creditGrade: Nullable(Type.String()),
  updatedAt: Timestamp,
});

export const EnterpriseQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'text in the name or the USCC' })),
    region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    industry: Type.Optional(
      Type.String({ pattern: '^[A-T]([0-9]{2,4})?$', description: 'GB/T 4754 prefix, e.g. C39' }),
    ),
    band: Type.Optional(Type.Enum([...scoreBands])),
    grade: Type.Optional(Type.Enum([...creditGrades])),
    consented: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

const Evidence = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, description: '文书名称, e.g. 失信被执行人决定书' }),
    reference: Type.String({ minLength: 1, maxLength: 500, description: '文号 or address of the document' }),
    issuedBy: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CreditRecordInput = Type.Object(
  {
    kind: Type.Enum([...creditRecordKinds]),
    severity: Type.Enum([...creditSeverities]),
    occurredOn: CalendarDate,
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    evidence: Type.Array(Evidence, { minItems: 1, maxItems: 20, description: 'at least one document' }),
  },
  { additionalProperties: false },
);

export const RevokeInput = Type.Object(
  {
    revokedOn: CalendarDate,
    reason: Type.String({ minLength: 1, maxLength: 2000, description: 'e.g. 信用修复完成' }),
  },
  { additionalProperties: false },
);

export const CreditRecordView = Type.Object({
  id: Uuid,
  kind: Type.Enum([...creditRecordKinds]),
  severity: Type.Enum([...creditSeverities]),
  occurredOn: Type.String(),
  revokedOn: Nullable(Type.String()),
  description: Type.String(),
  evidence: Type.Array(Evidence),
  recordedAt: Timestamp,
  recordedOrg: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  status: Type.Enum(['in_effect', 'expired', 'revoked', 'future']),
  until: Type.String(),
  effect: Names,
});

export const CreditView = Type.Object({
  grade: Type.Enum([...creditGrades]),
  asOf: Type.String(),
  dishonest: Type.Boolean(),
  explanation: Names,
  /** Only for the enterprise itself and government users; insurers see the grade. */
  records: Nullable(Type.Array(CreditRecordView)),
});

export const HistoryItem = Type.Object({
  version: Type.Integer(),
  source: Type.Enum(['self', 'import', 'government', 'system']),
  checksum: Type.String(),
  changedAt: Timestamp,
});

export const EnterpriseDetail = Type.Object({
  id: Uuid,
  uscc: Type.String(),
  name: Type.String(),
  linked: Type.Boolean(),
  consentToInsurers: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Timestamp,
  profile: Type.Unknown({ description: 'the profile of this version (EnterpriseProfile)' }),
  evaluations: Type.Array(
    Type.Unknown({
      description:
        'one result per evaluation model (tech SME, high-tech check, tech score), explained indicator by indicator',
    }),
  ),
  facts: Type.Unknown({ description: 'the facts product rules read, as of the last evaluation' }),
  credit: CreditView,
  history: Type.Array(HistoryItem),
  viewer: Type.Object({ isSelf: Type.Boolean(), canManage: Type.Boolean(), canRecordCredit: Type.Boolean() }),
});

export const MatchView = Type.Object({
  enterpriseId: Uuid,
  productCode: Type.String(),
  productVersion: Type.Integer(),
  names: Names,
  statisticalClass: Type.String(),
  score: Type.Integer(),
  status: Type.Enum(['eligible', 'possibly_eligible', 'referred']),
  estimatedPremium: Nullable(Money),
  estimateRequest: Type.Unknown({ description: 'the reference request the estimate priced' }),
  estimatedSubsidy: Nullable(Money),
  reasons: Type.Unknown({ description: 'MatchReason[]: why, rule by rule, in zh and en' }),
  scoreParts: Type.Unknown(),
  missingFacts: Type.Array(Type.String()),
  awaitedFacts: Type.Array(Type.String()),
  computedAt: Timestamp,
});

export const LeadView = Type.Object({
  ...MatchView.properties,
  enterprise: Type.Object({
    id: Uuid,
    uscc: Type.String(),
    name: Type.String(),
    regionCode: Nullable(Type.String()),
    industryCode: Nullable(Type.String()),
    scoreBand: Nullable(Type.String()),
    creditGrade: Nullable(Type.String()),
  }),
});

export const LeadQuery = Type.Object(
  {
    product: Type.Optional(Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$', maxLength: 20 })),
    status: Type.Optional(Type.Enum(['eligible', 'possibly_eligible', 'referred'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const ModelSummary = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  names: Names,
});
