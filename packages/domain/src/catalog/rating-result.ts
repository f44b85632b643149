import type { BilingualText } from './definition.ts';

export type BreakdownKind = 'basis' | 'base_rate' | 'factor' | 'term' | 'rate_cap' | 'minimum' | 'rounding';

/**
 * One line of the premium's explanation (保费计算过程), in the order applied. `amount` is the running
 * premium in yuan after the step (for the basis step: the basis itself — yuan, or persons for a headcount
 * basis). Amounts are exact decimals; after a pro-rata day fraction such as 182/365, which has no finite
 * decimal, they are shown to 10 decimals (half up) while the computation keeps the exact fraction until
 * the one rounding at the end.
 */
export interface BreakdownStep {
  key: string;
  names: BilingualText;
  kind: BreakdownKind;
  /** The fact the step read. */
  fact?: string;
  /** The fact's value as used, or 'default' when a factor fell back to its default. */
  input?: string;
  /** The factor, rate or share applied, or for rate_cap / minimum the amount in yuan they stand at. */
  value: string;
  amount: string;
  /** rate_cap and minimum: whether the limit changed the premium. */
  bound?: boolean;
}

/** A premium computed: exact, deterministic, explained. */
export interface RatedPremium {
  ok: true;
  /** The premium in fen, rounded once as the product declares. */
  premium: bigint;
  /** The basis in fen; for a headcount basis, the number of persons. */
  basis: bigint;
  /** The annual premium in yuan before term, cap and minimum, exact. */
  annualPremium: string;
  /** premium ÷ basis (yuan per person for headcount), rounded half up to 10 decimals. */
  effectiveRate: string;
  breakdown: BreakdownStep[];
}

export type RatingErrorCode =
  | 'rating.basis_missing'
  | 'rating.factor_unresolved'
  | 'rating.term_too_short'
  | 'rating.fact_invalid';

/** Why a premium could not be computed; `missing` says the fact was simply not given (ask for it). */
export interface RatingError {
  code: RatingErrorCode;
  fact: string;
  factor?: string;
  missing: boolean;
  message_zh: string;
  message_en: string;
}

export interface RatingFailure {
  ok: false;
  errors: RatingError[];
}

export type RatingResult = RatedPremium | RatingFailure;
