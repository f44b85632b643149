import { type Static, Type } from 'typebox';

/**
 * The enterprise profile (企业画像): what the registry knows about a tech enterprise. Stored as one
 * JSON document per version — every change is a new version, so a past quote or subsidy decision is
 * explained from the profile it used. Amounts are yuan strings, ratios decimal strings, dates
 * 'YYYY-MM-DD'. Everything but the identity is optional: a profile fills up over time, and rules
 * treat what is missing as unknown.
 */

const Money = Type.String({
  pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$',
  maxLength: 20,
  description: 'yuan',
});
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const Decimal = Type.String({ pattern: '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$', maxLength: 28 });

/** Qualifications (资质) the zone's rules refer to. */
export const qualificationKinds = [
  'high_tech_enterprise', // 高新技术企业
  'tech_sme', // 科技型中小企业
  'specialised_sme', // 专精特新中小企业
  'little_giant', // 专精特新"小巨人"
] as const;
export type QualificationKind = (typeof qualificationKinds)[number];

/** Catalogue listings (目录入选) that first-of-a-kind products require. */
export const catalogueListingKinds = [
  'first_set_equipment', // 首台(套)重大技术装备推广应用指导目录
  'new_materials_first_batch', // 重点新材料首批次应用示范指导目录
  'first_version_software', // 首版次软件
] as const;

/** The zone's frontier-industry tags (前沿产业). */
export const frontierTags = [
  'ic', // 集成电路
  'ai', // 人工智能
  'biomedicine', // 生物医药
  'civil_aviation', // 民用航空
  'nev', // 新能源汽车
  'high_end_equipment', // 高端装备
  'green_remanufacturing', // 绿色再制造
  'hydrogen', // 氢能
  'low_altitude', // 低空经济
  'humanoid_robots', // 人形机器人
  'quantum', // 量子科技
  'new_energy', // 新能源
  'new_materials', // 新材料
] as const;

/** Stages of the innovation-points model (创新积分制): weights differ by stage. */
export const enterpriseStages = ['startup', 'growth', 'mature'] as const;
export type EnterpriseStage = (typeof enterpriseStages)[number];

export const EnterpriseProfileSchema = Type.Object(
  {
    uscc: Type.String({
      pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
      description: '统一社会信用代码 (GB 32100-2015)',
    }),
    name: Type.String({ minLength: 2, maxLength: 200, description: '企业名称' }),
    nameEn: Type.Optional(Type.String({ maxLength: 200 })),
    regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260' })),
    industryCode: Type.Optional(
      Type.String({
        pattern: '^[A-T]([0-9]{2,4})?$',
        description: 'GB/T 4754-2017: section letter and division/group/class digits, e.g. C39',
      }),
    ),
    frontierTags: Type.Optional(
      Type.Array(Type.Enum([...frontierTags]), { maxItems: 20, uniqueItems: true }),
    ),
    foundedOn: Type.Optional(DateText),
    stage: Type.Optional(Type.Enum([...enterpriseStages])),
    park: Type.Optional(Type.String({ maxLength: 100, description: '所在园区或孵化器' })),
    /** Size, last financial year (规模). */
    staff: Type.Optional(Count),
    techStaff: Type.Optional(Count),
    postgraduateStaff: Type.Optional(Count),
    revenue: Type.Optional(Money),
    revenueLastYear: Type.Optional(Money),
    totalAssets: Type.Optional(Money),
    totalCost: Type.Optional(Money),
    netProfit: Type.Optional(Money),
    equity: Type.Optional(Money),
    /** R&D (研发). */
    rdExpense: Type.Optional(Money),
    rdExpenseLastYear: Type.Optional(Money),
    rdExpenseInChina: Type.Optional(Money),
    highTechProductIncome: Type.Optional(Money),
    techContractTurnover: Type.Optional(Money),
    superDeductionSaving: Type.Optional(Money),
    /** Intellectual property (知识产权): class I (invention patents, new plant varieties, …) and class II. */
    ipClassI: Type.Optional(Count),
    ipClassII: Type.Optional(Count),
    inventionFilings: Type.Optional(Count),
    pctFilings: Type.Optional(Count),
    graduateHires: Type.Optional(Count),
    provincialPlatforms: Type.Optional(Count),
    provincialAwards: Type.Optional(Count),
    qualifications: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Enum([...qualificationKinds]),
            certificateNo: Type.Optional(Type.String({ maxLength: 60 })),
            validFrom: Type.Optional(DateText),
            validTo: Type.Optional(DateText),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    catalogueListings: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Enum([...catalogueListingKinds]),
            item: Type.String({ minLength: 1, maxLength: 200, description: '目录条目' }),
            listedOn: Type.Optional(DateText),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    projects: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            trl: Type.Integer({ minimum: 1, maximum: 9, description: 'GB/T 22900-2022' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    contacts: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 60 }),
            role: Type.Optional(Type.String({ maxLength: 60 })),
            phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
            email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    /** Consent to be shown to insurers as a lead (双向互推). */
    consentToInsurers: Type.Optional(Type.Boolean()),
    /** Loss history the enterprise declares (claims across insurers, last three years). */
    claimsLast3Years: Type.Optional(Count),
    lossRatioLast3Years: Type.Optional(Decimal),
  },
  {
    additionalProperties: false,
    $id: 'https://kebao.dev/schemas/enterprise-profile.schema.json',
    title: 'Kebao enterprise profile',
  },
);

export type EnterpriseProfile = Static<typeof EnterpriseProfileSchema>;
