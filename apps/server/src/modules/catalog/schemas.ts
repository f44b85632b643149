import { filingActions, sandboxCriteria, statisticalClasses, versionStatuses } from '@kebao/domain/catalog';
import { Type } from 'typebox';
import { Money, Nullable, Timestamp } from '../../platform/http/schemas.ts';

const Names = Type.Object({ zh: Type.String(), en: Type.String() });
const CalendarDate = Type.String({ format: 'calendar-date', maxLength: 10 });

export const CodeParams = Type.Object({
  code: Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$', maxLength: 20 }),
});
export const VersionParams = Type.Object({
  code: Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$', maxLength: 20 }),
  version: Type.Integer({ minimum: 1, maximum: 9999 }),
});

export const ProductSummary = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  names: Names,
  summary: Nullable(Names),
  statisticalClass: Type.Enum([...statisticalClasses]),
  status: Type.Enum([...versionStatuses]),
  writer: Type.Object({
    orgId: Nullable(Type.String()),
    pool: Nullable(Type.String()),
    nameZh: Nullable(Type.String()),
    nameEn: Nullable(Type.String()),
  }),
  subsidyTags: Type.Array(Type.String()),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
  statusChangedAt: Timestamp,
});

export const ProductQuery = Type.Object(
  {
    class: Type.Optional(Type.Enum([...statisticalClasses])),
    insurer: Type.Optional(Type.String({ format: 'uuid' })),
    subsidyTag: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Enum([...versionStatuses])),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'text in the code or the zh/en name' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);

const Sandbox = Type.Object({
  maxPolicies: Type.Integer(),
  maxSumInsured: Money,
  endsOn: Type.String(),
  conditions: Type.Unknown(),
  policiesBound: Type.Integer(),
  sumInsuredBound: Money,
  exitRequestedAt: Nullable(Timestamp),
  assessment: Type.Unknown(),
  closedAt: Nullable(Timestamp),
});

const Filing = Type.Object({
  id: Type.String(),
  action: Type.Enum([...filingActions]),
  from: Type.String(),
  to: Type.String(),
  comment: Nullable(Type.String()),
  details: Type.Unknown(),
  actorOrgId: Nullable(Type.String()),
  at: Timestamp,
});

export const VersionDetail = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  status: Type.Enum([...versionStatuses]),
  source: Type.Enum(['catalog', 'upload']),
  checksum: Type.String(),
  statusChangedAt: Timestamp,
  createdAt: Timestamp,
  definition: Type.Unknown({ description: 'The product definition (GET /api/catalog/schema/product.json)' }),
  writer: Type.Object({
    orgId: Nullable(Type.String()),
    pool: Nullable(Type.String()),
    nameZh: Nullable(Type.String()),
    nameEn: Nullable(Type.String()),
  }),
  viewer: Type.Object({
    isWriter: Type.Boolean({ description: "the caller's organisation writes this product" }),
  }),
  sandbox: Nullable(Sandbox),
  filings: Nullable(
    Type.Array(Filing, { description: 'Filing history: shown to the writer and the regulator' }),
  ),
  versions: Type.Array(Type.Object({ version: Type.Integer(), status: Type.Enum([...versionStatuses]) })),
});

export const DefinitionUpload = Type.Object(
  {
    definition: Type.Optional(Type.Unknown({ description: 'The definition as JSON' })),
    yaml: Type.Optional(Type.String({ maxLength: 200_000, description: 'Or the definition as YAML text' })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

export const ValidationAnswer = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(
    Type.Object({
      path: Type.String(),
      code: Type.String(),
      message_zh: Type.String(),
      message_en: Type.String(),
    }),
  ),
});

export const WriterFiling = Type.Object(
  {
    action: Type.Enum(['submit', 'withdraw', 'request_exit']),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const Scores = Type.Object(
  Object.fromEntries(
    sandboxCriteria.map((c) => [
      c.key,
      Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: c.zh })),
    ]),
  ),
  { additionalProperties: false },
);

export const RegulatorReview = Type.Object(
  {
    action: Type.Enum(['approve', 'reject', 'admit_sandbox', 'graduate', 'stop']),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    sandbox: Type.Optional(
      Type.Object(
        {
          maxPolicies: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          maxSumInsured: Money,
          endsOn: CalendarDate,
          conditions: Type.Optional(
            Type.Unknown({ description: 'eligible enterprises, a rule-language condition' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    assessment: Type.Optional(
      Type.Object(
        { scores: Scores, comment: Type.Optional(Type.String({ maxLength: 4000 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const QueueItem = Type.Intersect([
  ProductSummary,
  Type.Object({ exitRequestedAt: Nullable(Timestamp), reviewKind: Type.Enum(['filing', 'sandbox_exit']) }),
]);
