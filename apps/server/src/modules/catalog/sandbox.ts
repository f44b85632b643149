import type { Facts } from '@kebao/domain/catalog';
import { type Condition, evaluateCondition, sandboxRoom } from '@kebao/domain/catalog';
import { shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { addSandboxUse, findSandbox, findVersion } from './repo.ts';

export interface SandboxUseRequest {
  code: string;
  version: number;
  /** Sum insured of the policy being bound, fen. */
  sumInsured: bigint;
  /** The enterprise facts the policy was priced with (checked against the admission's conditions). */
  facts: Facts;
}

/**
 * Called by the bind path inside its transaction: a sandbox version may only be bound within its
 * test limits (policies, aggregate sum insured, end date, eligible enterprises). Takes the room
 * (the admission row is locked, so concurrent binds cannot both take the last place); a refusal
 * is a 409 with the limit's code. Versions outside the sandbox pass through unchanged.
 */
export async function takeSandboxRoom(ctx: Ctx, request: SandboxUseRequest): Promise<void> {
  const version = await findVersion(ctx.db, request.code, request.version);
  if (!version) throw problem('product.version_not_found');
  if (version.status === 'filed') return;
  if (version.status !== 'sandbox') throw problem('quote.product_unavailable');
  const sandbox = await findSandbox(ctx.db, request.code, request.version, true);
  if (!sandbox) throw problem('quote.product_unavailable');
  const refusal = sandboxRoom(
    { maxPolicies: sandbox.max_policies, maxSumInsured: sandbox.max_sum_insured, endsOn: sandbox.ends_on },
    { policiesBound: sandbox.policies_bound, sumInsuredBound: sandbox.sum_insured_bound },
    request.sumInsured,
    shanghaiDateOf(ctx.now),
    sandbox.closed_at !== null,
  );
  if (refusal) throw problem(refusal);
  if (
    sandbox.conditions &&
    evaluateCondition(sandbox.conditions as Condition, request.facts).result !== 'true'
  ) {
    throw problem('sandbox.not_eligible');
  }
  await addSandboxUse(ctx.db, request.code, request.version, request.sumInsured);
  const used = {
    policies: sandbox.policies_bound + 1,
    sumInsured: sandbox.sum_insured_bound + request.sumInsured,
  };
  ctx.audit({
    action: 'sandbox.use',
    entityType: 'product_version',
    entityId: `${request.code}@${request.version}`,
    after: used,
  });
  ctx.emit({
    type: 'sandbox.used',
    aggregateType: 'product',
    aggregateId: request.code,
    payload: {
      code: request.code,
      version: request.version,
      policiesBound: used.policies,
      maxPolicies: sandbox.max_policies,
      sumInsuredBound: used.sumInsured,
      maxSumInsured: sandbox.max_sum_insured,
    },
  });
}
