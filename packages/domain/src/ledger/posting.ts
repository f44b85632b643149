import { allocate, type Fen } from '../money/index.ts';
import type { Account } from './accounts.ts';

/*
 * Posting rules (记账规则) for the premium side of a policy: what the bind, an endorsement and a
 * cancellation write to the double-entry journal. Pure functions; the server stores their lines in the
 * same transaction as the change. Amounts are signed fen: a debit is positive, a credit negative, and
 * every entry sums to zero (checked by `assertBalanced`, and by construction below).
 *
 * Accounts (each line names whose books it is in, `orgId`, and the other side, `counterparty`):
 * - premium_receivable     — premium owed by the policyholder to the collecting insurer
 * - subsidy_receivable     — the subsidy share owed by the funder to the collecting insurer
 * - premium_income         — each co-insurer's written premium (its signed share)
 * - coinsurance_payable    — under 主代从收, what the lead collected on a follower's behalf
 * - coinsurance_receivable — the follower's claim on the lead for the same amount
 * - ceded_premium / reinsurance_payable — premium ceded to a reinsurer
 * - commission_receivable / ceding_commission_income — the reinsurer's ceding commission
 * Every line carries the policy, product code and statistical class, so tech insurance is reported on
 * its own (Lingang plan 四). The whole chart, with the accounts of the other rules, is in accounts.ts.
 */

export type { Account };

export interface JournalLine {
  account: Account;
  orgId: string;
  counterparty: string;
  amount: Fen;
}

export interface PremiumParticipant {
  orgId: string;
  lead: boolean;
  /** Signed share in units (1,000,000 = 100 %): the weight of this participant's part of the subsidy. */
  share: number;
  /** This participant's part of the premium movement (sums over participants to the movement). */
  premium: Fen;
}

export interface CessionMovement {
  orgId: string;
  reinsurer: string;
  cededPremium: Fen;
  commission: Fen;
}

export interface PremiumMovement {
  /** The policyholder (enterprise id). */
  policyholder: string;
  /** The funder paying the subsidy share; required when `subsidy` is not zero. */
  funder: string | null;
  collectionMode: 'lead_collects' | 'each_collects';
  participants: readonly PremiumParticipant[];
  /** Part of the movement the funder pays (0 without a subsidy); the policyholder pays the rest. */
  subsidy: Fen;
  cessions: readonly CessionMovement[];
}

export class UnbalancedEntryError extends Error {}

/**
 * The lines of a premium movement: the bind (the written premium), an endorsement (the additional or
 * return premium, negative for a return) or a cancellation (the refund, negative). Zero lines are left out.
 */
export function postPremiumMovement(movement: PremiumMovement): JournalLine[] {
  const { participants, collectionMode, policyholder } = movement;
  const total = participants.reduce((sum, p) => sum + p.premium, 0n);
  const lead = participants.find((p) => p.lead) ?? participants[0];
  if (!lead) throw new RangeError('a premium movement needs at least one participant');
  if (movement.subsidy !== 0n && movement.funder === null) throw new RangeError('a subsidy needs a funder');
  const lines: JournalLine[] = [];
  const push = (account: Account, orgId: string, counterparty: string, amount: Fen) => {
    if (amount !== 0n) lines.push({ account, orgId, counterparty, amount });
  };

  if (collectionMode === 'lead_collects') {
    push('premium_receivable', lead.orgId, policyholder, total - movement.subsidy);
    push('subsidy_receivable', lead.orgId, movement.funder ?? '', movement.subsidy);
    for (const p of participants) {
      push('premium_income', p.orgId, policyholder, -p.premium);
      if (p.orgId !== lead.orgId) {
        push('coinsurance_payable', lead.orgId, p.orgId, -p.premium);
        push('coinsurance_receivable', p.orgId, lead.orgId, p.premium);
      }
    }
  } else {
    const subsidyParts =
      movement.subsidy === 0n
        ? participants.map(() => 0n)
        : allocate(
            movement.subsidy,
            participants.map((p) => p.share),
          );
    participants.forEach((p, i) => {
      const subsidy = subsidyParts[i] ?? 0n;
      push('premium_receivable', p.orgId, policyholder, p.premium - subsidy);
      push('subsidy_receivable', p.orgId, movement.funder ?? '', subsidy);
      push('premium_income', p.orgId, policyholder, -p.premium);
    });
  }

  for (const c of movement.cessions) {
    push('ceded_premium', c.orgId, c.reinsurer, c.cededPremium);
    push('reinsurance_payable', c.orgId, c.reinsurer, -c.cededPremium);
    push('commission_receivable', c.orgId, c.reinsurer, c.commission);
    push('ceding_commission_income', c.orgId, c.reinsurer, -c.commission);
  }
  assertBalanced(lines);
  return lines;
}

/** A journal entry must sum to zero; anything else is a programming error, never stored. */
export function assertBalanced(lines: readonly JournalLine[]): void {
  const sum = lines.reduce((s, l) => s + l.amount, 0n);
  if (sum !== 0n) throw new UnbalancedEntryError(`journal entry does not balance: off by ${sum} fen`);
}
