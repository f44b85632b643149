import type pg from 'pg';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { funderOrgByEmail } from './repo.ts';
import { assignOperator } from './service.ts';

/**
 * The demo funder (临港新片区科技创新局（示例）) operates the Shanghai programmes on the demo platform; the
 * others (central, other provinces and cities) are loaded but apply nowhere until a funder operates them.
 */
export const DEMO_OPERATED_PROGRAMMES = [
  'shanghai-2025-tiered',
  'shanghai-tech-loan',
  'shanghai-clinical-trial',
];

export async function operateDemoProgrammes(pool: pg.Pool, tx: RunInTransaction): Promise<void> {
  const funder = await funderOrgByEmail(pool, 'funder@demo.kebao.cn');
  if (!funder) return;
  await tx(systemActor, 'demo-subsidy', async (ctx) => {
    for (const code of DEMO_OPERATED_PROGRAMMES) {
      await assignOperator(ctx, code, funder).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'subsidy.programme_not_found') throw error;
      });
    }
  });
}
