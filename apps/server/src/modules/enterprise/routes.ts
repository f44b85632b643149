import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '@kebao/db';
import type { EnterpriseFacts, QuoteRequest, StatisticalClass } from '@kebao/domain/catalog';
import { type EnterpriseProfile, EnterpriseProfileSchema, type gradeCredit } from '@kebao/domain/enterprise';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { sumInsuredOf } from '@kebao/domain/policy';
import { compareDates, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { Type } from 'typebox';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { Page, problemResponses } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { type LeadRow, listLeads, type MatchRow, recommendationsOf } from '../matching/repo.ts';
import { findOrganisation } from '../org/repo.ts';
import { subsidyEstimatorAt } from '../subsidy/service.ts';
import {
  type CreditRecordRow,
  creditRecordsOf,
  findCreditRecord,
  insertCreditRecord,
  revokeCreditRecord,
} from './credit-repo.ts';
import type { EvaluationModels } from './evaluation-models.ts';
import { latestModels } from './models-repo.ts';
import {
  type EnterpriseRow,
  evaluationsOf,
  findEnterpriseById,
  findEnterpriseByOrg,
  findVisibleEnterprise,
  listEnterprises,
  profileHistory,
  profileVersion,
} from './repo.ts';
import {
  CreditRecordInput,
  EnterpriseDetail,
  EnterpriseQuery,
  EnterpriseSummary,
  IdParams,
  LeadQuery,
  LeadView,
  MatchView,
  ModelSummary,
  ProfileBody,
  RevokeInput,
  SaveAnswer,
  VersionParams,
} from './schemas.ts';
import { checkProfileDocument, creditOf, enterpriseScope, regradeCredit, saveProfiles } from './service.ts';

function summary(row: EnterpriseRow) {
  const facts = row.facts as { techScore?: string };
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    regionCode: row.region_code,
    industryCode: row.industry_code,
    consentToInsurers: row.consent_to_insurers,
    linked: row.org_id !== null,
    version: row.current_version,
    scoreBand: row.score_band,
    techScore: facts.techScore ?? null,
    creditGrade: row.credit_grade,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Who sees what of an enterprise: itself and government users everything; insurers the profile and the grade. */
function viewerOf(actor: Actor, row: EnterpriseRow) {
  const isSelf = row.org_id !== null && row.org_id === actor.orgId;
  return {
    isSelf,
    canManage: can(actor, Permission.EnterpriseManage),
    canRecordCredit: can(actor, Permission.CreditRecord),
    seesRecords: isSelf || can(actor, Permission.EnterpriseReadAll),
  };
}

function presentRecord(
  row: CreditRecordRow,
  effect: ReturnType<typeof gradeCredit>['records'][number] | undefined,
) {
  return {
    id: row.id,
    kind: row.kind as never,
    severity: row.severity as never,
    occurredOn: row.occurred_on,
    revokedOn: row.revoked_on,
    description: row.description,
    evidence: row.evidence as { title: string; reference: string }[],
    recordedAt: row.recorded_at.toISOString(),
    recordedOrg: row.recorded_org,
    revokeReason: row.revoke_reason,
    status: effect?.status ?? 'in_effect',
    until: effect?.until ?? '',
    effect: effect?.effect ?? { zh: '', en: '' },
  };
}

async function detail(db: Queryable, actor: Actor, row: EnterpriseRow, version: number, now: Date) {
  const stored = await profileVersion(db, row.id, version);
  if (!stored) throw problem('enterprise.version_not_found');
  const viewer = viewerOf(actor, row);
  const asOf = shanghaiDateOf(now);
  const records = await creditRecordsOf(db, row.id);
  const credit = creditOf(records, asOf);
  const history = await profileHistory(db, row.id);
  return {
    id: row.id,
    uscc: row.uscc,
    name: (stored.profile as EnterpriseProfile).name,
    linked: row.org_id !== null,
    consentToInsurers: row.consent_to_insurers,
    version,
    updatedAt: stored.changed_at.toISOString(),
    profile: stored.profile,
    evaluations: (await evaluationsOf(db, row.id, version)).map((e) => e.result),
    facts: row.facts,
    credit: {
      grade: credit.grade,
      asOf,
      dishonest: credit.dishonest,
      explanation: credit.explanation,
      records: viewer.seesRecords ? records.map((r, i) => presentRecord(r, credit.records[i])) : null,
    },
    history: history.map((h) => ({
      version: h.version,
      source: h.source,
      checksum: h.checksum,
      changedAt: h.changed_at.toISOString(),
    })),
    viewer: { isSelf: viewer.isSelf, canManage: viewer.canManage, canRecordCredit: viewer.canRecordCredit },
  };
}

function presentMatch(
  row: MatchRow & { statistical_class?: string; product_name_zh?: string; product_name_en?: string },
) {
  const reasons = row.reasons as {
    names: { zh: string; en: string };
    reasons: unknown;
    scoreParts: unknown;
    missingFacts: string[];
    awaitedFacts: string[];
    estimateRequest: unknown;
  };
  return {
    enterpriseId: row.enterprise_id,
    productCode: row.product_code,
    productVersion: row.product_version,
    names: reasons.names,
    statisticalClass: row.statistical_class ?? '',
    score: row.score,
    status: row.status as 'eligible' | 'possibly_eligible' | 'referred',
    estimatedPremium: row.estimated_premium === null ? null : formatYuan(row.estimated_premium),
    estimateRequest: reasons.estimateRequest ?? null,
    // Filled in for the enterprise's own recommendations from the operated programmes (docs/matching.md).
    estimatedSubsidy: null as string | null,
    reasons: reasons.reasons,
    scoreParts: reasons.scoreParts,
    missingFacts: reasons.missingFacts,
    awaitedFacts: reasons.awaitedFacts,
    computedAt: row.computed_at.toISOString(),
  };
}

function presentLead(row: LeadRow) {
  return {
    ...presentMatch(row),
    enterprise: {
      id: row.enterprise_id,
      uscc: row.uscc,
      name: row.name,
      regionCode: row.region_code,
      industryCode: row.industry_code,
      scoreBand: row.score_band,
      creditGrade: row.credit_grade,
    },
  };
}

async function saveOwnProfile(ctx: Ctx, models: EvaluationModels, profile: EnterpriseProfile) {
  const org = ctx.actor.orgId
    ? await findOrganisation(ctx.db, { all: true, orgId: null }, ctx.actor.orgId)
    : null;
  const linked = ctx.actor.orgId ? await findEnterpriseByOrg(ctx.db, ctx.actor.orgId) : null;
  const expected = linked?.uscc ?? org?.uscc ?? null;
  if (org?.kind !== 'enterprise') throw problem('auth.forbidden');
  if (expected !== null && expected !== profile.uscc)
    throw problem('enterprise.uscc_mismatch', {
      errors: [
        {
          path: '/body/profile/uscc',
          code: 'enterprise.uscc_mismatch',
          message_zh: `本企业账户登记的统一社会信用代码为 ${expected}`,
          message_en: `Your organisation is registered with ${expected}`,
        },
      ],
    });
  const outcome = await saveProfiles(ctx, models, [{ profile, orgId: org.id }], 'self');
  return outcome.items[0] as NonNullable<(typeof outcome.items)[number]>;
}

/** The enterprise registry (科技企业名录): profiles, evaluations, credit, matching. */
export const enterpriseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx, clock, models, hub } = app.kebao;
  const cache = new CatalogCache(pool, hub);
  const tags = ['enterprise'];

  app.get(
    '/api/enterprise/schema/profile.json',
    { config: { access: 'public' }, schema: { tags, summary: 'The JSON Schema of an enterprise profile' } },
    async () => EnterpriseProfileSchema,
  );

  app.get(
    '/api/evaluation-models',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary:
          'The evaluation models in use: tech-SME table, high-tech check, tech score (newest version each)',
        response: { 200: Type.Array(ModelSummary) },
      },
    },
    async () =>
      (await latestModels(pool)).map((m) => {
        const d = m.definition as { names: { zh: string; en: string }; kind: string };
        return { code: m.code, version: m.version, kind: d.kind, names: d.names };
      }),
  );

  app.get(
    '/api/enterprise/me',
    {
      config: { access: Permission.EnterpriseSelf },
      schema: {
        tags,
        summary: 'Own enterprise: profile, evaluations explained, credit grade explained, history',
        response: { 200: EnterpriseDetail, ...problemResponses(404) },
      },
    },
    async (request) => {
      const row = request.actor.orgId ? await findEnterpriseByOrg(pool, request.actor.orgId) : null;
      if (!row) throw problem('enterprise.not_registered');
      return detail(pool, request.actor, row, row.current_version, clock());
    },
  );

  app.put(
    '/api/enterprise/me/profile',
    {
      config: { access: Permission.EnterpriseSelf },
      schema: {
        tags,
        summary: 'Save own profile: a new version when anything changed, evaluated at once',
        description:
          'The USCC must be the one the organisation is registered with. An identical profile changes nothing (action "unchanged").',
        body: ProfileBody,
        response: { 200: SaveAnswer, ...problemResponses(403, 422) },
      },
    },
    async (request) => {
      const profile = checkProfileDocument(request.body.profile, '/body/profile');
      return tx(request.actor, request.id, (ctx) => saveOwnProfile(ctx, models, profile));
    },
  );

  app.get(
    '/api/enterprise/me/recommendations',
    {
      config: { access: Permission.EnterpriseSelf },
      schema: {
        tags,
        summary: 'Recommended for you: eligible products ranked, with reasons and an indicative premium',
        description:
          'Kept fresh from profile and product events (docs/matching.md); empty until the profile exists.',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(MatchView) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const offset = request.query.offset ?? 0;
      const row = request.actor.orgId ? await findEnterpriseByOrg(pool, request.actor.orgId) : null;
      if (!row) return { items: [], total: 0, limit, offset };
      const { rows, total } = await recommendationsOf(pool, row.id, limit, offset);
      const estimator = await subsidyEstimatorAt(pool, clock());
      const items = [];
      for (const match of rows) {
        const view = presentMatch(match);
        const cached =
          match.estimated_premium === null
            ? null
            : await cache.get(match.product_code, match.product_version);
        if (cached && match.estimated_premium !== null) {
          const request = (view.estimateRequest ?? {}) as QuoteRequest;
          let sumInsured: bigint | undefined;
          try {
            sumInsured = sumInsuredOf(cached.definition, request);
          } catch {
            sumInsured = undefined;
          }
          const estimate = estimator.estimate({
            productCode: match.product_code,
            productVersion: match.product_version,
            statisticalClass: cached.product.statistical_class as StatisticalClass,
            subsidyTags: cached.definition.subsidyTags ?? [],
            premiumFen: match.estimated_premium,
            enterpriseFacts: row.facts as EnterpriseFacts,
            ...(sumInsured === undefined ? {} : { sumInsuredFen: sumInsured }),
          });
          if (estimate) view.estimatedSubsidy = formatYuan(estimate.amountFen);
        }
        items.push(view);
      }
      return { items, total, limit, offset };
    },
  );

  app.get(
    '/api/enterprises',
    {
      config: { access: Permission.EnterpriseReadAll },
      schema: {
        tags,
        summary: 'The registry, filtered: name or USCC, region, industry, score band, credit grade, consent',
        querystring: EnterpriseQuery,
        response: { 200: Page(EnterpriseSummary), ...problemResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const { rows, total } = await listEnterprises(pool, enterpriseScope(request.actor), {
        q: q.q?.trim() || undefined,
        regionCode: q.region,
        industryCode: q.industry,
        scoreBand: q.band,
        creditGrade: q.grade,
        consented: q.consented,
        limit,
        offset,
      });
      return { items: rows.map(summary), total, limit, offset };
    },
  );

  app.post(
    '/api/enterprises',
    {
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary: 'Add or update an enterprise by USCC (government maintenance of the list)',
        body: ProfileBody,
        response: { 200: SaveAnswer, ...problemResponses(422) },
      },
    },
    async (request) => {
      const profile = checkProfileDocument(request.body.profile, '/body/profile');
      return tx(request.actor, request.id, async (ctx) => {
        const outcome = await saveProfiles(ctx, models, [{ profile }], 'government');
        return outcome.items[0] as NonNullable<(typeof outcome.items)[number]>;
      });
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'An enterprise: its current profile, evaluations, credit and history',
        description:
          'Government users see every enterprise; insurers and brokers those that consented to be shown, and a broker ' +
          'its clients (a mandate valid today); an enterprise itself. Credit records are shown to the enterprise and ' +
          'government users; others see the grade.',
        params: IdParams,
        response: { 200: EnterpriseDetail, ...problemResponses(404) },
      },
    },
    async (request) => {
      const scope = enterpriseScope(request.actor, shanghaiDateOf(clock()));
      const row = await findVisibleEnterprise(pool, scope, request.params.id);
      if (!row) throw problem('enterprise.not_found');
      return detail(pool, request.actor, row, row.current_version, clock());
    },
  );

  app.get(
    '/api/enterprises/:id/versions/:version',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'A past version of the profile with the evaluations made of it (what a past decision used)',
        params: VersionParams,
        response: { 200: EnterpriseDetail, ...problemResponses(404) },
      },
    },
    async (request) => {
      const scope = enterpriseScope(request.actor, shanghaiDateOf(clock()));
      const row = await findVisibleEnterprise(pool, scope, request.params.id);
      if (!row) throw problem('enterprise.not_found');
      return detail(pool, request.actor, row, request.params.version, clock());
    },
  );

  app.post(
    '/api/enterprises/:id/credit-records',
    {
      config: { access: Permission.CreditRecord },
      schema: {
        tags,
        summary: 'Record a credit event with its evidence; the grade is recomputed, explained and audited',
        params: IdParams,
        body: CreditRecordInput,
        response: { 200: EnterpriseDetail, ...problemResponses(404, 422) },
      },
    },
    async (request) => {
      const body = request.body;
      const answer = await tx(request.actor, request.id, async (ctx) => {
        const row = await findEnterpriseById(ctx.db, request.params.id, true);
        if (!row) throw problem('enterprise.not_found');
        const today = shanghaiDateOf(ctx.now);
        if (compareDates(parseCalendarDate(body.occurredOn), today) > 0)
          throw problem('credit.invalid_dates');
        const id = newId();
        await insertCreditRecord(ctx.db, {
          id,
          enterprise_id: row.id,
          kind: body.kind,
          severity: body.severity,
          occurred_on: body.occurredOn,
          revoked_on: null,
          description: body.description,
          evidence: body.evidence,
          recorded_by: ctx.actor.userId,
          recorded_org: ctx.actor.orgId,
          recorded_at: ctx.now,
          revoked_by: null,
          revoke_reason: null,
        });
        const current = await profileVersion(ctx.db, row.id, row.current_version);
        await regradeCredit(ctx, row, current?.profile as EnterpriseProfile, models, {
          action: 'credit.record',
          recordId: id,
        });
        return row.id;
      });
      const row = (await findEnterpriseById(pool, answer)) as EnterpriseRow;
      return detail(pool, request.actor, row, row.current_version, clock());
    },
  );

  app.post(
    '/api/credit-records/:id/revoke',
    {
      config: { access: Permission.CreditRecord },
      schema: {
        tags,
        summary: 'Revoke a credit record (e.g. after credit repair): kept, no longer counted from that day',
        params: IdParams,
        body: RevokeInput,
        response: { 200: EnterpriseDetail, ...problemResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const enterpriseId = await tx(request.actor, request.id, async (ctx) => {
        const record = await findCreditRecord(ctx.db, request.params.id, true);
        if (!record) throw problem('credit.record_not_found');
        if (record.revoked_on !== null) throw problem('credit.already_revoked');
        const revokedOn = parseCalendarDate(request.body.revokedOn);
        if (compareDates(revokedOn, parseCalendarDate(record.occurred_on)) < 0)
          throw problem('credit.invalid_dates');
        await revokeCreditRecord(ctx.db, record.id, revokedOn, ctx.actor.userId, request.body.reason);
        const row = (await findEnterpriseById(ctx.db, record.enterprise_id, true)) as EnterpriseRow;
        const current = await profileVersion(ctx.db, row.id, row.current_version);
        await regradeCredit(ctx, row, current?.profile as EnterpriseProfile, models, {
          action: 'credit.revoke',
          recordId: record.id,
        });
        return row.id;
      });
      const row = (await findEnterpriseById(pool, enterpriseId)) as EnterpriseRow;
      return detail(pool, request.actor, row, row.current_version, clock());
    },
  );

  app.get(
    '/api/leads',
    {
      config: { access: Permission.LeadRead },
      schema: {
        tags,
        summary: "Leads inbox: enterprises that consented and match the insurer's products, ranked, with why",
        description:
          'An insurer sees matches of its own products; a broker matches of every product. Enterprises that did not consent never appear.',
        querystring: LeadQuery,
        response: { 200: Page(LeadView), ...problemResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const { rows, total } = await listLeads(pool, {
        writerOrgId: request.actor.orgKind === 'insurer' ? request.actor.orgId : null,
        productCode: q.product,
        status: q.status,
        limit,
        offset,
      });
      return { items: rows.map(presentLead), total, limit, offset };
    },
  );
};
