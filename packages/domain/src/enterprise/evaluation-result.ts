import type { BilingualText } from '../catalog/definition.ts';
import type { EvaluationModelKind, ScoreBand } from './evaluation-model.ts';
import type { EnterpriseStage } from './profile.ts';

/**
 * What an evaluation answers: the score and outcome, and every indicator with the value it used, the band
 * that value reached and the points it earned — so an enterprise, an underwriter or a subsidy reviewer can
 * redo the sum by hand and see which missing field cost what.
 */
export interface IndicatorResult {
  key: string;
  names: BilingualText;
  /** The value used, as text: '18.5%', '12', '35000000.00', 'missing', 'n/a' (a zero denominator). */
  input: string;
  /** The band the value reached, in words. */
  band: BilingualText;
  /** Exact decimal strings. */
  points: string;
  max: string;
  note?: BilingualText;
  /** Set when the points estimate an expert-reviewed item from the profile: how. */
  estimate?: BilingualText;
}

/** A condition (门槛) checked against the profile; `passed` is null when an input is missing. */
export interface GateResult {
  key: string;
  names: BilingualText;
  input: string;
  limit: BilingualText;
  passed: boolean | null;
  note?: BilingualText;
}

interface EvaluationBase {
  modelCode: string;
  modelVersion: number;
  kind: EvaluationModelKind;
  indicators: IndicatorResult[];
  /** Profile fields the model reads that the profile lacks, each once, in the order the model reads them. */
  missing: string[];
  /** The outcome in a sentence, and anything a reader must know (estimates, criteria not assessed). */
  notes: BilingualText[];
}

/** 科技型中小企业评价. */
export interface TechSmeEvaluation extends EvaluationBase {
  kind: 'tech_sme';
  score: string;
  qualified: boolean;
  gates: GateResult[];
  /** Whether filling in the missing fields could turn a "no" into a "yes" (a "yes" cannot be lost). */
  missingCouldChange: boolean;
}

/** 高新技术企业认定条件 check, with the innovation score estimated from the profile. */
export interface HighTechCheck extends EvaluationBase {
  kind: 'high_tech';
  /** The innovation-capability score, an estimate (see the indicators' `estimate`). */
  score: string;
  /** Every criterion the profile can show is met. */
  criteriaMet: boolean;
  /** criteriaMet and the estimated innovation score above the pass mark. */
  qualified: boolean;
  gates: GateResult[];
  missingCouldChange: boolean;
}

export interface GroupResult {
  key: string;
  names: BilingualText;
  /** The group's weight at the stage used. */
  weight: string;
  points: string;
  max: string;
  /** weight × 100 × points / max, shown to two decimals; the total is rounded once, not from these. */
  weighted: string;
}

/** 科保科技分 (innovation points shape). */
export interface PointsScore extends EvaluationBase {
  kind: 'points';
  /** 0–100, two decimals, rounded HALF_UP once at the end. */
  score: string;
  band: ScoreBand;
  stage: EnterpriseStage;
  groups: GroupResult[];
}

export type EvaluationResult = TechSmeEvaluation | HighTechCheck | PointsScore;
