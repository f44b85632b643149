import { type Static, Type } from 'typebox';
import type { BilingualText } from '../catalog/definition.ts';

/**
 * Credit records (信用记录) and the grade table they feed — the tech-enterprise credit rating with graded
 * supervision the zones ask for (Wuhan 实施方案 二(六)4). The table is the rule; credit-grade.ts only applies
 * it. Reviewers change the numbers here, and the tests in credit-grade.test.ts say what each row means.
 */

export const creditRecordKinds = [
  'claim', // 出险理赔
  'loan_default', // 贷款违约
  'dishonesty', // 失信记录（失信被执行人、严重失信主体名单等）
  'subsidy_fraud', // 骗取财政补贴
  'late_payment', // 逾期付款（保费、利息）
  'commendation', // 表彰奖励
] as const;
export type CreditRecordKind = (typeof creditRecordKinds)[number];

export const creditSeverities = ['minor', 'major', 'severe'] as const;
export type CreditSeverity = (typeof creditSeverities)[number];

export const creditGrades = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof creditGrades)[number];

const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

export const CreditRecordSchema = Type.Object(
  {
    kind: Type.Enum([...creditRecordKinds]),
    severity: Type.Enum([...creditSeverities]),
    occurredOn: DateText,
    /** Revoked (撤销, e.g. a listing lifted after credit repair): no effect from this day on. */
    revokedOn: Type.Optional(DateText),
  },
  { additionalProperties: false },
);
export type CreditRecord = Static<typeof CreditRecordSchema>;

/**
 * What one record does while it is in effect — from `occurredOn` until `years` later (that anniversary
 * excluded), unless revoked first:
 *
 * | kind          | minor            | major            | severe           | a commendation lifts it? |
 * |---------------|------------------|------------------|------------------|--------------------------|
 * | dishonesty    | D, 1 year        | D, 3 years       | D, 5 years       | no                       |
 * | subsidy_fraud | D, 3 years       | D, 5 years       | D, 5 years       | no                       |
 * | loan_default  | at most B, 3 y.  | at most C, 3 y.  | D, 3 years       | no                       |
 * | late_payment  | at most B, 1 y.  | at most B, 2 y.  | at most C, 2 y.  | yes                      |
 * | claim         | weight 1, 3 y.   | weight 2, 3 y.   | weight 3, 3 y.   | yes                      |
 * | commendation  | lifts one grade for 3 years, whatever its level                                  |
 *
 * Claims count by frequency, not one by one: the weights of the claims in effect add up, and a total of 3
 * or more caps the grade at B, 6 or more at C (a claim is a risk signal, not misconduct). Misconduct —
 * dishonesty, subsidy fraud, loan default — sets a hard cap; claims and late payments a soft one. The grade
 * is A, lowered to the worst soft cap, lifted one grade by a commendation in effect (several lift once),
 * then lowered to the worst hard cap: a commendation never lifts above what misconduct allows.
 */
export interface CreditRule {
  readonly years: number;
  /** The best grade allowed while in effect; undefined for claims (weighed) and commendations (lift). */
  readonly cap?: CreditGrade;
  /** Misconduct: a commendation cannot lift the grade above this cap. */
  readonly hard: boolean;
  readonly claimWeight?: number;
}

export const CREDIT_RULES: Readonly<Record<CreditRecordKind, Readonly<Record<CreditSeverity, CreditRule>>>> =
  {
    dishonesty: {
      minor: { years: 1, cap: 'D', hard: true },
      major: { years: 3, cap: 'D', hard: true },
      severe: { years: 5, cap: 'D', hard: true },
    },
    subsidy_fraud: {
      minor: { years: 3, cap: 'D', hard: true },
      major: { years: 5, cap: 'D', hard: true },
      severe: { years: 5, cap: 'D', hard: true },
    },
    loan_default: {
      minor: { years: 3, cap: 'B', hard: true },
      major: { years: 3, cap: 'C', hard: true },
      severe: { years: 3, cap: 'D', hard: true },
    },
    late_payment: {
      minor: { years: 1, cap: 'B', hard: false },
      major: { years: 2, cap: 'B', hard: false },
      severe: { years: 2, cap: 'C', hard: false },
    },
    claim: {
      minor: { years: 3, hard: false, claimWeight: 1 },
      major: { years: 3, hard: false, claimWeight: 2 },
      severe: { years: 3, hard: false, claimWeight: 3 },
    },
    commendation: {
      minor: { years: 3, hard: false },
      major: { years: 3, hard: false },
      severe: { years: 3, hard: false },
    },
  };

/** Claim weight totals and the cap they set, heaviest first. */
export const CLAIM_CAPS: readonly { readonly atLeast: number; readonly cap: CreditGrade }[] = [
  { atLeast: 6, cap: 'C' },
  { atLeast: 3, cap: 'B' },
];

export const KIND_WORDS: Record<CreditRecordKind, BilingualText> = {
  claim: { zh: '出险理赔', en: 'claim' },
  loan_default: { zh: '贷款违约', en: 'loan default' },
  dishonesty: { zh: '失信记录', en: 'dishonesty record' },
  subsidy_fraud: { zh: '骗取补贴', en: 'subsidy fraud' },
  late_payment: { zh: '逾期付款', en: 'late payment' },
  commendation: { zh: '表彰奖励', en: 'commendation' },
};

export const SEVERITY_WORDS: Record<CreditSeverity, BilingualText> = {
  minor: { zh: '一般', en: 'minor' },
  major: { zh: '较重', en: 'major' },
  severe: { zh: '严重', en: 'severe' },
};
