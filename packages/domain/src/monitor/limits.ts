import type { Fen } from '../money/index.ts';
import { decimalFraction, ratioText } from './ratio.ts';

/*
 * Underwriting limits the regulator's cockpit watches, per insurer and per pool (domain README §3):
 *
 * - Insurance Law art. 103: an insurer's liability for each risk unit (危险单位, the largest loss one event
 *   can cause) may not exceed 10 % of its paid-in capital plus reserve funds (实有资本金加公积金总和); the
 *   excess must be reinsured. Checked on the largest net retention per risk unit.
 * - Insurance Law art. 102: a property insurer's retained premium of the year (当年自留保险费) may not
 *   exceed 4 × the same base.
 * - A standing pool's capacity: per risk (the most the pool writes on one risk) and in aggregate (the
 *   pool's sum insured in force, e.g. ExposureBook's `pool` dimension).
 *
 * The base is paid-in capital + reserve funds (资本公积 and 盈余公积), not technical reserves. Risk units are
 * the insurer's own division (art. 103 ¶2); the server supplies the retention per unit.
 *
 * Each check gives the amount used, the limit (whole fen, rounded down when the exact limit is not — it
 * never is above the exact one), the ratio used / limit as a decimal string (6 places, rounded up —
 * ratio.ts; null when the limit is 0) and a status:
 *   breach   used > limit                         (the law's 不得超过: reaching the limit is allowed)
 *   warning  used ≥ warningAt × limit, not breach (warningAt = 0.8 unless given)
 *   ok       below that
 * Statuses compare exact fractions in bigint, never the rounded ratio. A limit of 0 (no capital base, no
 * capacity) is breached by any use above 0 and is ok when nothing is used.
 */

export type LimitStatus = 'ok' | 'warning' | 'breach';

/** The default share of a limit from which a check warns: 80 %. */
export const LIMIT_WARNING_AT = '0.8';

export interface LimitCheck {
  used: Fen;
  limit: Fen;
  /** used / limit, 6 decimals rounded up; null when the limit is 0. */
  ratio: string | null;
  status: LimitStatus;
}

/** A risk unit and the amount on it (the insurer's net retention, or a pool's sum insured). */
export interface RiskAmount {
  riskId: string;
  amount: Fen;
}

/** A per-risk check: the check on the largest risk, and every risk above the limit. */
export interface PerRiskCheck extends LimitCheck {
  /** The risk with the largest amount (the first by id among equals); null when there are none. */
  riskId: string | null;
  /** Risks above the limit, largest first (then by id). */
  overLimit: string[];
}

export interface LimitOptions {
  /** The share of a limit from which a check warns, a decimal in (0, 1]; '0.8' unless given. */
  warningAt?: string;
}

/** Status of `used` against the exact limit numerator / denominator (denominator > 0). */
function statusOf(used: bigint, numerator: bigint, denominator: bigint, warningAt: string): LimitStatus {
  const limitNumerator = numerator < 0n ? 0n : numerator;
  // used > num/den  ⟺  used·den > num
  if (used * denominator > limitNumerator) return 'breach';
  const warn = warningFraction(warningAt);
  // used ≥ w/10^k · num/den  ⟺  used·den·10^k ≥ w·num
  if (limitNumerator > 0n && used * denominator * 10n ** BigInt(warn.decimals) >= warn.units * limitNumerator)
    return 'warning';
  return 'ok';
}

function warningFraction(warningAt: string): { units: bigint; decimals: number } {
  const fraction = decimalFraction(warningAt);
  if (fraction === undefined || fraction.units <= 0n || fraction.units > 10n ** BigInt(fraction.decimals))
    throw new RangeError(`warningAt must be a decimal in (0, 1], not ${JSON.stringify(warningAt)}`);
  return fraction;
}

/**
 * `used` against the limit numerator / denominator (an exact fraction of fen, denominator > 0), e.g.
 * base / 10 for art. 103.
 */
export function checkAgainst(
  used: Fen,
  numerator: bigint,
  denominator: bigint,
  options: LimitOptions = {},
): LimitCheck {
  if (denominator <= 0n) throw new RangeError('the denominator of a limit is above 0');
  const warningAt = options.warningAt ?? LIMIT_WARNING_AT;
  const limitNumerator = numerator < 0n ? 0n : numerator;
  return {
    used,
    limit: limitNumerator / denominator,
    ratio: limitNumerator === 0n ? null : ratioText(used * denominator, limitNumerator),
    status: statusOf(used, limitNumerator, denominator, warningAt),
  };
}

/** `used` against a limit in whole fen. */
export function checkLimit(used: Fen, limit: Fen, options: LimitOptions = {}): LimitCheck {
  return checkAgainst(used, limit, 1n, options);
}

function perRisk(
  risks: readonly RiskAmount[],
  numerator: bigint,
  denominator: bigint,
  options: LimitOptions,
): PerRiskCheck {
  let largest: RiskAmount | null = null;
  for (const risk of risks)
    if (
      largest === null ||
      risk.amount > largest.amount ||
      (risk.amount === largest.amount && risk.riskId < largest.riskId)
    )
      largest = risk;
  const check = checkAgainst(largest?.amount ?? 0n, numerator, denominator, options);
  const limitNumerator = numerator < 0n ? 0n : numerator;
  const overLimit = risks
    .filter((risk) => risk.amount * denominator > limitNumerator)
    .sort((a, b) => (a.amount === b.amount ? (a.riskId < b.riskId ? -1 : 1) : a.amount > b.amount ? -1 : 1))
    .map((risk) => risk.riskId);
  return { ...check, riskId: largest?.riskId ?? null, overLimit };
}

/** The insurer's capital base for arts. 102–103. */
export interface InsurerCapital {
  /** 实有资本金 */
  paidInCapital: Fen;
  /** 公积金: capital reserve and surplus reserve */
  reserveFunds: Fen;
}

export interface InsurerLimitsInput extends InsurerCapital {
  /** The insurer's net retention on each risk unit in force (after its reinsurance). */
  retentions: readonly RiskAmount[];
  /** The insurer's retained premium of the current year (written premium less premium ceded). */
  retainedPremium: Fen;
}

export interface InsurerLimits {
  /** Paid-in capital + reserve funds. */
  capitalBase: Fen;
  /** Art. 103: the largest net retention per risk unit against 10 % of the base. */
  retention: PerRiskCheck;
  /** Art. 102: the year's retained premium against 4 × the base. */
  retainedPremium: LimitCheck;
}

export function capitalBase(capital: InsurerCapital): Fen {
  return capital.paidInCapital + capital.reserveFunds;
}

/** Art. 103: 10 % of the capital base (rounded down to the fen: the exact limit is base / 10). */
export function retentionLimitPerRisk(capital: InsurerCapital): Fen {
  const base = capitalBase(capital);
  return base <= 0n ? 0n : base / 10n;
}

/** Art. 102: 4 × the capital base. */
export function retainedPremiumLimit(capital: InsurerCapital): Fen {
  const base = capitalBase(capital);
  return base <= 0n ? 0n : base * 4n;
}

/** Checks one insurer against arts. 102 and 103. */
export function checkInsurerLimits(input: InsurerLimitsInput, options: LimitOptions = {}): InsurerLimits {
  const base = capitalBase(input);
  return {
    capitalBase: base,
    retention: perRisk(input.retentions, base, 10n, options),
    retainedPremium: checkAgainst(input.retainedPremium, base * 4n, 1n, options),
  };
}

export interface PoolCapacityInput {
  /** The most the pool writes on one risk (承保能力, per risk). */
  capacityPerRisk: Fen;
  /** The most the pool has in force at once (aggregate capacity). */
  aggregateCapacity: Fen;
  /** The pool's sum insured on each risk in force. */
  risks: readonly RiskAmount[];
  /** The pool's sum insured in force; when omitted, the sum of `risks`. */
  aggregateInForce?: Fen;
}

export interface PoolCapacity {
  perRisk: PerRiskCheck;
  aggregate: LimitCheck;
}

/** Checks a standing pool's capacity used, per risk and in aggregate. */
export function checkPoolCapacity(input: PoolCapacityInput, options: LimitOptions = {}): PoolCapacity {
  let inForce = input.aggregateInForce;
  if (inForce === undefined) {
    inForce = 0n;
    for (const risk of input.risks) inForce += risk.amount;
  }
  return {
    perRisk: perRisk(input.risks, input.capacityPerRisk, 1n, options),
    aggregate: checkAgainst(inForce, input.aggregateCapacity, 1n, options),
  };
}

const SEVERITY: Record<LimitStatus, number> = { ok: 0, warning: 1, breach: 2 };

/** The most severe of some statuses ('ok' for none). */
export function worstStatus(...statuses: LimitStatus[]): LimitStatus {
  let worst: LimitStatus = 'ok';
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}
