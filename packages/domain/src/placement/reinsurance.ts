import {
  allocate,
  type Fen,
  maxFen,
  minFen,
  mulRate,
  parseRate,
  parseShare,
  type Rate,
  sumFen,
} from '../money/index.ts';
import { assertUnits, WHOLE } from './shares.ts';

/**
 * Reinsurance of one participant's gross line at bind (domain README §3, "一家牵头、多家共保、按需再保"):
 * facultative placements (临分) first, then the treaties (合约) in their inuring order, each on the net
 * the previous ones left. Quota share (成数) cedes a fixed fraction q; surplus (溢额) with retention line R
 * and k lines cedes min(max(SI − R, 0), k·R) of the sum insured and the same fraction of the premium;
 * excess of loss (超赔) cedes nothing at bind and only recovers claims. Every split goes through the one
 * largest-remainder allocation, so gross = Σ ceded + net to the fen. Retention limits: Insurance Law
 * art. 103 (per risk ≤ 10 % of paid-in capital + reserves, the excess must be reinsured) and art. 102
 * (annual retained premium ≤ 4 × the same base).
 */

export type Treaty =
  | { id: string; kind: 'quota_share'; reinsurer: string; cededShare: number; commissionRate: string }
  | {
      id: string;
      kind: 'surplus';
      reinsurer: string;
      retention: bigint;
      lines: number;
      commissionRate: string;
    }
  | { id: string; kind: 'excess_of_loss'; reinsurer: string; attachment: bigint; limit: bigint };

/** A facultative placement: cededShare (units) of this participant's gross line. */
export interface Facultative {
  reinsurer: string;
  cededShare: number;
  commissionRate: string;
}

export interface Cession {
  treatyId: string | null;
  kind: 'quota_share' | 'surplus' | 'facultative';
  reinsurer: string;
  cededSumInsured: bigint;
  cededPremium: bigint;
  commission: bigint;
}

export interface CessionResult {
  cessions: Cession[];
  netSumInsured: bigint;
  netPremium: bigint;
}

/**
 * One participant's cessions at bind for its gross share (sumInsured, premium in fen). Inuring order:
 * facultative first, then treaties in the given order, each on the net left by the previous. Quota share
 * q: ceded SI and premium = allocate(x, [q, WHOLE − q])[0]. Surplus (retention R, k lines) on net SI S:
 * ceded SI = min(max(S − R, 0), k·R), ceded premium = allocate(P, [cededSI, S − cededSI])[0] (0 when
 * S = 0). Commission = mulRate(cededPremium, commissionRate) HALF_UP. excess_of_loss produces no cession.
 * Net = gross − Σ ceded, exactly.
 *
 * Facultative shares are all of the gross line, so they are split in one allocation
 * allocate(x, [f1, …, fn, WHOLE − Σf]) (for one placement that is the quota-share formula) and can never
 * together cede more than the gross. One cession per facultative placement and per proportional treaty,
 * in inuring order, even when it cedes nothing. The premium may be negative (a return premium cedes as the
 * mirror image); the sum insured may not.
 */
export function computeCessions(input: {
  sumInsured: bigint;
  premium: bigint;
  treaties: readonly Treaty[];
  facultative: readonly Facultative[];
}): CessionResult {
  const { sumInsured, premium, treaties, facultative } = input;
  if (sumInsured < 0n) throw new RangeError(`a sum insured of ${sumInsured} fen is negative`);
  for (const placement of facultative) checkPlacement(placement.cededShare, placement.commissionRate);
  const facultativeTotal = facultative.reduce((sum, placement) => sum + placement.cededShare, 0);
  if (facultativeTotal > WHOLE) {
    throw new RangeError(`facultative placements cede ${facultativeTotal} units, more than the whole line`);
  }

  const cessions: Cession[] = [];
  let netSumInsured = sumInsured;
  let netPremium = premium;
  const cede = (cession: Cession): void => {
    cessions.push(cession);
    netSumInsured -= cession.cededSumInsured;
    netPremium -= cession.cededPremium;
  };

  if (facultative.length > 0) {
    const weights = [...facultative.map((placement) => placement.cededShare), WHOLE - facultativeTotal];
    const sumInsuredParts = allocate(sumInsured, weights);
    const premiumParts = allocate(premium, weights);
    facultative.forEach((placement, index) => {
      const cededPremium = premiumParts[index] as bigint;
      cede({
        treatyId: null,
        kind: 'facultative',
        reinsurer: placement.reinsurer,
        cededSumInsured: sumInsuredParts[index] as bigint,
        cededPremium,
        commission: mulRate(cededPremium, placement.commissionRate, 'HALF_UP'),
      });
    });
  }

  for (const treaty of treaties) {
    switch (treaty.kind) {
      case 'quota_share': {
        checkPlacement(treaty.cededShare, treaty.commissionRate);
        const weights = [treaty.cededShare, WHOLE - treaty.cededShare];
        const cededPremium = allocate(netPremium, weights)[0] as bigint;
        cede({
          treatyId: treaty.id,
          kind: 'quota_share',
          reinsurer: treaty.reinsurer,
          cededSumInsured: allocate(netSumInsured, weights)[0] as bigint,
          cededPremium,
          commission: mulRate(cededPremium, treaty.commissionRate, 'HALF_UP'),
        });
        break;
      }
      case 'surplus': {
        parseShare(treaty.commissionRate);
        const cededSumInsured = surplusCededSumInsured(netSumInsured, treaty.retention, treaty.lines);
        const cededPremium =
          netSumInsured === 0n
            ? 0n
            : (allocate(netPremium, [cededSumInsured, netSumInsured - cededSumInsured])[0] as bigint);
        cede({
          treatyId: treaty.id,
          kind: 'surplus',
          reinsurer: treaty.reinsurer,
          cededSumInsured,
          cededPremium,
          commission: mulRate(cededPremium, treaty.commissionRate, 'HALF_UP'),
        });
        break;
      }
      case 'excess_of_loss':
        break;
      default: {
        const unknownTreaty: never = treaty;
        throw new TypeError(
          `unknown treaty kind ${JSON.stringify((unknownTreaty as { kind: unknown }).kind)}`,
        );
      }
    }
  }
  return { cessions, netSumInsured, netPremium };
}

/** The surplus cession of a sum insured S: min(max(S − R, 0), k·R), 0 when S ≤ R (README §3). */
export function surplusCededSumInsured(sumInsured: bigint, retention: bigint, lines: number): bigint {
  if (retention < 0n) throw new RangeError(`a retention of ${retention} fen is negative`);
  if (!Number.isSafeInteger(lines) || lines < 0) throw new RangeError(`${lines} is not a number of lines`);
  return minFen(maxFen(sumInsured - retention, 0n), BigInt(lines) * retention);
}

/** Excess-of-loss recovery on one loss: min(max(loss − attachment, 0), limit) (README §3). */
export function excessOfLossRecovery(loss: Fen, attachment: Fen, limit: Fen): Fen {
  if (attachment < 0n || limit < 0n) throw new RangeError('attachment and limit are not negative');
  return minFen(maxFen(loss - attachment, 0n), limit);
}

/** Insurance Law art. 103: per-risk retention ≤ 10 % of paid-in capital + reserves (ratio configurable). Floor to the fen. */
export function retentionLimit(capitalAndReserves: bigint, ratio: Rate = '0.1'): bigint {
  parseRate(ratio);
  return capitalAndReserves <= 0n ? 0n : mulRate(capitalAndReserves, ratio, 'DOWN');
}

/** Insurance Law art. 102: annual retained premium ≤ 4 × (paid-in capital + reserves). Floor to the fen. */
export function annualRetainedPremiumLimit(capitalAndReserves: bigint, multiple: Rate = '4'): bigint {
  return retentionLimit(capitalAndReserves, multiple);
}

/** The part of a net sum insured above the retention limit, which must be reinsured; 0 when within. */
export function retentionExcess(netSumInsured: bigint, limit: bigint): bigint {
  return maxFen(netSumInsured - limit, 0n);
}

/** Total ceded premium and commission of a set of cessions, for statements. */
export function cessionTotals(cessions: readonly Cession[]): { cededPremium: Fen; commission: Fen } {
  return {
    cededPremium: sumFen(cessions.map((cession) => cession.cededPremium)),
    commission: sumFen(cessions.map((cession) => cession.commission)),
  };
}

function checkPlacement(cededShare: number, commissionRate: string): void {
  assertUnits(cededShare, 'a ceded share of');
  if (cededShare < 0 || cededShare > WHOLE) {
    throw new RangeError(`a ceded share of ${cededShare} units is not between 0 and ${WHOLE}`);
  }
  parseShare(commissionRate);
}
