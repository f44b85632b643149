import { allocate, type Fen } from '../money/index.ts';
import { buildEntry, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Claims in the co-insurers' books (domain README §2: the lead surveys and handles claims and recovers
 * the followers' shares). Each co-insurer bears its part of a claim by its signed line (签署份额, share
 * units). The case reserve (未决赔款准备金) is set, raised and released through claims_incurred, and a
 * payment draws it down.
 *
 * Parts are split cumulatively: a movement's parts are allocate(before + movement) − allocate(before), so
 * each co-insurer's running total is always the largest-remainder split of the claim's running total.
 * Incurred and paid are split that way, so when a claim closes (paid = incurred, reserve 0) every
 * co-insurer's reserve is exactly 0 too, not a fen off from two roundings that did not meet.
 *
 * Under 主代从收 the lead pays the claimant the whole amount and recovers each follower's part
 * (coinsurance_claims_receivable in its books, coinsurance_claims_payable in the follower's), settled
 * with the premium it owes them (postCoinsuranceSettlement). Under 各收各份额 each co-insurer pays its own
 * part and nothing is owed between them.
 */

export interface ClaimParticipant {
  orgId: string;
  lead: boolean;
  /** Signed line in share units (1,000,000 = 100 %): the weight of this co-insurer's part. */
  share: number;
}

export interface ClaimPart {
  orgId: string;
  amount: Fen;
}

/**
 * Each participant's part of a claim movement of `amount`, given the claim's running total `before` the
 * movement (incurred for a reserve change, paid for a payment; 0 for the first). The parts sum exactly
 * to `amount`, in the participants' order.
 */
export function claimParts(
  participants: readonly ClaimParticipant[],
  amount: Fen,
  before: Fen = 0n,
): ClaimPart[] {
  checkParticipants(participants);
  const shares = participants.map((p) => p.share);
  const after = allocate(before + amount, shares);
  const already = before === 0n ? participants.map(() => 0n) : allocate(before, shares);
  return participants.map((p, i) => ({ orgId: p.orgId, amount: (after[i] as Fen) - (already[i] as Fen) }));
}

/**
 * A change of the case reserve (positive: set or raised; negative: released), split by the signed lines:
 * each co-insurer Dr claims_incurred / Cr claims_reserve by its part. `incurredBefore` is the claim's
 * incurred amount before the change (paid to date + outstanding reserve), ≥ 0; it may not go below 0.
 */
export function postClaimReserve(input: {
  participants: readonly ClaimParticipant[];
  claimant: string;
  change: Fen;
  incurredBefore?: Fen;
}): JournalLine[] {
  const { claimant, change } = input;
  const before = input.incurredBefore ?? 0n;
  requireNonNegative(before, 'the incurred amount before a reserve change');
  requireNonNegative(before + change, 'the incurred amount after a reserve change');
  const parts = claimParts(input.participants, change, before);
  return buildEntry((post) => {
    for (const part of parts) {
      post('claims_incurred', part.orgId, claimant, part.amount);
      post('claims_reserve', part.orgId, claimant, -part.amount);
    }
  });
}

/**
 * A claim payment of `amount` (≥ 0) to the claimant, drawn from the case reserve (the caller raises the
 * reserve first when the payment exceeds it). Each co-insurer Dr claims_reserve by its part; then
 * - lead_collects (主代从收): the lead Cr cash by the whole amount, Dr coinsurance_claims_receivable from
 *   each follower by its part; each follower Cr coinsurance_claims_payable to the lead by its part;
 * - each_collects (各收各份额): each co-insurer Cr cash by its own part.
 * With `payable: true` the claimant is credited in claims_payable instead of cash (a claim agreed, 核赔,
 * and paid later by postClaimPayout). `paidBefore` is the claim's paid total before this payment.
 */
export function postClaimPayment(input: {
  participants: readonly ClaimParticipant[];
  claimant: string;
  amount: Fen;
  collectionMode: 'lead_collects' | 'each_collects';
  paidBefore?: Fen;
  payable?: boolean;
}): { lines: JournalLine[]; parts: ClaimPart[] } {
  const { participants, claimant, amount, collectionMode } = input;
  const before = input.paidBefore ?? 0n;
  requireNonNegative(amount, 'a claim payment');
  requireNonNegative(before, 'the amount paid before a claim payment');
  if (collectionMode !== 'lead_collects' && collectionMode !== 'each_collects') {
    throw new RangeError(`unknown collection mode ${JSON.stringify(collectionMode)}`);
  }
  const parts = claimParts(participants, amount, before);
  const lead = leadOf(participants);
  const outflow = input.payable === true ? 'claims_payable' : 'cash';
  const lines = buildEntry((post) => {
    for (const part of parts) post('claims_reserve', part.orgId, claimant, part.amount);
    if (collectionMode === 'each_collects') {
      for (const part of parts) post(outflow, part.orgId, claimant, -part.amount);
      return;
    }
    post(outflow, lead.orgId, claimant, -amount);
    for (const part of parts) {
      if (part.orgId === lead.orgId) continue;
      post('coinsurance_claims_receivable', lead.orgId, part.orgId, part.amount);
      post('coinsurance_claims_payable', part.orgId, lead.orgId, -part.amount);
    }
  });
  return { lines, parts };
}

/** An agreed claim paid out of claims_payable: Dr claims_payable / Cr cash (amount ≥ 0). */
export function postClaimPayout(input: { orgId: string; claimant: string; amount: Fen }): JournalLine[] {
  const { orgId, claimant, amount } = input;
  requireNonNegative(amount, 'a claim payout');
  return buildEntry((post) => {
    post('claims_payable', orgId, claimant, amount);
    post('cash', orgId, claimant, -amount);
  });
}

/** The lead as the premium side finds it: the participant marked lead, else the first. */
function leadOf(participants: readonly ClaimParticipant[]): ClaimParticipant {
  const lead = participants.find((p) => p.lead) ?? participants[0];
  if (!lead) throw new RangeError('a claim needs at least one participant');
  return lead;
}

function checkParticipants(participants: readonly ClaimParticipant[]): void {
  if (participants.length === 0) throw new RangeError('a claim needs at least one participant');
  const orgIds = new Set(participants.map((p) => p.orgId));
  if (orgIds.size !== participants.length) throw new RangeError('a co-insurer appears twice on the claim');
  if (participants.filter((p) => p.lead).length > 1) throw new RangeError('a claim has one lead at most');
}
