import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '@kebao/db';
import { formatYuan, parseYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { formatPercent, parsePercent, retentionLimit } from '@kebao/domain/placement';
import { Type } from 'typebox';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { Page, problemResponses } from '../../platform/http/schemas.ts';
import {
  AdmitBody,
  CapacityBody,
  CapacityView,
  CodeParams,
  CollectionModeBody,
  DeclineBody,
  EndTreatyBody,
  ExitBody,
  FacultativeBody,
  IdParams,
  InsurerView,
  InviteBody,
  LineBody,
  MemberParams,
  PlacementListQuery,
  PlacementSummary,
  PlacementView,
  PoolBody,
  PoolView,
  TreatyBody,
  TreatyView,
} from '../policy/schemas.ts';
import {
  capacitiesOf,
  findPlacement,
  findPlacementByQuote,
  findPool,
  insurerNames,
  listInsurers,
  listPlacements,
  listPools,
  type PlacementRow,
  type PoolRow,
  placementLines,
  placementQuoteInfo,
  poolMembers,
  type TreatyRow,
  treatiesOf,
} from './repo.ts';
import {
  addTreaty,
  admitPoolMember,
  changeCollectionMode,
  closePlacement,
  createPool,
  declineLine,
  endTreatyOn,
  exitPoolMember,
  inviteFollowers,
  setCapacity,
  setFacultative,
  writeLine,
} from './service.ts';

const tags = ['placement'];

async function presentPlacement(db: Queryable, actor: Actor, placement: PlacementRow) {
  const lines = await placementLines(db, placement.id);
  const watchers = (placement.terms as { watchers?: string[] }).watchers ?? [];
  const all = can(actor, Permission.PolicyReadAll);
  const mine = lines.find((l) => l.org_id === actor.orgId);
  const visible =
    all ||
    placement.lead_org_id === actor.orgId ||
    mine !== undefined ||
    (actor.orgId !== null && watchers.includes(actor.orgId));
  if (!visible) throw problem('placement.not_found');
  const names = await insurerNames(db, [placement.lead_org_id]);
  const { watchers: _w, ...terms } = placement.terms as Record<string, unknown> & { watchers?: string[] };
  const q = await placementQuoteInfo(db, placement.quote_id);
  return {
    id: placement.id,
    quoteId: placement.quote_id,
    quoteNumber: q?.number ?? '',
    enterprise: { id: placement.enterprise_id, name: q?.enterprise_name ?? '' },
    lead: { id: placement.lead_org_id, name: names.get(placement.lead_org_id)?.name ?? '' },
    poolCode: placement.pool_code,
    status: placement.status,
    terms: terms as never,
    collectionMode: placement.collection_mode,
    writtenTotal: formatPercent(placement.written_total),
    unplaced: placement.unplaced === null ? null : formatPercent(placement.unplaced),
    premium: q?.premium == null ? null : formatYuan(q.premium),
    lines: lines.map((l) => ({
      orgId: l.org_id,
      name: l.name_zh ?? '',
      lead: l.org_id === placement.lead_org_id,
      status: l.status,
      written: l.written === null ? null : formatPercent(l.written),
      toStand: l.to_stand,
      signed: l.signed === null ? null : formatPercent(l.signed),
      facultative: l.facultative.map((f) => ({ ...f, cededShare: formatPercent(f.cededShare) })),
      comment: l.comment,
      writtenAt: l.written_at?.toISOString() ?? null,
    })),
    viewer: {
      isLead: placement.lead_org_id === actor.orgId,
      hasLine: mine?.status === 'written',
      invited: mine !== undefined,
    },
    closedAt: placement.closed_at?.toISOString() ?? null,
    createdAt: placement.created_at.toISOString(),
  };
}

async function presentPool(db: Queryable, pool: PoolRow) {
  const members = await poolMembers(db, pool.code);
  return {
    code: pool.code,
    nameZh: pool.name_zh,
    nameEn: pool.name_en,
    capacityPerRisk: formatYuan(pool.capacity_per_risk),
    capacityAggregate: formatYuan(pool.capacity_aggregate),
    aggregateUsed: formatYuan(pool.aggregate_used),
    effectiveFrom: pool.effective_from,
    members: members.map((m) => ({
      orgId: m.org_id,
      name: m.name_zh,
      share: formatPercent(m.share),
      lead: m.lead,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
  };
}

function presentTreaty(t: TreatyRow) {
  const money = (v: bigint | null) => (v === null ? null : formatYuan(v));
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    reinsurer: t.reinsurer,
    cededShare: t.ceded_share === null ? null : formatPercent(t.ceded_share),
    retention: money(t.retention),
    lines: t.lines,
    attachment: money(t.attachment),
    limit: money(t.layer_limit),
    attachmentRatio: t.attachment_ratio,
    limitRatio: t.limit_ratio,
    commissionRate: t.commission_rate,
    classes: t.classes,
    priority: t.priority,
    effectiveFrom: t.effective_from,
    effectiveTo: t.effective_to,
  };
}

/** Placement board (共保安排), pools (共保体), reinsurance treaties and retention (再保). */
export const placementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;
  const board = async (actor: Actor, id: string) => {
    const placement = await findPlacement(pool, id);
    if (!placement) throw problem('placement.not_found');
    return presentPlacement(pool, actor, placement);
  };

  app.get(
    '/api/placements',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary:
          'Placements the caller leads, is invited to, or is the insured of (all with policy.read_all)',
        querystring: PlacementListQuery,
        response: { 200: Page(PlacementSummary), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listPlacements(
        pool,
        { all: can(request.actor, Permission.PolicyReadAll), orgId: request.actor.orgId },
        { limit, offset, status },
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          quoteNumber: r.quote_number,
          enterpriseName: r.enterprise_name,
          leadName: r.lead_name,
          poolCode: r.pool_code,
          status: r.status,
          writtenTotal: formatPercent(r.written_total),
          createdAt: r.created_at.toISOString(),
        })),
        total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/api/placements/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary:
          'The placement board: the lead’s terms and every line (written, signed); follow placement.* events',
        params: IdParams,
        response: { 200: PlacementView, ...problemResponses(401, 404) },
      },
    },
    async (request) => board(request.actor, request.params.id),
  );

  app.put(
    '/api/placements/:id/lines/mine',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Write (or rewrite) own line on an open slip, against the lead’s terms (five sames)',
        params: IdParams,
        body: LineBody,
        response: { 200: PlacementView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { written, toStand = false, terms, comment } = request.body;
      await tx(request.actor, request.id, (ctx) =>
        writeLine(ctx, request.params.id, { written: parsePercent(written), toStand, terms, comment }),
      );
      return board(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/placements/:id/decline',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Decline an invitation (withdraws own line)',
        params: IdParams,
        body: DeclineBody,
        response: { 200: PlacementView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        declineLine(ctx, request.params.id, request.body.comment ?? null),
      );
      return board(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/placements/:id/invitations',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Invite other insurers to follow (the lead)',
        params: IdParams,
        body: InviteBody,
        response: { 200: PlacementView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        inviteFollowers(ctx, request.params.id, request.body.orgIds),
      );
      return board(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/placements/:id/close',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary:
          'Close the slip (the lead): lines signed down to 100 %, lines to stand untouched, every party told',
        params: IdParams,
        response: { 200: PlacementView, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => closePlacement(ctx, request.params.id, true));
      return board(request.actor, request.params.id);
    },
  );

  app.put(
    '/api/placements/:id/collection-mode',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Premium collection: lead_collects (主代从收) or each_collects (各收各份额) — the lead',
        params: IdParams,
        body: CollectionModeBody,
        response: { 200: PlacementView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        changeCollectionMode(ctx, request.params.id, request.body.mode),
      );
      return board(request.actor, request.params.id);
    },
  );

  app.put(
    '/api/placements/:id/facultative',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Facultative reinsurance (临分) for own line, applied at bind before treaties',
        params: IdParams,
        body: FacultativeBody,
        response: { 200: PlacementView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const facultative = request.body.facultative.map((f) => ({
        reinsurer: f.reinsurer,
        cededShare: parsePercent(f.cededShare),
        commissionRate: f.commissionRate ?? '0',
      }));
      await tx(request.actor, request.id, (ctx) => setFacultative(ctx, request.params.id, facultative));
      return board(request.actor, request.params.id);
    },
  );

  app.get(
    '/api/insurers',
    {
      config: { access: Permission.PlacementWrite },
      schema: {
        tags,
        summary: 'Insurers on the platform (to invite as followers)',
        response: { 200: Type.Array(InsurerView), ...problemResponses(401, 403) },
      },
    },
    async () => (await listInsurers(pool)).map((o) => ({ id: o.id, name: o.name_zh, nameEn: o.name_en })),
  );

  // ---- pools ----
  app.get(
    '/api/pools',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Standing co-insurance pools (共保体) with members, default shares and capacity',
        response: { 200: Type.Array(PoolView), ...problemResponses(401) },
      },
    },
    async () => Promise.all((await listPools(pool)).map((p) => presentPool(pool, p))),
  );

  app.get(
    '/api/pools/:code',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'One pool',
        params: CodeParams,
        response: { 200: PoolView, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const found = await findPool(pool, request.params.code);
      if (!found) throw problem('pool.not_found');
      return presentPool(pool, found);
    },
  );

  app.post(
    '/api/pools',
    {
      config: { access: Permission.PoolManage },
      schema: {
        tags,
        summary: 'Create a pool: members with default shares summing to 100 %, one lead, capacity',
        body: PoolBody,
        response: { 201: PoolView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await tx(request.actor, request.id, (ctx) =>
        createPool(ctx, {
          code: b.code,
          nameZh: b.nameZh,
          nameEn: b.nameEn,
          capacityPerRisk: parseYuan(b.capacityPerRisk),
          capacityAggregate: parseYuan(b.capacityAggregate),
          effectiveFrom: b.effectiveFrom,
          members: b.members.map((m) => ({
            orgId: m.orgId,
            share: parsePercent(m.share),
            lead: m.lead ?? false,
          })),
        }),
      );
      return reply.code(201).send(await presentPool(pool, created));
    },
  );

  app.post(
    '/api/pools/:code/members',
    {
      config: { access: Permission.PoolManage },
      schema: {
        tags,
        summary: 'Admit a member from a date (later placements re-scale the default shares)',
        params: CodeParams,
        body: AdmitBody,
        response: { 200: PoolView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { orgId, share, joinedOn } = request.body;
      await tx(request.actor, request.id, (ctx) =>
        admitPoolMember(ctx, request.params.code, { orgId, share: parsePercent(share), joinedOn }),
      );
      return presentPool(pool, (await findPool(pool, request.params.code)) as PoolRow);
    },
  );

  app.post(
    '/api/pools/:code/members/:orgId/exit',
    {
      config: { access: Permission.PoolManage },
      schema: {
        tags,
        summary: 'A member leaves the pool from a date (policies already written keep their lines)',
        params: MemberParams,
        body: ExitBody,
        response: { 200: PoolView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        exitPoolMember(ctx, request.params.code, request.params.orgId, request.body.leftOn),
      );
      return presentPool(pool, (await findPool(pool, request.params.code)) as PoolRow);
    },
  );

  // ---- reinsurance ----
  app.get(
    '/api/reinsurance/treaties',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary: "Own company's treaties, in inuring (priority) order",
        response: { 200: Type.Array(TreatyView), ...problemResponses(401, 403) },
      },
    },
    async (request) => (await treatiesOf(pool, [request.actor.orgId as string])).map(presentTreaty),
  );

  app.post(
    '/api/reinsurance/treaties',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary:
          'Add a treaty: quota share, surplus (retention, lines), or one that only recovers claims: per-risk excess of loss, catastrophe excess of loss per event (attachment, limit), stop-loss (attachmentRatio, limitRatio of the year’s net retained premium)',
        body: TreatyBody,
        response: { 201: TreatyView, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const money = (v: string | undefined) => (v === undefined ? undefined : parseYuan(v));
      const row = await tx(request.actor, request.id, (ctx) =>
        addTreaty(ctx, {
          ...b,
          cededShare: b.cededShare === undefined ? undefined : parsePercent(b.cededShare),
          retention: money(b.retention),
          attachment: money(b.attachment),
          limit: money(b.limit),
        }),
      );
      return reply.code(201).send(presentTreaty(row));
    },
  );

  app.post(
    '/api/reinsurance/treaties/:id/end',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary: 'End a treaty from a date (binds from then on no longer cede to it)',
        params: IdParams,
        body: EndTreatyBody,
        response: { 200: TreatyView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentTreaty(
        await tx(request.actor, request.id, (ctx) =>
          endTreatyOn(ctx, request.params.id, request.body.effectiveTo),
        ),
      ),
  );

  const capacityView = async (orgId: string) => {
    const c = (await capacitiesOf(pool, [orgId]))[0];
    if (c?.retention_limit != null) {
      return {
        capitalAndReserves: formatYuan(c.capital_and_reserves),
        retentionRatio: c.retention_ratio,
        retentionLimit: formatYuan(c.retention_limit),
        source: 'recorded',
      };
    }
    if (c?.registered_capital) {
      return {
        capitalAndReserves: formatYuan(c.registered_capital),
        retentionRatio: '0.10',
        retentionLimit: formatYuan(retentionLimit(c.registered_capital)),
        source: 'registered_capital',
      };
    }
    return { capitalAndReserves: null, retentionRatio: null, retentionLimit: null, source: 'none' };
  };

  app.get(
    '/api/reinsurance/capacity',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary: 'Own per-risk retention limit (art. 103: 10 % of paid-in capital + reserves)',
        response: { 200: CapacityView, ...problemResponses(401, 403) },
      },
    },
    async (request) => capacityView(request.actor.orgId as string),
  );

  app.put(
    '/api/reinsurance/capacity',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary:
          'Record capital + reserves (and the ratio, 0.10 by law): the retention limit checked at bind',
        body: CapacityBody,
        response: { 200: CapacityView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        setCapacity(ctx, {
          capitalAndReserves: parseYuan(request.body.capitalAndReserves),
          retentionRatio: request.body.retentionRatio ?? '0.10',
        }),
      );
      return capacityView(request.actor.orgId as string);
    },
  );

  // Quick check used by the web: a quote's placement id (the insured follows its slip).
  app.get(
    '/api/quotes/:id/placement',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The placement of an accepted quote',
        params: IdParams,
        response: { 200: PlacementView, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const placement = await findPlacementByQuote(pool, request.params.id);
      if (!placement) throw problem('placement.not_found');
      return presentPlacement(pool, request.actor, placement);
    },
  );
};
