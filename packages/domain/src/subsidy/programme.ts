import { type Static, Type } from 'typebox';
import { ConditionDefinition, Names, RuleSchema, statisticalClasses } from '../catalog/definition.ts';
import { scoreBands } from '../enterprise/evaluation-model.ts';

/**
 * A premium-subsidy programme (保费补贴项目) as data: who funds it, for which products and enterprises,
 * how much of the premium it pays and within which limits. The same schema validates the shipped files
 * in `catalog/subsidies/*.yaml`, uploads through the API and editors (it is published as
 * `catalog/schema/subsidy.schema.json`). Amounts are yuan strings, shares and rates decimal strings,
 * dates 'YYYY-MM-DD' — the same shapes, and so the same error messages, as the product definition.
 */

const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });
// The patterns of the product definition's amounts, decimals and dates (catalog/definition.ts), so a
// wrong value reads the same sentence in both documents (schema/messages.ts recognises them).
const MoneyText = (description: string) =>
  Type.String({ pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$', maxLength: 20, description });
const DecimalText = (description: string) =>
  Type.String({ pattern: '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$', maxLength: 28, description });
const DateText = (description: string) =>
  Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });
const Key = (description: string) => Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description });
const ConditionRef = Type.Unsafe<Static<typeof ConditionDefinition>>({ $ref: '#/$defs/Condition' });

/** The programme code: also the tag products carry in `subsidyTags` to say they are meant for it. */
export const PROGRAMME_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{2,47}$';

/** Who puts up the money (资金层级); a municipality such as Shanghai is a city. */
export const fundLevels = ['central', 'province', 'city', 'district'] as const;
export type FundLevel = (typeof fundLevels)[number];

/** Who the subsidy is paid to: the insurer (the enterprise's bill is reduced) or the enterprise. */
export const payees = ['insurer', 'enterprise'] as const;
export type Payee = (typeof payees)[number];

export const clawbackMethods = ['pro_rata', 'full', 'none'] as const;
export type ClawbackMethod = (typeof clawbackMethods)[number];

const ShareByYear = Type.Array(DecimalText('share of the eligible premium in that year'), {
  minItems: 1,
  maxItems: 10,
  description:
    'Step-down (退坡): the share in year 1, 2, …, by the enterprise’s year index in the programme; ' +
    'the last one holds for later years',
});

const CapsSchema = Type.Object(
  {
    perPolicy: Type.Optional(MoneyText('most one policy may receive (单笔保单上限), yuan')),
    perEnterprisePerYear: Type.Optional(
      MoneyText('most one enterprise may receive in a programme year (每家企业每年上限), yuan'),
    ),
  },
  { additionalProperties: false },
);

const TierSchema = Type.Object(
  {
    band: Type.Optional(
      Type.Enum([...scoreBands], {
        description: 'the tier applies to enterprises in this score band (enterprise.scoreBand)',
      }),
    ),
    when: Type.Optional(
      Type.Unsafe<Static<typeof ConditionDefinition>>({
        $ref: '#/$defs/Condition',
        description: 'the tier applies when this condition holds (instead of a band)',
      }),
    ),
    names: Type.Optional(Names),
    rate: Type.Optional(DecimalText('share of the eligible premium, e.g. "0.5"')),
    byYear: Type.Optional(ShareByYear),
    caps: Type.Optional(
      Type.Object(CapsSchema.properties, {
        additionalProperties: false,
        description: 'caps for this tier, replacing the programme’s',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'One step of a tiered share (阶梯式支持). The first tier that applies is used; a tier with neither ' +
      'band nor when applies to everyone (put it last)',
  },
);

const BonusSchema = Type.Object(
  {
    reason: RuleSchema.properties.reason,
    message: Names,
    when: ConditionRef,
    points: DecimalText('added to the share when the condition holds, e.g. "0.1" for 10 points'),
  },
  { additionalProperties: false },
);

export const ShareSchema = Type.Object(
  {
    rate: Type.Optional(DecimalText('a flat share of the eligible premium, e.g. "0.8"')),
    byYear: Type.Optional(ShareByYear),
    tiers: Type.Optional(Type.Array(TierSchema, { minItems: 1, maxItems: 20 })),
    bonuses: Type.Optional(
      Type.Array(BonusSchema, {
        maxItems: 10,
        description: 'extra points (加分) on top of the share; the total never exceeds 1',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'The share of the eligible premium paid: exactly one of rate, byYear, tiers',
  },
);

export const SubsidyProgrammeSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    code: Type.String({
      pattern: PROGRAMME_CODE_PATTERN,
      description: 'Programme code, e.g. shanghai-2025-tiered; products name it in subsidyTags',
    }),
    version: Type.Integer({ minimum: 1, maximum: 9999 }),
    names: Names,
    summary: Type.Optional(Names),
    funder: Type.Object(
      {
        names: Names,
        level: Type.Enum([...fundLevels], { description: 'level of government (资金层级)' }),
      },
      { additionalProperties: false, description: 'The body that runs the programme and pays' },
    ),
    budget: MoneyText('the programme’s budget (预算), yuan: no grant goes beyond what is left of it'),
    fundPools: Type.Optional(
      Type.Array(
        Type.Object(
          {
            level: Type.Enum([...fundLevels]),
            names: Type.Optional(Names),
            share: DecimalText('this pool’s part of every grant; the shares add up to 1'),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          maxItems: 4,
          description: 'Co-funding (分级负担): how each grant is split between levels of government',
        },
      ),
    ),
    eligibility: Type.Object(
      {
        tags: Type.Optional(
          Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }), {
            maxItems: 20,
            description: 'product subsidyTags that bring a product in; without it, the programme’s own code',
          }),
        ),
        products: Type.Optional(
          Type.Array(Type.String({ pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$' }), {
            maxItems: 100,
            description: 'product codes that are in whatever their tags',
          }),
        ),
        classes: Type.Optional(
          Type.Array(Type.Enum([...statisticalClasses]), {
            maxItems: 4,
            description: 'statistical classes whose products are all in',
          }),
        ),
      },
      {
        additionalProperties: false,
        description: 'Which policies the programme is for: a product is in when any of these matches',
      },
    ),
    conditions: Type.Array(RuleSchema, {
      maxItems: 50,
      description:
        'Enterprise and policy conditions (申报条件) in the rule language: each must hold, or its reason ' +
        'refuses the subsidy',
    }),
    share: ShareSchema,
    rateCap: Type.Optional(
      DecimalText(
        'premium rate counted at most (费率上限): eligible premium = min(premium, rateCap × sum insured)',
      ),
    ),
    caps: Type.Optional(
      Type.Object(
        {
          ...CapsSchema.properties,
          perProgramme: Type.Optional(
            MoneyText(
              'most the programme grants in all (e.g. a first tranche of the budget), yuan; the lower of ' +
                'it and the budget applies',
            ),
          ),
        },
        { additionalProperties: false, description: 'Upper limits on a grant (补贴上限)' },
      ),
    ),
    quota: Type.Optional(
      Type.Object(
        {
          percentOfProductValue: DecimalText(
            'the approved quota as a share of the product’s value, e.g. "0.03"',
          ),
          years: Type.Integer({ minimum: 1, maximum: 10, description: 'years the quota stays valid' }),
        },
        {
          additionalProperties: false,
          description:
            'An approved quota per product (补偿额度): qualification comes first; no grant without a ' +
            'quota, none beyond what is left of it',
        },
      ),
    ),
    window: Type.Object(
      {
        from: DateText('first policy start date the programme takes, YYYY-MM-DD'),
        to: Type.Optional(DateText('last policy start date it takes, YYYY-MM-DD; open when absent')),
      },
      { additionalProperties: false, description: 'Application window (申报期), by the policy’s start date' },
    ),
    mode: Type.Enum(['auto', 'apply'], {
      description: 'auto: 免申即享, granted from pushed data and confirmed by the enterprise; apply: 申报',
    }),
    confirmWorkingDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 30,
        description: 'auto mode: working days the enterprise has to confirm',
      }),
    ),
    checklist: Type.Optional(
      Type.Array(Type.Object({ key: Key('material key'), names: Names }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 20,
        description: 'apply mode: the materials an application must carry (申报材料)',
      }),
    ),
    review: Type.Optional(
      Type.Object(
        {
          stages: Type.Array(
            Type.Object(
              {
                key: Key('stage key, e.g. district, city'),
                level: Type.Optional(Type.Enum([...fundLevels], { description: 'who reviews: its level' })),
                names: Names,
              },
              { additionalProperties: false },
            ),
            {
              minItems: 1,
              maxItems: 4,
              description:
                'apply mode: the review stages in order (区级初审, 市级复审…); an application approved at ' +
                'one stage goes to the next, approved at the last it is granted. A stage is reviewed by the ' +
                'funder assigned to it for the enterprise’s region, or by the operating funder',
            },
          ),
          supplementWorkingDays: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 60,
              description:
                'working days an enterprise has to supply what a reviewer asked for (补正期限); 10 when not set',
            }),
          ),
        },
        { additionalProperties: false, description: 'Review of applications (审核)' },
      ),
    ),
    payee: Type.Enum([...payees], {
      description:
        'insurer: paid to the insurer, the enterprise pays the rest; enterprise: paid to the enterprise ' +
        'after it paid the premium in full',
    }),
    noDoubleDipGroup: Type.Optional(
      Key('programmes sharing a group never both subsidise one policy (不得重复享受)'),
    ),
    maxYears: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10,
        description: 'years an enterprise may be subsidised under the programme',
      }),
    ),
    clawback: Type.Object(
      {
        onCancellation: Type.Enum([...clawbackMethods], {
          description: 'what is taken back when the policy is cancelled: pro rata to the refund, all, none',
        }),
        barYears: Type.Optional(
          Type.Integer({
            minimum: 0,
            maximum: 10,
            description: 'after fraud, years the enterprise is barred (取消申报资格); fraud takes back all',
          }),
        ),
      },
      { additionalProperties: false, description: 'Claw-back (追回)' },
    ),
    priority: Type.Integer({
      minimum: 0,
      maximum: 1000,
      description: 'order of application at bind: lower first',
    }),
    sources: Type.Optional(Type.Array(Text(300), { maxItems: 20, description: 'the documents it follows' })),
    /** Where a figure has no public source, the file says so here (shown to reviewers). */
    assumptions: Type.Optional(Type.Array(Text(500), { maxItems: 30 })),
  },
  {
    additionalProperties: false,
    $id: 'https://kebao.dev/schemas/subsidy.schema.json',
    title: 'Kebao premium-subsidy programme',
    $defs: { Condition: ConditionDefinition },
  },
);

export type SubsidyProgramme = Static<typeof SubsidyProgrammeSchema>;
export type SubsidyShare = Static<typeof ShareSchema>;
export type SubsidyTier = Static<typeof TierSchema>;
export type SubsidyBonus = Static<typeof BonusSchema>;
export type SubsidyCaps = NonNullable<SubsidyProgramme['caps']>;
