/*
 * The codes the monitoring API writes as plain strings (its schema documents them in descriptions, not
 * enums). Pages label the known ones and show an unknown code from a newer server as it is.
 */

export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** 提示 · 关注 · 严重. */
export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** What happened to an alert: opened by a rule, its value updated, acknowledged and resolved. */
export const alertActions = ['opened', 'updated', 'acknowledged', 'resolved'] as const;

/** ratio: a fraction shown as a percent; count: a whole number; index: the HHI, 0–10,000. */
export type MetricUnit = 'ratio' | 'count' | 'index';

/** The metrics a rule can watch and their units (packages/domain/src/monitor/alert-rules.ts). */
export const alertMetricUnits = {
  loss_ratio: 'ratio',
  claim_backlog_overdue: 'count',
  hhi: 'index',
  insurer_share: 'ratio',
  retention_ratio: 'ratio',
  retained_premium_ratio: 'ratio',
  sandbox_usage: 'ratio',
  subsidy_burn: 'ratio',
  repeated_claims: 'count',
  subsidy_and_claim: 'count',
} as const satisfies Record<string, MetricUnit>;
export type AlertMetric = keyof typeof alertMetricUnits;
export const alertMetrics = Object.keys(alertMetricUnits) as AlertMetric[];

export const conditionOps = ['gt', 'gte', 'lt', 'lte'] as const;
export type ConditionOp = (typeof conditionOps)[number];

/** Where a rule came from: shipped in catalog/alerts, or published by the regulator through the API. */
export const ruleSources = ['catalog', 'api'] as const;

/** The four classes of part 1 of 《科技保险业务统计制度》. */
export const statisticalClasses = ['rd_transfer', 'application', 'intellectual_property', 'base'] as const;

/** Business written on the platform, or registered from the insurer's own systems (保单登记). */
export const businessSources = ['platform', 'registered'] as const;
export type BusinessSource = (typeof businessSources)[number];

export const statisticsPeriods = ['month', 'quarter', 'year'] as const;
export type StatisticsPeriod = (typeof statisticsPeriods)[number];

/** Part 1 by product class, part 2 by insured entity, and platform vs registered business. */
export const statisticsGroupings = ['class', 'entity', 'source'] as const;
export type StatisticsGrouping = (typeof statisticsGroupings)[number];

/** GB/T 4754-2017 sections (门类), the first letter of an industry code. */
export const industrySections = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
] as const;
export type IndustrySection = (typeof industrySections)[number];

/** The metrics of the zone targets (catalog/zone-targets.yaml). */
export const targetMetrics = [
  'insured_enterprises',
  'risk_protection',
  'insurance_funds',
  'institutions',
  'products_filed',
] as const;

/** Targets measured in yuan; the others are counts. */
export const moneyTargetMetrics: readonly string[] = ['risk_protection', 'insurance_funds'];

/** The columns of a bordereau (清单), in the order of the template, with their Chinese headers. */
export const registrationHeaders = {
  policyNumber: '保单号',
  productCode: '产品代码',
  statisticalClass: '统计类别',
  insuredUscc: '被保险人统一社会信用代码',
  insuredName: '被保险人名称',
  industry: '行业代码',
  region: '行政区划代码',
  startDate: '起保日期',
  endDate: '终保日期',
  status: '保单状态',
  share: '承保份额',
  sumInsured: '保险金额',
  premium: '保费',
  claimsPaid: '已决赔款',
  claimsIncurred: '已发生赔款',
} as const;
export type RegistrationField = keyof typeof registrationHeaders;
export const registrationFields = Object.keys(registrationHeaders) as RegistrationField[];

/** The HHI bands of the DOJ/FTC Horizontal Merger Guidelines (2010): below 1,500, up to 2,500, above. */
export const hhiLevels = ['low', 'moderate', 'high'] as const;
export type HhiLevel = (typeof hhiLevels)[number];
