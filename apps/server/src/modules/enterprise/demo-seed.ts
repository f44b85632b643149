import { generateEnterpriseProfiles } from '@kebao/domain/demo';
import type { EnterpriseProfile } from '@kebao/domain/enterprise';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { DEMO_ENTERPRISE_USCC } from '../org/demo-seed.ts';
import type { EvaluationModels } from './evaluation-models.ts';
import { type ProfileInput, saveProfiles } from './service.ts';

/** The demo enterprise login's own profile: an IC design firm in Lingang that consented to be shown. */
export const demoEnterpriseProfile: EnterpriseProfile = {
  uscc: DEMO_ENTERPRISE_USCC,
  name: '临港示例芯片科技有限公司',
  nameEn: 'Lingang Demo Chip Technology Co., Ltd.',
  regionCode: '310115',
  industryCode: 'C3973',
  frontierTags: ['ic'],
  foundedOn: '2019-06-18',
  stage: 'growth',
  park: '临港新片区 集成电路产业园',
  staff: 186,
  techStaff: 92,
  postgraduateStaff: 41,
  revenue: '128000000.00',
  revenueLastYear: '96000000.00',
  totalAssets: '180000000.00',
  totalCost: '109000000.00',
  netProfit: '9600000.00',
  equity: '120000000.00',
  rdExpense: '15400000.00',
  rdExpenseLastYear: '11800000.00',
  rdExpenseInChina: '15400000.00',
  highTechProductIncome: '104000000.00',
  techContractTurnover: '3200000.00',
  superDeductionSaving: '2900000.00',
  ipClassI: 14,
  ipClassII: 23,
  inventionFilings: 9,
  pctFilings: 2,
  graduateHires: 12,
  provincialPlatforms: 1,
  provincialAwards: 0,
  qualifications: [
    {
      kind: 'high_tech_enterprise',
      certificateNo: 'GR202431000123',
      validFrom: '2024-12-01',
      validTo: '2027-11-30',
    },
    { kind: 'specialised_sme', validFrom: '2025-03-01', validTo: '2028-02-28' },
  ],
  catalogueListings: [
    { kind: 'first_set_equipment', item: '12 英寸晶圆缺陷检测设备', listedOn: '2025-09-01' },
  ],
  projects: [
    { name: '晶圆缺陷检测设备', trl: 7 },
    { name: '车规级 MCU', trl: 5 },
  ],
  contacts: [{ name: '张晓芯', role: '财务总监', phone: '021-5899 0001', email: 'enterprise@demo.kebao.cn' }],
  consentToInsurers: true,
  claimsLast3Years: 0,
};

/**
 * The demo registry: the demo login's enterprise and `count` fictitious ones from the deterministic
 * generator (seed 42 unless told), saved through the same service the API and the importer use — versioned,
 * evaluated, audited and matched like any other. Runs only on an empty database (with the demo
 * organisations). Returns how many profiles were stored.
 */
export async function seedDemoEnterprises(
  tx: RunInTransaction,
  models: EvaluationModels,
  count: number,
  seed = 42,
): Promise<number> {
  const generated = generateEnterpriseProfiles(count, seed).filter((p) => p.uscc !== DEMO_ENTERPRISE_USCC);
  const inputs: ProfileInput[] = [
    { profile: demoEnterpriseProfile },
    ...generated.map((profile) => ({ profile })),
  ];
  let stored = 0;
  for (let start = 0; start < inputs.length; start += 500) {
    const batch = inputs.slice(start, start + 500);
    const outcome = await tx(systemActor, 'seed', (ctx) => saveProfiles(ctx, models, batch, 'system'));
    stored += outcome.created + outcome.updated;
  }
  return stored;
}
