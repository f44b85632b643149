import type { BilingualText } from '../catalog/definition.ts';
import type { FactTypeOf } from '../catalog/fact-types.ts';
import { builtInFacts, type FactDefinition, type Facts, type FactValue } from '../catalog/facts.ts';
import { formatYuan } from '../money/index.ts';
import type { SubsidyPolicy } from './decision.ts';

/**
 * The facts a programme's conditions may read: the catalogue's dictionary (catalog/facts.ts) and the few
 * that only subsidy rules ask about. Conditions are checked against it when a programme is read, so a
 * typo fails then, not at the first bind.
 */
export const programmeOnlyFacts = {
  // Derived from enterprise.region (GB/T 2260): the rule language compares strings by equality only, so
  // "anywhere in Shanghai" is regionProvince eq '310000' rather than a list of every district.
  'enterprise.regionProvince': {
    type: 'string',
    zh: '所在省级行政区划代码',
    en: 'Province-level region code',
  },
  'enterprise.regionCity': { type: 'string', zh: '所在地级市行政区划代码', en: 'City-level region code' },
  // 《中小企业划型标准规定》(工信部联企业〔2011〕300号): micro, small, medium, large.
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
} as const satisfies Record<string, FactDefinition>;

export const subsidyFacts: Readonly<Record<string, FactDefinition>> = {
  ...builtInFacts,
  ...programmeOnlyFacts,
};

export const subsidyFactType: FactTypeOf = (fact) =>
  Object.hasOwn(subsidyFacts, fact) ? subsidyFacts[fact]?.type : undefined;

export function subsidyFactNames(fact: string): BilingualText {
  const entry = Object.hasOwn(subsidyFacts, fact) ? subsidyFacts[fact] : undefined;
  return entry === undefined ? { zh: fact, en: fact } : { zh: entry.zh, en: entry.en };
}

const REGION_CODE = /^[0-9]{6}$/;

/**
 * The facts a programme's conditions see. Facts may be keyed by path ('enterprise.scoreBand',
 * 'request.continuousYear' — a quote's facts as they are) or, for the enterprise, by bare key as in
 * EnterpriseFacts ('scoreBand'); a policy's by bare request key ('loanRepaidOnTime'). The policy's own
 * fields (product, class, sum insured, premium, start date) come last and win.
 */
export function subsidyFactsOf(enterprise: Readonly<Record<string, unknown>>, policy: SubsidyPolicy): Facts {
  const facts: Record<string, FactValue> = {};
  const put = (entries: Readonly<Record<string, unknown>>, prefix: string) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined || value === null) continue;
      const path = key.startsWith('enterprise.') || key.startsWith('request.') ? key : prefix + key;
      // Values are checked against their fact's type when read (a wrong type counts as missing).
      facts[path] = value as FactValue;
    }
  };
  put(enterprise, 'enterprise.');
  put(policy.facts ?? {}, 'request.');
  const region = facts['enterprise.region'];
  if (typeof region === 'string' && REGION_CODE.test(region)) {
    facts['enterprise.regionProvince'] ??= `${region.slice(0, 2)}0000`;
    facts['enterprise.regionCity'] ??= `${region.slice(0, 4)}00`;
  }
  facts['request.productCode'] = policy.productCode;
  facts['request.statisticalClass'] = policy.statisticalClass;
  facts['request.sumInsured'] = formatYuan(policy.sumInsured);
  facts['request.premium'] = formatYuan(policy.premium);
  facts['request.startDate'] = policy.startDate;
  return facts;
}
