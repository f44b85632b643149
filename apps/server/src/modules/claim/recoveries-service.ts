import { computeRecoveries, type RecoveryClaim, type RecoveryTreaty } from '@kebao/domain/claims';
import { claimParts, postReinsuranceRecovery } from '@kebao/domain/ledger';
import type { Fen } from '@kebao/domain/money';
import type { Ctx } from '../../platform/transaction.ts';
import { postEntry } from '../ledger/service.ts';
import { treatiesForRecovery } from '../placement/service.ts';
import { policyForClaim } from '../policy/service.ts';
import { type ClaimRow, insurerClaimsOfYear, recoveriesOf, upsertRecovery } from './repo.ts';

/*
 * Reinsurance recoveries (摊回): each co-insurer's treaties re-applied to its claims of an accident year in
 * the declared inuring order whenever a claim's incurred amount moves; the change of every recovery posted.
 */

/**
 * Re-applies each co-insurer's reinsurance to its claims of the claim's accident year (its part of each
 * claim's incurred amount, by the signed lines) in the declared inuring order, and posts the change of
 * every recovery against what was posted before. Claims under the same treaties are computed together, so
 * a catastrophe layer sees the whole event and a stop-loss the whole year.
 */
export async function applyReinsurance(ctx: Ctx, claim: ClaimRow): Promise<void> {
  const found = await policyForClaim(ctx.db, claim.policy_id);
  if (!found) return;
  const year = Number(claim.loss_date.slice(0, 4));
  for (const line of found.lines) {
    await reapplyInsurer(ctx, line.org_id, year);
  }
}

async function reapplyInsurer(ctx: Ctx, orgId: string, year: number): Promise<void> {
  const claims = await insurerClaimsOfYear(ctx.db, orgId, year);
  if (claims.length === 0) return;
  const groups = new Map<string, { treaties: RecoveryTreaty[]; claims: RecoveryClaim[] }>();
  const policies = new Map<string, Awaited<ReturnType<typeof policyForClaim>>>();
  for (const c of claims) {
    let found = policies.get(c.policy_id);
    if (found === undefined) {
      found = await policyForClaim(ctx.db, c.policy_id);
      policies.set(c.policy_id, found);
    }
    if (!found) continue;
    const participants = c.lines.map((l) => ({ orgId: l.orgId, lead: l.lead, share: l.share }));
    const part = claimParts(participants, c.incurred).find((p) => p.orgId === orgId)?.amount ?? 0n;
    const cessions = found.cessions.filter((s) => s.org_id === orgId);
    const facultative = [
      ...new Set(cessions.filter((s) => s.kind === 'facultative').map((s) => s.reinsurer)),
    ];
    const treaties: RecoveryTreaty[] = [
      ...facultative.map((reinsurer) => ({
        id: `fac:${reinsurer}`,
        kind: 'facultative' as const,
        reinsurer,
      })),
      ...(await treatiesForRecovery(ctx.db, orgId, {
        statisticalClass: c.statistical_class,
        lossDate: c.loss_date,
        year,
        cessionTreatyIds: cessions.flatMap((s) => (s.treaty_id ? [s.treaty_id] : [])),
      })),
    ];
    const key = treaties.map((t) => t.id).join('|');
    const group = groups.get(key) ?? { treaties, claims: [] };
    group.claims.push({
      claimId: c.id,
      policyId: c.policy_id,
      eventId: c.event_id,
      accidentYear: year,
      loss: part,
      sumInsured: c.line_sum_insured,
      cessions: cessions.map((s) => ({
        treatyId: s.kind === 'facultative' ? `fac:${s.reinsurer}` : s.treaty_id,
        kind: s.kind,
        reinsurer: s.reinsurer,
        cededSumInsured: s.ceded_sum_insured,
      })),
    });
    groups.set(key, group);
  }
  const posted = new Map(
    (
      await recoveriesOf(
        ctx.db,
        claims.map((c) => c.id),
      )
    )
      .filter((r) => r.org_id === orgId)
      .map((r) => [`${r.claim_id}|${r.treaty_key}`, r.amount]),
  );
  const postings: { claimId: string; policyId: string; reinsurer: string; delta: Fen }[] = [];
  for (const group of groups.values()) {
    if (group.treaties.length === 0) continue;
    const result = computeRecoveries({ claims: group.claims, treaties: group.treaties });
    for (const r of result.claims) {
      for (const line of r.lines) {
        const before = posted.get(`${r.claimId}|${line.treatyId}`) ?? 0n;
        if (line.recovery === before) continue;
        await upsertRecovery(
          ctx.db,
          {
            claim_id: r.claimId,
            org_id: orgId,
            treaty_key: line.treatyId,
            treaty_id: line.treatyId.startsWith('fac:') ? null : line.treatyId,
            kind: line.kind,
            reinsurer: line.reinsurer,
            amount: line.recovery,
          },
          ctx.now,
        );
        postings.push({
          claimId: r.claimId,
          policyId: r.policyId,
          reinsurer: line.reinsurer,
          delta: line.recovery - before,
        });
      }
    }
  }
  for (const p of postings) {
    await postEntry(ctx, {
      kind: 'reinsurance_recovery',
      description: `再保摊回 ${p.reinsurer}`,
      policyId: p.policyId,
      lines: postReinsuranceRecovery({ orgId, reinsurer: p.reinsurer, amount: p.delta }).map((l) => ({
        ...l,
        policyId: p.policyId,
      })),
    });
  }
}
