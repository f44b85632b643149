import type { BilingualText } from '../catalog/definition.ts';
import { parseYuan } from '../money/index.ts';
import { divideRatios, type Ratio, ratio, subtractRatios, whole } from './exact-ratio.ts';
import type { EnterpriseProfile } from './profile.ts';

/**
 * What an evaluation model may measure about an enterprise (度量): each is computed exactly from profile
 * fields. A model names a measure (`measure: techStaffShare`) and says which bands it scores; the
 * arithmetic lives here once, so three models cannot compute "R&D intensity" three ways.
 */
export type MeasureUnit = 'ratio' | 'count' | 'money';

type MoneyField =
  | 'revenue'
  | 'revenueLastYear'
  | 'totalAssets'
  | 'totalCost'
  | 'netProfit'
  | 'equity'
  | 'rdExpense'
  | 'rdExpenseLastYear'
  | 'rdExpenseInChina'
  | 'highTechProductIncome'
  | 'techContractTurnover'
  | 'superDeductionSaving';

type CountField =
  | 'staff'
  | 'techStaff'
  | 'postgraduateStaff'
  | 'ipClassI'
  | 'ipClassII'
  | 'inventionFilings'
  | 'pctFilings'
  | 'graduateHires'
  | 'provincialPlatforms'
  | 'provincialAwards';

type Field = MoneyField | CountField;

/** A measurement: a value, the profile fields it lacks, or why it has no value (a zero denominator). */
export type Measurement =
  | { kind: 'value'; value: Ratio }
  | { kind: 'missing'; fields: readonly Field[] }
  | { kind: 'undefined'; reason: BilingualText };

export interface MeasureDefinition {
  readonly unit: MeasureUnit;
  readonly names: BilingualText;
  /** The profile fields it reads, in the order they are reported missing. */
  readonly fields: readonly Field[];
  readonly measure: (profile: EnterpriseProfile) => Measurement;
}

const MONEY_FIELDS: ReadonlySet<string> = new Set<MoneyField>([
  'revenue',
  'revenueLastYear',
  'totalAssets',
  'totalCost',
  'netProfit',
  'equity',
  'rdExpense',
  'rdExpenseLastYear',
  'rdExpenseInChina',
  'highTechProductIncome',
  'techContractTurnover',
  'superDeductionSaving',
]);

/** A field as an exact number: money in yuan (fen / 100), counts as they are. */
function read(profile: EnterpriseProfile, field: Field): Ratio | undefined {
  const value = profile[field];
  if (value === undefined) return undefined;
  return MONEY_FIELDS.has(field) ? ratio(parseYuan(String(value)), 100n) : whole(Number(value));
}

function readAll(profile: EnterpriseProfile, fields: readonly Field[]): Ratio[] | Measurement {
  const values: Ratio[] = [];
  const missing: Field[] = [];
  for (const field of fields) {
    const value = read(profile, field);
    if (value === undefined) missing.push(field);
    else values.push(value);
  }
  return missing.length > 0 ? { kind: 'missing', fields: missing } : values;
}

function single(unit: 'money' | 'count', field: Field, zh: string, en: string): MeasureDefinition {
  return {
    unit,
    names: { zh, en },
    fields: [field],
    measure: (profile) => {
      const value = read(profile, field);
      return value === undefined ? { kind: 'missing', fields: [field] } : { kind: 'value', value };
    },
  };
}

/** The sum of counts, missing when any is missing (a partial sum would pass for the whole). */
function total(fields: readonly CountField[], zh: string, en: string): MeasureDefinition {
  return {
    unit: 'count',
    names: { zh, en },
    fields,
    measure: (profile) => {
      const values = readAll(profile, fields);
      if (!Array.isArray(values)) return values;
      return { kind: 'value', value: values.reduce((sum, value) => whole(sum.num + value.num)) };
    },
  };
}

const zeroDenominator = (zh: string, en: string): Measurement => ({
  kind: 'undefined',
  reason: { zh: `${zh}为零，比例无法计算`, en: `${en} is zero, so the ratio is not defined` },
});

/** numerator / denominator; a zero denominator gives no value (a share of nothing is not 0%). */
function share(
  numerator: Field,
  denominator: Field,
  denominatorNames: BilingualText,
  zh: string,
  en: string,
): MeasureDefinition {
  return {
    unit: 'ratio',
    names: { zh, en },
    fields: [numerator, denominator],
    measure: (profile) => {
      const values = readAll(profile, [numerator, denominator]);
      if (!Array.isArray(values)) return values;
      const [top, bottom] = values as [Ratio, Ratio];
      const value = divideRatios(top, bottom);
      return value === undefined
        ? zeroDenominator(denominatorNames.zh, denominatorNames.en)
        : { kind: 'value', value };
    },
  };
}

/** this year / last year − 1: "+25%" is 0.25; a fall is negative. */
function growth(
  current: Field,
  last: Field,
  lastNames: BilingualText,
  zh: string,
  en: string,
): MeasureDefinition {
  const ofShare = share(current, last, lastNames, zh, en);
  return {
    ...ofShare,
    measure: (profile) => {
      const result = ofShare.measure(profile);
      return result.kind === 'value'
        ? { kind: 'value', value: subtractRatios(result.value, whole(1)) }
        : result;
    },
  };
}

const STAFF = { zh: '职工总数', en: 'staff' };
const REVENUE = { zh: '营业收入', en: 'revenue' };
const RD = { zh: '研发费用', en: 'R&D expense' };

export const measures = {
  staff: single('count', 'staff', '职工总数', 'Staff'),
  revenue: single('money', 'revenue', '营业收入', 'Revenue'),
  totalAssets: single('money', 'totalAssets', '资产总额', 'Total assets'),
  rdExpense: single('money', 'rdExpense', '研发费用', 'R&D expense'),
  highTechProductIncome: single(
    'money',
    'highTechProductIncome',
    '高新技术产品（服务）收入',
    'High-tech product income',
  ),
  techContractTurnover: single(
    'money',
    'techContractTurnover',
    '技术合同成交额',
    'Technology-contract turnover',
  ),
  superDeductionSaving: single(
    'money',
    'superDeductionSaving',
    '研发费用加计扣除减免税额',
    'R&D super-deduction tax saving',
  ),
  ipClassI: single('count', 'ipClassI', 'I 类知识产权数', 'Class-I IP rights'),
  ipClassII: single('count', 'ipClassII', 'II 类知识产权数', 'Class-II IP rights'),
  ipRights: total(['ipClassI', 'ipClassII'], 'I、II 类知识产权合计', 'Class-I and class-II IP rights'),
  inventionFilings: single('count', 'inventionFilings', '发明专利申请数', 'Invention-patent filings'),
  pctFilings: single('count', 'pctFilings', 'PCT 专利申请数', 'PCT filings'),
  graduateHires: single('count', 'graduateHires', '吸纳高校应届毕业生人数', 'Graduate hires'),
  provincialPlatforms: single(
    'count',
    'provincialPlatforms',
    '省级以上研发平台数',
    'Provincial-level R&D platforms',
  ),
  provincialAwards: single(
    'count',
    'provincialAwards',
    '省级以上科技奖励数',
    'Provincial-level science awards',
  ),
  techStaffShare: share('techStaff', 'staff', STAFF, '科技人员占职工总数比例', 'Tech staff / all staff'),
  postgraduateShare: share(
    'postgraduateStaff',
    'staff',
    STAFF,
    '研究生学历人员占比',
    'Postgraduate staff / all staff',
  ),
  rdToRevenue: share('rdExpense', 'revenue', REVENUE, '研发费用占营业收入比例', 'R&D / revenue'),
  rdToTotalCost: share(
    'rdExpense',
    'totalCost',
    { zh: '成本费用总额', en: 'total cost' },
    '研发费用占成本费用总额比例',
    'R&D / total cost',
  ),
  rdInChinaShare: share(
    'rdExpenseInChina',
    'rdExpense',
    RD,
    '境内研发费用占比',
    'R&D spent in China / all R&D',
  ),
  highTechIncomeShare: share(
    'highTechProductIncome',
    'revenue',
    REVENUE,
    '高新技术产品（服务）收入占比',
    'High-tech product income / revenue',
  ),
  revenueGrowth: growth(
    'revenue',
    'revenueLastYear',
    { zh: '前一年度营业收入', en: 'revenue of the year before' },
    '营业收入增长率',
    'Revenue growth',
  ),
  rdGrowth: growth(
    'rdExpense',
    'rdExpenseLastYear',
    { zh: '前一年度研发费用', en: 'R&D expense of the year before' },
    '研发费用增长率',
    'R&D growth',
  ),
  roe: share('netProfit', 'equity', { zh: '净资产', en: 'equity' }, '净资产收益率', 'Return on equity'),
} as const satisfies Record<string, MeasureDefinition>;

export type MeasureName = keyof typeof measures;

export const measureNames = Object.keys(measures) as MeasureName[];
