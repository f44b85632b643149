import type { Queryable } from '@kebao/db';
import type { SettlementGrant } from '@kebao/domain/ledger';
import type { Fen } from '@kebao/domain/money';
import type { Ctx } from '../../platform/transaction.ts';
import { addPaid, funderGrantsOfPolicies, updateGrant } from './repo.ts';

/*
 * What the ledger's subsidy statements (补贴结算单) need from the subsidy desk: a funder's grants to insurers
 * on the policies a statement lists, and, once it is settled, the grants and their programmes counting what
 * was paid (or paid back) — as a transfer recorded against the subsidy invoice does.
 */

export interface FunderGrant extends SettlementGrant {
  policyId: string;
  programmeCode: string;
}

/** The funder's grants paid to insurers on the policies, in each policy's order; locked for a settlement. */
export async function funderGrants(
  db: Queryable,
  funderOrgId: string,
  policyIds: readonly string[],
  lock = false,
): Promise<FunderGrant[]> {
  if (policyIds.length === 0) return [];
  const rows = await funderGrantsOfPolicies(db, funderOrgId, policyIds, lock);
  return rows.map((g) => ({
    id: g.id,
    policyId: g.policy_id,
    programmeCode: g.programme_code,
    status: g.status,
    amount: g.amount,
    clawedBack: g.clawed_back,
    paid: g.paid,
  }));
}

/** A settled statement paid `amount` on the grant (negative: the insurer paid it back). */
export async function countGrantSettled(ctx: Ctx, grant: FunderGrant, amount: Fen): Promise<void> {
  await updateGrant(ctx.db, grant.id, { paid: grant.paid + amount, at: ctx.now });
  await addPaid(ctx.db, grant.programmeCode, amount);
}
