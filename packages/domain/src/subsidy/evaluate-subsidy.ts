import { allocate, type Fen } from '../money/index.ts';
import { checkEligibility } from './check-eligibility.ts';
import { chooseShare } from './choose-share.ts';
import { compiledProgramme } from './compile-programme.ts';
import type { FundingPart, SubsidyContext, SubsidyDecision, SubsidyRefusal } from './decision.ts';
import { grantAmount } from './grant-amount.ts';
import type { SubsidyProgramme } from './programme.ts';
import { subsidyFactNames, subsidyFactsOf } from './subsidy-facts.ts';

/**
 * What a programme grants on a policy (补贴测算), with every rule's contribution explained: the
 * eligibility rules (window, product, bar, years, no-double-dip group, each condition, quota), then the
 * share (tier, year step-down, bonuses), then the amount (rate cap, share × eligible premium, each cap,
 * the budget and the quota left — grant-amount.ts has the formula and the rounding).
 *
 * A rule that fails refuses with its reason; a condition that cannot be decided for want of a fact
 * refuses with `subsidy.missing_facts` and lists the facts, so the caller can ask again once they are
 * known (a failure that is certain is reported before a missing fact). Pure: the programme, the policy,
 * the enterprise and what was granted before are all passed in. Throws a RangeError on impossible input
 * (a negative amount, a year index below 1) and a DateFormatError on a malformed start date.
 */
export function evaluateSubsidy(programme: SubsidyProgramme, ctx: SubsidyContext): SubsidyDecision {
  return decideSubsidy(programme, ctx, { premiumLeft: undefined, groupsGranted: [] });
}

/**
 * What programmes applied earlier in the same bind already took: the premium they left unsubsidised (a
 * further limit; undefined for none) and their no-double-dip groups.
 */
export interface SameBind {
  premiumLeft: Fen | undefined;
  groupsGranted: readonly string[];
}

/** evaluateSubsidy as one step of a bind that applies several programmes in turn (grantsAtBind). */
export function decideSubsidy(
  programme: SubsidyProgramme,
  ctx: SubsidyContext,
  bind: SameBind,
): SubsidyDecision {
  const { policy, history } = ctx;
  requireSound(ctx);
  const compiled = compiledProgramme(programme);
  const facts = subsidyFactsOf(ctx.enterprise.facts, policy);
  const groupsGranted = [...history.groupsAlreadyGranted, ...bind.groupsGranted];
  const checks = checkEligibility(programme, compiled, policy, history, facts, groupsGranted);
  const chosen = chooseShare(programme, compiled, facts, history.yearIndex);
  const steps = [...checks.steps, ...chosen.steps];
  const missing = [...new Set([...checks.missing, ...chosen.missing])];
  const refusal = checks.failures[0] ?? chosen.refusal ?? (missing.length > 0 ? missingFacts(missing) : null);
  const base = { programme: programme.code, payee: programme.payee, missingFacts: missing };
  if (refusal !== null || chosen.share === null) {
    return {
      ...base,
      eligible: false,
      amount: 0n,
      share: null,
      eligiblePremium: 0n,
      steps,
      refusal: refusal ?? missingFacts(missing),
      funding: [],
    };
  }
  const grant = grantAmount(programme, policy, history, chosen.share, chosen.tier, bind.premiumLeft);
  return {
    ...base,
    eligible: true,
    amount: grant.amount,
    share: chosen.share,
    eligiblePremium: grant.eligiblePremium,
    steps: [...steps, ...grant.steps],
    refusal: grant.refusal,
    funding: fundingOf(programme, grant.amount),
  };
}

/**
 * A grant split between the levels of government that fund it (分级负担), by the fund pools' shares with
 * the one largest-remainder allocation, so the parts add up to the grant exactly; without pools, all of
 * it at the funder's level.
 */
export function fundingOf(programme: SubsidyProgramme, amount: Fen): FundingPart[] {
  if (amount === 0n) return [];
  const pools = programme.fundPools;
  if (pools === undefined) return [{ level: programme.funder.level, amount }];
  const parts = allocate(
    amount,
    pools.map((pool) => pool.share),
  );
  return pools.map((pool, i) => ({ level: pool.level, amount: parts[i] ?? 0n }));
}

function missingFacts(facts: readonly string[]): SubsidyRefusal {
  const names = facts.map(subsidyFactNames);
  return {
    reason: 'subsidy.missing_facts',
    zh: `尚需确认：${names.map((name) => name.zh).join('、')}`,
    en: `Still to be established: ${names.map((name) => name.en).join(', ')}`,
  };
}

function requireSound({ policy, history }: SubsidyContext): void {
  const amounts: [string, Fen][] = [
    ['premium', policy.premium],
    ['sum insured', policy.sumInsured],
    ['granted this year to the enterprise', history.grantedThisYearToEnterprise],
    ['granted to the policy', history.grantedToPolicy],
    ['granted by the programme', history.programmeGranted],
  ];
  for (const [name, amount] of amounts) {
    if (amount < 0n) throw new RangeError(`${name} cannot be negative (${amount} fen)`);
  }
  if (!Number.isSafeInteger(history.yearIndex) || history.yearIndex < 1)
    throw new RangeError(`the year index starts at 1 (got ${history.yearIndex})`);
}
