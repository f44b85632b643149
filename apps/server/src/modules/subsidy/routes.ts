import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatYuan, parseYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { reviewStages, type SubsidyProgramme } from '@kebao/domain/subsidy';
import { Type } from 'typebox';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import {
  IdempotencyHeaders,
  Money,
  Nullable,
  Page,
  PageQuery,
  problemResponses,
  Timestamp,
  Uuid,
} from '../../platform/http/schemas.ts';
import { UPLOAD_MAX_BYTES, uploadFilename } from '../../platform/http/uploads.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import {
  findProgramme,
  findVisibleGrant,
  findVisibleQuota,
  type GrantListRow,
  listGrants,
  listProgrammes,
  listQuotas,
  materialsOf,
  type ProgrammeRow,
  type QuotaListRow,
  reviewersOf,
  reviewsOf,
} from './repo.ts';
import { assignReviewer, findFraud, reviewGrant } from './review-service.ts';
import {
  approveQuota,
  assignOperator,
  changeBudget,
  confirmGrant,
  payGrant,
  programmeOf,
  revokeQuota,
  saveProgramme,
  submitApplication,
  uploadMaterial,
} from './service.ts';

const tags = ['subsidy'];
const MATERIAL_LIMIT = UPLOAD_MAX_BYTES;
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Code = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,47}$' }) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const ProgrammeView = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  names: Bilingual,
  level: Type.String({ description: 'central · province · city · district' }),
  mode: Type.String({ description: 'auto 免申即享 · apply 申报' }),
  payee: Type.String({ description: 'insurer (reduces the bill) · enterprise (paid after it paid in full)' }),
  funder: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  budget: Money,
  committed: Money,
  paid: Money,
  left: Money,
  status: Type.String(),
  grants: Type.Integer(),
  definition: Type.Unknown({ description: 'the programme as data (catalog/schema/subsidy.schema.json)' }),
});

const GrantView = Type.Object({
  id: Uuid,
  programme: Type.Object({ code: Type.String(), name: Type.String() }),
  policy: Type.Object({ id: Uuid, number: Type.String() }),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  funder: Type.Object({ id: Uuid, name: Type.String() }),
  mode: Type.String(),
  payee: Type.String(),
  status: Type.String({
    description:
      'reserved 待确认 · confirmed 已确认 · applied 待提交 · submitted 审核中 · returned 待补正 · approved 已批准 · ' +
      'rejected 未通过 · lapsed 已失效 · revoked 已撤销（骗补）',
  }),
  review: Type.Object(
    {
      stage: Type.Integer({ description: 'the stage an application waits at (0-based)' }),
      key: Type.String(),
      names: Bilingual,
      of: Type.Integer({ description: 'how many stages the programme has' }),
      reviewer: Type.Object({ id: Uuid, name: Type.String() }),
    },
    { description: 'where the application is in the programme’s review (区级初审, 市级复审…)' },
  ),
  supplementBy: Nullable(
    Type.String({ description: 'returned for more materials (补正): the last day to resubmit' }),
  ),
  amount: Money,
  clawedBack: Money,
  paid: Money,
  yearIndex: Type.Integer(),
  confirmBy: Nullable(Type.String()),
  steps: Type.Unknown({ description: 'every rule’s contribution (补贴计算过程)' }),
  decisionNote: Nullable(Type.String()),
  createdAt: Timestamp,
  reviews: Type.Optional(
    Type.Array(
      Type.Object({
        stage: Type.Integer(),
        stageKey: Type.String(),
        decision: Type.String({
          description:
            'approve 通过 · reject 不通过 · request_more 要求补正 · resubmit 补正后重新提交 · fraud 认定骗补',
        }),
        note: Type.String(),
        requested: Nullable(Type.Array(Type.String())),
        by: Type.Object({ id: Uuid, name: Type.String() }),
        at: Timestamp,
      }),
      { description: 'every decision on the application, oldest first (审核记录)' },
    ),
  ),
  materials: Type.Optional(
    Type.Array(
      Type.Object({
        key: Type.String(),
        names: Bilingual,
        uploaded: Nullable(
          Type.Object({ filename: Type.String(), size: Type.Integer(), sha256: Type.String() }),
        ),
      }),
    ),
  ),
});

const QuotaView = Type.Object({
  id: Uuid,
  programme: Type.Object({ code: Type.String(), name: Type.String() }),
  enterprise: Type.Object({ id: Uuid, name: Type.String(), uscc: Type.String() }),
  item: Type.String({ description: 'the listed equipment or material (目录条目)' }),
  approvalRef: Type.String({ description: 'the approval letter’s reference (批复文号)' }),
  productValue: Money,
  quota: Money,
  used: Money,
  left: Money,
  status: Type.String({ description: 'active · revoked' }),
  validUntil: Type.String({
    description: 'the first policy start date the quota no longer serves (quota.years after approval)',
  }),
  approvedAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  revokeReason: Nullable(Type.String()),
});

function presentQuota(row: QuotaListRow) {
  return {
    id: row.id,
    programme: { code: row.programme_code, name: row.programme_name },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc },
    item: row.item,
    approvalRef: row.approval_ref,
    productValue: formatYuan(row.product_value),
    quota: formatYuan(row.quota),
    used: formatYuan(row.used),
    left: formatYuan(row.quota - row.used),
    status: row.status,
    validUntil: row.valid_until,
    approvedAt: row.approved_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokeReason: row.revoke_reason,
  };
}

function presentProgramme(row: ProgrammeRow & { funder_name?: string | null; grants?: number }) {
  const p = programmeOf(row);
  return {
    code: row.code,
    version: row.version,
    names: { zh: row.name_zh, en: row.name_en },
    level: row.level,
    mode: p.mode,
    payee: p.payee,
    funder: row.funder_org_id ? { id: row.funder_org_id, name: row.funder_name ?? '' } : null,
    budget: formatYuan(row.budget),
    committed: formatYuan(row.committed),
    paid: formatYuan(row.paid),
    left: formatYuan(row.budget - row.committed),
    status: row.status,
    grants: row.grants ?? 0,
    definition: row.definition,
  };
}

function presentGrant(row: GrantListRow, programme: SubsidyProgramme | null) {
  const stages = programme ? reviewStages(programme) : [];
  const index = Math.max(0, Math.min(row.review_stage, stages.length - 1));
  const stage = stages[index] ?? { key: 'review', names: { zh: '审核', en: 'Review' } };
  return {
    id: row.id,
    programme: { code: row.programme_code, name: row.programme_name },
    policy: { id: row.policy_id, number: row.policy_number },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    funder: { id: row.funder_org_id, name: row.funder_name },
    mode: row.mode,
    payee: row.payee,
    status: row.status,
    amount: formatYuan(row.amount),
    clawedBack: formatYuan(row.clawed_back),
    paid: formatYuan(row.paid),
    yearIndex: row.year_index,
    confirmBy: row.confirm_by,
    review: {
      stage: index,
      key: stage.key,
      names: stage.names,
      of: Math.max(stages.length, 1),
      reviewer: { id: row.reviewer_org_id, name: row.reviewer_name },
    },
    supplementBy: row.supplement_by,
    steps: row.steps,
    decisionNote: row.decision_note,
    createdAt: row.created_at.toISOString(),
  };
}

/** Subsidy programmes, grants, confirmation, applications with materials, review and payment. */
export const subsidyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;
  // Materials arrive as the file itself (this plugin's scope only).
  app.addContentTypeParser(
    ['application/pdf', 'image/jpeg', 'image/png'],
    { parseAs: 'buffer', bodyLimit: MATERIAL_LIMIT },
    (_request, body, done) => done(null, body),
  );
  const scopeOf = (actor: Parameters<typeof can>[0] & { orgId: string | null }) => ({
    all: can(actor, Permission.SubsidyReadAll),
    orgId: actor.orgId,
  });

  async function grantDetail(scope: { all: boolean; orgId: string | null }, id: string) {
    const row = await findVisibleGrant(pool, scope, id);
    if (!row) throw problem('subsidy.grant_not_found');
    const programmeRow = await findProgramme(pool, row.programme_code);
    const programme = programmeRow ? programmeOf(programmeRow) : null;
    const checklist = programme?.checklist ?? [];
    const uploaded = new Map((await materialsOf(pool, id)).map((m) => [m.key, m]));
    return {
      ...presentGrant(row, programme),
      reviews: (await reviewsOf(pool, id)).map((r) => ({
        stage: r.stage,
        stageKey: r.stage_key,
        decision: r.decision,
        note: r.note,
        requested: r.requested,
        by: { id: r.org_id, name: r.org_name },
        at: r.at.toISOString(),
      })),
      materials: checklist.map((c: NonNullable<SubsidyProgramme['checklist']>[number]) => {
        const m = uploaded.get(c.key);
        return {
          key: c.key,
          names: c.names,
          uploaded: m ? { filename: m.filename, size: m.size, sha256: m.sha256 } : null,
        };
      }),
    };
  }

  app.get(
    '/api/subsidy/programmes',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'Subsidy programmes with their budgets (a funder: the ones it operates with mine=true)',
        querystring: Type.Object({ mine: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(ProgrammeView) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      items: (await listProgrammes(pool, request.query.mine ? request.actor.orgId : null)).map(
        presentProgramme,
      ),
    }),
  );

  app.get(
    '/api/subsidy/programmes/:code',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'One programme: its definition, budget, committed and paid',
        params: Code,
        response: { 200: ProgrammeView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const rows = await listProgrammes(pool, null);
      const row = rows.find((r) => r.code === request.params.code);
      if (!row) throw problem('subsidy.programme_not_found');
      return presentProgramme(row);
    },
  );

  app.put(
    '/api/subsidy/programmes/:code',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary: 'Publish a programme as data (a new code, or a higher version of one the caller operates)',
        description:
          'Validated by the same JSON Schema as catalog/subsidies/*.yaml; errors name the JSON path.',
        params: Code,
        body: Type.Unknown({ description: 'the programme definition' }),
        response: { 200: ProgrammeView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const body = request.body as { code?: unknown };
      if (body && typeof body === 'object' && body.code !== request.params.code) {
        throw problem('request.invalid', {
          errors: [
            {
              path: '/body/code',
              code: 'code',
              message_zh: '代码须与地址一致',
              message_en: 'The code must match the path',
            },
          ],
        });
      }
      await tx(request.actor, request.id, (ctx) => saveProgramme(ctx, request.body, 'api', true));
      const row = (await listProgrammes(pool, null)).find((r) => r.code === request.params.code);
      return presentProgramme(row as ProgrammeRow);
    },
  );

  app.put(
    '/api/subsidy/programmes/:code/operator',
    {
      config: { access: Permission.OrgManage },
      schema: {
        tags,
        summary: 'Name the funder organisation that operates a programme on this platform (platform)',
        params: Code,
        body: Type.Object({ funderOrgId: Nullable(Uuid) }, { additionalProperties: false }),
        response: { 200: ProgrammeView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        assignOperator(ctx, request.params.code, request.body.funderOrgId),
      );
      const row = (await listProgrammes(pool, null)).find((r) => r.code === request.params.code);
      return presentProgramme(row as ProgrammeRow);
    },
  );

  app.put(
    '/api/subsidy/programmes/:code/budget',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary: 'Change the budget of a programme one operates (never below what is committed)',
        params: Code,
        body: Type.Object({ budget: Money }, { additionalProperties: false }),
        response: { 200: ProgrammeView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) =>
        changeBudget(ctx, request.params.code, parseYuan(request.body.budget)),
      );
      const row = (await listProgrammes(pool, null)).find((r) => r.code === request.params.code);
      return presentProgramme(row as ProgrammeRow);
    },
  );

  app.get(
    '/api/subsidy/grants',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary:
          'Grants the caller is party to (funder, enterprise, collecting insurer); all with subsidy.read_all',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ maxLength: 20 })),
            programme: Type.Optional(Type.String({ maxLength: 48 })),
            policyId: Type.Optional(Uuid),
            toReview: Type.Optional(
              Type.Boolean({
                description: 'only applications waiting at a stage the caller reviews (待我审核)',
              }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(GrantView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      const { rows, total } = await listGrants(pool, scopeOf(request.actor), { ...filter, limit, offset });
      const programmes = new Map<string, SubsidyProgramme | null>();
      for (const code of new Set(rows.map((r) => r.programme_code))) {
        const row = await findProgramme(pool, code);
        programmes.set(code, row ? programmeOf(row) : null);
      }
      return {
        items: rows.map((r) => presentGrant(r, programmes.get(r.programme_code) ?? null)),
        total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/api/subsidy/grants/:id',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'One grant: every rule’s contribution, the checklist and what was uploaded',
        params: IdParams,
        response: { 200: GrantView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => grantDetail(scopeOf(request.actor), request.params.id),
  );

  app.post(
    '/api/subsidy/grants/:id/confirm',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'The enterprise confirms a 免申即享 grant within the programme’s working days',
        params: IdParams,
        response: { 200: GrantView, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => confirmGrant(ctx, request.params.id));
      return grantDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.put(
    '/api/subsidy/grants/:id/materials/:key',
    {
      bodyLimit: MATERIAL_LIMIT,
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'The enterprise uploads one material of its application (PDF, JPEG or PNG, ≤ 10 MB)',
        description:
          'The body is the file itself with its Content-Type; X-Filename names it. Stored with its SHA-256.',
        params: Type.Object(
          { id: Uuid, key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) },
          { additionalProperties: false },
        ),
        consumes: ['application/pdf', 'image/jpeg', 'image/png'],
        response: { 200: GrantView, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const content = request.body as Buffer;
      await tx(request.actor, request.id, (ctx) =>
        uploadMaterial(ctx, request.params.id, request.params.key, {
          filename: uploadFilename(request.headers['x-filename'], request.params.key),
          contentType: String(request.headers['content-type'] ?? ''),
          content,
        }),
      );
      return grantDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.post(
    '/api/subsidy/grants/:id/submit',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'The enterprise submits its application once every material on the checklist is uploaded',
        params: IdParams,
        response: { 200: GrantView, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => submitApplication(ctx, request.params.id));
      return grantDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.post(
    '/api/subsidy/grants/:id/review',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary:
          'The reviewer of the stage an application waits at approves it, rejects it or asks for more (补正)',
        description:
          'Approval at a stage sends the application to the next of the programme’s review stages (区级初审, ' +
          '市级复审…) and at the last grants it; a rejection ends it and returns the money to the budget; a request ' +
          'for more returns it to the enterprise with the materials asked for, due within the programme’s working ' +
          'days (supplementWorkingDays, 10 by default) on the holiday calendar. Only the stage’s reviewer may ' +
          'decide (409 subsidy.not_your_stage names who does).',
        params: IdParams,
        body: Type.Object(
          {
            decision: Type.Union([
              Type.Literal('approve'),
              Type.Literal('reject'),
              Type.Literal('request_more'),
            ]),
            note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
            requested: Type.Optional(
              Type.Array(Type.String({ maxLength: 40 }), {
                maxItems: 20,
                description: 'request_more: the checklist materials to upload again',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: GrantView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => reviewGrant(ctx, request.params.id, request.body));
      return grantDetail(scopeOf(request.actor), request.params.id);
    },
  );

  app.post(
    '/api/subsidy/grants/:id/fraud',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary:
          'The operating funder records a fraud finding (骗取补贴): all taken back, the enterprise barred',
        description:
          'The grant is revoked: what was not paid is cancelled (under payee insurer the policyholder then owes that ' +
          'part of its premium), what was paid becomes a receivable from the enterprise; the budget and any quota ' +
          'get it all back; the enterprise is barred from the programme for its clawback.barYears (取消申报资格).',
        params: IdParams,
        body: Type.Object(
          { note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) },
          { additionalProperties: false },
        ),
        response: { 200: GrantView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => findFraud(ctx, request.params.id, request.body));
      return grantDetail(scopeOf(request.actor), request.params.id);
    },
  );

  const ReviewerView = Type.Object({
    stage: Type.String(),
    regionPrefix: Type.String({ description: 'region code prefix covered; empty: everywhere' }),
    reviewer: Type.Object({ id: Uuid, name: Type.String() }),
    assignedAt: Timestamp,
  });
  const ReviewersView = Type.Object({
    stages: Type.Array(Type.Object({ key: Type.String(), names: Bilingual })),
    reviewers: Type.Array(ReviewerView),
  });
  async function reviewersView(code: string) {
    const row = await findProgramme(pool, code);
    if (!row) throw problem('subsidy.programme_not_found');
    return {
      stages: reviewStages(programmeOf(row)).map((s) => ({ key: s.key, names: s.names })),
      reviewers: (await reviewersOf(pool, code)).map((r) => ({
        stage: r.stage_key,
        regionPrefix: r.region_prefix,
        reviewer: { id: r.org_id, name: r.org_name },
        assignedAt: r.assigned_at.toISOString(),
      })),
    };
  }

  app.get(
    '/api/subsidy/programmes/:code/reviewers',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'A programme’s review stages and the funders reviewing each, by region',
        description:
          'A stage without a reviewer for the enterprise’s region is reviewed by the operating funder.',
        params: Code,
        response: { 200: ReviewersView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => reviewersView(request.params.code),
  );

  app.put(
    '/api/subsidy/programmes/:code/reviewers',
    {
      config: { access: Permission.OrgManage },
      schema: {
        tags,
        summary:
          'Assign (or, with a null funder, remove) the funder reviewing a stage for a region (platform)',
        params: Code,
        body: Type.Object(
          {
            stage: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
            regionPrefix: Type.String({
              pattern: '^[0-9]{0,6}$',
              description: 'region code prefix (31: Shanghai, 310115: Pudong); empty: everywhere',
            }),
            funderOrgId: Nullable(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReviewersView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { stage, regionPrefix, funderOrgId } = request.body;
      await tx(request.actor, request.id, (ctx) =>
        assignReviewer(ctx, request.params.code, { stage, regionPrefix, orgId: funderOrgId }),
      );
      return reviewersView(request.params.code);
    },
  );

  app.post(
    '/api/subsidy/grants/:id/pay',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary:
          'The funder pays an approved grant to the enterprise (payee enterprise), with the bank reference',
        description:
          'Grants paid to the insurer (reducing the bill) are settled through the insurer’s subsidy invoices instead.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          { channelRef: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }) },
          { additionalProperties: false },
        ),
        response: { 200: GrantView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => {
          await payGrant(ctx, request.params.id, request.body.channelRef);
          return { status: 200, body: { id: request.params.id } };
        }),
      );
      if (result.status !== 200) return sendIdempotent(reply, result);
      return reply
        .header('idempotent-replayed', String(result.replayed))
        .send(await grantDetail(scopeOf(request.actor), request.params.id));
    },
  );

  async function quotaDetail(scope: { all: boolean; orgId: string | null }, id: string) {
    const row = await findVisibleQuota(pool, scope, id);
    if (!row) throw problem('subsidy.quota_not_found');
    return presentQuota(row);
  }

  app.post(
    '/api/subsidy/programmes/:code/quotas',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary: 'The operating funder approves a quota (资格审定) for an enterprise’s listed item',
        description:
          'Quota programmes (the central first-of-a-kind equipment and first-batch new materials compensations) ' +
          'pay only against an approved quota: the programme’s percentage of the product value. One active quota ' +
          'per item; grants at bind draw on the one with the most left, never beyond it.',
        params: Code,
        body: Type.Object(
          {
            enterpriseId: Uuid,
            item: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
            productValue: Money,
            approvalRef: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: QuotaView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { enterpriseId, item, productValue, approvalRef } = request.body;
      const id = await tx(request.actor, request.id, (ctx) =>
        approveQuota(ctx, request.params.code, {
          enterpriseId,
          item,
          productValue: parseYuan(productValue),
          approvalRef,
        }),
      );
      return reply.code(201).send(await quotaDetail(scopeOf(request.actor), id));
    },
  );

  app.get(
    '/api/subsidy/quotas',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary: 'Approved quotas: the funder’s own, the enterprise’s own; all with subsidy.read_all',
        querystring: Type.Object(
          {
            programme: Type.Optional(Type.String({ maxLength: 48 })),
            enterpriseId: Type.Optional(Uuid),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('revoked')])),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(QuotaView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      const { rows, total } = await listQuotas(pool, scopeOf(request.actor), { ...filter, limit, offset });
      return { items: rows.map(presentQuota), total, limit, offset };
    },
  );

  app.post(
    '/api/subsidy/quotas/:id/revoke',
    {
      config: { access: Permission.SubsidyManage },
      schema: {
        tags,
        summary: 'The funder revokes a quota it approved: no further grant draws on it',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) },
          { additionalProperties: false },
        ),
        response: { 200: QuotaView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await tx(request.actor, request.id, (ctx) => revokeQuota(ctx, request.params.id, request.body.reason));
      return quotaDetail(scopeOf(request.actor), request.params.id);
    },
  );
};
