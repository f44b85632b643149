import type { ClaimQuery, DisputeQuery, EventBody } from './types.ts';

/*
 * The codes the claims API writes as plain strings (its schema documents most of them in descriptions).
 * Pages label the known ones and show an unknown code from a newer server as it is. Where the API has an
 * enum, `everyOf` refuses to compile when the list leaves out one of its codes.
 */

/** The list, checked to name every member of T: a code the API adds fails to compile here. */
function everyOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

/**
 * 已报案 · 已拒赔 · 查勘定损中 · 已立案估损 · 已核赔 · 已赔付 · 已结案 · 已重开 · 已撤案, in the order of the
 * lifecycle (packages/domain/src/claims/lifecycle.ts).
 */
export const claimStatuses = everyOf<NonNullable<ClaimQuery['status']>>()([
  'notified',
  'assessing',
  'reserved',
  'approved',
  'paid',
  'closed',
  'declined',
  'reopened',
  'withdrawn',
]);
export type ClaimStatus = (typeof claimStatuses)[number];

/** Statuses still waiting for the insurer: the summary counts these first. */
export const openClaimStatuses = ['notified', 'assessing', 'reserved', 'approved', 'reopened'] as const;

/** notice 报案 · parametric 指数触发. */
export const claimSources = ['notice', 'parametric'] as const;

/** The documents of the checklist (索赔材料清单) and the catch-all for anything else. */
export const documentKinds = [
  'loss_notice',
  'loss_evidence',
  'loss_list',
  'bank_account',
  'fx_proof',
  'expert_report',
  'other',
] as const;

/** The steps of a claim's timeline (理赔进度). */
export const timelineActions = [
  'notify',
  'register',
  'decline',
  'reserve',
  'approve',
  'pay',
  'parametric_pay',
  'close',
  'reopen',
  'withdraw',
  'document',
  'link_event',
  'assign_expert',
  'expert_report',
  'dispute',
  'dispute_assign',
  'dispute_hearing',
  'dispute_settle',
  'dispute_uphold',
  'dispute_withdraw',
] as const;

/** 待处理 · 调解中 · 调解成功 · 维持原决定 · 已撤回. */
export const disputeStatuses = everyOf<NonNullable<DisputeQuery['status']>>()([
  'open',
  'mediating',
  'settled',
  'upheld',
  'withdrawn',
]);
export type DisputeStatus = (typeof disputeStatuses)[number];

/** The mediator's steps. */
export const mediationActions = ['assign', 'hearing', 'settle', 'uphold', 'withdraw'] as const;
export type MediationAction = (typeof mediationActions)[number];

/** 已指派 · 已出具报告 · 已撤回. */
export const assignmentStatuses = ['assigned', 'reported', 'withdrawn'] as const;

/** 轮派 · 最佳匹配 · 指定. */
export const assignMethods = ['rotation', 'match', 'named'] as const;
export type AssignMethod = (typeof assignMethods)[number];

/** The fields of the expert pool (专家库). */
export const expertFields = [
  'ic',
  'biomedicine',
  'software',
  'cyber',
  'ip',
  'equipment',
  'materials',
  'climate',
] as const;

/** The kinds of loss event (巨灾/累积事件). */
export const eventKinds = everyOf<EventBody['kind']>()(['cyber', 'fire', 'climate', 'supply_chain', 'other']);

/** What a co-insurer recovers from its reinsurance on a claim. */
export const recoveryKinds = [
  'quota_share',
  'surplus',
  'facultative',
  'excess_of_loss',
  'cat_excess_of_loss',
  'stop_loss',
] as const;

/** The statistical classes reserving reports on, and the whole book. */
export const reservingClasses = [
  'rd_transfer',
  'application',
  'intellectual_property',
  'base',
  'all',
] as const;

/** Development periods and bases of the triangles. */
export const reservingPeriods = ['year', 'quarter'] as const;
export const reservingBases = ['incurred', 'paid'] as const;

/** The enterprise's amount: in yuan, or in a foreign currency at a rate. */
export const claimCurrencies = ['CNY', 'foreign'] as const;
export type ClaimCurrency = (typeof claimCurrencies)[number];
