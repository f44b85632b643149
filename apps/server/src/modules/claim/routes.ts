import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { claimTracking, currencyMinorUnits, type ClaimStatus as DomainStatus } from '@kebao/domain/claims';
import { claimParts } from '@kebao/domain/ledger';
import { formatYuan, parseYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { formatPercent } from '@kebao/domain/placement';
import { shanghaiDateOf } from '@kebao/domain/time';
import { type Static, type TSchema, Type } from 'typebox';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import {
  CalendarDate,
  IdempotencyHeaders,
  Page,
  problemResponses,
  Uuid,
} from '../../platform/http/schemas.ts';
import { UPLOAD_MAX_BYTES, UPLOAD_TYPES, uploadFilename } from '../../platform/http/uploads.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { policyForClaim } from '../policy/service.ts';
import { mediateDispute, openDispute } from './dispute-service.ts';
import {
  addExpert,
  assignExpert,
  assignQuoteExpert,
  changeAvailability,
  submitReport,
} from './expert-service.ts';
import { readObservationCsv } from './observation-csv.ts';
import { importObservations } from './parametric-service.ts';
import {
  type AssignmentRow,
  assignmentsOf,
  assignmentsOfExpert,
  assignmentsOfQuote,
  type ClaimListRow,
  type ClaimScope,
  claimSummary,
  type DisputeListRow,
  type DisputeRow,
  disputesOf,
  documentContent,
  documentsOf,
  type ExpertRow,
  expertOfUser,
  findVisibleClaim,
  listClaims,
  listDisputes,
  listEvents,
  listExperts,
  quoteInsurerOf,
  recoveriesOf,
  stepsOf,
} from './repo.ts';
import { reservingReport, treatyBordereau } from './reserving-service.ts';
import {
  ApproveBody,
  AssignBody,
  AssignmentView,
  BordereauView,
  ClaimDetail,
  ClaimListQuery,
  ClaimSummary,
  ClaimSummaryView,
  DeclineBody,
  DisputeBody,
  DisputeView,
  EventBody,
  EventLinkBody,
  EventView,
  ExpertBody,
  ExpertView,
  FileClaimBody,
  IdParams,
  MediationBody,
  NoteBody,
  ObservationImportAnswer,
  ObservationImportBody,
  PayBody,
  ReopenBody,
  ReportBody,
  ReserveBody,
  ReservingView,
} from './schemas.ts';
import {
  adjustReserve,
  approveClaim,
  closeClaim,
  createEvent,
  declineClaim,
  fileClaim,
  linkEvent,
  payClaim,
  registerClaim,
  reopenClaim,
  uploadDocument,
  withdrawClaim,
} from './service.ts';

const tags = ['claims'];

/** The documents a claim on notice needs (索赔材料清单); an expert report and others may be added. */
export const REQUIRED_DOCUMENTS = [
  { kind: 'loss_notice', names: { zh: '出险通知书', en: 'Notice of loss' } },
  {
    kind: 'loss_evidence',
    names: {
      zh: '损失证明材料（照片、检测或事故报告）',
      en: 'Evidence of the loss (photos, test or incident report)',
    },
  },
  {
    kind: 'loss_list',
    names: { zh: '损失清单及金额依据（发票、合同）', en: 'List of losses with invoices or contracts' },
  },
  { kind: 'bank_account', names: { zh: '收款账户证明', en: 'Payee bank account' } },
] as const;
const FX_DOCUMENT = {
  kind: 'fx_proof',
  names: { zh: '外币金额及汇率证明', en: 'Proof of the foreign amount and rate' },
};

const money = (v: bigint | null) => (v === null ? null : formatYuan(v));

function presentSummary(row: ClaimListRow, now: Date) {
  const info = claimTracking(row.status as DomainStatus, shanghaiDateOf(row.status_since));
  return {
    id: row.id,
    number: row.number,
    policy: { id: row.policy_id, number: row.policy_number },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    lead: { id: row.lead_org_id, name: row.lead_name },
    product: { code: row.product_code, name: row.product_name_zh },
    sectionKey: row.section_key,
    sectionName: row.section_names ?? { zh: row.section_key, en: row.section_key },
    source: row.source,
    status: row.status,
    statusLabel: info.label,
    lossDate: row.loss_date,
    reportedOn: row.reported_on,
    currency: row.currency,
    claimedForeign: row.claimed_foreign === null ? null : majorUnits(row.claimed_foreign, row.currency),
    claimRate: row.claim_rate,
    paidRate: row.paid_rate,
    claimed: formatYuan(row.claimed),
    deductible: formatYuan(row.deductible),
    payable: formatYuan(row.payable),
    reserve: formatYuan(row.reserve),
    paid: formatYuan(row.paid),
    incurred: formatYuan(row.paid + row.reserve),
    agreed: money(row.agreed),
    event: row.event_code,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    overdue: row.due_at !== null && row.due_at < now,
    createdAt: row.created_at.toISOString(),
  };
}

function presentAssignment(
  a: AssignmentRow & { claim_number?: string | null; quote_number?: string | null },
) {
  return {
    id: a.id,
    expert: { id: a.expert_id, name: a.expert_name ?? '', employer: a.expert_employer ?? '' },
    claim: a.claim_id ? { id: a.claim_id, number: a.claim_number ?? '' } : null,
    quote: a.quote_id ? { id: a.quote_id, number: a.quote_number ?? '' } : null,
    purpose: a.purpose,
    method: a.method,
    status: a.status,
    fee: formatYuan(a.fee),
    report: a.report,
    reportAmount: money(a.report_amount),
    assignedAt: a.assigned_at.toISOString(),
    reportedAt: a.reported_at ? a.reported_at.toISOString() : null,
  };
}

function presentDispute(d: DisputeRow | DisputeListRow, claimNumber?: string) {
  return {
    id: d.id,
    claim: { id: d.claim_id, number: 'claim_number' in d ? d.claim_number : (claimNumber ?? '') },
    ...('enterprise_name' in d ? { enterprise: d.enterprise_name, lead: d.lead_name } : {}),
    status: d.status,
    grounds: d.grounds,
    askedAmount: money(d.asked_amount),
    mediator: d.mediator,
    hearings: d.hearings,
    outcome: d.outcome,
    settledAmount: money(d.settled_amount),
    respondBy: d.respond_by,
    openedAt: d.opened_at.toISOString(),
    closedAt: d.closed_at ? d.closed_at.toISOString() : null,
  };
}

function presentExpert(e: ExpertRow) {
  return {
    id: e.id,
    name: e.name,
    employer: e.employer,
    fields: e.fields,
    qualifications: e.qualifications,
    regionCode: e.region_code,
    available: e.available,
    lastAssignedAt: e.last_assigned_at ? e.last_assigned_at.toISOString() : null,
  };
}

function amountOf(text: string, path: string, allowZero = true): bigint {
  const fen = parseYuan(text);
  if (fen < 0n || (!allowZero && fen === 0n)) {
    throw problem('request.invalid', {
      errors: [
        {
          path,
          code: 'amount',
          message_zh: allowZero ? '金额不能为负' : '金额须大于 0',
          message_en: allowZero ? 'The amount cannot be negative' : 'The amount must be above 0',
        },
      ],
    });
  }
  return fen;
}

/** Claims, documents, the lead's desk, loss events, index observations, the expert pool and disputes. */
export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx, hub } = app.kebao;
  const cache = new CatalogCache(pool, hub);
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    [...UPLOAD_TYPES],
    { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  const scopeOf = (actor: Actor): ClaimScope => ({
    all: can(actor, Permission.ClaimReadAll),
    orgId: actor.orgId,
    userId: actor.userId,
  });

  async function visible(actor: Actor, id: string) {
    const row = await findVisibleClaim(pool, scopeOf(actor), id);
    if (!row) throw problem('claim.not_found');
    return row;
  }

  async function detail(actor: Actor, id: string) {
    const row = await visible(actor, id);
    const found = await policyForClaim(pool, row.policy_id);
    const documents = await documentsOf(pool, id);
    const uploaded = new Set(documents.map((d) => d.kind));
    // Documents are asked for until the claim is agreed (核赔); after that nothing is missing.
    const needed =
      row.source === 'notice' && ['notified', 'assessing', 'reserved', 'reopened'].includes(row.status);
    const checklist = row.currency === 'CNY' ? [...REQUIRED_DOCUMENTS] : [...REQUIRED_DOCUMENTS, FX_DOCUMENT];
    const lines = found?.lines ?? [];
    const participants = lines.map((l) => ({ orgId: l.org_id, lead: l.role === 'lead', share: l.share }));
    const incurredParts = claimParts(participants, row.paid + row.reserve);
    const paidParts = claimParts(participants, row.paid);
    const isInsurer = lines.some((l) => l.org_id === actor.orgId);
    const seesRecoveries = can(actor, Permission.ClaimReadAll) || isInsurer;
    const recoveries = seesRecoveries
      ? (await recoveriesOf(pool, [id])).filter(
          (r) => can(actor, Permission.ClaimReadAll) || r.org_id === actor.orgId,
        )
      : [];
    const tracking = claimTracking(row.status as DomainStatus, shanghaiDateOf(row.status_since));
    const names = new Map(lines.map((l) => [l.org_id, l.name_zh ?? '']));
    return {
      ...presentSummary(row, new Date()),
      description: row.description,
      coverage: row.coverage,
      decline: (row.decline as never) ?? null,
      tracking: {
        label: tracking.label,
        waitingFor: tracking.waitingFor,
        basis: tracking.basis,
        due: row.due_at ? shanghaiDateOf(new Date(row.due_at.getTime() - 1)) : null,
        next: tracking.next,
        missing: needed ? checklist.filter((c) => !uploaded.has(c.kind)) : [],
      },
      timeline: (await stepsOf(pool, id)).map((s) => ({
        seq: s.seq,
        action: s.action,
        from: s.from_status,
        to: s.to_status,
        amount: money(s.amount),
        note: s.note,
        actor: s.actor_name ?? null,
        at: s.at.toISOString(),
      })),
      documents: documents.map((d) => ({
        id: d.id,
        kind: d.kind,
        filename: d.filename,
        contentType: d.content_type,
        size: d.size,
        sha256: d.sha256,
        uploadedAt: d.uploaded_at.toISOString(),
      })),
      shares: lines.map((l, i) => ({
        orgId: l.org_id,
        name: names.get(l.org_id) ?? '',
        role: l.role,
        share: formatPercent(l.share),
        incurred: formatYuan(incurredParts[i]?.amount ?? 0n),
        paid: formatYuan(paidParts[i]?.amount ?? 0n),
      })),
      collectionMode: found?.policy.collection_mode ?? 'lead_collects',
      recoveries: recoveries.map((r) => ({
        orgId: r.org_id,
        kind: r.kind,
        reinsurer: r.reinsurer,
        treatyId: r.treaty_id,
        amount: formatYuan(r.amount),
      })),
      experts: (await assignmentsOf(pool, id)).map(presentAssignment),
      disputes: (await disputesOf(pool, id)).map((d) => presentDispute(d, row.number)),
      canHandle: can(actor, Permission.ClaimHandle) && row.lead_org_id === actor.orgId,
    };
  }

  app.get(
    '/api/claims',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'Claims the caller is party to (all of them with claim.read_all), newest first',
        querystring: ClaimListQuery,
        response: { 200: Page(ClaimSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status, policyId, overdue } = request.query;
      const now = app.kebao.clock();
      const { rows, total } = await listClaims(pool, scopeOf(request.actor), {
        status,
        policyId,
        overdue,
        now,
        limit,
        offset,
      });
      return { items: rows.map((r) => presentSummary(r, now)), total, limit, offset };
    },
  );

  app.post(
    '/api/claims',
    {
      config: { access: Permission.ClaimFile },
      schema: {
        tags,
        summary:
          'Notice of loss (报案) by the policyholder or its broker, checked against the policy at once',
        description:
          'A claim outside the period, before the retroactive date, reported too late, under the deductible or on a section not bought is declined at once with the clause cited (status declined); otherwise it waits for the lead insurer (notified).',
        headers: IdempotencyHeaders,
        body: FileClaimBody,
        response: { 201: ClaimDetail, 200: ClaimDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          const claim = await fileClaim(ctx, cache, {
            ...b,
            claimed: b.claimed === undefined ? undefined : amountOf(b.claimed, '/body/claimed'),
            foreign: b.foreign
              ? {
                  currency: b.foreign.currency,
                  amount: foreignMinor(b.foreign.amount, b.foreign.currency),
                  rate: b.foreign.rate,
                }
              : undefined,
          });
          return { status: 201, body: { id: claim.id } };
        }),
      );
      if (result.status !== 201) return sendIdempotent(reply, result);
      const id = (result.body as { id: string }).id;
      return reply.code(result.replayed ? 200 : 201).send(await detail(request.actor, id));
    },
  );

  app.get(
    '/api/claims/:id',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary:
          'One claim: where it is and what happens next, timeline, documents, shares, recoveries, experts, disputes',
        params: IdParams,
        response: { 200: ClaimDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => detail(request.actor, request.params.id),
  );

  app.put(
    '/api/claims/:id/documents/:kind',
    {
      config: { access: Permission.ClaimRead },
      bodyLimit: UPLOAD_MAX_BYTES,
      schema: {
        tags,
        summary: 'Upload a claim document (PDF, JPEG or PNG, ≤ 10 MB) — any party to the claim',
        description:
          'The body is the file itself with its Content-Type; X-Filename names it. Stored with its SHA-256.',
        params: Type.Object(
          { id: Uuid, kind: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) },
          { additionalProperties: false },
        ),
        consumes: [...UPLOAD_TYPES],
        response: { 200: ClaimDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const claim = await visible(request.actor, request.params.id);
      await tx(request.actor, request.id, (ctx) =>
        uploadDocument(ctx, claim, request.params.kind, {
          filename: uploadFilename(request.headers['x-filename'], request.params.kind),
          contentType: String(request.headers['content-type'] ?? ''),
          content: request.body,
        }),
      );
      return detail(request.actor, request.params.id);
    },
  );

  app.get(
    '/api/claims/:id/documents/:documentId',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'Download a claim document',
        params: Type.Object({ id: Uuid, documentId: Uuid }, { additionalProperties: false }),
        produces: [...UPLOAD_TYPES],
        response: { ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await visible(request.actor, request.params.id);
      const doc = await documentContent(pool, request.params.id, request.params.documentId);
      if (!doc) throw problem('claim.not_found');
      return reply
        .header('content-type', doc.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-sha256', doc.sha256)
        .send(doc.content);
    },
  );

  /** One step of the desk: POST /api/claims/:id/<path>, idempotent, answering with the claim. */
  const handle = <B>(
    path: string,
    summary: string,
    body: TSchema,
    run: (ctx: Ctx, id: string, body: B) => Promise<unknown>,
    access: Permission = Permission.ClaimHandle,
  ) => {
    app.post(
      `/api/claims/:id/${path}`,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: IdParams,
          headers: IdempotencyHeaders,
          body,
          response: { 200: ClaimDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const result = await tx(request.actor, request.id, (ctx) =>
          idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
            await run(ctx, request.params.id, request.body as B);
            return { status: 200, body: { id: request.params.id } };
          }),
        );
        if (result.status !== 200) return sendIdempotent(reply, result);
        return reply
          .header('idempotent-replayed', String(result.replayed))
          .send(await detail(request.actor, request.params.id));
      },
    );
  };

  handle(
    'register',
    'Register the claim (立案) with its first case reserve; assessment begins (lead insurer)',
    ReserveBody,
    (ctx, id, b: { reserve: string; note?: string }) =>
      registerClaim(ctx, cache, id, { reserve: amountOf(b.reserve, '/body/reserve'), note: b.note }),
  );
  handle(
    'decline',
    'Decline the claim citing the clause article (lead insurer); the enterprise may dispute it',
    DeclineBody,
    (ctx, id, b: { article: string; reason: string }) => declineClaim(ctx, cache, id, b),
  );
  handle(
    'reserve',
    'Move the case reserve (未决赔款准备金) to a new amount; posted by the signed lines',
    ReserveBody,
    (ctx, id, b: { reserve: string; note?: string }) =>
      adjustReserve(ctx, cache, id, { reserve: amountOf(b.reserve, '/body/reserve'), note: b.note }),
  );
  handle(
    'approve',
    'Approve (核赔) the amount to pay, within the approver’s authority: handler ≤ 500,000 · manager ≤ 5,000,000 · above: the insurer admin (claims committee)',
    ApproveBody,
    (ctx, id, b: { amount: string; note?: string }) =>
      approveClaim(ctx, cache, id, { amount: amountOf(b.amount, '/body/amount'), note: b.note }),
  );
  handle(
    'pay',
    'Pay the approved amount: split by the signed lines; under 主代从收 the lead pays the whole and each follower owes it its part',
    PayBody,
    (ctx, id, b: { rate?: string }) => payClaim(ctx, id, b),
  );
  handle(
    'close',
    'Close the claim (结案), releasing what is left of the reserve',
    NoteBody,
    (ctx, id, b: { note?: string }) => closeClaim(ctx, id, b),
  );
  handle(
    'reopen',
    'Reopen a closed or declined claim with a new reserve (重开)',
    ReopenBody,
    (ctx, id, b: { reserve: string; note: string }) =>
      reopenClaim(ctx, cache, id, { reserve: amountOf(b.reserve, '/body/reserve'), note: b.note }),
  );
  handle(
    'withdraw',
    'The policyholder withdraws its notice (撤案) before anything is agreed',
    NoteBody,
    (ctx, id, b: { note?: string }) => withdrawClaim(ctx, id, b),
    Permission.ClaimFile,
  );

  app.put(
    '/api/claims/:id/event',
    {
      config: { access: Permission.ClaimHandle },
      schema: {
        tags,
        summary:
          'Link the claim to a loss event (or unlink with null): claims of one event share a catastrophe layer',
        params: IdParams,
        body: EventLinkBody,
        response: { 200: ClaimDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => linkEvent(ctx, request.params.id, request.body.eventId));
      return detail(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/claims/:id/experts',
    {
      config: { access: Permission.ClaimHandle },
      schema: {
        tags,
        summary:
          'Assign an expert of the pool (轮派 / 最佳匹配 / 指定), never one with a conflict of interest',
        params: IdParams,
        body: AssignBody,
        response: { 201: AssignmentView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const input = assignmentInput(request.body);
      const row = await tx(request.actor, request.id, (ctx) => assignExpert(ctx, request.params.id, input));
      return reply.code(201).send(presentAssignment(row));
    },
  );

  app.post(
    '/api/claims/:id/disputes',
    {
      config: { access: Permission.ClaimFile },
      schema: {
        tags,
        summary: 'Dispute a decision (纠纷): the insurer answers within 15 days, then a mediator hears it',
        params: IdParams,
        body: DisputeBody,
        response: { 201: DisputeView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const row = await tx(request.actor, request.id, (ctx) =>
        openDispute(ctx, request.params.id, {
          grounds: b.grounds,
          askedAmount: b.askedAmount === undefined ? null : amountOf(b.askedAmount, '/body/askedAmount'),
        }),
      );
      return reply.code(201).send(presentDispute(row));
    },
  );

  // ---- disputes -------------------------------------------------------------------------------------

  app.get(
    '/api/disputes',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'Disputes on claims the caller is party to (all of them for the regulator and the platform)',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['open', 'mediating', 'settled', 'upheld', 'withdrawn'])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(DisputeView) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      items: (await listDisputes(pool, scopeOf(request.actor), request.query.status ?? null)).map((d) =>
        presentDispute(d),
      ),
    }),
  );

  app.post(
    '/api/disputes/:id/mediation',
    {
      config: { access: Permission.DisputeMediate },
      schema: {
        tags,
        summary:
          'Mediation (调解): assign a mediator, record a hearing, settle with an amount, uphold, or withdraw',
        params: IdParams,
        body: MediationBody,
        response: { 200: DisputeView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const b = request.body;
      const row = await tx(request.actor, request.id, (ctx) =>
        mediateDispute(
          ctx,
          request.params.id,
          b.action === 'settle' ? { ...b, amount: amountOf(b.amount, '/body/amount') } : b,
        ),
      );
      return presentDispute(row as DisputeRow);
    },
  );

  // ---- loss events and index observations --------------------------------------------------------------

  app.get(
    '/api/loss-events',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'Loss events (巨灾/累积事件) claims are linked to',
        response: { 200: Type.Object({ items: Type.Array(EventView) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({
      items: (await listEvents(pool)).map((e) => ({
        id: e.id,
        code: e.code,
        name: e.name,
        kind: e.kind,
        occurredOn: e.occurred_on,
        claims: e.claims ?? 0,
      })),
    }),
  );

  app.post(
    '/api/loss-events',
    {
      config: { access: Permission.ClaimHandle },
      schema: {
        tags,
        summary: 'Declare a loss event (a cyber incident, a fire, a typhoon) to link claims to',
        body: EventBody,
        response: { 201: EventView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const e = await tx(request.actor, request.id, (ctx) => createEvent(ctx, request.body));
      return reply
        .code(201)
        .send({ id: e.id, code: e.code, name: e.name, kind: e.kind, occurredOn: e.occurred_on, claims: 0 });
    },
  );

  app.post(
    '/api/index-observations',
    {
      config: { access: Permission.ClaimHandle },
      schema: {
        tags,
        summary:
          'Import index observations for parametric covers; a trigger met is paid at once, never twice',
        description:
          'Each row names the product, the parametric section, the subject (the policy number, or the weather station named by a policy’s weather_station option), the day and the value. The same row again is ignored.',
        body: ObservationImportBody,
        response: { 200: ObservationImportAnswer, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      ...(await tx(request.actor, request.id, (ctx) =>
        importObservations(ctx, cache, request.body.rows, request.body.source),
      )),
      errors: [],
    }),
  );

  app.post(
    '/api/index-observations/csv',
    {
      config: { access: Permission.ClaimHandle },
      schema: {
        tags,
        summary: 'The same import from a CSV file: productCode,sectionKey,subject,observedOn,value',
        description:
          'Good rows are imported and paid as above; bad rows are reported by row number and field, and importing the file again stores and pays nothing twice.',
        querystring: Type.Object(
          { source: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        consumes: ['text/csv'],
        body: Type.String({ maxLength: 5 * 1024 * 1024 }),
        response: { 200: ObservationImportAnswer, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const { rows, errors } = readObservationCsv(request.body);
      const answer = await tx(request.actor, request.id, (ctx) =>
        importObservations(ctx, cache, rows, request.query.source),
      );
      return { ...answer, errors };
    },
  );

  app.get(
    '/api/claims/summary',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'Claim speed and backlog over the claims the caller sees (the regulator: all of them)',
        response: { 200: ClaimSummaryView, ...problemResponses(401, 403) },
      },
    },
    async (request) => claimSummary(pool, scopeOf(request.actor), app.kebao.clock()),
  );

  // ---- the expert pool -------------------------------------------------------------------------------

  app.get(
    '/api/experts',
    {
      config: { access: Permission.ClaimRead },
      schema: {
        tags,
        summary: 'The expert pool (专家库), by field',
        querystring: Type.Object(
          { field: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ExpertView) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: (await listExperts(pool, request.query.field ?? null)).map(presentExpert) }),
  );

  app.post(
    '/api/experts',
    {
      config: { access: Permission.ExpertManage },
      schema: {
        tags,
        summary: 'Add an expert to the pool (platform)',
        body: ExpertBody,
        response: { 201: ExpertView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const row = await tx(request.actor, request.id, (ctx) => addExpert(ctx, request.body));
      return reply.code(201).send(presentExpert(row));
    },
  );

  app.put(
    '/api/experts/:id/availability',
    {
      config: { access: Permission.ExpertManage },
      schema: {
        tags,
        summary: 'Mark an expert available or not for assignment',
        params: IdParams,
        body: Type.Object({ available: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ExpertView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentExpert(
        await tx(request.actor, request.id, (ctx) =>
          changeAvailability(ctx, request.params.id, request.body.available),
        ),
      ),
  );

  app.post(
    '/api/quotes/:id/experts',
    {
      config: { access: Permission.QuoteUnderwrite },
      schema: {
        tags,
        summary:
          'Ask an expert of the pool for a risk evaluation of a quote (承保前风险评估), conflicts excluded',
        params: IdParams,
        body: AssignBody,
        response: { 201: AssignmentView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const input = assignmentInput(request.body);
      const row = await tx(request.actor, request.id, (ctx) =>
        assignQuoteExpert(ctx, request.params.id, input),
      );
      return reply.code(201).send(presentAssignment(row));
    },
  );

  app.get(
    '/api/quotes/:id/experts',
    {
      config: { access: Permission.QuoteUnderwrite },
      schema: {
        tags,
        summary: 'The risk evaluations asked for on one of own quotes, with the experts’ reports',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(AssignmentView) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const quote = await quoteInsurerOf(pool, request.params.id);
      if (quote !== request.actor.orgId) throw problem('quote.not_found');
      return { items: (await assignmentsOfQuote(pool, request.params.id)).map(presentAssignment) };
    },
  );

  app.get(
    '/api/expert/assignments',
    {
      config: { access: Permission.ExpertWork },
      schema: {
        tags,
        summary: 'The signed-in expert’s assignments (专家工作台)',
        response: { 200: Type.Object({ items: Type.Array(AssignmentView) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const expert = request.actor.userId ? await expertOfUser(pool, request.actor.userId) : null;
      if (!expert) return { items: [] };
      return { items: (await assignmentsOfExpert(pool, expert.id)).map(presentAssignment) };
    },
  );

  app.post(
    '/api/expert/assignments/:id/report',
    {
      config: { access: Permission.ExpertWork },
      schema: {
        tags,
        summary: 'The expert’s report (查勘定损报告) with the loss as assessed',
        params: IdParams,
        body: ReportBody,
        response: { 200: Type.Object({ id: Uuid }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const b = request.body;
      await tx(request.actor, request.id, (ctx) =>
        submitReport(ctx, request.params.id, {
          report: b.report,
          amount: b.amount === undefined ? null : amountOf(b.amount, '/body/amount'),
        }),
      );
      return { id: request.params.id };
    },
  );

  // ---- reserving and bordereaux ------------------------------------------------------------------------

  app.get(
    '/api/claims/reserving',
    {
      config: { access: Permission.ReservingRead },
      schema: {
        tags,
        summary:
          'Triangles and IBNR by class (chain ladder with Mack’s standard error; Bornhuetter-Ferguson with an a-priori loss ratio): an insurer’s own shares, or the whole platform for the regulator',
        querystring: Type.Object(
          {
            valuationDate: Type.Optional(CalendarDate),
            period: Type.Optional(Type.Enum(['year', 'quarter'])),
            basis: Type.Optional(Type.Enum(['incurred', 'paid'])),
            lossRatio: Type.Optional(
              Type.String({
                pattern: '^[0-9](\\.[0-9]{1,4})?$',
                description: 'a-priori loss ratio for BF, e.g. 0.65',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReservingView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      reservingReport(pool, {
        all: can(request.actor, Permission.ClaimReadAll),
        orgId: request.actor.orgId,
        valuationDate: request.query.valuationDate ?? shanghaiDateOf(app.kebao.clock()),
        period: request.query.period ?? 'year',
        basis: request.query.basis ?? 'incurred',
        lossRatio: Number(request.query.lossRatio ?? '0.65'),
      }),
  );

  app.get(
    '/api/reinsurance/treaties/:id/bordereau',
    {
      config: { access: Permission.ReinsuranceManage },
      schema: {
        tags,
        summary: 'The claims bordereau of one of own treaties: every claim it recovers, with the recovery',
        params: IdParams,
        response: { 200: BordereauView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => treatyBordereau(pool, request.actor.orgId as string, request.params.id),
  );
};

/** An assignment request (claim or quote) as the expert service takes it. */
function assignmentInput(b: Static<typeof AssignBody>) {
  return {
    field: b.field,
    method: b.method,
    expertId: b.expertId,
    fee: b.fee === undefined ? 0n : amountOf(b.fee, '/body/fee'),
  };
}

/** Minor units of a currency as its amount text: 1250000 USD cents → "12500.00", 5000 JPY → "5000". */
function majorUnits(minor: bigint, currency: string): string {
  const digits = currencyMinorUnits(currency);
  if (digits === 0) return minor.toString();
  const scale = 10n ** BigInt(digits);
  return `${minor / scale}.${(minor % scale).toString().padStart(digits, '0')}`;
}

/** A foreign amount as text in the currency's minor units (JPY has none, USD two, …). */
function foreignMinor(text: string, currency: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = currencyMinorUnits(currency);
  if (fraction.length > digits) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/foreign/amount',
          code: 'precision',
          message_zh: `${currency} 最多 ${digits} 位小数`,
          message_en: `${currency} has at most ${digits} decimals`,
        },
      ],
    });
  }
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}
