import { parseYuan } from '@kebao/domain/money';
import { parsePercent } from '@kebao/domain/placement';
import type pg from 'pg';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { DEMO_INSURER_USCCS } from '../org/demo-seed.ts';
import { insurersByAge } from './repo.ts';
import { addTreaty, createPool, setCapacity } from './service.ts';

/** The demo's standing pool: the code the shipped IC product names as its writer. */
export const DEMO_IC_POOL = 'CN-IC-POOL';

/** The demo's second standing pool (首台套); no shipped product names it as its writer yet. */
export const DEMO_FIRST_SET_POOL = 'CN-FIRSTSET-POOL';

export const DEMO_REINSURER = '示例再保险股份有限公司';

/**
 * The demo zone's co-insurance and reinsurance: the IC pool (集成电路共保体) of five demo insurers and a
 * first-set equipment pool of four others
 * (members and shares are fictitious — the real pool's are not public), each insurer's capital and
 * reserves (so the art. 103 retention is checked), and treaties for the two insurers with logins. Runs
 * once, with the demo organisations, through the same services the API uses.
 */
export async function seedDemoPlacement(pool: pg.Pool, tx: RunInTransaction): Promise<void> {
  const all = await insurersByAge(pool);
  const insurers = {
    rows: DEMO_INSURER_USCCS.map((uscc) => all.find((o) => o.uscc === uscc)).filter((o) => o !== undefined),
  };
  const [lead, second, ...others] = insurers.rows;
  if (!lead || !second || others.length < 3) return;
  const [third, fourth, fifth, ...rest] = others as [
    typeof lead,
    typeof lead,
    typeof lead,
    ...(typeof lead)[],
  ];
  await tx(systemActor, 'seed', async (ctx) => {
    await createPool(ctx, {
      code: DEMO_IC_POOL,
      nameZh: '集成电路共保体（示例）',
      nameEn: 'Integrated Circuit Co-insurance Pool (demo)',
      capacityPerRisk: parseYuan('20000000000.00'),
      capacityAggregate: parseYuan('500000000000.00'),
      effectiveFrom: '2023-01-01',
      members: [
        { orgId: lead.id, share: parsePercent('40'), lead: true },
        { orgId: second.id, share: parsePercent('25'), lead: false },
        { orgId: third.id, share: parsePercent('15'), lead: false },
        { orgId: fourth.id, share: parsePercent('10'), lead: false },
        { orgId: fifth.id, share: parsePercent('10'), lead: false },
      ],
    });
    // A second standing pool, for first-set major technical equipment (首台套): four of the further insurers.
    const [a, b, c, d] = rest;
    if (a && b && c && d) {
      await createPool(ctx, {
        code: DEMO_FIRST_SET_POOL,
        nameZh: '首台（套）重大技术装备共保体（示例）',
        nameEn: 'First-set Major Technical Equipment Co-insurance Pool (demo)',
        capacityPerRisk: parseYuan('5000000000.00'),
        capacityAggregate: parseYuan('100000000000.00'),
        effectiveFrom: '2023-01-01',
        members: [
          { orgId: a.id, share: parsePercent('35'), lead: true },
          { orgId: b.id, share: parsePercent('30'), lead: false },
          { orgId: c.id, share: parsePercent('20'), lead: false },
          { orgId: d.id, share: parsePercent('15'), lead: false },
        ],
      });
    }
    for (const insurer of insurers.rows) {
      // Reserves taken as half the capital again: a demo figure, shown as such on the capacity page.
      const capital = insurer.registered_capital ?? 0n;
      if (capital === 0n) continue;
      await setCapacity(
        { ...ctx, actor: { ...systemActor, orgId: insurer.id } },
        { capitalAndReserves: capital + capital / 2n, retentionRatio: '0.10' },
      );
    }
  });
  const treaties = [
    {
      org: lead.id,
      list: [
        {
          name: '2026 科技险成数分保合约',
          kind: 'quota_share' as const,
          cededShare: parsePercent('30'),
          commissionRate: '0.3',
          priority: 1,
        },
        {
          name: '2026 科技险溢额分保合约',
          kind: 'surplus' as const,
          retention: parseYuan('50000000.00'),
          lines: 9,
          commissionRate: '0.25',
          priority: 2,
        },
        {
          name: '2026 科技险险位超赔合约',
          kind: 'excess_of_loss' as const,
          attachment: parseYuan('20000000.00'),
          limit: parseYuan('180000000.00'),
          priority: 3,
        },
      ],
    },
    {
      org: second.id,
      list: [
        {
          name: '2026 成数分保合约',
          kind: 'quota_share' as const,
          cededShare: parsePercent('20'),
          commissionRate: '0.3',
          priority: 1,
        },
      ],
    },
  ];
  for (const { org, list } of treaties) {
    await tx({ ...systemActor, orgId: org }, 'seed', async (ctx) => {
      for (const t of list)
        await addTreaty(ctx, { ...t, reinsurer: DEMO_REINSURER, effectiveFrom: '2023-01-01' });
    });
  }
}
