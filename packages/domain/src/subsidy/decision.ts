import type { Fen } from '../money/index.ts';
import type { FundLevel, Payee } from './programme.ts';

/** The policy a subsidy is asked for, as bound (or about to be). */
export interface SubsidyPolicy {
  productCode: string;
  /** The product's statistical class (statisticalClasses in the catalogue). */
  statisticalClass: string;
  /** The product's `subsidyTags`. */
  subsidyTags: readonly string[];
  /** The premium the enterprise owes (all insurers' shares together), fen. */
  premium: Fen;
  /** The basis of a rate cap, fen. */
  sumInsured: Fen;
  /** 'YYYY-MM-DD'; the application window is judged on it. */
  startDate: string;
  /**
   * Request facts a condition may read (`request.continuousYear`, `request.loanRepaidOnTime`, …), keyed
   * by path or by bare key.
   */
  facts?: Readonly<Record<string, unknown>>;
}

/** What the programme has already given, as the subsidy desk's records say (read by the caller). */
export interface SubsidyHistory {
  /** 1 = the first year this enterprise is subsidised under this programme; drives step-down and maxYears. */
  yearIndex: number;
  /** Granted by this programme to this enterprise in the current programme year. */
  grantedThisYearToEnterprise: Fen;
  /** Granted by this programme on this policy before (an endorsement adding premium). */
  grantedToPolicy: Fen;
  /** Granted by this programme to everyone so far (against its budget). */
  programmeGranted: Fen;
  /** What is left of the product's approved quota (quota programmes); null or absent: none approved. */
  quotaLeft?: Fen | null;
  /** No-double-dip groups that have already subsidised this policy. */
  groupsAlreadyGranted: readonly string[];
  /** After fraud: the enterprise is barred from the programme for policies starting before this date. */
  barredUntil?: string | null;
}

export interface SubsidyContext {
  policy: SubsidyPolicy;
  /**
   * What is known about the enterprise: EnterpriseFacts by bare key ('scoreBand'), or facts by path
   * ('enterprise.scoreBand', also 'request.*') such as a quote's. Absent means unknown, never "no".
   */
  enterprise: { facts: Readonly<Record<string, unknown>> };
  history: SubsidyHistory;
}

/** The rules a step explains, in the order they are applied. */
export type SubsidyRule =
  | 'window'
  | 'product'
  | 'bar'
  | 'max_years'
  | 'no_double_dip'
  | 'condition'
  | 'quota'
  | 'tier'
  | 'year_step'
  | 'bonus'
  | 'share'
  | 'eligible_premium'
  | 'rate_cap'
  | 'share_of_premium'
  | 'cap_per_policy'
  | 'cap_per_enterprise_year'
  | 'budget'
  | 'quota_left'
  | 'premium_left'
  | 'grant';

/**
 * One rule's contribution (补贴计算过程). A check has a `result`; a limit says the amount it stands at
 * and whether it `binds` (lowers the grant); `value` is the share or rate applied; `reason` the
 * programme's reason code for a condition or bonus.
 */
export interface SubsidyStep {
  rule: SubsidyRule;
  zh: string;
  en: string;
  amount?: Fen;
  value?: string;
  reason?: string;
  result?: 'pass' | 'fail' | 'unknown';
  binds?: boolean;
}

export interface SubsidyRefusal {
  reason: string;
  zh: string;
  en: string;
}

/** One level of government's part of a grant (分级负担). */
export interface FundingPart {
  level: FundLevel;
  amount: Fen;
}

/**
 * A programme's answer for one policy. `eligible`: the policy and the enterprise meet the programme's
 * rules. `amount`: the grant, 0 when refused; whenever it is 0, `refusal` says why (a rule that failed,
 * or a cap, budget or quota used up — then `eligible` may still be true).
 */
export interface SubsidyDecision {
  programme: string;
  eligible: boolean;
  amount: Fen;
  /** The share applied (after tier, step-down and bonuses); null when no share was reached. */
  share: string | null;
  /** The premium the share applies to (after the rate cap); 0 when not reached. */
  eligiblePremium: Fen;
  steps: SubsidyStep[];
  refusal: SubsidyRefusal | null;
  /**
   * Facts a condition or tier could not be decided without; the refusal is `subsidy.missing_facts` when
   * nothing else failed, and the decision may change once they are known.
   */
  missingFacts: string[];
  payee: Payee;
  /** The grant split by fund pool (all at the funder's level without pools); sums to `amount`. */
  funding: FundingPart[];
}
