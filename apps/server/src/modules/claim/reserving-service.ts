import type { Queryable } from '@kebao/db';
import { formatYuan } from '@kebao/domain/money';
import { buildTriangles, type ClaimRecord, type DevelopmentPeriod, reservingSummary } from '@kebao/risk';
import { problem } from '../../platform/errors.ts';
import { claimMovements, premiumsByClassAndStart, treatyClaims } from './repo.ts';

/*
 * Reserving (准备金评估) from the platform's own claims: paid and incurred triangles by accident period ×
 * development period per statistical class, the chain ladder with Mack's standard error, and
 * Bornhuetter-Ferguson with an a-priori loss ratio on the premium written in each accident period. An
 * insurer sees its own share (each claim movement × its signed line); the regulator the whole platform.
 */
export async function reservingReport(
  db: Queryable,
  input: {
    all: boolean;
    orgId: string | null;
    valuationDate: string;
    period: DevelopmentPeriod;
    basis: 'incurred' | 'paid';
    lossRatio: number;
  },
) {
  const rows = await claimMovements(db, { all: input.all, orgId: input.orgId });
  const records: ClaimRecord[] = rows.map((row) => {
    const share = input.all ? null : BigInt(row.share ?? 0);
    const part = (fen: bigint) => (share === null ? fen : (fen * share) / 1_000_000n);
    return {
      class: row.statistical_class,
      accidentDate: row.loss_date,
      movements: row.steps.map((s) => ({
        date: shanghaiDay(s.at),
        paid: part(BigInt(s.paid)),
        incurred: part(BigInt(s.incurred)),
      })),
    };
  });
  const triangles = buildTriangles(records, { valuationDate: input.valuationDate, period: input.period });
  const premiums = await premiumByOrigin(db, input, triangles.origins);
  const priors = Object.fromEntries(
    [...premiums].map(([cls, premium]) => [cls, { premium, expectedLossRatio: input.lossRatio }]),
  );
  const summary = reservingSummary(triangles, { basis: input.basis, priors });
  const fen = (t: {
    origins: readonly string[];
    ages: readonly number[];
    values: readonly (readonly (bigint | null)[])[];
  }) => ({
    origins: [...t.origins],
    ages: [...t.ages],
    values: t.values.map((row) => row.map((v) => (v === null ? null : formatYuan(v)))),
  });
  return {
    scope: input.all ? 'platform' : 'own share',
    valuationDate: summary.valuationDate,
    period: summary.period,
    basis: summary.basis,
    lossRatio: input.lossRatio,
    origins: [...summary.origins],
    rows: [...summary.classes, summary.all].map((c) => ({
      class: c.class,
      claims: c.claims,
      latestPaid: round(c.latestPaid),
      latestIncurred: round(c.latestIncurred),
      caseReserve: round(c.caseReserve),
      chainLadder: {
        ultimate: round(c.chainLadder.ultimate),
        ibnr: round(c.chainLadder.ibnr),
        se: c.chainLadder.se === null ? null : round(c.chainLadder.se),
        cv: c.chainLadder.cv === null ? null : Math.round(c.chainLadder.cv * 1000) / 1000,
        factors: c.chainLadder.detail.factors.map((f) => ({
          from: f.fromAge,
          to: f.toAge,
          factor: Math.round(f.factor * 1000) / 1000,
          estimated: f.estimated,
        })),
      },
      bornhuetterFerguson:
        c.bornhuetterFerguson === null
          ? null
          : { ultimate: round(c.bornhuetterFerguson.ultimate), ibnr: round(c.bornhuetterFerguson.ibnr) },
    })),
    triangles: {
      all: { paid: fen(triangles.all.paid), incurred: fen(triangles.all.incurred) },
    },
  };
}

const round = (yuan: number) => Math.round(yuan * 100) / 100;

function shanghaiDay(at: string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Written premium per class and accident period (the policy's start), own lines or the whole platform. */
async function premiumByOrigin(
  db: Queryable,
  input: { all: boolean; orgId: string | null; period: DevelopmentPeriod },
  origins: readonly string[],
): Promise<Map<string, Record<string, bigint>>> {
  const rows = await premiumsByClassAndStart(db, {
    all: input.all,
    orgId: input.orgId,
    period: input.period,
  });
  const out = new Map<string, Record<string, bigint>>();
  const all: Record<string, bigint> = {};
  for (const r of rows) {
    if (!origins.includes(r.origin)) continue;
    const byOrigin = out.get(r.statistical_class) ?? {};
    byOrigin[r.origin] = (byOrigin[r.origin] ?? 0n) + r.premium;
    all[r.origin] = (all[r.origin] ?? 0n) + r.premium;
    out.set(r.statistical_class, byOrigin);
  }
  out.set('all', all);
  return out;
}

/** One treaty's bordereau of the insurer's claims, from the recoveries posted. */
export async function treatyBordereau(db: Queryable, orgId: string, treatyId: string) {
  const rows = await treatyClaims(db, orgId, treatyId);
  if (rows === null) throw problem('request.not_found');
  return {
    treatyId,
    rows: rows.map((r) => ({
      claim: r.number,
      policy: r.policy_number,
      event: r.event_code,
      lossDate: r.loss_date,
      status: r.status,
      recovery: formatYuan(r.amount),
    })),
    total: formatYuan(rows.reduce((s, r) => s + r.amount, 0n)),
  };
}
