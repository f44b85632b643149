import { allocate, type Fen, mulRate, parseRate, type Rate, sumFen } from '../money/index.ts';
import { excessOfLossRecovery } from '../placement/index.ts';

/*
 * Reinsurance recoveries (摊回赔款) of ONE insurer over a set of its claims, treaty by treaty in the
 * declared inuring order (domain README §3: "order of application (inuring) is explicit"), each treaty on
 * the net the ones before it left:
 *
 * - proportional (quota share 成数, surplus 溢额, facultative 临分) recover through the cession stored for the
 *   claim's policy at bind (placement/reinsurance.ts computeCessions). A cession ceded cededSI of the sum
 *   insured that was left before it, so it recovers the fraction cededSI / SI-left-before of the current
 *   net loss: allocate(net, [cededSI, SI-left-after]), exact to the fen. SI-left runs down the
 *   proportional cessions in this order, starting from the insurer's gross line. With proportional
 *   treaties alone the order does not change what each recovers (cededSI / SI of the loss); it matters
 *   once an excess-of-loss layer inures before one.
 * - per-risk excess of loss (险位超赔): min(max(net − attachment, 0), limit) on each claim's net, a claim
 *   being one loss to one risk.
 * - catastrophe excess of loss (事故超赔): the same on the sum of the nets of the claims linked to one event;
 *   a claim without an event is not subject to it. The event's recovery goes back to its claims in
 *   proportion to their nets at that point (allocate), so no claim recovers more than its net.
 * - stop-loss (赔付率超赔): on the aggregate net of each accident year, with attachment = attachmentRatio ×
 *   premiumBase and limit = limitRatio × premiumBase (each HALF_UP to the fen; limitRatio is the width of
 *   the layer, e.g. 0.4 for "40 % xs 80 %"), allocated back to the year's claims like an event.
 *
 * As in the portfolio model (docs/risk.md, "the inuring order"), the order must run the per-risk treaties
 * first (proportional and per-risk XoL, in any order among themselves), then the catastrophe layers, then
 * the stop-loss; any other order is refused with the treaty named. Layers recover each loss or event up to
 * their limit: annual aggregate limits and reinstatements are not modelled here.
 *
 * Every split is an allocation, so for each claim gross = net + Σ recoveries exactly, and no recovery is
 * negative or more than the loss it works on.
 */

export type RecoveryProportionalKind = 'quota_share' | 'surplus' | 'facultative';

/** A cession as stored at bind (a placement `Cession` fits). */
export interface RecoveryCession {
  /** The treaty the cession was made under; null for a facultative placement. */
  treatyId: string | null;
  kind: RecoveryProportionalKind;
  reinsurer: string;
  cededSumInsured: Fen;
}

export interface RecoveryClaim {
  claimId: string;
  policyId: string;
  eventId: string | null;
  accidentYear: number;
  /** The insurer's own share of the incurred loss (paid + outstanding), in fen, ≥ 0. */
  loss: Fen;
  /** The insurer's gross line of the policy's sum insured, in fen. */
  sumInsured: Fen;
  cessions: readonly RecoveryCession[];
}

export type RecoveryTreaty =
  | {
      id: string;
      /** Recovers through the policy's stored cessions: those made under this id, or for `facultative`
       * the facultative placements (treatyId null) with this reinsurer. */
      kind: RecoveryProportionalKind;
      reinsurer: string;
    }
  | { id: string; kind: 'per_risk_xol' | 'cat_xol'; reinsurer: string; attachment: Fen; limit: Fen }
  | {
      id: string;
      kind: 'stop_loss';
      reinsurer: string;
      /** Decimal text of the premium base, e.g. '0.8' for a loss ratio of 80 %. */
      attachmentRatio: Rate;
      /** The width of the layer as decimal text of the premium base. */
      limitRatio: Rate;
      /** The premium the ratios are of (typically the insurer's net earned premium of the year), in fen. */
      premiumBase: Fen;
      /** Only the claims of this accident year; every accident year on its own when left out. */
      accidentYear?: number;
    };

export type RecoveryTreatyKind = RecoveryTreaty['kind'];

export interface TreatyRecoveryLine {
  treatyId: string;
  kind: RecoveryTreatyKind;
  reinsurer: string;
  /** The claim's net loss when this treaty came to it (gross less the treaties inuring before). */
  subjectLoss: Fen;
  recovery: Fen;
}

export interface ClaimRecoveries {
  claimId: string;
  policyId: string;
  eventId: string | null;
  accidentYear: number;
  gross: Fen;
  /** One line per treaty, in inuring order, zero recoveries included. */
  lines: TreatyRecoveryLine[];
  totalRecovered: Fen;
  net: Fen;
}

/** An event (cat_xol) or an accident year (stop_loss) as the layer saw it. */
export interface AggregateRecovery {
  /** The event id, or the accident year as text. */
  key: string;
  subjectLoss: Fen;
  attachment: Fen;
  limit: Fen;
  recovery: Fen;
}

export interface TreatyRecoveryTotal {
  treatyId: string;
  kind: RecoveryTreatyKind;
  reinsurer: string;
  subjectLoss: Fen;
  recovered: Fen;
  /** Per event (cat_xol) or per accident year (stop_loss); empty for per-risk treaties. */
  aggregates: AggregateRecovery[];
}

export interface RecoveryResult {
  claims: ClaimRecoveries[];
  treaties: TreatyRecoveryTotal[];
}

const STAGE: Record<RecoveryTreatyKind, number> = {
  quota_share: 0,
  surplus: 0,
  facultative: 0,
  per_risk_xol: 0,
  cat_xol: 1,
  stop_loss: 2,
};

/** The insurer's recoveries on its claims, treaty by treaty in the given inuring order (see the file comment). */
export function computeRecoveries(input: {
  claims: readonly RecoveryClaim[];
  treaties: readonly RecoveryTreaty[];
}): RecoveryResult {
  const { claims, treaties } = input;
  checkTreaties(treaties);
  checkClaims(claims);
  const cededUnder = claims.map((claim) => cessionsByTreaty(claim, treaties));

  const net = claims.map((claim) => claim.loss);
  const siLeft = claims.map((claim) => claim.sumInsured);
  const lines: TreatyRecoveryLine[][] = claims.map(() => []);
  const totals: TreatyRecoveryTotal[] = [];

  for (const treaty of treaties) {
    const subject = [...net];
    const recovery: Fen[] = claims.map(() => 0n);
    const aggregates: AggregateRecovery[] = [];
    switch (treaty.kind) {
      case 'quota_share':
      case 'surplus':
      case 'facultative':
        claims.forEach((claim, i) => {
          const ceded = cededUnder[i]?.get(treaty.id) ?? 0n;
          const before = siLeft[i] as Fen;
          if (ceded > before) {
            throw new RangeError(
              `claim ${claim.claimId}: ${treaty.kind} ${treaty.id} ceded ${ceded} fen of a sum insured of which only ${before} fen was left`,
            );
          }
          recovery[i] = before === 0n ? 0n : (allocate(net[i] as Fen, [ceded, before - ceded])[0] as Fen);
          siLeft[i] = before - ceded;
        });
        break;
      case 'per_risk_xol':
        claims.forEach((_, i) => {
          recovery[i] = excessOfLossRecovery(net[i] as Fen, treaty.attachment, treaty.limit);
        });
        break;
      case 'cat_xol':
        for (const [key, members] of groupBy(claims, (claim) => claim.eventId)) {
          aggregates.push(layer(key, members, treaty.attachment, treaty.limit, net, recovery));
        }
        break;
      case 'stop_loss': {
        const attachment = mulRate(treaty.premiumBase, parseRate(treaty.attachmentRatio), 'HALF_UP');
        const limit = mulRate(treaty.premiumBase, parseRate(treaty.limitRatio), 'HALF_UP');
        const only = treaty.accidentYear;
        const years = groupBy(claims, (claim) =>
          only === undefined || claim.accidentYear === only ? String(claim.accidentYear) : null,
        );
        for (const [key, members] of years) {
          aggregates.push(layer(key, members, attachment, limit, net, recovery));
        }
        break;
      }
      default: {
        const unknown: never = treaty;
        throw new TypeError(`unknown treaty kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
      }
    }
    claims.forEach((_, i) => {
      const recovered = recovery[i] as Fen;
      lines[i]?.push({
        treatyId: treaty.id,
        kind: treaty.kind,
        reinsurer: treaty.reinsurer,
        subjectLoss: subject[i] as Fen,
        recovery: recovered,
      });
      net[i] = (net[i] as Fen) - recovered;
    });
    totals.push({
      treatyId: treaty.id,
      kind: treaty.kind,
      reinsurer: treaty.reinsurer,
      subjectLoss: sumFen(subject),
      recovered: sumFen(recovery),
      aggregates,
    });
  }

  return {
    claims: claims.map((claim, i) => {
      const claimLines = lines[i] as TreatyRecoveryLine[];
      return {
        claimId: claim.claimId,
        policyId: claim.policyId,
        eventId: claim.eventId,
        accidentYear: claim.accidentYear,
        gross: claim.loss,
        lines: claimLines,
        totalRecovered: sumFen(claimLines.map((line) => line.recovery)),
        net: net[i] as Fen,
      };
    }),
    treaties: totals,
  };
}

export interface BordereauRow {
  claimId: string;
  policyId: string;
  eventId: string | null;
  accidentYear: number;
  /** The insurer's gross loss on the claim. */
  grossLoss: Fen;
  /** The loss the treaty worked on: the net after the treaties inuring before it. */
  loss: Fen;
  recovery: Fen;
}

export interface Bordereau {
  treatyId: string;
  kind: RecoveryTreatyKind;
  reinsurer: string;
  rows: BordereauRow[];
  totalLoss: Fen;
  totalRecovery: Fen;
}

/**
 * The claims bordereau (赔款清单) of each treaty, in inuring order: one row per claim the treaty recovers
 * on (recovery ≠ 0; every claim with `includeZero`), in the order of the claims given.
 */
export function bordereau(result: RecoveryResult, options: { includeZero?: boolean } = {}): Bordereau[] {
  return result.treaties.map((treaty, t) => {
    const rows: BordereauRow[] = [];
    for (const claim of result.claims) {
      const line = claim.lines[t];
      if (line === undefined || line.treatyId !== treaty.treatyId) {
        throw new RangeError(`claim ${claim.claimId} has no line for treaty ${treaty.treatyId}`);
      }
      if (line.recovery === 0n && options.includeZero !== true) continue;
      rows.push({
        claimId: claim.claimId,
        policyId: claim.policyId,
        eventId: claim.eventId,
        accidentYear: claim.accidentYear,
        grossLoss: claim.gross,
        loss: line.subjectLoss,
        recovery: line.recovery,
      });
    }
    return {
      treatyId: treaty.treatyId,
      kind: treaty.kind,
      reinsurer: treaty.reinsurer,
      rows,
      totalLoss: sumFen(rows.map((row) => row.loss)),
      totalRecovery: sumFen(rows.map((row) => row.recovery)),
    };
  });
}

/**
 * An aggregate layer on the claims at `members`: recovery = min(max(Σ net − attachment, 0), limit),
 * allocated back in proportion to the nets (all nets zero: nothing to recover).
 */
function layer(
  key: string,
  members: readonly number[],
  attachment: Fen,
  limit: Fen,
  net: readonly Fen[],
  recovery: Fen[],
): AggregateRecovery {
  const nets = members.map((i) => net[i] as Fen);
  const subjectLoss = sumFen(nets);
  const recovered = excessOfLossRecovery(subjectLoss, attachment, limit);
  if (recovered > 0n) {
    allocate(recovered, nets).forEach((part, j) => {
      recovery[members[j] as number] = part;
    });
  }
  return { key, subjectLoss, attachment, limit, recovery: recovered };
}

/** Claim indexes grouped by a key, in first-seen order; a null key leaves the claim out. */
function groupBy(claims: readonly RecoveryClaim[], keyOf: (claim: RecoveryClaim) => string | null) {
  const groups = new Map<string, number[]>();
  claims.forEach((claim, i) => {
    const key = keyOf(claim);
    if (key === null) return;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  });
  return groups;
}

/** The sum insured ceded under each proportional treaty of the order, from the claim's stored cessions. */
function cessionsByTreaty(claim: RecoveryClaim, treaties: readonly RecoveryTreaty[]): Map<string, Fen> {
  const ceded = new Map<string, Fen>();
  for (const cession of claim.cessions) {
    if (cession.cededSumInsured < 0n) {
      throw new RangeError(`claim ${claim.claimId}: a cession of ${cession.cededSumInsured} fen is negative`);
    }
    const treaty =
      cession.treatyId === null
        ? treaties.find((t) => t.kind === 'facultative' && t.reinsurer === cession.reinsurer)
        : treaties.find((t) => t.id === cession.treatyId);
    const named =
      cession.treatyId === null ? `the facultative placement with ${cession.reinsurer}` : cession.treatyId;
    if (treaty === undefined) {
      throw new RangeError(
        `claim ${claim.claimId}: policy ${claim.policyId} cedes to ${named}, which is not in the inuring order`,
      );
    }
    if (treaty.kind !== cession.kind) {
      throw new RangeError(
        `claim ${claim.claimId}: ${named} was ceded as ${cession.kind} but the order has it as ${treaty.kind}`,
      );
    }
    ceded.set(treaty.id, (ceded.get(treaty.id) ?? 0n) + cession.cededSumInsured);
  }
  return ceded;
}

function checkTreaties(treaties: readonly RecoveryTreaty[]): void {
  const ids = new Set<string>();
  const facultativeReinsurers = new Set<string>();
  let previous: RecoveryTreaty | undefined;
  for (const treaty of treaties) {
    if (!Object.hasOwn(STAGE, treaty.kind)) {
      throw new TypeError(`unknown treaty kind ${JSON.stringify(treaty.kind)}`);
    }
    if (ids.has(treaty.id)) throw new RangeError(`treaty ${treaty.id} appears twice in the inuring order`);
    ids.add(treaty.id);
    if (treaty.kind === 'facultative') {
      if (facultativeReinsurers.has(treaty.reinsurer)) {
        throw new RangeError(`two facultative entries name the reinsurer ${treaty.reinsurer}`);
      }
      facultativeReinsurers.add(treaty.reinsurer);
    }
    if (treaty.kind === 'per_risk_xol' || treaty.kind === 'cat_xol') {
      if (treaty.attachment < 0n || treaty.limit < 0n) {
        throw new RangeError(`${treaty.kind} ${treaty.id}: attachment and limit are not negative`);
      }
    }
    if (treaty.kind === 'stop_loss') {
      parseRate(treaty.attachmentRatio);
      parseRate(treaty.limitRatio);
      if (treaty.premiumBase < 0n)
        throw new RangeError(`stop_loss ${treaty.id}: the premium base is negative`);
    }
    if (previous !== undefined && STAGE[treaty.kind] < STAGE[previous.kind]) {
      throw new RangeError(
        `${treaty.kind} ${treaty.id} comes after ${previous.kind} ${previous.id}: the inuring order is per-risk ` +
          'treaties first (proportional and per-risk XoL), then catastrophe XoL, then stop-loss',
      );
    }
    previous = treaty;
  }
}

function checkClaims(claims: readonly RecoveryClaim[]): void {
  const ids = new Set<string>();
  for (const claim of claims) {
    if (ids.has(claim.claimId)) throw new RangeError(`claim ${claim.claimId} appears twice`);
    ids.add(claim.claimId);
    if (claim.loss < 0n)
      throw new RangeError(`claim ${claim.claimId}: a loss of ${claim.loss} fen is negative`);
    if (claim.sumInsured < 0n) {
      throw new RangeError(`claim ${claim.claimId}: a sum insured of ${claim.sumInsured} fen is negative`);
    }
    if (!Number.isSafeInteger(claim.accidentYear)) {
      throw new RangeError(`claim ${claim.claimId}: ${claim.accidentYear} is not an accident year`);
    }
  }
}
