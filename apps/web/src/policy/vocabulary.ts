/*
 * The codes the quote, placement and policy API writes as plain strings (its schema documents them in
 * descriptions, not enums). Pages label the known ones and show an unknown code from a newer server as it is.
 */

export const quoteStatuses = ['referred', 'offered', 'declined', 'accepted', 'bound', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export const placementStatuses = ['open', 'closed', 'bound', 'cancelled'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

export const lineStatuses = ['invited', 'written', 'declined'] as const;
export type LineStatus = (typeof lineStatuses)[number];

export const policyStatuses = ['in_force', 'cancelled', 'expired'] as const;
export type PolicyStatus = (typeof policyStatuses)[number];

export const collectionModes = ['lead_collects', 'each_collects'] as const;
export type CollectionMode = (typeof collectionModes)[number];

export const decisionKinds = ['accept', 'accept_with_conditions', 'decline'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export const refundMethods = ['pro_rata', 'short_rate'] as const;
export type RefundMethod = (typeof refundMethods)[number];

export const lineRoles = ['lead', 'follower'] as const;
export type LineRole = (typeof lineRoles)[number];

export const cessionKinds = ['quota_share', 'surplus', 'excess_of_loss', 'facultative'] as const;
export type CessionKind = (typeof cessionKinds)[number];

export const movementKinds = ['bind', 'endorse', 'cancel'] as const;
export type MovementKind = (typeof movementKinds)[number];

export const journalAccounts = [
  'cash',
  'premium_receivable',
  'subsidy_receivable',
  'coinsurance_receivable',
  'coinsurance_claims_receivable',
  'commission_receivable',
  'recoveries_receivable',
  'clawback_receivable',
  'payer_credit',
  'coinsurance_payable',
  'coinsurance_claims_payable',
  'reinsurance_payable',
  'claims_payable',
  'claims_reserve',
  'unearned_premium_reserve',
  'commission_payable',
  'subsidy_payable',
  'premium_income',
  'ceding_commission_income',
  'reinsurance_recoveries',
  'ceded_premium',
  'claims_incurred',
  'upr_change',
  'commission_expense',
  'subsidy_expense',
] as const;
export type JournalAccount = (typeof journalAccounts)[number];

/** The five sames (五个同一) a co-insurer's line is written on. */
export const fiveSames = ['contract', 'subject', 'liability', 'period', 'sumInsured'] as const;
export type FiveSame = (typeof fiveSames)[number];

/** The amounts a quote request may carry; which one a product reads depends on its rating basis and cover. */
export const amountFields = [
  'sumInsured',
  'limit',
  'contractValue',
  'loanPrincipal',
  'loanInterest',
] as const;
export type AmountField = (typeof amountFields)[number];

/** Whether `value` is one of `codes`: narrows a server string to the vocabulary the pages label. */
export function isOneOf<T extends string>(codes: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in addresses are UUIDs; anything else is a page that does not exist. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
