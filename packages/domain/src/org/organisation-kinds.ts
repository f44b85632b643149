/** Kinds of organisation on the platform (机构类型). */
export const OrganisationKind = {
  Enterprise: 'enterprise', // 科技型企业
  Insurer: 'insurer', // 保险公司（含共保体成员）
  Broker: 'broker', // 经纪/代理/公估
  Government: 'government', // 政府资金方：科委/财政/管委会
  Regulator: 'regulator', // 金融监管
  Platform: 'platform', // 平台运营方
} as const;

export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];

export const organisationKinds: readonly OrganisationKind[] = Object.values(OrganisationKind);

export const organisationKindLabels: Record<OrganisationKind, { zh: string; en: string }> = {
  enterprise: { zh: '科技型企业', en: 'Tech enterprise' },
  insurer: { zh: '保险公司', en: 'Insurer' },
  broker: { zh: '保险中介', en: 'Broker / intermediary' },
  government: { zh: '政府资金方', en: 'Government funder' },
  regulator: { zh: '金融监管', en: 'Regulator' },
  platform: { zh: '平台运营方', en: 'Platform operator' },
};
