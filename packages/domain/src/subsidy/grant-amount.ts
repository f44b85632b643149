import { type Fen, minFen, mulRate, parseYuan } from '../money/index.ts';
import type { SubsidyHistory, SubsidyPolicy, SubsidyRefusal, SubsidyStep } from './decision.ts';
import type { SubsidyProgramme, SubsidyTier } from './programme.ts';
import { percent, yuan } from './words.ts';

export interface GrantAmount {
  eligiblePremium: Fen;
  amount: Fen;
  steps: SubsidyStep[];
  /** Why the amount is 0, when it is. */
  refusal: SubsidyRefusal | null;
}

/**
 * The formula (shared domain subsidies.md):
 *
 *   eligible premium = premium, or min(premium, rate cap × sum insured) when a rate cap applies
 *   subsidy = min(share × eligible premium,
 *                 per-policy cap − granted to the policy,
 *                 per-enterprise-per-year cap − granted to the enterprise this year,
 *                 programme budget left, quota left[, premium not yet subsidised at this bind])
 *
 * Rounding: rate cap × sum insured and share × eligible premium are each rounded once, HALF_UP to the fen.
 * A limit already used up counts as 0, so the grant is never negative; the share is at most 1 and the
 * eligible premium at most the premium, so it never exceeds the premium. A tier's caps replace the
 * programme's; the budget is the lower of `budget` and `caps.perProgramme`.
 */
export function grantAmount(
  programme: SubsidyProgramme,
  policy: SubsidyPolicy,
  history: SubsidyHistory,
  share: string,
  tier: SubsidyTier | null,
  premiumLeft: Fen | undefined,
): GrantAmount {
  const steps: SubsidyStep[] = [];
  const { premium, sumInsured } = policy;
  let eligiblePremium = premium;
  if (programme.rateCap === undefined) {
    steps.push({
      rule: 'eligible_premium',
      amount: premium,
      zh: `计补保费 ${yuan(premium)} 元`,
      en: `Eligible premium ${yuan(premium)}`,
    });
  } else {
    const cap = mulRate(sumInsured, programme.rateCap, 'HALF_UP');
    const rate = percent(programme.rateCap);
    eligiblePremium = minFen(premium, cap);
    steps.push({
      rule: 'rate_cap',
      amount: eligiblePremium,
      value: programme.rateCap,
      binds: cap < premium,
      zh: `费率按不超过 ${rate} 计：${rate} × 保险金额 ${yuan(sumInsured)} = ${yuan(cap)} 元，计补保费 ${yuan(eligiblePremium)} 元`,
      en: `Premium rate counted up to ${rate}: ${rate} × sum insured ${yuan(sumInsured)} = ${yuan(cap)}; eligible premium ${yuan(eligiblePremium)}`,
    });
  }

  const byShare = mulRate(eligiblePremium, share, 'HALF_UP');
  steps.push({
    rule: 'share_of_premium',
    amount: byShare,
    value: share,
    zh: `${percent(share)} × ${yuan(eligiblePremium)} = ${yuan(byShare)} 元（四舍五入到分）`,
    en: `${percent(share)} × ${yuan(eligiblePremium)} = ${yuan(byShare)} (rounded half up to the fen)`,
  });

  let amount = byShare;
  let refusal: SubsidyRefusal | null = null;
  for (const limit of limitsOf(programme, history, tier, premiumLeft)) {
    const binds = limit.left < amount;
    if (binds) {
      amount = limit.left;
      if (amount === 0n) refusal ??= limit.exhausted;
    }
    steps.push({ rule: limit.rule, amount: limit.left, binds, zh: limit.zh, en: limit.en });
  }
  if (amount === 0n) {
    refusal ??= {
      reason: 'subsidy.nothing_due',
      zh: '按比例计算的补贴为 0',
      en: 'The share of the eligible premium comes to nothing',
    };
  }
  steps.push({
    rule: 'grant',
    amount,
    zh: `补贴金额 ${yuan(amount)} 元`,
    en: `Subsidy ${yuan(amount)}`,
  });
  return { eligiblePremium, amount, steps, refusal };
}

interface Limit {
  rule: 'cap_per_policy' | 'cap_per_enterprise_year' | 'budget' | 'quota_left' | 'premium_left';
  left: Fen;
  zh: string;
  en: string;
  exhausted: SubsidyRefusal;
}

function limitsOf(
  programme: SubsidyProgramme,
  history: SubsidyHistory,
  tier: SubsidyTier | null,
  premiumLeft: Fen | undefined,
): Limit[] {
  const limits: Limit[] = [];
  const left = (cap: Fen, used: Fen) => (cap > used ? cap - used : 0n);
  const perPolicy = tier?.caps?.perPolicy ?? programme.caps?.perPolicy;
  if (perPolicy !== undefined) {
    const cap = parseYuan(perPolicy);
    const rest = left(cap, history.grantedToPolicy);
    limits.push({
      rule: 'cap_per_policy',
      left: rest,
      zh: `每张保单不超过 ${yuan(cap)} 元，已补 ${yuan(history.grantedToPolicy)} 元，尚余 ${yuan(rest)} 元`,
      en: `At most ${yuan(cap)} per policy; ${yuan(history.grantedToPolicy)} granted, ${yuan(rest)} left`,
      exhausted: {
        reason: 'subsidy.policy_cap_reached',
        zh: '该保单的补贴已达上限',
        en: 'The policy has reached its subsidy cap',
      },
    });
  }
  const perEnterprise = tier?.caps?.perEnterprisePerYear ?? programme.caps?.perEnterprisePerYear;
  if (perEnterprise !== undefined) {
    const cap = parseYuan(perEnterprise);
    const used = history.grantedThisYearToEnterprise;
    const rest = left(cap, used);
    limits.push({
      rule: 'cap_per_enterprise_year',
      left: rest,
      zh: `每家企业每年不超过 ${yuan(cap)} 元，本年已补 ${yuan(used)} 元，尚余 ${yuan(rest)} 元`,
      en: `At most ${yuan(cap)} per enterprise a year; ${yuan(used)} granted this year, ${yuan(rest)} left`,
      exhausted: {
        reason: 'subsidy.enterprise_cap_reached',
        zh: '企业本年度补贴已达上限',
        en: 'The enterprise has reached this year’s cap',
      },
    });
  }
  const budget = parseYuan(programme.budget);
  const perProgramme = programme.caps?.perProgramme;
  const ceiling = perProgramme === undefined ? budget : minFen(budget, parseYuan(perProgramme));
  const budgetLeft = left(ceiling, history.programmeGranted);
  limits.push({
    rule: 'budget',
    left: budgetLeft,
    zh: `项目资金 ${yuan(ceiling)} 元，已补 ${yuan(history.programmeGranted)} 元，尚余 ${yuan(budgetLeft)} 元`,
    en: `Programme funds ${yuan(ceiling)}; ${yuan(history.programmeGranted)} granted, ${yuan(budgetLeft)} left`,
    exhausted: {
      reason: 'subsidy.budget_exhausted',
      zh: '项目预算已用完',
      en: 'The programme’s budget is used up',
    },
  });
  if (programme.quota !== undefined && history.quotaLeft !== undefined && history.quotaLeft !== null) {
    const rest = history.quotaLeft > 0n ? history.quotaLeft : 0n;
    limits.push({
      rule: 'quota_left',
      left: rest,
      zh: `产品核定额度尚余 ${yuan(rest)} 元`,
      en: `${yuan(rest)} left of the product’s approved quota`,
      exhausted: {
        reason: 'subsidy.quota_exhausted',
        zh: '产品核定额度已用完',
        en: 'The product’s approved quota is used up',
      },
    });
  }
  if (premiumLeft !== undefined) {
    const rest = premiumLeft > 0n ? premiumLeft : 0n;
    limits.push({
      rule: 'premium_left',
      left: rest,
      zh: `本保单尚未获补贴的保费 ${yuan(rest)} 元`,
      en: `${yuan(rest)} of the premium not yet subsidised at this bind`,
      exhausted: {
        reason: 'subsidy.premium_covered',
        zh: '保费已由其他项目全额补贴',
        en: 'Other programmes already cover the whole premium',
      },
    });
  }
  return limits;
}
