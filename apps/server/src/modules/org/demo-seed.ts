import { type OrganisationKind, type Role, usccCheckCharacter } from '@kebao/domain/org';
import type pg from 'pg';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { countOrganisations, emailTaken } from './repo.ts';
import { createOrganisation, createUser } from './service.ts';

/** Shared by every demo login; printed at start and in the README. Demo data only. */
export const DEMO_PASSWORD = 'kebao-demo-2026';

export interface DemoLogin {
  kind: OrganisationKind;
  organisation: string;
  email: string;
  role: Role;
}

const withCheck = (body: string) => body + usccCheckCharacter(body);

/** The demo enterprise login's organisation code; its registry profile is seeded with it. */
export const DEMO_ENTERPRISE_USCC = withCheck('91310115MA1K4D3X0');

// Fictitious organisations, one of each kind, in the Shanghai Lingang zone (region 310115, Pudong).
const demo: (DemoLogin & { nameEn: string; uscc?: string; capital?: string; displayName: string })[] = [
  {
    kind: 'platform',
    organisation: '科保平台运营中心',
    nameEn: 'Kebao Platform Operations',
    email: 'platform@demo.kebao.cn',
    role: 'platform_admin',
    displayName: '平台管理员',
  },
  {
    kind: 'enterprise',
    organisation: '临港示例芯片科技有限公司',
    nameEn: 'Lingang Demo Chip Technology Co., Ltd.',
    uscc: DEMO_ENTERPRISE_USCC,
    capital: '50000000.00',
    email: 'enterprise@demo.kebao.cn',
    role: 'enterprise_admin',
    displayName: '张晓芯',
  },
  {
    kind: 'insurer',
    organisation: '示例科技财产保险股份有限公司',
    nameEn: 'Demo Tech Property & Casualty Insurance Co., Ltd.',
    uscc: withCheck('91310000MA1FL7K20'),
    capital: '10000000000.00',
    email: 'insurer@demo.kebao.cn',
    role: 'insurer_admin',
    displayName: '李承保',
  },
  {
    kind: 'insurer',
    organisation: '示例共保财产保险股份有限公司',
    nameEn: 'Demo Co-insurance Property & Casualty Insurance Co., Ltd.',
    uscc: withCheck('91310000MA1FL8C30'),
    capital: '5000000000.00',
    email: 'insurer2@demo.kebao.cn',
    role: 'insurer_admin',
    displayName: '陈共保',
  },
  {
    kind: 'broker',
    organisation: '示例保险经纪有限公司',
    nameEn: 'Demo Insurance Brokers Co., Ltd.',
    uscc: withCheck('91310115MA1H8B2K0'),
    capital: '50000000.00',
    email: 'broker@demo.kebao.cn',
    role: 'broker_admin',
    displayName: '王经纪',
  },
  {
    kind: 'government',
    organisation: '临港新片区科技创新局（示例）',
    nameEn: 'Lingang Special Area Science and Technology Bureau (demo)',
    email: 'funder@demo.kebao.cn',
    role: 'funder_admin',
    displayName: '赵补贴',
  },
  {
    kind: 'government',
    organisation: '工业和信息化部首台套保险补偿办公室（示例）',
    nameEn: 'MIIT First-of-a-kind Insurance Compensation Office (demo)',
    email: 'central@demo.kebao.cn',
    role: 'funder_admin',
    displayName: '孙首台',
  },
  {
    kind: 'government',
    organisation: '上海市经济和信息化委员会（示例）',
    nameEn: 'Shanghai Commission of Economy and Informatization (demo)',
    email: 'shanghai@demo.kebao.cn',
    role: 'funder_admin',
    displayName: '钱经信',
  },
  {
    kind: 'regulator',
    organisation: '示例金融监管局',
    nameEn: 'Demo Financial Regulatory Bureau',
    email: 'regulator@demo.kebao.cn',
    role: 'regulator_supervisor',
    displayName: '周监管',
  },
];

/** Further logins in the organisations above: the insurer's claims handler and a pool expert (专家库). */
const demoStaff: (DemoLogin & { displayName: string })[] = [
  {
    kind: 'insurer',
    organisation: '示例科技财产保险股份有限公司',
    email: 'claims@demo.kebao.cn',
    role: 'claims_handler',
    displayName: '吴理赔',
  },
  {
    kind: 'platform',
    organisation: '科保平台运营中心',
    email: 'expert@demo.kebao.cn',
    role: 'pool_expert',
    displayName: '郑专家',
  },
];

/**
 * Further insurers of the demo zone, without logins — fifteen in all with the two above: the IC pool's
 * members, the first-set equipment pool's, followers to invite, and insurers that write tech insurance in
 * their own systems and register it with the platform (保单登记). Names, codes and capital are fictitious.
 */
export const demoInsurers = [
  {
    nameZh: '示例科创财产保险股份有限公司',
    nameEn: 'Demo Sci-Tech P&C Insurance Co., Ltd.',
    body: '91310000MA1FL9D4X',
    capital: '8000000000.00',
  },
  {
    nameZh: '示例长江财产保险股份有限公司',
    nameEn: 'Demo Changjiang P&C Insurance Co., Ltd.',
    body: '91420100MA4KA1E50',
    capital: '6000000000.00',
  },
  {
    nameZh: '示例东湖财产保险股份有限公司',
    nameEn: 'Demo Donghu P&C Insurance Co., Ltd.',
    body: '91420100MA4KB2F60',
    capital: '3000000000.00',
  },
  {
    nameZh: '示例浦江财产保险股份有限公司',
    nameEn: 'Demo Pujiang P&C Insurance Co., Ltd.',
    body: '91310000MA1FM3G70',
    capital: '12000000000.00',
  },
  {
    nameZh: '示例京华财产保险股份有限公司',
    nameEn: 'Demo Jinghua P&C Insurance Co., Ltd.',
    body: '91110000MA01A4H80',
    capital: '20000000000.00',
  },
  {
    nameZh: '示例鹏城财产保险股份有限公司',
    nameEn: 'Demo Pengcheng P&C Insurance Co., Ltd.',
    body: '91440300MA5D5J90X',
    capital: '9000000000.00',
  },
  {
    nameZh: '示例钱塘财产保险股份有限公司',
    nameEn: 'Demo Qiantang P&C Insurance Co., Ltd.',
    body: '91330100MA2B6K01X',
    capital: '4000000000.00',
  },
  {
    nameZh: '示例金陵财产保险股份有限公司',
    nameEn: 'Demo Jinling P&C Insurance Co., Ltd.',
    body: '91320100MA1N7L12X',
    capital: '2500000000.00',
  },
  {
    nameZh: '示例姑苏财产保险股份有限公司',
    nameEn: 'Demo Gusu P&C Insurance Co., Ltd.',
    body: '91320500MA1P8M23X',
    capital: '1500000000.00',
  },
  {
    nameZh: '示例珠江财产保险股份有限公司',
    nameEn: 'Demo Zhujiang P&C Insurance Co., Ltd.',
    body: '91440100MA5E9N34X',
    capital: '7000000000.00',
  },
  {
    nameZh: '示例天府财产保险股份有限公司',
    nameEn: 'Demo Tianfu P&C Insurance Co., Ltd.',
    body: '91510100MA6C0P45X',
    capital: '2000000000.00',
  },
  {
    nameZh: '示例合肥科技财产保险股份有限公司',
    nameEn: 'Demo Hefei Tech P&C Insurance Co., Ltd.',
    body: '91340100MA2T1Q56X',
    capital: '1000000000.00',
  },
  {
    nameZh: '示例海河财产保险股份有限公司',
    nameEn: 'Demo Haihe P&C Insurance Co., Ltd.',
    body: '91120000MA05R2R67',
    capital: '5000000000.00',
  },
].map((d) => ({ ...d, uscc: withCheck(d.body) }));

/** Every demo insurer's code, the login insurers first (the IC pool's lead, then its second member). */
export const DEMO_INSURER_USCCS: readonly string[] = [
  ...demo.filter((d) => d.kind === 'insurer').map((d) => d.uscc as string),
  ...demoInsurers.map((d) => d.uscc),
];

export const demoLogins: DemoLogin[] = [...demo, ...demoStaff].map(({ kind, organisation, email, role }) => ({
  kind,
  organisation,
  email,
  role,
}));

/**
 * The minimal demo: one organisation of each kind with one user each, created through the same
 * services the API uses (audited). Runs only on an empty database.
 */
export async function seedDemoOrganisations(pool: pg.Pool, tx: RunInTransaction): Promise<boolean> {
  if ((await countOrganisations(pool)) > 0) return false;
  await tx(systemActor, 'seed', async (ctx) => {
    const created = new Map<string, string>();
    for (const d of demo) {
      if (await emailTaken(ctx.db, d.email)) continue;
      const org = await createOrganisation(ctx, {
        kind: d.kind,
        nameZh: d.organisation,
        nameEn: d.nameEn,
        uscc: d.uscc,
        regionCode: '310115',
        registeredCapital: d.capital,
      });
      created.set(d.organisation, org.id);
      await createUser(ctx, org.id, {
        email: d.email,
        displayName: d.displayName,
        roles: [d.role],
        password: DEMO_PASSWORD,
      });
    }
    for (const d of demoStaff) {
      const org = created.get(d.organisation) as string;
      await createUser(ctx, org, {
        email: d.email,
        displayName: d.displayName,
        roles: [d.role],
        password: DEMO_PASSWORD,
      });
    }
    for (const d of demoInsurers) {
      await createOrganisation(ctx, {
        kind: 'insurer',
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        uscc: d.uscc,
        regionCode: d.body.slice(2, 8),
        registeredCapital: d.capital,
      });
    }
  });
  return true;
}
