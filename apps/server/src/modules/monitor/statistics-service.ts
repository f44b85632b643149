import type { Queryable } from '@kebao/db';
import { formatYuan } from '@kebao/domain/money';
import { ratioText } from '@kebao/domain/monitor';
import type { Table } from '../../platform/files/tables.ts';
import { statistics } from './repo.ts';

/*
 * Statistics in the shape of 《科技保险业务统计制度》 (NFRA, 2024): part 1 counts tech-activity risks by
 * product class — R&D and transfer, application and roll-out, intellectual property, base risk —, part 2
 * the business of tech entities by insured entity (the highest qualification the insured held when
 * quoted: 专精特新“小巨人”, 专精特新, 高新技术企业, 科技型中小企业, other). Platform and registered business count
 * alike (`by=source` shows the split). Figures are for business starting in the period: policies, insured
 * enterprises, written premium, sum insured (风险保障金额), claims paid and incurred on it, the loss ratio,
 * and the subsidy. The zone counts whole policies; an insurer its own lines (claims and subsidy by its share,
 * rounded down to the fen).
 */

export const GROUP_NAMES: Record<string, { zh: string; en: string }> = {
  rd_transfer: { zh: '研发及成果转化类', en: 'R&D and transfer' },
  application: { zh: '应用及推广类', en: 'Application and roll-out' },
  intellectual_property: { zh: '知识产权类', en: 'Intellectual property' },
  base: { zh: '基础风险类', en: 'Base risk' },
  little_giant: { zh: '专精特新“小巨人”企业', en: '“Little giant” enterprises' },
  specialised_sme: { zh: '专精特新中小企业', en: 'Specialised SMEs' },
  high_tech_enterprise: { zh: '高新技术企业', en: 'High-tech enterprises' },
  tech_sme: { zh: '科技型中小企业', en: 'Tech SMEs' },
  other: { zh: '其他', en: 'Other' },
  platform: { zh: '平台承保', en: 'Written on the platform' },
  registered: { zh: '登记业务', en: 'Registered' },
};

export interface StatisticsInput {
  year: number;
  period: 'month' | 'quarter' | 'year';
  by: 'class' | 'entity' | 'source';
  insurer: string | null;
}

export async function statisticsReport(db: Queryable, input: StatisticsInput) {
  const rows = await statistics(db, input);
  return {
    ...input,
    part: input.by === 'class' ? 1 : input.by === 'entity' ? 2 : null,
    rows: rows.map((r) => ({
      period: r.period,
      group: r.grp,
      groupName: GROUP_NAMES[r.grp] ?? { zh: r.grp, en: r.grp },
      policies: r.policies,
      enterprises: r.enterprises,
      premium: formatYuan(r.premium),
      sumInsured: formatYuan(r.sum_insured),
      claimsPaid: formatYuan(r.claims_paid),
      claimsIncurred: formatYuan(r.claims_incurred),
      lossRatio: ratioText(r.claims_incurred, r.premium),
      subsidy: formatYuan(r.subsidy),
    })),
  };
}

/**
 * The insurers the statistics can be filtered by: for the zone (a regulator), every insurer organisation
 * that is active or has business on the platform (a line of a policy) or registered; otherwise only the
 * caller's own organisation, so an insurer never learns a competitor's name from it.
 */
export async function statisticsInsurers(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
): Promise<{ id: string; names: { zh: string; en: string } }[]> {
  if (!scope.all && scope.orgId === null) return [];
  const r = await db.query<{ id: string; name_zh: string; name_en: string }>(
    scope.all
      ? `SELECT o.id, o.name_zh, o.name_en FROM organisation o
          WHERE (o.kind = 'insurer' AND o.status = 'active')
             OR EXISTS (SELECT 1 FROM policy_line l WHERE l.org_id = o.id)
             OR EXISTS (SELECT 1 FROM registered_policy r WHERE r.insurer_org_id = o.id)
          ORDER BY o.name_zh, o.id`
      : 'SELECT o.id, o.name_zh, o.name_en FROM organisation o WHERE o.id = $1::uuid',
    scope.all ? [] : [scope.orgId],
  );
  return r.rows.map((o) => ({ id: o.id, names: { zh: o.name_zh, en: o.name_en } }));
}

/** The report as a sheet (XLSX export). */
export function statisticsTable(report: Awaited<ReturnType<typeof statisticsReport>>): Table {
  const part =
    report.by === 'class'
      ? '第一部分（按产品类别）'
      : report.by === 'entity'
        ? '第二部分（按投保主体）'
        : '按业务来源';
  return {
    title: `科技保险统计 ${report.year} ${part}`,
    columns: [
      { header: '期间' },
      { header: '分类', width: 24 },
      { header: '保单件数', numeric: false },
      { header: '投保企业数' },
      { header: '保费收入（元）', numeric: true, width: 20 },
      { header: '风险保障金额（元）', numeric: true, width: 22 },
      { header: '已决赔款（元）', numeric: true, width: 18 },
      { header: '已发生赔款（元）', numeric: true, width: 18 },
      { header: '赔付率' },
      { header: '保费补贴（元）', numeric: true, width: 18 },
    ],
    rows: report.rows.map((r) => [
      r.period,
      r.groupName.zh,
      r.policies,
      r.enterprises,
      r.premium,
      r.sumInsured,
      r.claimsPaid,
      r.claimsIncurred,
      r.lossRatio,
      r.subsidy,
    ]),
  };
}
