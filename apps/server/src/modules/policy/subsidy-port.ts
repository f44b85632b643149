import type { Fen } from '@kebao/domain/money';
import type { Ctx } from '../../platform/transaction.ts';

/*
 * The subsidy engine's door in the policy lifecycle (implemented by the subsidy module): at bind, the
 * grant reserved against a programme's budget in the same transaction — the part of the premium the funder
 * pays — or nothing; once the policy row exists, the grant recorded; on a return premium (an endorsement
 * down or a cancellation), the funder's part of the return clawed back. `noSubsidy` answers nothing for
 * every policy (group purchases, tests that want none).
 */
export interface SubsidyAtBind {
  subsidy: Fen;
  funderOrgId: string | null;
  programme: string | null;
  /** What the engine needs to record the grant(s) after the policy is stored; opaque to the policy module. */
  pending?: unknown;
}

export interface PolicyForSubsidy {
  policyId: string;
  enterpriseId: string;
  productCode: string;
  productVersion: number;
  statisticalClass: string;
  startDate: string;
  premium: Fen;
  sumInsured: Fen;
  facts: Record<string, unknown>;
}

export interface BoundPolicyForSubsidy {
  policyId: string;
  enterpriseId: string;
  enterpriseOrg: string | null;
  /** The insurer that collects the premium (the lead under 主代从收). */
  collectorOrgId: string;
}

export interface SubsidyEngine {
  atBind(ctx: Ctx, policy: PolicyForSubsidy): Promise<SubsidyAtBind>;
  recordBind?(ctx: Ctx, policy: BoundPolicyForSubsidy, grant: SubsidyAtBind): Promise<void>;
  /**
   * A return premium (an endorsement down or a cancellation) gives back the funder's part: `proposed` (> 0,
   * the return split by subsidy : net premium) at most; answers what was clawed back (never more than was
   * granted and not yet returned).
   */
  onReturn?(
    ctx: Ctx,
    policy: { id: string; funderOrgId: string | null },
    proposed: Fen,
    cancelled: boolean,
  ): Promise<Fen>;
}

export const noSubsidy: SubsidyEngine = {
  atBind: async () => ({ subsidy: 0n, funderOrgId: null, programme: null }),
};
