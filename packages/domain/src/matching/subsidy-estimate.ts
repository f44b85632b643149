import type { BilingualText, EnterpriseFacts, StatisticalClass } from '../catalog/index.ts';

/** What a subsidy estimate is asked about: one product version for one enterprise at one premium. */
export interface SubsidyEstimateInput {
  readonly productCode: string;
  readonly productVersion: number;
  /** The product's statistical class (统计大类): programmes often subsidise some classes only. */
  readonly statisticalClass: StatisticalClass;
  /** The product's subsidy tags (`subsidyTags` in its definition): the programmes it is declared for. */
  readonly subsidyTags: readonly string[];
  /** The (indicative) premium the subsidy would be a share of, in fen. */
  readonly premiumFen: bigint | number;
  /** What is known about the enterprise: programmes have eligibility of their own (region, qualifications). */
  readonly enterpriseFacts: EnterpriseFacts;
  /** The sum insured the estimate priced, for programmes with a rate cap (absent: such a cap allows nothing). */
  readonly sumInsuredFen?: bigint | number;
}

/** An estimated premium subsidy (保费补贴): how much, from which programme, and why. */
export interface SubsidyEstimate {
  /** The estimated subsidy in fen, never more than the premium. */
  readonly amountFen: bigint;
  /** The programme that would pay it. */
  readonly programmeCode: string;
  readonly explanation: BilingualText;
}

/**
 * Estimates the subsidy an enterprise would get on a matched product, shown next to the match (the
 * enterprise sees the premium and its net share). Answers null when no programme applies. An estimator
 * is pure: the same input gives the same estimate, with no I/O and no clock (the programmes' budgets and
 * dates are read into it by whoever builds it).
 */
export interface SubsidyEstimator {
  estimate(input: SubsidyEstimateInput): SubsidyEstimate | null;
}

/**
 * The estimator until the subsidy engine exists: no programme applies, so no match shows a subsidy.
 * The subsidy issue supplies the real estimator (programmes from `catalog/`, their eligibility, rates,
 * caps and remaining budgets), implementing this same interface; matching and its callers take any
 * SubsidyEstimator and need no change.
 */
export const noSubsidyEstimator: SubsidyEstimator = {
  estimate: () => null,
};
