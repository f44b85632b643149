import type { SubsidyEstimator } from '../matching/subsidy-estimate.ts';
import type { Fen } from '../money/index.ts';
import { programmeCovers } from './check-eligibility.ts';
import { decideSubsidy } from './evaluate-subsidy.ts';
import type { SubsidyProgramme } from './programme.ts';

/** A programme as an estimate sees it: its definition and what is already committed against its budget. */
export interface EstimatedProgramme {
  programme: SubsidyProgramme;
  committed: Fen;
}

/**
 * The subsidy an enterprise would get on a matched product (shown next to the match), from the programmes
 * operated on the platform: each covering programme decided in priority order as at a bind on `startDate`
 * (its first year, nothing granted yet this year — an estimate, the bind decides), one per no-double-dip
 * group, the total never above the premium. Only programmes that reduce the bill or pay the enterprise are
 * counted alike; null when none grants anything.
 */
export function programmeEstimator(
  programmes: readonly EstimatedProgramme[],
  startDate: string,
): SubsidyEstimator {
  const ordered = [...programmes].sort(
    (a, b) => a.programme.priority - b.programme.priority || a.programme.code.localeCompare(b.programme.code),
  );
  return {
    estimate(input) {
      const premium = BigInt(input.premiumFen);
      if (premium <= 0n) return null;
      let left = premium;
      const groups: string[] = [];
      const granted: { code: string; zh: string; en: string; amount: Fen }[] = [];
      for (const { programme, committed } of ordered) {
        const policy = {
          productCode: input.productCode,
          statisticalClass: input.statisticalClass,
          subsidyTags: input.subsidyTags,
          premium,
          sumInsured: input.sumInsuredFen === undefined ? 0n : BigInt(input.sumInsuredFen),
          startDate,
        };
        if (!programmeCovers(programme, policy)) continue;
        const decision = decideSubsidy(
          programme,
          {
            policy,
            enterprise: { facts: input.enterpriseFacts as unknown as Record<string, unknown> },
            history: {
              yearIndex: 1,
              grantedThisYearToEnterprise: 0n,
              grantedToPolicy: 0n,
              programmeGranted: committed,
              quotaLeft: null,
              groupsAlreadyGranted: groups,
            },
          },
          { premiumLeft: left, groupsGranted: groups },
        );
        if (decision.amount <= 0n) continue;
        left -= decision.amount;
        if (programme.noDoubleDipGroup) groups.push(programme.noDoubleDipGroup);
        granted.push({
          code: programme.code,
          zh: programme.names.zh,
          en: programme.names.en,
          amount: decision.amount,
        });
      }
      if (granted.length === 0) return null;
      const first = granted[0] as (typeof granted)[number];
      return {
        amountFen: premium - left,
        programmeCode: first.code,
        explanation: {
          zh: `预计可享：${granted.map((g) => g.zh).join('、')}（以出单时核定为准）`,
          en: `Expected from: ${granted.map((g) => g.en).join(', ')} (decided at bind)`,
        },
      };
    },
  };
}
