import type { Fen } from '@kebao/domain/money';
import type { Ctx } from '../../platform/transaction.ts';

/*
 * The subsidy engine's door at bind (the subsidy issue implements it): given the policy being bound,
 * the grant reserved against a programme's budget in the same transaction — the part of the premium the
 * funder pays — or nothing. Until that issue lands, `noSubsidy` answers nothing for every policy, so the
 * enterprise pays the whole premium; the bind, the documents and the journal already carry the split.
 */
export interface SubsidyAtBind {
  subsidy: Fen;
  funderOrgId: string | null;
  programme: string | null;
}

export interface PolicyForSubsidy {
  policyId: string;
  enterpriseId: string;
  productCode: string;
  productVersion: number;
  statisticalClass: string;
  startDate: string;
  premium: Fen;
  facts: Record<string, unknown>;
}

export interface SubsidyEngine {
  atBind(ctx: Ctx, policy: PolicyForSubsidy): Promise<SubsidyAtBind>;
}

export const noSubsidy: SubsidyEngine = {
  atBind: async () => ({ subsidy: 0n, funderOrgId: null, programme: null }),
};
