import { enterpriseFacts, type FactType, versionStatuses } from '@kebao/domain/catalog';
import { type TSchema, Type } from 'typebox';
import { CalendarDate, Money, Nullable, Uuid } from '../../platform/http/schemas.ts';

const Decimal = Type.Union([
  Type.String({ pattern: '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$', maxLength: 28 }),
  Type.Number(),
]);

function factSchema(type: FactType, description: string): TSchema {
  switch (type) {
    case 'integer':
      return Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description }));
    case 'money':
      return Nullable({ ...Money, description: `${description} (yuan)` });
    case 'decimal':
      return Nullable({ ...Decimal, description });
    case 'set':
      return Nullable(
        Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100, uniqueItems: true, description }),
      );
    case 'boolean':
      return Nullable(Type.Boolean({ description }));
    case 'date':
      return Nullable(Type.String({ format: 'calendar-date', description }));
    default:
      return Nullable(Type.String({ maxLength: 60, description }));
  }
}

/** What is known about the enterprise: the fact dictionary, keys without the `enterprise.` prefix. */
export const EnterpriseFactsBody = Type.Object(
  Object.fromEntries(
    Object.entries(enterpriseFacts).map(([name, def]) => [
      name.slice('enterprise.'.length),
      Type.Optional(factSchema(def.type, `${def.zh} / ${def.en}`)),
    ]),
  ),
  { additionalProperties: false, description: 'Facts about the enterprise; unknown ones may be left out' },
);

export const QuoteRequestBody = Type.Object(
  {
    sumInsured: Type.Optional(Money),
    contractValue: Type.Optional(Money),
    loanPrincipal: Type.Optional(Money),
    loanInterest: Type.Optional(Money),
    headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    limit: Type.Optional(Money),
    termDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3660, description: 'days of cover, both ends counted' }),
    ),
    startDate: Type.Optional(Type.String({ format: 'calendar-date' })),
    continuousYear: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    retroactiveDate: Type.Optional(
      Type.String({
        format: 'calendar-date',
        description:
          'the agreed retroactive date (追溯日) of claims-made cover; losses before it are not covered',
      }),
    ),
    options: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
        Type.Union([Type.String({ maxLength: 40 }), Type.Number(), Type.Boolean()]),
        { description: "the product's options by key" },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  {
    productCode: Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$', maxLength: 20 }),
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 9999, description: 'default: the newest quotable version' }),
    ),
    enterprise: EnterpriseFactsBody,
    request: QuoteRequestBody,
  },
  { additionalProperties: false },
);

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Reason = Type.Object({ reason: Type.String(), message: Text });

const Step = Type.Object({
  key: Type.String(),
  names: Text,
  kind: Type.String(),
  fact: Type.Optional(Type.String()),
  input: Type.Optional(Type.String()),
  value: Type.String(),
  amount: Type.String(),
  bound: Type.Optional(Type.Boolean()),
});

export const PreviewAnswer = Type.Object({
  product: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    names: Text,
    status: Type.Enum([...versionStatuses]),
  }),
  outcome: Type.Enum(['accept', 'refer', 'decline', 'ineligible', 'needs_information']),
  eligible: Type.Boolean(),
  eligibility: Type.Array(
    Type.Object({ reason: Type.String(), message: Text, result: Type.Enum(['true', 'false', 'unknown']) }),
  ),
  reasons: Type.Array(Reason),
  missingFacts: Type.Array(Type.String()),
  premium: Nullable(Money),
  rating: Nullable(
    Type.Object({
      basis: Type.String({
        description: 'yuan, or the number of persons for a headcount basis (see basisUnit)',
      }),
      basisUnit: Type.Enum(['yuan', 'persons']),
      annualPremium: Type.String(),
      effectiveRate: Type.String(),
      breakdown: Type.Array(Step),
    }),
  ),
});

/** A broker's registry search: a name fragment or a full unified social credit code. */
export const RegistrySearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 60,
      description: 'part of the enterprise name (at least 2 characters), or its full 18-character USCC',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** A registry entry as a broker sees it before a mandate: identity only, and its own mandate if any. */
export const RegistryEntryView = Type.Object({
  id: Uuid,
  name: Type.String(),
  uscc: Type.String(),
  regionCode: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  mandate: Nullable(
    Type.Object({
      reference: Type.String(),
      validUntil: CalendarDate,
      valid: Type.Boolean({ description: 'valid today: the broker may quote for the client' }),
    }),
  ),
});
