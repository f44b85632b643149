import type { Fen } from '@kebao/domain/money';
import { addDays, shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { type DisputeRow, disputesOf, findClaim, findDispute, insertDispute, updateDispute } from './repo.ts';
import { participantsOf, partiesOf, step, wrongStatus } from './service.ts';

/*
 * Disputes (纠纷协调): the policyholder contests a decision, the insurer has 15 days to answer, a mediator
 * is assigned, hears the parties and records the outcome (settled with an amount, or the decision upheld).
 */

/** Working days the insurer has to answer a dispute before mediation (documented in docs/claims.md). */
const DISPUTE_RESPONSE_DAYS = 15;

export async function openDispute(
  ctx: Ctx,
  claimId: string,
  input: { grounds: string; askedAmount: Fen | null },
) {
  const claim = await findClaim(ctx.db, claimId, true);
  if (!claim || (claim.enterprise_org !== ctx.actor.orgId && claim.broker_org_id !== ctx.actor.orgId)) {
    throw problem('claim.not_found');
  }
  if (!['declined', 'approved', 'paid', 'closed'].includes(claim.status)) wrongStatus(claim, '申请纠纷调解');
  if ((await disputesOf(ctx.db, claimId)).some((d) => d.status === 'open' || d.status === 'mediating')) {
    throw problem('claim.dispute_open');
  }
  const row: DisputeRow = {
    id: newId(),
    claim_id: claimId,
    status: 'open',
    grounds: input.grounds,
    asked_amount: input.askedAmount,
    mediator: null,
    hearings: [],
    outcome: null,
    settled_amount: null,
    respond_by: addDays(shanghaiDateOf(ctx.now), DISPUTE_RESPONSE_DAYS),
    opened_by: ctx.actor.userId,
    opened_at: ctx.now,
    closed_at: null,
  };
  await insertDispute(ctx.db, row);
  await step(
    ctx,
    claim,
    'dispute',
    claim.status,
    claim.status,
    input.askedAmount,
    input.grounds.slice(0, 500),
  );
  const found = await participantsOf(ctx, claim);
  ctx.audit({
    action: 'claim.dispute_open',
    entityType: 'claim_dispute',
    entityId: row.id,
    after: { claimId, grounds: input.grounds },
  });
  ctx.emit({
    type: 'claim.disputed',
    aggregateType: 'claim',
    aggregateId: claim.id,
    payload: { claimId, disputeId: row.id, number: claim.number },
    orgIds: partiesOf(
      claim,
      found.lines.map((l) => l.org_id),
    ),
  });
  return row;
}

/** The mediator's steps: assignment, hearings, and the outcome (settled with an amount, or the decision upheld). */
export async function mediateDispute(
  ctx: Ctx,
  id: string,
  input:
    | { action: 'assign'; mediator: string }
    | { action: 'hearing'; on: string; place: string; note?: string | undefined }
    | { action: 'settle'; outcome: string; amount: Fen }
    | { action: 'uphold'; outcome: string }
    | { action: 'withdraw'; outcome?: string | undefined },
) {
  const dispute = await findDispute(ctx.db, id, true);
  if (!dispute) throw problem('claim.dispute_not_found');
  if (dispute.status !== 'open' && dispute.status !== 'mediating') throw problem('claim.dispute_closed');
  switch (input.action) {
    case 'assign':
      await updateDispute(ctx.db, id, { status: 'mediating', mediator: input.mediator });
      break;
    case 'hearing':
      await updateDispute(ctx.db, id, {
        status: 'mediating',
        hearings: [...dispute.hearings, { on: input.on, place: input.place, note: input.note ?? null }],
      });
      break;
    case 'settle':
      await updateDispute(ctx.db, id, {
        status: 'settled',
        outcome: input.outcome,
        settled_amount: input.amount,
        closed_at: ctx.now,
      });
      break;
    case 'uphold':
      await updateDispute(ctx.db, id, { status: 'upheld', outcome: input.outcome, closed_at: ctx.now });
      break;
    case 'withdraw':
      await updateDispute(ctx.db, id, {
        status: 'withdrawn',
        outcome: input.outcome ?? null,
        closed_at: ctx.now,
      });
      break;
  }
  const claim = await findClaim(ctx.db, dispute.claim_id);
  if (claim)
    await step(
      ctx,
      claim,
      `dispute_${input.action}`,
      claim.status,
      claim.status,
      input.action === 'settle' ? input.amount : null,
      'outcome' in input ? (input.outcome ?? null) : input.action === 'assign' ? input.mediator : null,
    );
  ctx.audit({
    action: `claim.dispute_${input.action}`,
    entityType: 'claim_dispute',
    entityId: id,
    after: input,
  });
  return findDispute(ctx.db, id);
}
