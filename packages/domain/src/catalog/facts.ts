/**
 * The facts rules and rating may read (事实字典). A rule names a fact by its path; the loader
 * refuses a rule over an unknown fact or with a value of the wrong type, so a typo in a product
 * file is caught when the file is read, not when a quote is priced.
 *
 * Types: `integer` and `decimal` compare numerically (decimals as exact decimal strings), `money`
 * compares yuan amounts exactly (fen), `string` by equality, `set` holds strings (membership),
 * `boolean`, `date` ('YYYY-MM-DD', compared as dates).
 */
export type FactType = 'integer' | 'decimal' | 'money' | 'string' | 'set' | 'boolean' | 'date';

export interface FactDefinition {
  type: FactType;
  zh: string;
  en: string;
}

/** Facts about the enterprise (from its profile once the registry exists; given in a quote preview now). */
export const enterpriseFacts = {
  'enterprise.staff': { type: 'integer', zh: '职工总数', en: 'Staff' },
  'enterprise.techStaff': { type: 'integer', zh: '科技人员数', en: 'Technical staff' },
  'enterprise.revenue': { type: 'money', zh: '上年营业收入', en: 'Revenue last year' },
  'enterprise.totalAssets': { type: 'money', zh: '资产总额', en: 'Total assets' },
  'enterprise.rdExpense': { type: 'money', zh: '上年研发费用', en: 'R&D expense last year' },
  'enterprise.industry': { type: 'string', zh: '行业代码 (GB/T 4754)', en: 'Industry code (GB/T 4754)' },
  'enterprise.frontierTags': { type: 'set', zh: '前沿产业标签', en: 'Frontier-industry tags' },
  'enterprise.region': { type: 'string', zh: '行政区划代码 (GB/T 2260)', en: 'Region code (GB/T 2260)' },
  'enterprise.qualifications': { type: 'set', zh: '资质', en: 'Qualifications' },
  'enterprise.catalogueListings': { type: 'set', zh: '目录入选', en: 'Catalogue listings' },
  'enterprise.techScore': { type: 'decimal', zh: '科技评价分', en: 'Tech evaluation score' },
  'enterprise.scoreBand': { type: 'string', zh: '评价分档', en: 'Score band' },
  'enterprise.creditGrade': { type: 'string', zh: '信用等级', en: 'Credit grade' },
  'enterprise.trl': { type: 'integer', zh: '技术成熟度等级 (GB/T 22900)', en: 'Technology readiness level' },
  'enterprise.claimsLast3Years': { type: 'integer', zh: '近三年出险次数', en: 'Claims in the last 3 years' },
  'enterprise.lossRatioLast3Years': { type: 'decimal', zh: '近三年赔付率', en: 'Loss ratio, last 3 years' },
  'enterprise.dishonest': { type: 'boolean', zh: '严重失信记录', en: 'Serious dishonesty record' },
  'enterprise.yearsInOperation': { type: 'integer', zh: '成立年限', en: 'Years in operation' },
} as const satisfies Record<string, FactDefinition>;

/** Facts about what is being asked for. Options declared by a product are `request.options.<key>`. */
export const requestFacts = {
  'request.sumInsured': { type: 'money', zh: '保险金额', en: 'Sum insured' },
  'request.contractValue': { type: 'money', zh: '合同金额', en: 'Contract value' },
  'request.loanPrincipal': { type: 'money', zh: '贷款本金', en: 'Loan principal' },
  'request.loanInterest': { type: 'money', zh: '贷款利息', en: 'Loan interest' },
  'request.headcount': { type: 'integer', zh: '被保险人数', en: 'Insured persons' },
  'request.limit': { type: 'money', zh: '赔偿限额', en: 'Limit of indemnity' },
  'request.termDays': { type: 'integer', zh: '保险期间（天）', en: 'Term in days' },
  'request.startDate': { type: 'date', zh: '起保日期', en: 'Start date' },
  'request.continuousYear': { type: 'integer', zh: '连续投保年度', en: 'Year of continuous cover' },
  'request.retroactiveDate': { type: 'date', zh: '追溯日期', en: 'Retroactive date' },
} as const satisfies Record<string, FactDefinition>;

export const builtInFacts: Record<string, FactDefinition> = { ...enterpriseFacts, ...requestFacts };

export type EnterpriseFactName = keyof typeof enterpriseFacts;
export type RequestFactName = keyof typeof requestFacts;

/** Fact values as they travel in a quote request: numbers, decimal/money strings, string arrays. */
export type FactValue = string | number | boolean | readonly string[] | null;
export type Facts = Readonly<Record<string, FactValue | undefined>>;
