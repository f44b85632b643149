import type { Queryable } from '@kebao/db';
import type { RecoveryTreaty } from '@kebao/domain/claims';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import {
  type Cession,
  computeCessions,
  type Facultative,
  fiveSamesDifferences,
  formatPercent,
  type PlacementTerms,
  poolSharesOn,
  retentionExcess,
  retentionLimit,
  signDown,
  type Treaty,
  termsFingerprint,
  WHOLE,
} from '@kebao/domain/placement';
import { compareDates, shanghaiDateOf } from '@kebao/domain/time';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  addPoolUse,
  capacitiesOf,
  endPoolMembership,
  endTreaty,
  findPlacement,
  findPlacementByQuote,
  findPool,
  insertPlacement,
  insertPool,
  insertPoolMember,
  insertTreaty,
  insurerNames,
  type LineRow,
  netRetainedPremium,
  type PlacementRow,
  type PoolRow,
  placementLines,
  poolMembers,
  setCollectionMode,
  setSigned,
  type TreatyRow,
  treatiesOf,
  updatePlacement,
  upsertCapacity,
  upsertLine,
} from './repo.ts';

/*
 * Co-insurance placement (共保安排): the lead fixes the terms (五个同一), followers write lines against
 * exactly those terms, the slip closes and lines are signed down (shared/domain README §2). Standing
 * pools (共保体) place by their members' default shares. Reinsurance (按需再保) is computed per
 * participant at bind, and each participant's net retention is checked against its art. 103 limit.
 */

export interface OpenPlacementInput {
  quoteId: string;
  enterpriseId: string;
  enterpriseUscc: string;
  /** Organisations that follow the placement besides the insurers: the enterprise's and the broker's. */
  watchers: readonly string[];
  leadOrgId: string;
  poolCode: string | null;
  productCode: string;
  productVersion: number;
  sections: readonly string[];
  startDate: string;
  endDate: string;
  sumInsured: bigint;
}

export function placementTerms(input: OpenPlacementInput): PlacementTerms {
  return {
    contract: `${input.productCode}@${input.productVersion}`,
    subject: input.enterpriseUscc,
    liability: [...input.sections],
    startDate: input.startDate,
    endDate: input.endDate,
    sumInsured: formatYuan(input.sumInsured),
  };
}

/** Who hears of a placement's changes: every insurer on it, the insured's and the broker's organisations. */
async function audienceOf(
  db: Queryable,
  placement: PlacementRow,
  known?: readonly { org_id: string }[],
): Promise<string[]> {
  const lines = known ?? (await placementLines(db, placement.id));
  const watchers = (placement.terms as { watchers?: string[] }).watchers ?? [];
  return [...new Set([placement.lead_org_id, ...lines.map((l) => l.org_id), ...watchers])];
}

/**
 * Opens the slip when the insured accepts a quote. A single insurer's product opens with the lead's
 * line written at 100 % (the lead may reduce it and invite followers); a pool's product is placed at
 * once by its members' default shares on the start date, each line written and standing.
 */
export async function openPlacement(ctx: Ctx, input: OpenPlacementInput): Promise<PlacementRow> {
  const terms = placementTerms(input);
  const placement: PlacementRow = {
    id: newId(),
    quote_id: input.quoteId,
    enterprise_id: input.enterpriseId,
    lead_org_id: input.leadOrgId,
    pool_code: input.poolCode,
    status: 'open',
    terms: { ...terms, watchers: [...input.watchers] },
    terms_fingerprint: termsFingerprint(terms),
    collection_mode: 'lead_collects',
    written_total: 0,
    unplaced: null,
    closed_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  let lines: { orgId: string; written: number }[];
  if (input.poolCode) {
    const members = await poolMembers(ctx.db, input.poolCode);
    const shares = poolSharesOn(
      members.map((m) => ({
        orgId: m.org_id,
        share: m.share,
        lead: m.lead,
        joinedOn: m.joined_on,
        leftOn: m.left_on,
      })),
      input.startDate,
    );
    if (shares.length === 0) throw problem('pool.no_members');
    lines = shares.map((s) => ({ orgId: s.orgId, written: s.share }));
  } else {
    lines = [{ orgId: input.leadOrgId, written: WHOLE }];
  }
  placement.written_total = lines.reduce((sum, l) => sum + l.written, 0);
  await insertPlacement(ctx.db, placement);
  for (const l of lines) {
    await upsertLine(ctx.db, {
      placement_id: placement.id,
      org_id: l.orgId,
      status: 'written',
      written: l.written,
      to_stand: input.poolCode !== null,
      signed: null,
      facultative: [],
      comment: null,
      invited_at: ctx.now,
      written_at: ctx.now,
    });
  }
  ctx.audit({
    action: 'placement.open',
    entityType: 'placement',
    entityId: placement.id,
    after: { terms, lines },
  });
  ctx.emit({
    type: 'placement.opened',
    aggregateType: 'placement',
    aggregateId: placement.id,
    payload: { placementId: placement.id, quoteId: input.quoteId, terms, lines: lines.map(presentWritten) },
    orgIds: [input.leadOrgId, ...lines.map((l) => l.orgId), ...input.watchers],
  });
  return placement;
}

const presentWritten = (l: { orgId: string; written: number }) => ({
  orgId: l.orgId,
  written: formatPercent(l.written),
});

async function lockOpen(ctx: Ctx, id: string): Promise<PlacementRow> {
  const placement = await findPlacement(ctx.db, id, true);
  if (!placement) throw problem('placement.not_found');
  if (placement.status !== 'open')
    throw problem('placement.closed', { params: { status: placement.status } });
  return placement;
}

/** The lead's terms of a quote's placement (what a follower writes against), or null. */
export async function placementTermsOfQuote(db: Queryable, quoteId: string) {
  const placement = await findPlacementByQuote(db, quoteId);
  return placement ? { placementId: placement.id, terms: termsOf(placement) } : null;
}

function requireLead(ctx: Ctx, placement: PlacementRow): void {
  if (placement.lead_org_id !== ctx.actor.orgId) throw problem('placement.not_lead');
}

function termsOf(placement: PlacementRow): PlacementTerms {
  const t = placement.terms as unknown as PlacementTerms;
  return {
    contract: t.contract,
    subject: t.subject,
    liability: t.liability,
    startDate: t.startDate,
    endDate: t.endDate,
    sumInsured: t.sumInsured,
  };
}

const FIVE_SAME_LABELS = {
  contract: '同一合同',
  subject: '同一保险标的',
  liability: '同一保险责任',
  period: '同一保险期间',
  sumInsured: '同一保险金额',
} as const;

export interface WriteLineInput {
  written: number;
  toStand: boolean;
  /** The terms the insurer writes against; they must be the lead's (five sames). */
  terms: PlacementTerms;
  comment?: string | undefined;
}

/** An insurer writes (or rewrites) its line on an open slip: the lead, or an invited follower. */
export async function writeLine(ctx: Ctx, placementId: string, input: WriteLineInput): Promise<LineRow[]> {
  const placement = await lockOpen(ctx, placementId);
  const lines = await placementLines(ctx.db, placementId);
  const mine = lines.find((l) => l.org_id === ctx.actor.orgId);
  if (!mine && placement.lead_org_id !== ctx.actor.orgId) throw problem('placement.not_invited');
  const differences = fiveSamesDifferences(termsOf(placement), input.terms);
  if (differences.length > 0) {
    throw problem('placement.terms_differ', {
      params: { differences: differences.map((d) => FIVE_SAME_LABELS[d]).join('、') },
    });
  }
  const orgId = ctx.actor.orgId as string;
  const line: LineRow = {
    placement_id: placementId,
    org_id: orgId,
    status: 'written',
    written: input.written,
    to_stand: input.toStand,
    signed: null,
    facultative: mine?.facultative ?? [],
    comment: input.comment ?? null,
    invited_at: mine?.invited_at ?? ctx.now,
    written_at: ctx.now,
  };
  await upsertLine(ctx.db, line);
  const written = lines.filter((l) => l.org_id !== orgId && l.status === 'written');
  const total = written.reduce((sum, l) => sum + (l.written ?? 0), 0) + input.written;
  await updatePlacement(ctx.db, placementId, {
    status: 'open',
    writtenTotal: total,
    unplaced: null,
    closedAt: null,
    at: ctx.now,
  });
  ctx.audit({
    action: 'placement.write_line',
    entityType: 'placement',
    entityId: placementId,
    before: mine ? { written: mine.written, toStand: mine.to_stand, status: mine.status } : null,
    after: { orgId, written: input.written, toStand: input.toStand },
  });
  ctx.emit({
    type: 'placement.line_written',
    aggregateType: 'placement',
    aggregateId: placementId,
    payload: {
      placementId,
      orgId,
      written: formatPercent(input.written),
      toStand: input.toStand,
      writtenTotal: formatPercent(total),
    },
    orgIds: await audienceOf(ctx.db, placement),
  });
  return placementLines(ctx.db, placementId);
}

/** A follower declines its invitation (its line, if any, is withdrawn). */
export async function declineLine(ctx: Ctx, placementId: string, comment: string | null): Promise<void> {
  const placement = await lockOpen(ctx, placementId);
  const lines = await placementLines(ctx.db, placementId);
  const mine = lines.find((l) => l.org_id === ctx.actor.orgId);
  if (!mine) throw problem('placement.not_invited');
  await upsertLine(ctx.db, {
    ...mine,
    status: 'declined',
    written: null,
    to_stand: false,
    comment,
    written_at: ctx.now,
  });
  const total = lines
    .filter((l) => l.org_id !== mine.org_id && l.status === 'written')
    .reduce((sum, l) => sum + (l.written ?? 0), 0);
  await updatePlacement(ctx.db, placementId, {
    status: 'open',
    writtenTotal: total,
    unplaced: null,
    closedAt: null,
    at: ctx.now,
  });
  ctx.audit({
    action: 'placement.decline_line',
    entityType: 'placement',
    entityId: placementId,
    after: { comment },
  });
  ctx.emit({
    type: 'placement.line_declined',
    aggregateType: 'placement',
    aggregateId: placementId,
    payload: { placementId, orgId: mine.org_id, writtenTotal: formatPercent(total) },
    orgIds: await audienceOf(ctx.db, placement),
  });
}

/** The lead invites other insurers to follow. */
export async function inviteFollowers(
  ctx: Ctx,
  placementId: string,
  orgIds: readonly string[],
): Promise<void> {
  const placement = await lockOpen(ctx, placementId);
  requireLead(ctx, placement);
  const kinds = await insurerNames(ctx.db, orgIds);
  for (const id of orgIds) {
    if (id === placement.lead_org_id || kinds.get(id)?.kind !== 'insurer')
      throw problem('placement.invalid_invitee');
  }
  const lines = await placementLines(ctx.db, placementId);
  for (const orgId of orgIds) {
    if (lines.some((l) => l.org_id === orgId)) continue;
    await upsertLine(ctx.db, {
      placement_id: placementId,
      org_id: orgId,
      status: 'invited',
      written: null,
      to_stand: false,
      signed: null,
      facultative: [],
      comment: null,
      invited_at: ctx.now,
      written_at: null,
    });
  }
  ctx.audit({
    action: 'placement.invite',
    entityType: 'placement',
    entityId: placementId,
    after: { orgIds },
  });
  ctx.emit({
    type: 'placement.invited',
    aggregateType: 'placement',
    aggregateId: placementId,
    payload: { placementId, orgIds, terms: termsOf(placement) },
    orgIds: [...(await audienceOf(ctx.db, placement)), ...orgIds],
  });
}

export async function changeCollectionMode(
  ctx: Ctx,
  placementId: string,
  mode: PlacementRow['collection_mode'],
): Promise<void> {
  const placement = await lockOpen(ctx, placementId);
  requireLead(ctx, placement);
  await setCollectionMode(ctx.db, placementId, mode, ctx.now);
  ctx.audit({
    action: 'placement.collection_mode',
    entityType: 'placement',
    entityId: placementId,
    before: { mode: placement.collection_mode },
    after: { mode },
  });
  ctx.emit({
    type: 'placement.collection_mode_changed',
    aggregateType: 'placement',
    aggregateId: placementId,
    payload: { placementId, mode },
    orgIds: await audienceOf(ctx.db, placement),
  });
}

/** A participant arranges facultative reinsurance (临分) for its own line, before bind. */
export async function setFacultative(
  ctx: Ctx,
  placementId: string,
  facultative: Facultative[],
): Promise<void> {
  await lockOpen(ctx, placementId);
  const lines = await placementLines(ctx.db, placementId);
  const mine = lines.find((l) => l.org_id === ctx.actor.orgId);
  if (!mine) throw problem('placement.not_invited');
  const total = facultative.reduce((s, f) => s + f.cededShare, 0);
  if (total > WHOLE) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/facultative',
          code: 'share.out_of_range',
          message_zh: '临分比例合计不能超过 100%',
          message_en: 'Facultative shares cannot add up to more than 100%',
        },
      ],
    });
  }
  await upsertLine(ctx.db, { ...mine, facultative });
  ctx.audit({
    action: 'placement.facultative',
    entityType: 'placement',
    entityId: placementId,
    before: { facultative: mine.facultative },
    after: { facultative },
  });
}

export interface SignedLine {
  orgId: string;
  name: string;
  lead: boolean;
  written: number;
  signed: number;
  facultative: Facultative[];
}

export interface SignedSlip {
  placement: PlacementRow;
  lines: SignedLine[];
  unplaced: number;
}

/**
 * Closes the slip (the lead's "close", or the bind when still open): lines signed down, stored, and
 * announced to every party. A closed slip is returned as signed.
 */
export async function closePlacement(ctx: Ctx, placementId: string, byLead: boolean): Promise<SignedSlip> {
  const placement = await findPlacement(ctx.db, placementId, true);
  if (!placement) throw problem('placement.not_found');
  if (byLead) requireLead(ctx, placement);
  const everyLine = await placementLines(ctx.db, placementId);
  const lines = everyLine.filter((l) => l.status === 'written');
  if (placement.status !== 'open') {
    if (placement.status === 'closed') return signedSlip(placement, lines, placement.unplaced ?? 0);
    throw problem('placement.closed', { params: { status: placement.status } });
  }
  const result = signDown(lines.map((l) => ({ written: l.written ?? 0, toStand: l.to_stand })));
  if (!result.ok) throw problem('placement.lines_to_stand_exceed_whole');
  const signed = new Map(lines.map((l, i) => [l.org_id, result.signed[i] ?? 0]));
  await setSigned(ctx.db, placementId, signed);
  await updatePlacement(ctx.db, placementId, {
    status: 'closed',
    writtenTotal: result.writtenTotal,
    unplaced: result.unplaced,
    closedAt: ctx.now,
    at: ctx.now,
  });
  const closed = {
    ...placement,
    status: 'closed' as const,
    unplaced: result.unplaced,
    written_total: result.writtenTotal,
  };
  const signedLines = lines.map((l) => ({ ...l, signed: signed.get(l.org_id) ?? 0 }));
  ctx.audit({
    action: 'placement.close',
    entityType: 'placement',
    entityId: placementId,
    after: {
      writtenTotal: result.writtenTotal,
      unplaced: result.unplaced,
      signed: signedLines.map((l) => ({ orgId: l.org_id, written: l.written, signed: l.signed })),
    },
  });
  ctx.emit({
    type: 'placement.closed',
    aggregateType: 'placement',
    aggregateId: placementId,
    payload: {
      placementId,
      writtenTotal: formatPercent(result.writtenTotal),
      signedDown: result.signedDown,
      unplaced: formatPercent(result.unplaced),
      lines: signedLines.map((l) => ({
        orgId: l.org_id,
        written: formatPercent(l.written ?? 0),
        signed: formatPercent(l.signed),
        toStand: l.to_stand,
      })),
    },
    orgIds: await audienceOf(ctx.db, placement, everyLine),
  });
  return signedSlip(closed, signedLines, result.unplaced);
}

function signedSlip(placement: PlacementRow, lines: LineRow[], unplaced: number): SignedSlip {
  return {
    placement,
    unplaced,
    lines: lines
      .filter((l) => (l.signed ?? 0) > 0)
      .map((l) => ({
        orgId: l.org_id,
        name: l.name_zh ?? '',
        lead: l.org_id === placement.lead_org_id,
        written: l.written ?? 0,
        signed: l.signed ?? 0,
        facultative: l.facultative,
      })),
  };
}

export async function markPlacementBound(ctx: Ctx, placement: PlacementRow): Promise<void> {
  await updatePlacement(ctx.db, placement.id, {
    status: 'bound',
    writtenTotal: placement.written_total,
    unplaced: placement.unplaced,
    closedAt: placement.closed_at ?? ctx.now,
    at: ctx.now,
  });
}

// ---- pools at bind --------------------------------------------------------------------------------

/** Takes the pool's capacity for a policy (the pool row locked): per risk and in aggregate. */
export async function takePoolCapacity(ctx: Ctx, poolCode: string, sumInsured: bigint): Promise<void> {
  const pool = await findPool(ctx.db, poolCode, true);
  if (!pool) throw problem('pool.not_found');
  if (sumInsured > pool.capacity_per_risk) {
    throw problem('pool.capacity_per_risk', {
      params: { sumInsured: formatYuan(sumInsured), capacity: formatYuan(pool.capacity_per_risk) },
    });
  }
  if (pool.aggregate_used + sumInsured > pool.capacity_aggregate) {
    throw problem('pool.capacity_aggregate', {
      params: { used: formatYuan(pool.aggregate_used), capacity: formatYuan(pool.capacity_aggregate) },
    });
  }
  await addPoolUse(ctx.db, poolCode, sumInsured);
}

export async function releasePoolCapacity(ctx: Ctx, poolCode: string, sumInsured: bigint): Promise<void> {
  await addPoolUse(ctx.db, poolCode, -sumInsured);
}

// ---- reinsurance at bind ---------------------------------------------------------------------------

export interface ParticipantCessions {
  orgId: string;
  cessions: (Cession & { orgId: string })[];
  netSumInsured: bigint;
  netPremium: bigint;
  retentionLimit: bigint | null;
}

function treatyOf(row: TreatyRow): Treaty | null {
  switch (row.kind) {
    case 'quota_share':
      return {
        id: row.id,
        kind: 'quota_share',
        reinsurer: row.reinsurer,
        cededShare: row.ceded_share ?? 0,
        commissionRate: row.commission_rate,
      };
    case 'surplus':
      return {
        id: row.id,
        kind: 'surplus',
        reinsurer: row.reinsurer,
        retention: row.retention ?? 0n,
        lines: row.lines ?? 0,
        commissionRate: row.commission_rate,
      };
    case 'excess_of_loss':
      return {
        id: row.id,
        kind: 'excess_of_loss',
        reinsurer: row.reinsurer,
        attachment: row.attachment ?? 0n,
        limit: row.layer_limit ?? 0n,
      };
    case 'cat_excess_of_loss':
    case 'stop_loss':
      return null;
  }
}

/**
 * The treaties that recover an insurer's part of a claim, in inuring order: the proportional
 * ones the policy ceded to at bind (cessionTreatyIds), and the excess-of-loss, catastrophe and stop-loss
 * treaties in force on the loss date (losses occurring) covering the class; per-risk treaties in priority
 * order first, then catastrophe layers, then stop-loss. A stop-loss is measured on the insurer's net
 * retained premium of the accident year.
 */
export async function treatiesForRecovery(
  db: Queryable,
  orgId: string,
  input: { statisticalClass: string; lossDate: string; year: number; cessionTreatyIds: readonly string[] },
): Promise<RecoveryTreaty[]> {
  const rows = await treatiesOf(db, [orgId]);
  const out: RecoveryTreaty[] = [];
  for (const t of rows) {
    if (t.kind === 'quota_share' || t.kind === 'surplus') {
      if (input.cessionTreatyIds.includes(t.id)) out.push({ id: t.id, kind: t.kind, reinsurer: t.reinsurer });
      continue;
    }
    if (!inForce(t, input.lossDate) || (t.classes !== null && !t.classes.includes(input.statisticalClass)))
      continue;
    if (t.kind === 'stop_loss') {
      out.push({
        id: t.id,
        kind: 'stop_loss',
        reinsurer: t.reinsurer,
        attachmentRatio: t.attachment_ratio ?? '0',
        limitRatio: t.limit_ratio ?? '0',
        premiumBase: await netRetainedPremium(db, orgId, input.year),
        accidentYear: input.year,
      });
    } else {
      out.push({
        id: t.id,
        kind: t.kind === 'excess_of_loss' ? 'per_risk_xol' : 'cat_xol',
        reinsurer: t.reinsurer,
        attachment: t.attachment ?? 0n,
        limit: t.layer_limit ?? 0n,
      });
    }
  }
  // Per-risk cover inures first, then the per-event layers, then the year's stop-loss (priority within each).
  const stage = (t: RecoveryTreaty) => (t.kind === 'cat_xol' ? 1 : t.kind === 'stop_loss' ? 2 : 0);
  return out
    .map((t, i) => ({ t, i }))
    .sort((a, b) => stage(a.t) - stage(b.t) || a.i - b.i)
    .map(({ t }) => t);
}

const inForce = (t: TreatyRow, date: string) =>
  compareDates(t.effective_from as never, date as never) <= 0 &&
  (t.effective_to === null || compareDates(date as never, t.effective_to as never) < 0);

/**
 * Each participant's cessions for its gross share (facultative first, then its treaties in priority
 * order, those in force on the start date and covering the class), and the art. 103 check: a net
 * retention above the insurer's limit refuses the bind with `bind.retention_exceeded`. An insurer without
 * a recorded capital figure is checked against 10 % of its registered capital; with neither, not at all.
 */
export async function cessionsAtBind(
  ctx: Ctx,
  input: {
    statisticalClass: string;
    startDate: string;
    participants: readonly {
      orgId: string;
      sumInsured: bigint;
      premium: bigint;
      facultative: Facultative[];
    }[];
  },
): Promise<ParticipantCessions[]> {
  const orgIds = input.participants.map((p) => p.orgId);
  const treaties = await treatiesOf(ctx.db, orgIds);
  const capacities = new Map((await capacitiesOf(ctx.db, orgIds)).map((c) => [c.org_id, c]));
  return input.participants.map((p) => {
    const own = treaties
      .filter(
        (t) =>
          t.insurer_org_id === p.orgId &&
          inForce(t, input.startDate) &&
          (t.classes === null || t.classes.includes(input.statisticalClass)),
      )
      .map(treatyOf)
      .filter((t): t is Treaty => t !== null);
    const result = computeCessions({
      sumInsured: p.sumInsured,
      premium: p.premium,
      treaties: own,
      facultative: p.facultative,
    });
    const limit = refuseOverRetention(capacities.get(p.orgId), p.orgId, result.netSumInsured);
    return {
      orgId: p.orgId,
      cessions: result.cessions.map((c) => ({ ...c, orgId: p.orgId })),
      netSumInsured: result.netSumInsured,
      netPremium: result.netPremium,
      retentionLimit: limit,
    };
  });
}

// ---- administration: pools, treaties, capacity ---------------------------------------------------

export interface PoolInput {
  code: string;
  nameZh: string;
  nameEn: string;
  capacityPerRisk: bigint;
  capacityAggregate: bigint;
  effectiveFrom: string;
  members: { orgId: string; share: number; lead: boolean }[];
}

const fieldError = (path: string, zh: string, en: string) =>
  problem('request.invalid', { errors: [{ path, code: 'pool.members', message_zh: zh, message_en: en }] });

export async function createPool(ctx: Ctx, input: PoolInput): Promise<PoolRow> {
  if (await findPool(ctx.db, input.code)) {
    throw fieldError('/body/code', '共保体代码已存在', 'A pool with this code exists');
  }
  const total = input.members.reduce((s, m) => s + m.share, 0);
  if (total !== WHOLE) {
    throw fieldError(
      '/body/members',
      `成员默认份额合计须为 100%（现为 ${formatPercent(total)}%）`,
      `Default shares must add up to 100% (they add up to ${formatPercent(total)}%)`,
    );
  }
  if (input.members.filter((m) => m.lead).length !== 1) {
    throw fieldError('/body/members', '共保体须有且仅有一个主承保人', 'A pool has exactly one lead');
  }
  const kinds = await insurerNames(
    ctx.db,
    input.members.map((m) => m.orgId),
  );
  if (
    input.members.some((m) => kinds.get(m.orgId)?.kind !== 'insurer') ||
    kinds.size !== input.members.length
  ) {
    throw fieldError('/body/members', '成员必须是不同的保险公司', 'Members must be distinct insurers');
  }
  const pool: PoolRow = {
    code: input.code,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    capacity_per_risk: input.capacityPerRisk,
    capacity_aggregate: input.capacityAggregate,
    aggregate_used: 0n,
    effective_from: input.effectiveFrom,
    effective_to: null,
    created_at: ctx.now,
  };
  await insertPool(ctx.db, pool);
  for (const m of input.members) {
    await insertPoolMember(ctx.db, { poolCode: input.code, ...m, joinedOn: input.effectiveFrom });
  }
  ctx.audit({ action: 'pool.create', entityType: 'pool', entityId: input.code, after: input });
  ctx.emit({
    type: 'pool.created',
    aggregateType: 'pool',
    aggregateId: input.code,
    payload: { code: input.code },
    orgIds: input.members.map((m) => m.orgId),
  });
  return pool;
}

/** Admits a member from a date with a default share; later placements use the new shares (re-scaled). */
export async function admitPoolMember(
  ctx: Ctx,
  code: string,
  member: { orgId: string; share: number; joinedOn: string },
): Promise<void> {
  const pool = await findPool(ctx.db, code, true);
  if (!pool) throw problem('pool.not_found');
  const members = await poolMembers(ctx.db, code);
  if (members.some((m) => m.org_id === member.orgId && m.left_on === null))
    throw problem('pool.member_exists');
  const kinds = await insurerNames(ctx.db, [member.orgId]);
  if (kinds.get(member.orgId)?.kind !== 'insurer') {
    throw fieldError('/body/orgId', '成员必须是保险公司', 'Members must be insurers');
  }
  await insertPoolMember(ctx.db, {
    poolCode: code,
    orgId: member.orgId,
    share: member.share,
    lead: false,
    joinedOn: member.joinedOn,
  });
  ctx.audit({ action: 'pool.admit', entityType: 'pool', entityId: code, after: member });
  ctx.emit({
    type: 'pool.member_admitted',
    aggregateType: 'pool',
    aggregateId: code,
    payload: { code, orgId: member.orgId, share: formatPercent(member.share), joinedOn: member.joinedOn },
    orgIds: [...members.map((m) => m.org_id), member.orgId],
  });
}

export async function exitPoolMember(ctx: Ctx, code: string, orgId: string, leftOn: string): Promise<void> {
  const pool = await findPool(ctx.db, code, true);
  if (!pool) throw problem('pool.not_found');
  const members = await poolMembers(ctx.db, code);
  const member = members.find((m) => m.org_id === orgId && m.left_on === null);
  if (!member) throw problem('pool.member_not_found');
  if (member.lead)
    throw fieldError('/params/orgId', '主承保人不能退出，请先变更主承保人', 'The lead cannot leave');
  if (compareDates(leftOn as never, member.joined_on as never) <= 0) {
    throw fieldError('/body/leftOn', '退出日期须晚于加入日期', 'The exit date must follow the joining date');
  }
  await endPoolMembership(ctx.db, code, orgId, leftOn);
  ctx.audit({
    action: 'pool.exit',
    entityType: 'pool',
    entityId: code,
    before: { orgId },
    after: { leftOn },
  });
  ctx.emit({
    type: 'pool.member_exited',
    aggregateType: 'pool',
    aggregateId: code,
    payload: { code, orgId, leftOn },
    orgIds: members.map((m) => m.org_id),
  });
}

export interface TreatyInput {
  name: string;
  kind: TreatyRow['kind'];
  reinsurer: string;
  cededShare?: number | undefined;
  retention?: bigint | undefined;
  lines?: number | undefined;
  attachment?: bigint | undefined;
  limit?: bigint | undefined;
  attachmentRatio?: string | undefined;
  limitRatio?: string | undefined;
  commissionRate?: string | undefined;
  classes?: string[] | undefined;
  priority: number;
  effectiveFrom: string;
  effectiveTo?: string | undefined;
}

export async function addTreaty(ctx: Ctx, input: TreatyInput): Promise<TreatyRow> {
  const missing =
    input.kind === 'quota_share'
      ? input.cededShare === undefined && 'cededShare'
      : input.kind === 'surplus'
        ? (input.retention === undefined && 'retention') || (input.lines === undefined && 'lines')
        : input.kind === 'stop_loss'
          ? (input.attachmentRatio === undefined && 'attachmentRatio') ||
            (input.limitRatio === undefined && 'limitRatio')
          : (input.attachment === undefined && 'attachment') || (input.limit === undefined && 'limit');
  if (missing)
    throw problem('treaty.invalid', {
      params: { detail: missing },
      errors: [
        {
          path: `/body/${missing}`,
          code: 'treaty.invalid',
          message_zh: `${input.kind} 合约须填写 ${missing}`,
          message_en: `A ${input.kind} treaty needs ${missing}`,
        },
      ],
    });
  const layered = input.kind === 'excess_of_loss' || input.kind === 'cat_excess_of_loss';
  const row: TreatyRow = {
    id: newId(),
    insurer_org_id: ctx.actor.orgId as string,
    name: input.name,
    kind: input.kind,
    reinsurer: input.reinsurer,
    ceded_share: input.kind === 'quota_share' ? (input.cededShare ?? null) : null,
    retention: input.kind === 'surplus' ? (input.retention ?? null) : null,
    lines: input.kind === 'surplus' ? (input.lines ?? null) : null,
    attachment: layered ? (input.attachment ?? null) : null,
    layer_limit: layered ? (input.limit ?? null) : null,
    attachment_ratio: input.kind === 'stop_loss' ? (input.attachmentRatio ?? null) : null,
    limit_ratio: input.kind === 'stop_loss' ? (input.limitRatio ?? null) : null,
    commission_rate: input.commissionRate ?? '0',
    classes: input.classes && input.classes.length > 0 ? input.classes : null,
    priority: input.priority,
    effective_from: input.effectiveFrom,
    effective_to: input.effectiveTo ?? null,
    created_at: ctx.now,
  };
  await insertTreaty(ctx.db, row);
  ctx.audit({ action: 'treaty.create', entityType: 'reinsurance_treaty', entityId: row.id, after: input });
  return row;
}

export async function endTreatyOn(ctx: Ctx, id: string, effectiveTo: string): Promise<TreatyRow> {
  const row = await endTreaty(ctx.db, ctx.actor.orgId as string, id, effectiveTo);
  if (!row) throw problem('request.not_found');
  ctx.audit({ action: 'treaty.end', entityType: 'reinsurance_treaty', entityId: id, after: { effectiveTo } });
  return row;
}

export async function setCapacity(
  ctx: Ctx,
  input: { capitalAndReserves: bigint; retentionRatio: string },
): Promise<{ retentionLimit: bigint }> {
  const limit = retentionLimit(input.capitalAndReserves, input.retentionRatio);
  await upsertCapacity(ctx.db, {
    org_id: ctx.actor.orgId as string,
    capital_and_reserves: input.capitalAndReserves,
    retention_ratio: input.retentionRatio,
    retention_limit: limit,
    updated_at: ctx.now,
  });
  ctx.audit({
    action: 'capacity.set',
    entityType: 'organisation',
    entityId: ctx.actor.orgId as string,
    after: { ...input, retentionLimit: limit },
  });
  return { retentionLimit: limit };
}

/** Today in Shanghai, for pool membership and treaty dates chosen without one. */
export const todayOf = (ctx: Ctx) => shanghaiDateOf(ctx.now);

export const canSeeAllPlacements = (ctx: Ctx) => can(ctx.actor, Permission.PolicyReadAll);

/** The pool's lead on a date (who prices and underwrites for it), or null when it has none. */
export async function poolLeadOn(db: Queryable, code: string, date: string): Promise<string | null> {
  const members = await poolMembers(db, code);
  const active = poolSharesOn(
    members.map((m) => ({
      orgId: m.org_id,
      share: m.share,
      lead: m.lead,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
    date,
  );
  return active.find((m) => m.lead)?.orgId ?? null;
}

/** The placement opened for a quote, if it was accepted. */
export async function placementIdOfQuote(db: Queryable, quoteId: string): Promise<string | null> {
  return (await findPlacementByQuote(db, quoteId))?.id ?? null;
}

/**
 * The lines of a policy placed without a slip (a group purchase of a standard package): the writer at
 * 100 %, or a pool's members by their default shares on the start date.
 */
export async function standingLines(
  db: Queryable,
  writer: { orgId: string | null; poolCode: string | null },
  startDate: string,
): Promise<{ orgId: string; share: number; lead: boolean }[]> {
  if (!writer.poolCode) return writer.orgId ? [{ orgId: writer.orgId, share: WHOLE, lead: true }] : [];
  const members = await poolMembers(db, writer.poolCode);
  return poolSharesOn(
    members.map((m) => ({
      orgId: m.org_id,
      share: m.share,
      lead: m.lead,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
    startDate,
  );
}

/** Art. 103 for one participant's net retention after a change (an endorsement raising the sum insured). */
export async function checkNetRetention(ctx: Ctx, orgId: string, netSumInsured: bigint): Promise<void> {
  refuseOverRetention((await capacitiesOf(ctx.db, [orgId]))[0], orgId, netSumInsured);
}

type Capacity = Awaited<ReturnType<typeof capacitiesOf>>[number];

/** The participant's per-risk limit (recorded, or 10 % of registered capital, or none); refuses a net above it. */
function refuseOverRetention(capacity: Capacity | undefined, orgId: string, net: bigint): bigint | null {
  const limit =
    capacity?.retention_limit ??
    (capacity?.registered_capital ? retentionLimit(capacity.registered_capital) : null);
  if (limit !== null && retentionExcess(net, limit) > 0n) {
    throw problem('bind.retention_exceeded', {
      params: { insurer: capacity?.name_zh ?? orgId, net: formatYuan(net), limit: formatYuan(limit) },
    });
  }
  return limit;
}
