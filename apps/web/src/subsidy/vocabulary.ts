import type {
  ClawbackMethod,
  FundLevel,
  Payee,
  programmeOnlyFacts,
  SubsidyRule,
  SubsidyStep,
} from '@kebao/domain/subsidy';
import type { FactType } from '../catalog/vocabulary.ts';

/*
 * The codes the subsidy API writes as plain strings (its schema documents them in descriptions). Pages
 * label the known ones and show an unknown code from a newer server as it is. The domain's own lists live
 * in modules that also build the JSON Schema (typebox), which the browser does not need; so they are
 * repeated here, and `everyOf` refuses to compile when one leaves out a code the domain has.
 */

/** The list, checked to name every member of T: a code the domain adds fails to compile here. */
function everyOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

/**
 * 待确认 · 已确认 · 待提交材料 · 待审核 · 待补正 · 已批准 · 未通过 · 已失效 · 已撤销（骗补）. A 免申即享 grant
 * is reserved at the bind and confirmed by the enterprise; a 申报 grant is applied for, submitted with its
 * materials and reviewed stage by stage — returned to the enterprise for more materials (补正), approved or
 * rejected; either lapses when the policy is cancelled before it is paid (or a 补正 is not made in time),
 * and is revoked when the funder finds fraud.
 */
export const grantStatuses = [
  'reserved',
  'confirmed',
  'applied',
  'submitted',
  'returned',
  'approved',
  'rejected',
  'lapsed',
  'revoked',
] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/** 资金层级: central · province · city (a municipality such as Shanghai is a city) · district. */
export const fundLevels = everyOf<FundLevel>()(['central', 'province', 'city', 'district']);

/** auto 免申即享 · apply 申报. */
export const programmeModes = ['auto', 'apply'] as const;
export type ProgrammeMode = (typeof programmeModes)[number];

/** Who is paid: the insurer (the enterprise's bill is reduced) or the enterprise (after it paid in full). */
export const payees = everyOf<Payee>()(['insurer', 'enterprise']);

/** 追回: pro rata to the refund, all of it, or nothing. */
export const clawbackMethods = everyOf<ClawbackMethod>()(['pro_rata', 'full', 'none']);

/** The rules a computation step explains (补贴计算过程), in the order the engine applies them. */
export const stepRules = everyOf<SubsidyRule>()([
  'window',
  'product',
  'bar',
  'max_years',
  'no_double_dip',
  'condition',
  'quota',
  'tier',
  'year_step',
  'bonus',
  'share',
  'eligible_premium',
  'rate_cap',
  'share_of_premium',
  'cap_per_policy',
  'cap_per_enterprise_year',
  'budget',
  'quota_left',
  'premium_left',
  'grant',
]);

export const stepResults = everyOf<NonNullable<SubsidyStep['result']>>()(['pass', 'fail', 'unknown']);

/** A reviewer's decision at its stage: approve (to the next stage) · reject · request_more (要求补正). */
export const reviewDecisions = ['approve', 'reject', 'request_more'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/** The entries of the trail (审核记录): the reviewers' decisions, the enterprise's resubmissions, fraud. */
export const trailDecisions = [...reviewDecisions, 'resubmit', 'fraud'] as const;
export type TrailDecision = (typeof trailDecisions)[number];

/** The statuses in which the operating funder may find fraud (认定骗补). */
export const fraudStatuses = [
  'reserved',
  'confirmed',
  'applied',
  'submitted',
  'returned',
  'approved',
] as const satisfies readonly GrantStatus[];

/**
 * The tabs of 补贴审核: what waits at a stage the viewer reviews first (待我审核), every application under
 * review or back with the enterprise for more, then the rest.
 */
export const reviewTabs = [
  'toReview',
  'submitted',
  'returned',
  'reserved',
  'confirmed',
  'approved',
  'all',
] as const;
export type ReviewTab = (typeof reviewTabs)[number];

/**
 * The facts only subsidy conditions read (the catalogue's dictionary has the rest), named and typed as the
 * domain has them (packages/domain/src/subsidy/subsidy-facts.ts); the type makes a fact the domain adds
 * fail to compile until it is named here.
 */
export const programmeFacts: Record<
  keyof typeof programmeOnlyFacts,
  { type: FactType; zh: string; en: string }
> = {
  'enterprise.regionProvince': {
    type: 'string',
    zh: '所在省级行政区划代码',
    en: 'Province-level region code',
  },
  'enterprise.regionCity': { type: 'string', zh: '所在地级市行政区划代码', en: 'City-level region code' },
  'enterprise.size': { type: 'string', zh: '企业规模（微型/小型/中型/大型）', en: 'Enterprise size' },
  'enterprise.manufacturingChampion': {
    type: 'boolean',
    zh: '制造业单项冠军企业',
    en: 'Manufacturing single-item champion',
  },
  'request.productCode': { type: 'string', zh: '产品代码', en: 'Product code' },
  'request.statisticalClass': { type: 'string', zh: '统计大类', en: 'Statistical class' },
  'request.premium': { type: 'money', zh: '保费', en: 'Premium' },
  'request.firstSetLevel': {
    type: 'string',
    zh: '首台(套)认定级别（国际/国内/省内）',
    en: 'First-of-a-kind level (international / national / provincial)',
  },
  'request.loanRepaidOnTime': { type: 'boolean', zh: '贷款按期还本付息', en: 'Loan repaid on time' },
  'request.platformRegistered': {
    type: 'boolean',
    zh: '保单已在市级平台登记',
    en: 'Policy registered on the city platform',
  },
  'request.highValuePatent': { type: 'boolean', zh: '投保专利为高价值专利', en: 'High-value patent insured' },
};

/** Materials: PDF, JPEG or PNG, at most 10 MB (the server checks the same and the file's magic number). */
export const materialTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MaterialType = (typeof materialTypes)[number];
export const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;
