import type pg from 'pg';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { addExpert } from './expert-service.ts';

/**
 * The demo zone's expert pool (专家库): fictitious experts across the fields tech claims need, one of them
 * the demo expert login. Runs once, with the demo organisations, through the same service the API uses.
 */
export async function seedDemoExperts(pool: pg.Pool, tx: RunInTransaction): Promise<number> {
  const user = await pool.query<{ id: string }>(
    "SELECT id FROM app_user WHERE lower(email) = 'expert@demo.kebao.cn'",
  );
  const experts = [
    {
      name: '郑专家',
      employer: '示例网络安全检测中心',
      fields: ['cyber', 'software'],
      qualifications: ['CISP'],
      regionCode: '310115',
      userId: user.rows[0]?.id ?? null,
    },
    {
      name: '钱工',
      employer: '示例集成电路工艺研究院',
      fields: ['ic', 'equipment'],
      qualifications: ['高级工程师'],
      regionCode: '310115',
    },
    {
      name: '孙博士',
      employer: '示例生物医药评价中心',
      fields: ['biomedicine'],
      qualifications: ['执业药师'],
      regionCode: '310115',
    },
    {
      name: '李律师',
      employer: '示例知识产权律师事务所',
      fields: ['ip'],
      qualifications: ['专利代理师', '律师'],
      regionCode: '310104',
    },
    {
      name: '周公估师',
      employer: '示例保险公估有限公司',
      fields: ['equipment', 'materials', 'ic'],
      qualifications: ['公估师'],
      regionCode: '420111',
    },
    {
      name: '吴研究员',
      employer: '示例气象与新能源研究所',
      fields: ['climate'],
      qualifications: ['高级工程师'],
      regionCode: '420111',
    },
  ];
  await tx(systemActor, 'seed', async (ctx) => {
    for (const e of experts) await addExpert(ctx, e);
  });
  return experts.length;
}
