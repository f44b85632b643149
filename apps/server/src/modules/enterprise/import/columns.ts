import {
  catalogueListingKinds,
  enterpriseStages,
  frontierTags,
  qualificationKinds,
} from '@kebao/domain/enterprise';

/**
 * The columns of the tech-enterprise list (科技型企业名录) as governments keep it: each header in
 * Chinese or English maps to a profile field. Unknown columns are reported once, not per row.
 */
type Kind =
  | 'text'
  | 'stage'
  | 'integer'
  | 'money'
  | 'decimal'
  | 'date'
  | 'boolean'
  | 'tags'
  | 'qualification'
  | 'listing'
  | 'trl'
  /** The region's name: written by the export from the code, read and passed over by the import. */
  | 'region_name';

export interface Column {
  field: string;
  kind: Kind;
  headers: readonly string[];
  /** For qualification columns: which qualification the date or number belongs to. */
  qualification?: (typeof qualificationKinds)[number];
  part?: 'certificateNo' | 'validTo';
}

export const columns: readonly Column[] = [
  { field: 'uscc', kind: 'text', headers: ['统一社会信用代码', '信用代码', 'uscc'] },
  { field: 'name', kind: 'text', headers: ['企业名称', '名称', 'name'] },
  { field: 'nameEn', kind: 'text', headers: ['英文名称', 'name_en', 'nameEn'] },
  { field: 'regionCode', kind: 'text', headers: ['行政区划代码', '区划代码', 'region', 'regionCode'] },
  { field: 'regionName', kind: 'region_name', headers: ['行政区划名称', '所在地区', 'regionName'] },
  {
    field: 'industryCode',
    kind: 'text',
    headers: ['行业代码', '国民经济行业代码', 'industry', 'industryCode'],
  },
  {
    field: 'frontierTags',
    kind: 'tags',
    headers: ['前沿产业标签', '产业标签', 'frontier_tags', 'frontierTags'],
  },
  { field: 'foundedOn', kind: 'date', headers: ['成立日期', 'founded_on', 'foundedOn'] },
  { field: 'stage', kind: 'stage', headers: ['发展阶段', 'stage'] },
  { field: 'park', kind: 'text', headers: ['所在园区', '园区', 'park'] },
  { field: 'staff', kind: 'integer', headers: ['职工总数', '从业人数', 'staff'] },
  { field: 'techStaff', kind: 'integer', headers: ['科技人员数', 'tech_staff', 'techStaff'] },
  {
    field: 'postgraduateStaff',
    kind: 'integer',
    headers: ['研究生学历人数', 'postgraduate_staff', 'postgraduateStaff'],
  },
  { field: 'revenue', kind: 'money', headers: ['营业收入', '上年营业收入', 'revenue'] },
  {
    field: 'revenueLastYear',
    kind: 'money',
    headers: ['前年营业收入', 'revenue_last_year', 'revenueLastYear'],
  },
  { field: 'totalAssets', kind: 'money', headers: ['资产总额', 'total_assets', 'totalAssets'] },
  { field: 'totalCost', kind: 'money', headers: ['成本费用总额', 'total_cost', 'totalCost'] },
  { field: 'netProfit', kind: 'money', headers: ['净利润', 'net_profit', 'netProfit'] },
  { field: 'equity', kind: 'money', headers: ['所有者权益', 'equity'] },
  { field: 'rdExpense', kind: 'money', headers: ['研发费用', '上年研发费用', 'rd_expense', 'rdExpense'] },
  {
    field: 'rdExpenseLastYear',
    kind: 'money',
    headers: ['前年研发费用', 'rd_expense_last_year', 'rdExpenseLastYear'],
  },
  {
    field: 'rdExpenseInChina',
    kind: 'money',
    headers: ['境内研发费用', 'rd_expense_in_china', 'rdExpenseInChina'],
  },
  {
    field: 'highTechProductIncome',
    kind: 'money',
    headers: ['高新技术产品收入', 'high_tech_product_income', 'highTechProductIncome'],
  },
  {
    field: 'techContractTurnover',
    kind: 'money',
    headers: ['技术合同成交额', 'tech_contract_turnover', 'techContractTurnover'],
  },
  {
    field: 'superDeductionSaving',
    kind: 'money',
    headers: ['研发费用加计扣除减免税额', 'super_deduction_saving', 'superDeductionSaving'],
  },
  {
    field: 'ipClassI',
    kind: 'integer',
    headers: ['I类知识产权数', 'Ⅰ类知识产权数', 'ip_class_i', 'ipClassI'],
  },
  {
    field: 'ipClassII',
    kind: 'integer',
    headers: ['II类知识产权数', 'Ⅱ类知识产权数', 'ip_class_ii', 'ipClassII'],
  },
  {
    field: 'inventionFilings',
    kind: 'integer',
    headers: ['发明专利申请数', 'invention_filings', 'inventionFilings'],
  },
  { field: 'pctFilings', kind: 'integer', headers: ['PCT专利申请数', 'pct_filings', 'pctFilings'] },
  {
    field: 'graduateHires',
    kind: 'integer',
    headers: ['应届毕业生招聘数', 'graduate_hires', 'graduateHires'],
  },
  {
    field: 'provincialPlatforms',
    kind: 'integer',
    headers: ['省级以上研发平台数', 'provincial_platforms', 'provincialPlatforms'],
  },
  {
    field: 'provincialAwards',
    kind: 'integer',
    headers: ['省级以上科技奖励数', 'provincial_awards', 'provincialAwards'],
  },
  {
    field: 'claimsLast3Years',
    kind: 'integer',
    headers: ['近三年出险次数', 'claims_last_3_years', 'claimsLast3Years'],
  },
  {
    field: 'lossRatioLast3Years',
    kind: 'decimal',
    headers: ['近三年赔付率', 'loss_ratio_last_3_years', 'lossRatioLast3Years'],
  },
  {
    field: 'consentToInsurers',
    kind: 'boolean',
    headers: ['同意向保险机构推送', '同意推送', 'consent_to_insurers', 'consentToInsurers'],
  },
  { field: 'trl', kind: 'trl', headers: ['技术成熟度', '技术就绪水平', 'trl'] },
  { field: 'listing', kind: 'listing', headers: ['目录入选', 'catalogue_listings', 'catalogueListings'] },
  ...qualificationKinds.flatMap((q): Column[] => {
    const zh = {
      high_tech_enterprise: '高新技术企业',
      tech_sme: '科技型中小企业',
      specialised_sme: '专精特新',
      little_giant: '小巨人',
    }[q];
    return [
      {
        field: `q.${q}.no`,
        kind: 'qualification',
        qualification: q,
        part: 'certificateNo',
        headers: [`${zh}证书编号`, `${zh}编号`, `${q}_certificate`],
      },
      {
        field: `q.${q}.to`,
        kind: 'qualification',
        qualification: q,
        part: 'validTo',
        headers: [`${zh}有效期至`, `${q}_valid_to`],
      },
    ];
  }),
];

const byHeader = new Map<string, Column>();
for (const c of columns) for (const h of c.headers) byHeader.set(normalise(h), c);

function normalise(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[\s（）()：:]/g, '')
    .toLowerCase();
}

export function columnFor(header: string): Column | undefined {
  return byHeader.get(normalise(header));
}

export const knownTags = new Set<string>(frontierTags);
export const knownListings = new Set<string>(catalogueListingKinds);

/** Chinese labels accepted for tags in a cell ("集成电路; 人工智能"). */
export const tagLabels: Record<string, string> = {
  集成电路: 'ic',
  人工智能: 'ai',
  生物医药: 'biomedicine',
  民用航空: 'civil_aviation',
  新能源汽车: 'nev',
  高端装备: 'high_end_equipment',
  绿色再制造: 'green_remanufacturing',
  氢能: 'hydrogen',
  低空经济: 'low_altitude',
  人形机器人: 'humanoid_robots',
  量子科技: 'quantum',
  新能源: 'new_energy',
  新材料: 'new_materials',
};

export const listingLabels: Record<string, string> = {
  首台套: 'first_set_equipment',
  '首台(套)': 'first_set_equipment',
  新材料首批次: 'new_materials_first_batch',
  首版次软件: 'first_version_software',
};

/** Chinese labels accepted for the stage of the innovation-points model. */
export const stageLabels: Record<string, string> = {
  初创期: 'startup',
  成长期: 'growth',
  成熟期: 'mature',
};
export const knownStages = new Set<string>(enterpriseStages);

/** The label an export writes for a code: the first Chinese label of it, else the code itself. */
export function labelOf(labels: Record<string, string>, code: string): string {
  for (const [label, value] of Object.entries(labels)) if (value === code) return label;
  return code;
}

/** The header an export writes for a column (the first, Chinese one), which the importer reads back. */
export const exportHeader = (column: Column): string => column.headers[0] as string;
