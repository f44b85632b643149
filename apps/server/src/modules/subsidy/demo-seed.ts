import type pg from 'pg';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { funderOrgByEmail } from './repo.ts';
import { assignReviewer } from './review-service.ts';
import { assignOperator } from './service.ts';

/**
 * Who operates which shipped programme on the demo platform: the Lingang bureau (临港新片区科技创新局（示例）)
 * the Shanghai programmes, the central office (工业和信息化部首台套保险补偿办公室（示例）) the central
 * first-of-a-kind equipment (2024 regime) and first-batch new materials compensations, both by application
 * (申报). The others (the legacy central regime, other provinces and cities) are loaded but apply nowhere
 * until a funder operates them.
 */
export const DEMO_OPERATED_PROGRAMMES: Readonly<Record<string, string>> = {
  'shanghai-2025-tiered': 'funder@demo.kebao.cn',
  'shanghai-tech-loan': 'funder@demo.kebao.cn',
  'shanghai-clinical-trial': 'funder@demo.kebao.cn',
  'central-first-set-2024': 'central@demo.kebao.cn',
  'central-new-materials': 'central@demo.kebao.cn',
};

/**
 * Who reviews a stage of a programme on the demo platform, by region: the Shanghai commission of economy
 * and informatization (上海市经济和信息化委员会（示例）) makes the provincial first review (省级初审) of Shanghai
 * enterprises' central compensation applications; elsewhere the central office reviews both stages.
 */
export const DEMO_REVIEWERS: readonly { code: string; stage: string; regionPrefix: string; email: string }[] =
  [
    {
      code: 'central-first-set-2024',
      stage: 'province',
      regionPrefix: '31',
      email: 'shanghai@demo.kebao.cn',
    },
    { code: 'central-new-materials', stage: 'province', regionPrefix: '31', email: 'shanghai@demo.kebao.cn' },
  ];

export async function operateDemoProgrammes(pool: pg.Pool, tx: RunInTransaction): Promise<void> {
  const funders = new Map<string, string>();
  for (const email of new Set([
    ...Object.values(DEMO_OPERATED_PROGRAMMES),
    ...DEMO_REVIEWERS.map((r) => r.email),
  ])) {
    const org = await funderOrgByEmail(pool, email);
    if (org) funders.set(email, org);
  }
  await tx(systemActor, 'demo-subsidy', async (ctx) => {
    for (const [code, email] of Object.entries(DEMO_OPERATED_PROGRAMMES)) {
      const funder = funders.get(email);
      if (!funder) continue;
      await assignOperator(ctx, code, funder).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'subsidy.programme_not_found') throw error;
      });
    }
    for (const r of DEMO_REVIEWERS) {
      const orgId = funders.get(r.email);
      if (!orgId) continue;
      await assignReviewer(ctx, r.code, { stage: r.stage, regionPrefix: r.regionPrefix, orgId }).catch(
        (error: unknown) => {
          const code = (error as { code?: string }).code;
          if (code !== 'subsidy.programme_not_found' && code !== 'subsidy.stage_unknown') throw error;
        },
      );
    }
  });
}
