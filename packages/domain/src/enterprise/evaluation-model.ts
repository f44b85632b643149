import { type Static, Type } from 'typebox';
import { Names } from '../catalog/definition.ts';
import { measureNames } from './measures.ts';
import { enterpriseStages } from './profile.ts';

/**
 * Evaluation models (评价模型) as data: the tech-SME evaluation, the high-tech criteria check and the
 * platform's points score are tables an operator reviews like code (`catalog/evaluation/*.yaml`), not
 * constants in a function. A model is identified by `code` + `version`, and a version never changes once
 * loaded: a change is a new version, stored like a product version, so every past score can be explained
 * from the table that produced it.
 *
 * Numbers are decimal strings: ratios as fractions ("0.30" is 30%), money in yuan, points as decimals.
 */

const Text = (max = 500) => Type.String({ minLength: 1, maxLength: max });
const DecimalText = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$',
  maxLength: 28,
  description: 'exact decimal; a ratio as a fraction ("0.30" is 30%), money in yuan',
});
const MoneyText = Type.String({
  pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$',
  maxLength: 20,
  description: 'yuan',
});
/** A longer text in both languages: an estimate's basis, a gate's note. */
const Explanation = Type.Object({ zh: Text(), en: Text() }, { additionalProperties: false });
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'snake_case key' });
const Measure = Type.Enum([...measureNames], {
  description: 'a measure of the dictionary (enterprise/measures.ts)',
});

export const evaluationModelKinds = ['tech_sme', 'high_tech', 'points'] as const;
export type EvaluationModelKind = (typeof evaluationModelKinds)[number];

export const scoreBands = ['A', 'B', 'C', 'D'] as const;
export type ScoreBand = (typeof scoreBands)[number];

/**
 * One band: the value reaches it when it is at least `from` (lower bound inclusive, scoring.md) or, for
 * an edge that must exclude its bound ("growth above 0"), more than `above`. Exactly one of the two.
 * Bands are listed best first, edges strictly falling; a value below the last band scores 0.
 */
export const BandSchema = Type.Object(
  { from: Type.Optional(DecimalText), above: Type.Optional(DecimalText), points: DecimalText },
  { additionalProperties: false },
);

export const PartSchema = Type.Object(
  { measure: Measure, bands: Type.Array(BandSchema, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

/**
 * An indicator (指标) scores one or more parts: `best` takes the better part (tech SME: R&D / revenue or
 * R&D / total cost), `sum` adds them up to `max`. `estimate` says, when the official figure comes from an
 * expert review, how the profile stands in for it.
 */
export const IndicatorSchema = Type.Object(
  {
    key: Key,
    names: Names,
    max: DecimalText,
    combine: Type.Optional(Type.Enum(['best', 'sum'])),
    parts: Type.Array(PartSchema, { minItems: 1, maxItems: 10 }),
    estimate: Type.Optional(Explanation),
  },
  { additionalProperties: false },
);

/**
 * A condition a measure must meet (门槛): at most or at least a limit (exactly one), both ends included.
 * `note` travels into every result, e.g. how the profile's one year stands in for a three-year figure.
 */
export const GateSchema = Type.Object(
  {
    key: Key,
    names: Names,
    measure: Measure,
    atMost: Type.Optional(DecimalText),
    atLeast: Type.Optional(DecimalText),
    note: Type.Optional(Explanation),
  },
  { additionalProperties: false },
);

const header = {
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', description: 'model code, also its file name' }),
  version: Type.Integer({ minimum: 1, maximum: 100_000 }),
  names: Names,
  source: Type.Optional(Text()),
  assumptions: Type.Optional(Type.Array(Text(), { maxItems: 30 })),
};

export const TechSmeModelSchema = Type.Object(
  {
    ...header,
    kind: Type.Literal('tech_sme'),
    gates: Type.Array(GateSchema, { maxItems: 20 }),
    indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 40 }),
    qualification: Type.Object(
      {
        minScore: DecimalText,
        /** Indicators whose score must not be 0 (科技人员指标得分不得为 0). */
        nonZero: Type.Array(Key, { maxItems: 20 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/**
 * R&D intensity floors by revenue: the first floor whose `revenueUpTo` the revenue does not exceed applies
 * (upper edge included); the last floor has no `revenueUpTo` and takes the rest.
 */
export const RdFloorSchema = Type.Object(
  { revenueUpTo: Type.Optional(MoneyText), minRatio: DecimalText },
  { additionalProperties: false },
);

export const HighTechModelSchema = Type.Object(
  {
    ...header,
    kind: Type.Literal('high_tech'),
    rdIntensity: Type.Object(
      {
        key: Key,
        names: Names,
        floors: Type.Array(RdFloorSchema, { minItems: 1, maxItems: 10 }),
        note: Type.Optional(Explanation),
      },
      { additionalProperties: false },
    ),
    criteria: Type.Array(GateSchema, { maxItems: 20 }),
    innovation: Type.Object(
      {
        /** The score must exceed this (strictly): 高新 "综合得分须在 70 分以上（不含 70 分）". */
        above: DecimalText,
        indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 20 }),
      },
      { additionalProperties: false },
    ),
    /** Criteria the profile cannot show, named in every result so nobody mistakes the check for a decision. */
    notAssessed: Type.Optional(Type.Array(Explanation, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const StageWeights = Type.Object(
  Object.fromEntries(enterpriseStages.map((stage) => [stage, DecimalText])) as Record<
    (typeof enterpriseStages)[number],
    typeof DecimalText
  >,
  { additionalProperties: false },
);

export const PointsGroupSchema = Type.Object(
  {
    key: Key,
    names: Names,
    weights: StageWeights,
    indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);

export const PointsModelSchema = Type.Object(
  {
    ...header,
    kind: Type.Literal('points'),
    defaultStage: Type.Enum([...enterpriseStages]),
    groups: Type.Array(PointsGroupSchema, { minItems: 1, maxItems: 10 }),
    /** Best band first; the score (0–100, two decimals) takes the first band it reaches. */
    scoreBands: Type.Array(
      Type.Object({ band: Type.Enum([...scoreBands]), from: DecimalText }, { additionalProperties: false }),
      { minItems: 1, maxItems: 4 },
    ),
  },
  { additionalProperties: false },
);

/** What every model starts with; validation reads it first to pick the schema of the kind. */
export const EvaluationModelHeaderSchema = Type.Object({
  code: header.code,
  version: header.version,
  kind: Type.Enum([...evaluationModelKinds]),
  names: Names,
});

/** Any evaluation model, for editors and the API (validation goes by kind, see validateEvaluationModel). */
export const EvaluationModelSchema = Type.Union(
  [TechSmeModelSchema, HighTechModelSchema, PointsModelSchema],
  {
    $id: 'https://kebao.dev/schemas/evaluation-model.schema.json',
    title: 'Kebao evaluation model',
  },
);

export type Band = Static<typeof BandSchema>;
export type IndicatorDefinition = Static<typeof IndicatorSchema>;
export type GateDefinition = Static<typeof GateSchema>;
export type TechSmeModel = Static<typeof TechSmeModelSchema>;
export type HighTechModel = Static<typeof HighTechModelSchema>;
export type PointsModel = Static<typeof PointsModelSchema>;
export type PointsGroup = Static<typeof PointsGroupSchema>;
export type EvaluationModel = TechSmeModel | HighTechModel | PointsModel;
