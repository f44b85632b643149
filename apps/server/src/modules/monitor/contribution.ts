import type { ContributionRow } from './repo.ts';

/*
 * What one policy adds to the live exposure (在险敞口): nothing unless in force; else its sum insured and
 * premium under the zone, its class, pool, industry, region, sandbox product and source, and under each
 * insurer its own line gross and net of what it ceded. A platform policy counts its co-insurers' lines;
 * a registered one the registering insurer's share. Amounts are exact fen (as decimal strings).
 */

interface Line {
  orgId: string;
  sumInsured: bigint;
  premium: bigint;
  netSumInsured: bigint;
  netPremium: bigint;
}

export interface ExposureSubject {
  source: 'platform' | 'registered';
  inForce: boolean;
  statisticalClass: string;
  productCode: string | null;
  poolCode: string | null;
  sandbox: boolean;
  industry: string | null;
  region: string | null;
  lines: readonly Line[];
}

export function contributionRows(s: ExposureSubject): ContributionRow[] {
  if (!s.inForce) return [];
  const sum = (f: (l: Line) => bigint) => s.lines.reduce((a, l) => a + f(l), 0n);
  const whole = {
    si: sum((l) => l.sumInsured),
    pr: sum((l) => l.premium),
    nsi: sum((l) => l.netSumInsured),
    npr: sum((l) => l.netPremium),
  };
  const row = (dimension: string, key: string, f = whole): ContributionRow => [
    dimension,
    key,
    f.si.toString(),
    f.pr.toString(),
    f.nsi.toString(),
    f.npr.toString(),
    1,
  ];
  const rows: ContributionRow[] = [
    row('zone', 'all'),
    row('source', s.source),
    row('class', s.statisticalClass),
    row('industry', s.industry ?? 'unknown'),
    row('region', s.region ?? 'unknown'),
  ];
  if (s.poolCode) rows.push(row('pool', s.poolCode));
  if (s.sandbox && s.productCode) rows.push(row('sandbox', s.productCode));
  for (const l of s.lines) {
    const own = { si: l.sumInsured, pr: l.premium, nsi: l.netSumInsured, npr: l.netPremium };
    rows.push(row('insurer', l.orgId, own));
    // The industry × insurer grid of the cockpit's heat map: each insurer's own line under the industry.
    rows.push(row('industry_insurer', `${s.industry ?? 'unknown'}|${l.orgId}`, own));
  }
  return rows;
}

/** next − previous, row by row (keys present in either); rows that do not change are left out. */
export function contributionDelta(previous: readonly ContributionRow[], next: readonly ContributionRow[]) {
  const key = (r: ContributionRow) => `${r[0]}\u0000${r[1]}`;
  const out = new Map<string, ContributionRow>();
  const add = (r: ContributionRow, sign: bigint) => {
    const k = key(r);
    const cur = out.get(k) ?? [r[0], r[1], '0', '0', '0', '0', 0];
    out.set(k, [
      r[0],
      r[1],
      (BigInt(cur[2]) + sign * BigInt(r[2])).toString(),
      (BigInt(cur[3]) + sign * BigInt(r[3])).toString(),
      (BigInt(cur[4]) + sign * BigInt(r[4])).toString(),
      (BigInt(cur[5]) + sign * BigInt(r[5])).toString(),
      cur[6] + Number(sign) * r[6],
    ]);
  };
  for (const r of previous) add(r, -1n);
  for (const r of next) add(r, 1n);
  return [...out.values()].filter(
    (r) => r[2] !== '0' || r[3] !== '0' || r[4] !== '0' || r[5] !== '0' || r[6] !== 0,
  );
}
