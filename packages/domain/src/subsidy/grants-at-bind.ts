import type { Fen } from '../money/index.ts';
import { programmeCovers } from './check-eligibility.ts';
import type { SubsidyContext, SubsidyDecision, SubsidyHistory } from './decision.ts';
import { decideSubsidy } from './evaluate-subsidy.ts';
import type { SubsidyProgramme } from './programme.ts';

export interface GrantsAtBindContext {
  policy: SubsidyContext['policy'];
  enterprise: SubsidyContext['enterprise'];
  /**
   * Each programme's history for this enterprise and policy, by programme code. Needed for every
   * programme that covers the product (programmeCovers); the others are skipped without one.
   */
  histories: Readonly<Record<string, SubsidyHistory>>;
}

export interface GrantsAtBind {
  /** One decision per programme covering the product, in the order applied. */
  decisions: SubsidyDecision[];
  /** All grants together: never more than the premium. */
  total: Fen;
  /** Paid to the insurer: what the enterprise's bill is reduced by at the bind. */
  toInsurer: Fen;
  /** Paid to the enterprise after it paid the premium in full. */
  toEnterprise: Fen;
}

/**
 * The subsidies a policy gets at bind from every programme that covers its product, applied in priority
 * order (lower first, then by code, so the order never depends on how the list was read). A programme
 * sees what the earlier ones took: at most one grant per no-double-dip group, and never more together
 * than the premium (each programme is limited to the premium not yet subsidised).
 */
export function grantsAtBind(
  programmes: readonly SubsidyProgramme[],
  ctx: GrantsAtBindContext,
): GrantsAtBind {
  const ordered = [...programmes].sort((a, b) => a.priority - b.priority || compareCodes(a.code, b.code));
  ordered.forEach((programme, i) => {
    if (ordered[i + 1]?.code === programme.code)
      throw new RangeError(`programme ${programme.code} is given twice: pass one version`);
  });
  const decisions: SubsidyDecision[] = [];
  const groupsGranted: string[] = [];
  let total = 0n;
  let toInsurer = 0n;
  for (const programme of ordered) {
    if (!programmeCovers(programme, ctx.policy)) continue;
    const history = Object.hasOwn(ctx.histories, programme.code) ? ctx.histories[programme.code] : undefined;
    if (history === undefined) throw new RangeError(`no history for programme ${programme.code}`);
    const decision = decideSubsidy(
      programme,
      { policy: ctx.policy, enterprise: ctx.enterprise, history },
      { premiumLeft: ctx.policy.premium - total, groupsGranted },
    );
    decisions.push(decision);
    if (decision.amount === 0n) continue;
    total += decision.amount;
    if (decision.payee === 'insurer') toInsurer += decision.amount;
    if (programme.noDoubleDipGroup !== undefined) groupsGranted.push(programme.noDoubleDipGroup);
  }
  return { decisions, total, toInsurer, toEnterprise: total - toInsurer };
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
