import { type Static, Type } from 'typebox';

/**
 * The product definition (产品定义): what an insurer publishes, as data. The same schema
 * validates the shipped files in `catalog/products/*.yaml`, uploads through the API, and editors
 * (it is published as `catalog/schema/product.schema.json`). Amounts are yuan strings, rates and
 * factors decimal strings, dates 'YYYY-MM-DD'.
 */

const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });
export const Names = Type.Object(
  { zh: Text(), en: Text() },
  { additionalProperties: false, description: 'Chinese first, English second' },
);
const MoneyText = Type.String({
  pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$',
  maxLength: 20,
  description: 'yuan, at most two decimals',
});
const DecimalText = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$',
  maxLength: 28,
  description: 'exact decimal, e.g. "0.015"',
});
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'snake_case key' });
/** The shape of a fact path; the dictionary (facts.ts) decides which paths exist. */
export const FACT_PATH_PATTERN = '^(enterprise|request)\\.[A-Za-z][A-Za-z0-9]*(\\.[a-z][a-z0-9_]*)?$';
const FactPath = Type.String({
  pattern: FACT_PATH_PATTERN,
  maxLength: 80,
  description: 'a fact of the dictionary (enterprise.*, request.*) or request.options.<key>',
});
const Scalar = Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Boolean()]);

/** The statistical classes of 《科技保险业务统计制度》 (NFRA, 2024), part 1. */
export const statisticalClasses = ['rd_transfer', 'application', 'intellectual_property', 'base'] as const;
export type StatisticalClass = (typeof statisticalClasses)[number];

// ---- The rule language (规则语言): conditions as data, never code. ------------------------------

export const comparisonOperators = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'] as const;
export const setOperators = ['in', 'not_in', 'contains', 'contains_any', 'contains_all'] as const;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: (typeof comparisonOperators)[number]; value: string | number | boolean }
  | { fact: string; op: 'between'; min: string | number; max: string | number }
  | { fact: string; op: (typeof setOperators)[number]; values: (string | number)[] }
  | { fact: string; op: 'exists' | 'missing' };

/** A condition over one fact (not a combination), and the operators such a condition may use. */
export type FactCondition = Extract<Condition, { fact: string }>;
export type ConditionOperator = FactCondition['op'];

/** A reference to the recursive condition schema, defined once in the document's `$defs`. */
const ConditionRef = Type.Unsafe<Condition>({ $ref: '#/$defs/Condition' });

export const ConditionDefinition = Type.Union([
  Type.Object(
    { all: Type.Array(ConditionRef, { minItems: 1, maxItems: 50 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { any: Type.Array(ConditionRef, { minItems: 1, maxItems: 50 }) },
    { additionalProperties: false },
  ),
  Type.Object({ not: ConditionRef }, { additionalProperties: false }),
  Type.Object(
    { fact: FactPath, op: Type.Enum([...comparisonOperators]), value: Scalar },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      fact: FactPath,
      op: Type.Literal('between'),
      min: Type.Union([Type.String({ maxLength: 28 }), Type.Number()]),
      max: Type.Union([Type.String({ maxLength: 28 }), Type.Number()]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      fact: FactPath,
      op: Type.Enum([...setOperators]),
      values: Type.Array(Type.Union([Type.String({ maxLength: 100 }), Type.Number()]), {
        minItems: 1,
        maxItems: 500,
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ fact: FactPath, op: Type.Enum(['exists', 'missing']) }, { additionalProperties: false }),
]);

/** A rule: when its condition holds (eligibility: when it fails), the reason is given. */
export const RuleSchema = Type.Object(
  {
    reason: Type.String({ pattern: '^[a-z][a-z0-9_.]{2,63}$', description: 'stable reason code' }),
    message: Names,
    when: ConditionRef,
  },
  { additionalProperties: false },
);

export const UnderwritingRuleSchema = Type.Object(
  {
    outcome: Type.Enum(['decline', 'refer']),
    reason: Type.String({ pattern: '^[a-z][a-z0-9_.]{2,63}$' }),
    message: Names,
    when: ConditionRef,
  },
  { additionalProperties: false },
);

// ---- Options the requester chooses (保险方案选项) -------------------------------------------------

export const OptionSchema = Type.Object(
  {
    key: Key,
    names: Names,
    type: Type.Enum(['choice', 'money', 'integer', 'boolean']),
    choices: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 50 })),
    min: Type.Optional(Type.Union([MoneyText, Type.Integer()])),
    max: Type.Optional(Type.Union([MoneyText, Type.Integer()])),
    default: Type.Optional(Scalar),
    required: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---- Cover (保障责任) --------------------------------------------------------------------------

export const DeductibleSchema = Type.Union([
  Type.Object({ type: Type.Literal('amount'), amount: MoneyText }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('percent'), rate: DecimalText, minimum: Type.Optional(MoneyText) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('waiting_days'), days: Type.Integer({ minimum: 1, maximum: 365 }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('option'), option: Key }, { additionalProperties: false }),
]);

export const limitBases = [
  'sum_insured',
  'contract_value',
  'equipment_value',
  'loan_principal_plus_interest',
  'limit',
  'fixed',
  'per_person',
] as const;

export const SectionSchema = Type.Object(
  {
    key: Key,
    names: Names,
    description: Type.Optional(Names),
    limit: Type.Object(
      {
        basis: Type.Enum([...limitBases]),
        multiple: Type.Optional(DecimalText),
        amount: Type.Optional(MoneyText),
        max: Type.Optional(MoneyText),
      },
      { additionalProperties: false },
    ),
    sublimits: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Key,
            names: Names,
            amount: Type.Optional(MoneyText),
            shareOfLimit: Type.Optional(DecimalText),
          },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
    deductible: Type.Optional(DeductibleSchema),
    trigger: Type.Union([
      Type.Object({ type: Type.Literal('occurrence') }, { additionalProperties: false }),
      Type.Object(
        {
          type: Type.Literal('claims_made'),
          retroactiveDate: Type.Enum(['required', 'policy_start', 'none']),
          extendedReportingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          type: Type.Literal('parametric'),
          index: Names,
          unit: Type.String({ maxLength: 20 }),
          payouts: Type.Array(
            Type.Object(
              { threshold: DecimalText, payoutShareOfLimit: DecimalText },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 20 },
          ),
          direction: Type.Enum(['above', 'below']),
        },
        { additionalProperties: false },
      ),
    ]),
    optional: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---- Rating (费率厘定) ----------------------------------------------------------------------------

export const ratingBases = [
  'sum_insured',
  'contract_value',
  'loan_principal_plus_interest',
  'revenue',
  'headcount',
  'limit',
] as const;
export type RatingBasis = (typeof ratingBases)[number];

/** A factor table: looked up by a fact, either by exact key or by numeric band. */
export const FactorSchema = Type.Object(
  {
    key: Key,
    names: Names,
    fact: FactPath,
    /** Exact-match table: fact value → factor. */
    table: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), DecimalText)),
    /** Bands over a numeric fact; `from` inclusive, `to` exclusive; open ends allowed. */
    bands: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: Type.Optional(Type.Union([DecimalText, Type.Number()])),
            to: Type.Optional(Type.Union([DecimalText, Type.Number()])),
            factor: DecimalText,
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
    ),
    /** Used when the fact is missing or matches nothing; without it, that is an error. */
    default: Type.Optional(DecimalText),
  },
  { additionalProperties: false },
);

export const RatingSchema = Type.Object(
  {
    basis: Type.Enum([...ratingBases]),
    /** Annual base rate on the basis (per person per year for `headcount`, a premium in yuan). */
    baseRate: DecimalText,
    factors: Type.Array(FactorSchema, { maxItems: 20 }),
    term: Type.Union([
      Type.Object({ method: Type.Literal('annual') }, { additionalProperties: false }),
      Type.Object({ method: Type.Literal('pro_rata') }, { additionalProperties: false }),
      Type.Object(
        {
          method: Type.Literal('short_period'),
          /** Share of the annual premium by months of cover (1..12), as in the short-period tables. */
          table: Type.Record(Type.String({ pattern: '^([1-9]|1[0-2])$' }), DecimalText),
        },
        { additionalProperties: false },
      ),
    ]),
    minimumPremium: Type.Optional(MoneyText),
    /** Maximum effective annual rate on the basis (e.g. the 3% counted by the central subsidy). */
    rateCap: Type.Optional(DecimalText),
    rounding: Type.Object(
      { to: Type.Enum(['fen', 'jiao', 'yuan']), mode: Type.Enum(['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP']) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

// ---- The definition -----------------------------------------------------------------------------

export const ProductDefinitionSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    code: Type.String({
      pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$',
      description: 'Tech-insurance product code: KB-<class>-<id> (docs/products.md)',
    }),
    version: Type.Integer({ minimum: 1, maximum: 9999 }),
    names: Names,
    summary: Type.Optional(Names),
    statisticalClass: Type.Enum([...statisticalClasses]),
    writer: Type.Union([
      Type.Object(
        {
          insurer: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: 'USCC of the insurer' }),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        { pool: Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,31}$', description: 'code of a standing pool' }) },
        { additionalProperties: false },
      ),
    ]),
    parties: Type.Object(
      { policyholder: Names, insured: Names, beneficiary: Type.Optional(Names) },
      { additionalProperties: false },
    ),
    options: Type.Array(OptionSchema, { maxItems: 20 }),
    sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 20 }),
    eligibility: Type.Array(RuleSchema, { maxItems: 50 }),
    rating: RatingSchema,
    underwriting: Type.Array(UnderwritingRuleSchema, { maxItems: 50 }),
    subsidyTags: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }), { maxItems: 20 }),
    clause: Type.Object(
      { reference: Text(300), source: Type.Optional(Text(300)) },
      { additionalProperties: false },
    ),
    effective: Type.Object({ from: DateText, to: Type.Optional(DateText) }, { additionalProperties: false }),
    /** Where a figure has no public source, the file says so here (shown to reviewers). */
    assumptions: Type.Optional(Type.Array(Text(500), { maxItems: 30 })),
  },
  {
    additionalProperties: false,
    $id: 'https://kebao.dev/schemas/product.schema.json',
    title: 'Kebao product definition',
    $defs: { Condition: ConditionDefinition },
  },
);

export type ProductDefinition = Static<typeof ProductDefinitionSchema>;
export type Section = Static<typeof SectionSchema>;
export type Rating = Static<typeof RatingSchema>;
export type Factor = Static<typeof FactorSchema>;
export type Rule = Static<typeof RuleSchema>;
export type UnderwritingRule = Static<typeof UnderwritingRuleSchema>;
export type ProductOption = Static<typeof OptionSchema>;
/** A text in both languages, Chinese first: names, messages. */
export type BilingualText = Static<typeof Names>;
