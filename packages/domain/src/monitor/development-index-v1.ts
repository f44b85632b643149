import type { Fen } from '../money/index.ts';
import { divideRounded } from '../money/index.ts';
import type { IndexMethodology, IndexYearValues } from './development-index.ts';
import { scaledText } from './ratio.ts';

/*
 * The platform's first methodology of the 科技保险发展指数 (docs/index-methodology.md): six sub-indices of
 * the indicators of domain README §5, base year 2024 (the first year of 《科技保险业务统计制度》, NFRA
 * 2024-01, so every year counts the same business) and AHP weights. The comparisons are the platform's
 * proposal for the expert panel to confirm or replace; a changed judgement, indicator or base year is a
 * new version.
 */

const names = (zh: string, en: string) => ({ zh, en });

export const TECH_INSURANCE_INDEX_V1: IndexMethodology = {
  version: 'kebao-tii-1.0',
  baseYear: 2024,
  subIndices: [
    {
      key: 'scale',
      names: names('规模', 'Scale'),
      indicators: [
        {
          key: 'written_premium',
          names: names('原保险保费收入', 'Written premium'),
          direction: 'positive',
          unit: 'yuan',
          definition: names(
            '当年确认的科技保险原保险保费收入（统计制度第一部分口径）',
            'Tech-insurance premium recognised in the year (statistics rules, part 1)',
          ),
        },
        {
          key: 'density',
          names: names('保险密度', 'Density'),
          direction: 'positive',
          unit: 'yuan',
          definition: names('原保险保费收入 / 参保企业数', 'Written premium / insured enterprises'),
        },
        {
          key: 'depth',
          names: names('保险深度', 'Depth'),
          direction: 'positive',
          unit: 'ratio',
          definition: names(
            '原保险保费收入 / 区内企业研发投入',
            'Written premium / R&D spending of the zone’s enterprises',
          ),
        },
      ],
    },
    {
      key: 'protection',
      names: names('保障', 'Protection'),
      indicators: [
        {
          key: 'risk_protection',
          names: names('风险保障金额', 'Risk protection'),
          direction: 'positive',
          unit: 'yuan',
          definition: names(
            '年末有效保单保险金额（或赔偿限额）之和，按整单计（不按份额）',
            'Sum insured (or limits) of the policies in force at year end, whole policies (not per share)',
          ),
        },
        {
          key: 'protection_per_enterprise',
          names: names('户均风险保障', 'Protection per insured enterprise'),
          direction: 'positive',
          unit: 'yuan',
          definition: names('风险保障金额 / 参保企业数', 'Risk protection / insured enterprises'),
        },
      ],
    },
    {
      key: 'inclusiveness',
      names: names('普惠', 'Inclusiveness'),
      indicators: [
        {
          key: 'insured_enterprises',
          names: names('参保企业数', 'Insured enterprises'),
          direction: 'positive',
          unit: 'count',
          definition: names(
            '年末有有效保单的不同投保企业数',
            'Distinct policyholders with a policy in force at year end',
          ),
        },
        {
          key: 'penetration',
          names: names('渗透率', 'Penetration'),
          direction: 'positive',
          unit: 'ratio',
          definition: names(
            '参保科技企业数 / 区内科技企业数',
            'Insured tech enterprises / tech enterprises in the zone',
          ),
        },
        {
          key: 'concentration_hhi',
          names: names('产业链集中度 (HHI)', 'Concentration by industry chain (HHI)'),
          direction: 'negative',
          unit: 'hhi',
          definition: names(
            '风险保障金额按产业链计算的 HHI（0 至 10000），越低表示保障覆盖越均衡',
            'HHI of risk protection by industry chain (0 to 10,000): lower means cover reaches the chains more evenly',
          ),
        },
      ],
    },
    {
      key: 'innovation',
      names: names('创新', 'Innovation'),
      indicators: [
        {
          key: 'new_products',
          names: names('新备案产品数', 'New products filed'),
          direction: 'positive',
          unit: 'count',
          definition: names('当年备案的科技保险新产品数', 'Tech-insurance products filed in the year'),
        },
        {
          key: 'sandbox_graduations',
          names: names('沙盒累计出箱数', 'Sandbox graduations to date'),
          direction: 'positive',
          unit: 'count',
          definition: names(
            '截至年末完成测试并获准推广的沙盒产品累计数',
            'Sandbox products that completed their test and were cleared for roll-out, to year end',
          ),
        },
      ],
    },
    {
      key: 'claims_service',
      names: names('理赔服务', 'Claims service'),
      indicators: [
        {
          key: 'loss_ratio',
          names: names('赔付率', 'Loss ratio'),
          direction: 'positive',
          unit: 'ratio',
          definition: names(
            '(已付赔款 + 未决赔款准备金变动 + IBNR 变动) / 已赚保费：保费以赔款回到企业的比例',
            '(Paid + Δcase reserves + ΔIBNR) / earned premium: the share of premium that returns to enterprises as claims',
          ),
        },
        {
          key: 'claim_speed',
          names: names('理赔时效', 'Claim speed'),
          direction: 'negative',
          unit: 'days',
          definition: names(
            '当年结案赔案从报案到支付的平均天数',
            'Average days from report to payment of claims closed in the year',
          ),
        },
      ],
    },
    {
      key: 'policy_support',
      names: names('政策支持', 'Policy support'),
      indicators: [
        {
          key: 'subsidy_paid',
          names: names('保费补贴支出', 'Premium subsidy paid'),
          direction: 'positive',
          unit: 'yuan',
          definition: names(
            '当年拨付的各级财政保费补贴',
            'Premium subsidies paid in the year, all levels of government',
          ),
        },
        {
          key: 'subsidy_leverage',
          names: names('补贴杠杆', 'Subsidy leverage'),
          direction: 'positive',
          unit: 'ratio',
          definition: names('风险保障金额 / 保费补贴支出', 'Risk protection / premium subsidy paid'),
        },
      ],
    },
  ],
  weighting: {
    method: 'ahp',
    // Saaty's scale: 1 equal, 3 moderately, 5 strongly more important; 2 and 4 between. CR ≈ 0.006.
    subIndices: [
      ['1', '1/2', '1', '2', '2', '3'],
      ['2', '1', '2', '3', '3', '4'],
      ['1', '1/2', '1', '2', '2', '3'],
      ['1/2', '1/3', '1/2', '1', '1', '2'],
      ['1/2', '1/3', '1/2', '1', '1', '2'],
      ['1/3', '1/4', '1/3', '1/2', '1/2', '1'],
    ],
    indicators: {
      scale: [
        ['1', '2', '1'],
        ['1/2', '1', '1/2'],
        ['1', '2', '1'],
      ],
      protection: [
        ['1', '3'],
        ['1/3', '1'],
      ],
      inclusiveness: [
        ['1', '1', '2'],
        ['1', '1', '2'],
        ['1/2', '1/2', '1'],
      ],
      innovation: [
        ['1', '1'],
        ['1', '1'],
      ],
      claims_service: [
        ['1', '1'],
        ['1', '1'],
      ],
      policy_support: [
        ['1', '1/2'],
        ['2', '1'],
      ],
    },
  },
};

/** A year's statistics, from which deriveIndicatorValues computes the v1 indicators. Omit what is unknown. */
export interface IndexYearStatistics {
  writtenPremium?: Fen;
  /** Sum insured of the policies in force at year end, whole policies. */
  riskProtection?: Fen;
  insuredEnterprises?: number;
  /** Insured enterprises that are tech enterprises (the numerator of penetration). */
  insuredTechEnterprises?: number;
  /** Tech enterprises in the zone. */
  techEnterprises?: number;
  /** R&D spending of the zone's enterprises. */
  rdSpending?: Fen;
  /** HHI of risk protection by industry chain, e.g. ExposureBook.hhi('industry'). */
  industryHhi?: number | string;
  newProducts?: number;
  sandboxGraduations?: number;
  /** A decimal string, e.g. ratioText(incurred, earned). */
  lossRatio?: string;
  /** Average days from report to payment. */
  claimDays?: number | string;
  subsidyPaid?: Fen;
}

/** Derived ratios are written with this many decimals, rounded HALF_UP (then echoed as inputs). */
export const DERIVED_DECIMALS = 10;

function ratio(numerator: bigint | undefined, denominator: bigint | undefined): string | null {
  if (numerator === undefined || denominator === undefined || denominator <= 0n) return null;
  return scaledText(
    divideRounded(numerator * 10n ** BigInt(DERIVED_DECIMALS), denominator, 'HALF_UP'),
    DERIVED_DECIMALS,
  );
}

const yuanText = (fen: Fen | undefined) => (fen === undefined ? null : scaledText(fen, 2));
const count = (value: number | undefined) => (value === undefined ? undefined : BigInt(value));

/**
 * The v1 indicator values of a year from its statistics: amounts in yuan (exact to the fen), ratios to
 * 10 decimals HALF_UP, counts as they are; null where a statistic it needs is missing (or a denominator is
 * 0). Per-enterprise amounts are yuan: a premium of 100.00 yuan over 3 enterprises is "33.3333333333".
 */
export function deriveIndicatorValues(statistics: IndexYearStatistics): IndexYearValues {
  const s = statistics;
  // fen / (100 × enterprises): yuan per enterprise, rounded once.
  const enterprises = count(s.insuredEnterprises);
  const perEnterprise = (fen: Fen | undefined) =>
    ratio(fen, enterprises === undefined ? undefined : enterprises * 100n);
  return {
    written_premium: yuanText(s.writtenPremium),
    density: perEnterprise(s.writtenPremium),
    depth: ratio(s.writtenPremium, s.rdSpending),
    risk_protection: yuanText(s.riskProtection),
    protection_per_enterprise: perEnterprise(s.riskProtection),
    insured_enterprises: s.insuredEnterprises === undefined ? null : String(s.insuredEnterprises),
    penetration: ratio(count(s.insuredTechEnterprises), count(s.techEnterprises)),
    concentration_hhi: s.industryHhi === undefined ? null : String(s.industryHhi),
    new_products: s.newProducts === undefined ? null : String(s.newProducts),
    sandbox_graduations: s.sandboxGraduations === undefined ? null : String(s.sandboxGraduations),
    loss_ratio: s.lossRatio ?? null,
    claim_speed: s.claimDays === undefined ? null : String(s.claimDays),
    subsidy_paid: yuanText(s.subsidyPaid),
    subsidy_leverage: ratio(s.riskProtection, s.subsidyPaid),
  };
}
