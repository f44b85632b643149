import type { QuoteRequest } from '@kebao/domain/catalog';
import { parametricPayout } from '@kebao/domain/claims';
import { postClaimPayment } from '@kebao/domain/ledger';
import { formatYuan } from '@kebao/domain/money';
import { coveredSections } from '@kebao/domain/policy';
import { shanghaiDateOf } from '@kebao/domain/time';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { postEntry } from '../ledger/service.ts';
import { policyForClaim } from '../policy/service.ts';
import { applyReinsurance } from './recoveries-service.ts';
import {
  type ClaimRow,
  insertClaimOnce,
  insertObservations,
  type ObservationRow,
  policiesObserved,
  sectionUsage,
} from './repo.ts';
import {
  claimNumber,
  definitionOf,
  moveReserve,
  nextSeq,
  participantsOf,
  step,
  tagged,
  transition,
} from './service.ts';

/*
 * Parametric covers (指数保险): published index observations are stored once; each new one that meets a
 * policy's trigger creates a claim paid at once by the payout schedule, with the observation as evidence.
 */

export interface ObservationInput {
  productCode: string;
  sectionKey: string;
  subject: string;
  observedOn: string;
  value: string;
}

/**
 * Stores index observations (the same one again is ignored) and, for each new one, pays every policy it
 * applies to whose trigger it meets: a claim with the observation as evidence, reserved and paid at once
 * by the payout schedule, within the section's limit left. Re-importing the same data pays nothing twice.
 */
export async function importObservations(
  ctx: Ctx,
  cache: CatalogCache,
  rows: readonly ObservationInput[],
  source: string,
) {
  const stored = await insertObservations(
    ctx.db,
    rows.map((r) => ({
      id: newId(),
      product_code: r.productCode,
      section_key: r.sectionKey,
      subject: r.subject,
      observed_on: r.observedOn,
      value: r.value,
      source,
      imported_by: ctx.actor.userId,
      imported_at: ctx.now,
    })),
  );
  const paid: { claimId: string; number: string; policyId: string; payout: string }[] = [];
  for (const observation of stored) {
    for (const policyId of await policiesObserved(
      ctx.db,
      observation.product_code,
      observation.subject,
      observation.observed_on,
    )) {
      const claim = await parametricClaim(ctx, cache, policyId, observation);
      if (claim)
        paid.push({ claimId: claim.id, number: claim.number, policyId, payout: formatYuan(claim.paid) });
    }
  }
  ctx.audit({
    action: 'claim.index_import',
    entityType: 'index_observation',
    entityId: source.slice(0, 100),
    after: { received: rows.length, stored: stored.length, claims: paid.length },
  });
  return {
    received: rows.length,
    stored: stored.length,
    duplicates: rows.length - stored.length,
    claims: paid,
  };
}

async function parametricClaim(
  ctx: Ctx,
  cache: CatalogCache,
  policyId: string,
  observation: ObservationRow,
): Promise<ClaimRow | null> {
  const found = await policyForClaim(ctx.db, policyId);
  if (!found) return null;
  const { policy } = found;
  const definition = definitionOf(
    await cache.get(policy.product_code, policy.product_version),
    policy.product_code,
  );
  const request = policy.request as QuoteRequest;
  const cover = coveredSections(definition, request).find((c) => c.key === observation.section_key);
  if (cover?.section.trigger.type !== 'parametric') return null;
  const used = await sectionUsage(ctx.db, policy.id, observation.section_key, null, null);
  const result = parametricPayout({
    trigger: cover.section.trigger,
    limit: cover.limit,
    observed: observation.value,
    alreadyPaid: used.section,
  });
  const payout = result.payout;
  if (!result.triggered || payout <= 0n) return null;
  const today = shanghaiDateOf(ctx.now);
  const claim: ClaimRow = {
    id: newId(),
    number: claimNumber(today, await nextSeq(ctx)),
    policy_id: policy.id,
    enterprise_id: policy.enterprise_id,
    enterprise_org: policy.enterprise_org,
    broker_org_id: policy.broker_org_id,
    lead_org_id: policy.lead_org_id,
    product_code: policy.product_code,
    statistical_class: policy.statistical_class,
    section_key: observation.section_key,
    sublimit_key: null,
    source: 'parametric',
    status: 'approved',
    loss_date: observation.observed_on,
    reported_on: today,
    description: `指数触发：${observation.subject} ${observation.observed_on} 观测值 ${observation.value}（${cover.section.trigger.index.zh}）`,
    event_id: null,
    observation_id: observation.id,
    currency: 'CNY',
    claimed_foreign: null,
    claim_rate: null,
    paid_rate: null,
    claimed: payout,
    deductible: 0n,
    payable: payout,
    reserve: 0n,
    paid: 0n,
    agreed: payout,
    coverage: {
      covered: true,
      parametric: true,
      observed: observation.value,
      threshold: result.threshold,
      share: result.share,
      limit: formatYuan(cover.limit),
    },
    decline: null,
    due_at: null,
    status_since: ctx.now,
    filed_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  if (!(await insertClaimOnce(ctx.db, claim))) return null;
  await step(ctx, claim, 'notify', null, 'approved', payout, claim.description);
  await moveReserve(ctx, claim, payout, '指数触发');
  const { participants } = await participantsOf(ctx, claim);
  const { lines } = postClaimPayment({
    participants,
    claimant: claim.enterprise_id,
    amount: payout,
    collectionMode: policy.collection_mode,
    paidBefore: 0n,
  });
  await postEntry(ctx, {
    kind: 'claim_payment',
    description: `指数保险赔付 ${claim.number}`,
    policyId: claim.policy_id,
    lines: tagged(claim, lines),
  });
  claim.paid = payout;
  claim.reserve = 0n;
  await transition(
    ctx,
    claim,
    'parametric_pay',
    'paid',
    payout,
    `触发档 ${result.threshold}，赔付比例 ${result.share}`,
  );
  await applyReinsurance(ctx, claim);
  return claim;
}
