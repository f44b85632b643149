import { Type } from 'typebox';
import { CalendarDate, Money, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.ts';

/*
 * Schemas of the cockpit's answers that are deep structures: registered policies, the statistics report
 * and the development index (IndexResult of packages/domain/src/monitor/development-index.ts). The response
 * serialiser writes only what a schema names, so each one lists every field the handlers return.
 */

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

// ---- registered policies (保单登记) --------------------------------------------------------------------

export const RegisteredView = Type.Object({
  id: Uuid,
  policyNumber: Type.String({ description: '保单号, the insurer’s own number' }),
  productCode: Nullable(Type.String()),
  statisticalClass: Type.String({
    description:
      '统计类别: rd_transfer 研发及成果转化 · application 应用及推广 · intellectual_property 知识产权 · base 基础风险',
  }),
  insured: Type.Object(
    {
      uscc: Type.String({ description: '统一社会信用代码' }),
      name: Type.String(),
    },
    { description: '被保险人 The insured enterprise' },
  ),
  industry: Nullable(Type.String({ description: 'GB/T 4754 code' })),
  region: Nullable(Type.String({ description: 'GB/T 2260 code' })),
  startDate: CalendarDate,
  endDate: CalendarDate,
  status: Type.String({ description: 'in_force 有效 · cancelled 已退保 · expired 已到期' }),
  share: Type.String({ description: 'the insurer’s own line in percent, four decimals, e.g. "100.0000"' }),
  sumInsured: Money,
  premium: Money,
  claimsPaid: Money,
  claimsIncurred: Money,
  updatedAt: Timestamp,
});

// ---- insurers the statistics can be filtered by ------------------------------------------------------

export const MonitorInsurer = Type.Object({
  id: Uuid,
  names: { ...Bilingual, description: 'The organisation’s name, Chinese and English' },
});

// ---- statistics (《科技保险业务统计制度》) ----------------------------------------------------------------

export const StatisticsRowView = Type.Object({
  period: Type.String({ description: '2026-03 (month), 2026-Q1 (quarter) or 2026 (year)' }),
  group: Type.String({
    description:
      'by=class: rd_transfer · application · intellectual_property · base; by=entity: little_giant · specialised_sme · high_tech_enterprise · tech_sme · other; by=source: platform · registered',
  }),
  groupName: Bilingual,
  policies: Type.Integer({ description: '保单件数' }),
  enterprises: Type.Integer({ description: '投保企业数 (distinct insured)' }),
  premium: { ...Money, description: '保费收入 Written premium, yuan' },
  sumInsured: { ...Money, description: '风险保障金额 Sum insured, yuan' },
  claimsPaid: { ...Money, description: '已决赔款 Claims paid, yuan' },
  claimsIncurred: { ...Money, description: '已发生赔款 Claims incurred (paid + reserve), yuan' },
  lossRatio: Nullable(
    Type.String({
      description: '赔付率: incurred ÷ premium as a fraction, 6 decimals rounded up; null without premium',
    }),
  ),
  subsidy: { ...Money, description: '保费补贴 Premium subsidy, yuan' },
});

export const StatisticsReport = Type.Object({
  year: Type.Integer(),
  period: Type.Enum(['month', 'quarter', 'year']),
  by: Type.Enum(['class', 'entity', 'source']),
  insurer: Nullable({
    ...Uuid,
    description: 'The insurer whose lines are counted; null: the zone (whole policies)',
  }),
  part: Nullable(
    Type.Integer({
      description: 'Part of the statistics rules: 1 (by class), 2 (by insured entity), null (by source)',
    }),
  ),
  rows: Type.Array(StatisticsRowView, { description: 'One row per period and group with business' }),
});

// ---- the development index (科技保险发展指数) ------------------------------------------------------------

const KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
const Key = (description: string) => Type.String({ pattern: KEY_PATTERN, maxLength: 40, description });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Names = (description: string) =>
  Type.Object({ zh: Text(200), en: Text(200) }, { additionalProperties: false, description });
const Decimal = (description: string) => Type.String({ maxLength: 80, description });
const AhpEntry = Type.Union([Type.String({ maxLength: 20 }), Type.Number()], {
  description: 'A pairwise comparison on Saaty’s scale: "3", "1/3", "0.5" or a number',
});
const AhpMatrix = (description: string) =>
  Type.Array(Type.Array(AhpEntry, { maxItems: 100 }), { maxItems: 100, description });

/**
 * A methodology (IndexMethodology). Request and answer alike: a what-if sends one, every result echoes the
 * one it used. The shape is checked here; its meaning (unique keys, weights adding up to 1, reciprocal AHP
 * matrices with CR < 0.1, a base year with data) by the index engine, which answers 422 index.invalid.
 */
export const IndexMethodologySchema = Type.Object(
  {
    version: Type.String({
      minLength: 1,
      maxLength: 60,
      description: 'Names the methodology (indicators, base year, weights), e.g. kebao-tii-1.0',
    }),
    baseYear: Type.Integer({ description: 'The year every indicator is normalised to (= 100)' }),
    subIndices: Type.Array(
      Type.Object(
        {
          key: Key('Sub-index key, unique across the methodology'),
          names: Names('The sub-index’s name'),
          indicators: Type.Array(
            Type.Object(
              {
                key: Key('Indicator key, unique across the methodology'),
                names: Names('The indicator’s name'),
                direction: Type.Enum(['positive', 'negative'], {
                  description:
                    'positive: more is better · negative: less is better (normalised as base ÷ value)',
                }),
                unit: Type.String({
                  maxLength: 20,
                  description: 'yuan · count · ratio (a fraction) · days · hhi',
                }),
                definition: Type.Object(
                  { zh: Text(1000), en: Text(1000) },
                  { additionalProperties: false, description: 'How the indicator is measured' },
                ),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 100 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    weighting: Type.Union(
      [
        Type.Object(
          { method: Type.Literal('entropy') },
          { additionalProperties: false, description: 'Weights from the data (entropy method)' },
        ),
        Type.Object(
          {
            method: Type.Literal('ahp'),
            subIndices: AhpMatrix(
              'Comparisons of the sub-indices, rows and columns in the methodology’s order',
            ),
            indicators: Type.Record(
              Type.String(),
              AhpMatrix('Comparisons of the indicators of one sub-index, in order'),
              { description: 'By sub-index key; a sub-index with one indicator may be left out' },
            ),
          },
          { additionalProperties: false, description: 'Weights from AHP judgements (层次分析法)' },
        ),
        Type.Object(
          {
            method: Type.Literal('fixed'),
            subIndices: Type.Record(Type.String(), Decimal('weight, e.g. "0.25"'), {
              description: 'Weight of each sub-index; they add up to 1',
            }),
            indicators: Type.Record(Type.String(), Decimal('weight, e.g. "0.5"'), {
              description: 'Weight of each indicator within its sub-index; they add up to 1 in each',
            }),
          },
          { additionalProperties: false, description: 'Fixed weights' },
        ),
      ],
      { description: 'How the weights are set: entropy, ahp or fixed' },
    ),
  },
  { additionalProperties: false, description: 'An index methodology (docs/index-methodology.md)' },
);

const Consistency = Type.Object({
  lambdaMax: Decimal('λmax'),
  consistencyIndex: Decimal('CI'),
  consistencyRatio: Decimal('CR (< 0.1 to be accepted)'),
});

const IndicatorFigures = Type.Object({
  value: Decimal('The value used (after carrying forward), a decimal string'),
  carriedFrom: Nullable(
    Type.Integer({ description: 'The year the value was carried from; null when it is the year’s own' }),
  ),
  normalised: Decimal('Base year = 100, 6 decimals'),
  weight: Decimal('Its weight in the composite (sub-index weight × weight within it), 6 decimals'),
});

export const IndexResultView = Type.Object(
  {
    methodology: IndexMethodologySchema,
    inputs: Type.Record(
      Type.String(),
      Type.Record(Type.String(), Nullable(Type.String({ description: 'a decimal string' }))),
      { description: 'The input by year and indicator key, as given (null: missing)' },
    ),
    weights: Type.Object({
      method: Type.Enum(['entropy', 'ahp', 'fixed']),
      subIndices: Type.Record(Type.String(), Decimal('weight of the sub-index in the composite'), {
        description: 'By sub-index key; 0 for a sub-index left out',
      }),
      indicators: Type.Record(
        Type.String(),
        Type.Object({
          withinSubIndex: Decimal('weight within its sub-index'),
          overall: Decimal('weight in the composite'),
        }),
        { description: 'By indicator key' },
      ),
      consistency: Type.Optional(
        Type.Object(
          {
            subIndices: Consistency,
            indicators: Type.Record(Type.String(), Consistency, { description: 'By sub-index key' }),
          },
          { description: 'AHP: λmax, CI and CR of each matrix' },
        ),
      ),
      entropy: Type.Optional(
        Type.Record(Type.String(), Type.Object({ entropy: Decimal('e'), divergence: Decimal('d = 1 − e') }), {
          description: 'Entropy method: by indicator key',
        }),
      ),
    }),
    excluded: Type.Array(
      Type.Object({
        indicator: Type.String(),
        reason: Type.String({ description: 'missing_in_base_year · zero_in_base_year' }),
      }),
      { description: 'Indicators left out of every year (their sub-index’s weights renormalised)' },
    ),
    years: Type.Array(
      Type.Object({
        year: Type.Integer(),
        composite: Decimal('综合指数, base year = 100, 6 decimals'),
        subIndices: Type.Record(Type.String(), Decimal('分指数, 6 decimals'), {
          description: 'By sub-index key (a sub-index left out has no entry)',
        }),
        indicators: Type.Record(Type.String(), IndicatorFigures, {
          description: 'By indicator key (an indicator left out has no entry)',
        }),
      }),
      { description: 'Every year from the base year, oldest first' },
    ),
  },
  {
    description:
      'The index (IndexResult): the methodology and inputs it was computed from, the weights, and each year’s composite, sub-indices and indicators',
  },
);

export const IndexPublished = Type.Object({
  year: Type.Integer(),
  methodology: Type.String({ description: 'The methodology’s version' }),
  composite: Decimal('The year’s composite'),
  result: IndexResultView,
});

export const IndexPublication = Type.Object({
  year: Type.Integer(),
  methodology: Type.String({ description: 'The methodology’s version' }),
  composite: Decimal('The year’s composite, as published'),
  computedAt: Timestamp,
  reproduced: Type.Boolean({
    description: 'Recomputed from its stored inputs now, it gave the same result to the last digit',
  }),
  result: IndexResultView,
});
