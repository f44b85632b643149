import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatYuan } from '@kebao/domain/money';
import {
  ALERT_METRICS,
  type AlertMetric,
  herfindahlIndex,
  type IndexMethodology,
  parseAlertRule,
} from '@kebao/domain/monitor';
import { Permission } from '@kebao/domain/org';
import { formatPercent } from '@kebao/domain/placement';
import { shanghaiDateOf } from '@kebao/domain/time';
import { Type } from 'typebox';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { toXlsx } from '../../platform/files/tables.ts';
import {
  Binary,
  JsonOrFile,
  Money,
  Nullable,
  Page,
  PageQuery,
  problemResponses,
  Timestamp,
  Uuid,
} from '../../platform/http/schemas.ts';
import { rawBodyValidatorCompiler } from '../../platform/http/validation.ts';
import { acknowledgeAlert, resolveAlert } from './alert-service.ts';
import { MAX_BORDEREAU_ROWS, readBordereau } from './bordereau.ts';
import { indexInputs, indexTable, publishIndex, runIndex, storedIndex } from './index-service.ts';
import { REGISTRATION_FIELDS } from './registration-rows.ts';
import { registerPolicies } from './registration-service.ts';
import {
  alertHistory,
  allRules,
  exposureRows,
  findAlert,
  listAlerts,
  listRegistered,
  listTargets,
  type RegisteredRow,
  upsertRule,
  upsertTarget,
} from './repo.ts';
import {
  IndexMethodologySchema,
  IndexPublication,
  IndexPublished,
  IndexResultView,
  MonitorInsurer,
  RegisteredView,
  StatisticsReport,
} from './schemas.ts';
import { statisticsInsurers, statisticsReport, statisticsTable } from './statistics-service.ts';
import { targetProgress } from './targets.ts';

const tags = ['monitoring'];
const BORDEREAU_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];
const BORDEREAU_MAX_BYTES = 16 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const RowError = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  message_zh: Type.String(),
  message_en: Type.String(),
});
const RegistrationAnswer = Type.Object({
  uploadId: Uuid,
  rows: Type.Integer(),
  stored: Type.Integer({ description: 'new policies registered' }),
  changed: Type.Integer({ description: 'registered before, figures changed (recorded as a change)' }),
  unchanged: Type.Integer({ description: 'identical to what is registered: nothing done' }),
  errors: Type.Array(RowError, { description: 'bad rows, not stored; fix and send them again' }),
  unknownColumns: Type.Optional(Type.Array(Type.String())),
});
const RegistrationRowBody = Type.Object(
  Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, Type.Optional(Type.String({ maxLength: 200 }))])),
  { additionalProperties: false },
);
const ExposureView = Type.Object({
  dimension: Type.String({
    description:
      'zone · insurer · pool · class · industry · region · sandbox · source · industry_insurer (key "industry|insurer id")',
  }),
  key: Type.String(),
  name: Nullable(Type.String()),
  sumInsured: Money,
  premium: Money,
  netSumInsured: Money,
  netPremium: Money,
  policies: Type.Integer(),
  updatedAt: Timestamp,
});
const AlertView = Type.Object({
  id: Uuid,
  rule: Type.Object({ code: Type.String(), names: Nullable(Bilingual) }),
  metric: Nullable(
    Type.Object(
      {
        code: Type.String({ description: 'loss_ratio, hhi, insurer_share, retention_ratio, …' }),
        names: Nullable(Bilingual),
        unit: Nullable(
          Type.String({
            description: 'ratio (a fraction, shown as a percent) · count · index (HHI 0–10,000)',
          }),
        ),
      },
      { description: 'What the rule watches; null for alerts opened before the metric was stored' },
    ),
  ),
  subject: Type.String({
    description:
      'What the alert is about, as a key: zone:insurer, insurer:{org}, risk:{policy}:{org}, enterprise:{id}, programme:{code}, product:{code}',
  }),
  subjectLabel: Nullable(
    Type.String({ description: 'The subject in words: the insurer’s, enterprise’s or programme’s name' }),
  ),
  severity: Type.String({ description: 'info 提示 · warning 关注 · critical 严重' }),
  status: Type.String({ description: 'open 待处理 · acknowledged 已确认 · resolved 已解除' }),
  value: Type.String(),
  threshold: Type.String(),
  message: Bilingual,
  openedAt: Timestamp,
  updatedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  history: Type.Optional(
    Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        value: Nullable(Type.String()),
        comment: Nullable(Type.String()),
        by: Nullable(Type.String()),
        at: Timestamp,
      }),
    ),
  ),
});
const Comment = Type.Object(
  { comment: Type.String({ minLength: 2, maxLength: 2000 }) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

function presentMetric(code: string) {
  const known = ALERT_METRICS[code as AlertMetric] as (typeof ALERT_METRICS)[AlertMetric] | undefined;
  return { code, names: known?.names ?? null, unit: known?.unit ?? null };
}

function presentAlert(a: Awaited<ReturnType<typeof listAlerts>>['rows'][number]) {
  return {
    id: a.id,
    rule: { code: a.rule_code, names: a.rule_names ?? null },
    metric: a.metric === null ? null : presentMetric(a.metric),
    subject: a.subject,
    subjectLabel: a.subject_label,
    severity: a.severity,
    status: a.status,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    openedAt: a.opened_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    resolvedAt: a.resolved_at ? a.resolved_at.toISOString() : null,
  };
}

function presentRegistered(r: RegisteredRow) {
  return {
    id: r.id,
    policyNumber: r.policy_number,
    productCode: r.product_code,
    statisticalClass: r.statistical_class,
    insured: { uscc: r.insured_uscc, name: r.insured_name },
    industry: r.industry,
    region: r.region_code,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    share: formatPercent(r.share),
    sumInsured: formatYuan(r.sum_insured),
    premium: formatYuan(r.premium),
    claimsPaid: formatYuan(r.claims_paid),
    claimsIncurred: formatYuan(r.claims_incurred),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The cockpit's data: registration of off-platform business, live exposure, alerts and their rules. */
export const monitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;
  app.addContentTypeParser(
    BORDEREAU_TYPES,
    { parseAs: 'buffer', bodyLimit: BORDEREAU_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  const scopeOf = (actor: Actor) => ({ all: can(actor, Permission.MonitorReadAll), orgId: actor.orgId });

  app.post(
    '/api/registrations',
    {
      config: { access: Permission.RegistrationSubmit },
      schema: {
        tags,
        summary: 'Register policies written in the insurer’s own systems (保单登记), row by row',
        description:
          'Idempotent by insurer + policy number: an identical row changes nothing, a changed one is recorded as a change. Bad rows are reported by row (1 = the first row sent) and field and not stored; good rows are stored.',
        body: Type.Object(
          { rows: Type.Array(RegistrationRowBody, { minItems: 1, maxItems: MAX_BORDEREAU_ROWS }) },
          { additionalProperties: false },
        ),
        response: { 200: RegistrationAnswer, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      tx(request.actor, request.id, (ctx) =>
        registerPolicies(ctx, {
          rows: request.body.rows.map((input, i) => ({ number: i + 1, input })),
          filename: 'api',
        }),
      ),
  );

  app.post(
    '/api/registrations/bordereau',
    {
      config: { access: Permission.RegistrationSubmit },
      bodyLimit: BORDEREAU_MAX_BYTES,
      // The body is the file (a Buffer from the parser above): only the query is validated.
      validatorCompiler: rawBodyValidatorCompiler,
      schema: {
        tags,
        summary: 'Register policies from a bordereau (清单): CSV (UTF-8 or GBK) or XLSX, ≤ 20,000 rows',
        description: `The first row names the columns — field names (${REGISTRATION_FIELDS.join(', ')}) or their Chinese headers (保单号, 统计类别, 被保险人统一社会信用代码, 起保日期, 保险金额, 保费 …). Good rows are stored, bad rows reported by spreadsheet row number and field; sending the same file again changes nothing.`,
        querystring: Type.Object(
          {
            filename: Type.Optional(
              Type.String({
                maxLength: 200,
                description: 'The file’s name, kept with the upload (default: bordereau)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        consumes: BORDEREAU_TYPES,
        body: Binary(
          `The bordereau file itself, sent with its Content-Type: CSV (UTF-8 with or without BOM, or GBK — detected) or XLSX (first sheet); at most ${BORDEREAU_MAX_BYTES / 1024 / 1024} MB (413) and ${MAX_BORDEREAU_ROWS.toLocaleString('en-US')} data rows (422 registration.too_many_rows). The first row is the header.`,
        ),
        response: { 200: RegistrationAnswer, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw problem('request.unsupported_media_type', {
          detail: `send the file as ${BORDEREAU_TYPES.join(', ')}`,
        });
      }
      const { rows, unknownColumns, tooMany } = await readBordereau(body);
      if (tooMany) throw problem('registration.too_many_rows', { params: { max: MAX_BORDEREAU_ROWS } });
      const answer = await tx(request.actor, request.id, (ctx) =>
        registerPolicies(ctx, { rows, filename: request.query.filename ?? 'bordereau' }),
      );
      return { ...answer, unknownColumns };
    },
  );

  app.get(
    '/api/registrations',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'Registered policies: own (insurer), or all (regulator)',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(RegisteredView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const { rows, total } = await listRegistered(pool, scopeOf(request.actor), { limit, offset });
      return { items: rows.map(presentRegistered), total, limit, offset };
    },
  );

  app.get(
    '/api/monitor/exposure',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'Live exposure (在险敞口) by dimension, kept from events; with the concentration (HHI, 0–10,000) of each dimension. An insurer sees the zone totals and its own insurer row.',
        querystring: Type.Object(
          {
            dimension: Type.Optional(
              Type.Enum([
                'zone',
                'insurer',
                'pool',
                'class',
                'industry',
                'region',
                'sandbox',
                'source',
                'industry_insurer',
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(ExposureView),
            hhi: Type.Record(Type.String(), Type.Number(), {
              description: 'Herfindahl–Hirschman index of sum insured per dimension (regulators)',
            }),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const all = can(request.actor, Permission.MonitorReadAll);
      const rows = await exposureRows(
        pool,
        request.query.dimension ?? null,
        all ? null : request.actor.orgId,
      );
      const hhi: Record<string, number> = {};
      if (all) {
        const by = new Map<string, bigint[]>();
        for (const r of rows)
          if (r.dimension !== 'zone' && r.dimension !== 'industry_insurer')
            by.set(r.dimension, [...(by.get(r.dimension) ?? []), r.sum_insured]);
        for (const [dimension, amounts] of by) hhi[dimension] = herfindahlIndex(amounts);
      }
      return {
        items: rows.map((r) => ({
          dimension: r.dimension,
          key: r.key,
          name: r.name ?? null,
          sumInsured: formatYuan(r.sum_insured),
          premium: formatYuan(r.premium),
          netSumInsured: formatYuan(r.net_sum_insured),
          netPremium: formatYuan(r.net_premium),
          policies: r.policies,
          updatedAt: r.updated_at.toISOString(),
        })),
        hhi,
      };
    },
  );

  app.get(
    '/api/monitor/alerts',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'Alerts (预警), open first: all for the regulator, those concerning the caller for an insurer',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['open', 'acknowledged', 'resolved'])), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Page(AlertView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listAlerts(pool, scopeOf(request.actor), {
        status: status ?? null,
        limit,
        offset,
      });
      return { items: rows.map(presentAlert), total, limit, offset };
    },
  );

  app.get(
    '/api/monitor/alerts/:id',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'One alert with its history',
        params: IdParams,
        response: { 200: AlertView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request.actor);
      const alert = await findAlert(pool, request.params.id);
      if (!alert || (!scope.all && alert.subject_org !== scope.orgId)) throw problem('alert.not_found');
      const rules = await allRules(pool);
      const names = (
        rules.find((r) => r.code === alert.rule_code)?.definition as { names?: { zh: string; en: string } }
      )?.names;
      return {
        ...presentAlert({ ...alert, rule_names: names ?? null }),
        history: (await alertHistory(pool, alert.id)).map((h) => ({
          seq: h.seq,
          action: h.action,
          value: h.value,
          comment: h.comment,
          by: h.by_name,
          at: h.at.toISOString(),
        })),
      };
    },
  );

  for (const [path, run, summary] of [
    ['acknowledge', acknowledgeAlert, 'Acknowledge an open alert with a comment (已确认)'],
    ['resolve', resolveAlert, 'Resolve an alert with a comment (已解除)'],
  ] as const) {
    app.post(
      `/api/monitor/alerts/:id/${path}`,
      {
        config: { access: Permission.MonitorManage },
        schema: {
          tags,
          summary,
          params: IdParams,
          body: Comment,
          response: {
            200: Type.Object({ id: Uuid, status: Type.String() }),
            ...problemResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request) => {
        await tx(request.actor, request.id, (ctx) => run(ctx, request.params.id, request.body.comment));
        const alert = await findAlert(pool, request.params.id);
        return { id: request.params.id, status: alert?.status ?? 'resolved' };
      },
    );
  }

  app.get(
    '/api/monitor/insurers',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'The insurers the statistics can be filtered by (`insurer`): for a regulator every insurer organisation that is active or has platform or registered business; for an insurer only itself',
        response: {
          200: Type.Object({ items: Type.Array(MonitorInsurer, { description: 'By Chinese name' }) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({ items: await statisticsInsurers(pool, scopeOf(request.actor)) }),
  );

  app.get(
    '/api/monitor/statistics',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'Statistics in the shape of 《科技保险业务统计制度》: part 1 by product class (by=class), part 2 by insured entity (by=entity); monthly, quarterly or annual; the zone or one insurer (an insurer: its own lines); XLSX with format=xlsx',
        querystring: Type.Object(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            period: Type.Optional(Type.Enum(['month', 'quarter', 'year'])),
            by: Type.Optional(Type.Enum(['class', 'entity', 'source'])),
            insurer: Type.Optional({
              ...Uuid,
              description:
                'One insurer’s lines (an id from GET /api/monitor/insurers); regulators only — an insurer always gets its own',
            }),
            format: Type.Optional(Type.Enum(['json', 'xlsx'])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: JsonOrFile(
            StatisticsReport,
            'The report as JSON, or with format=xlsx the sheet with the Chinese headers',
            XLSX_TYPE,
          ),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const all = can(request.actor, Permission.MonitorReadAll);
      const report = await statisticsReport(pool, {
        year: q.year,
        period: q.period ?? 'quarter',
        by: q.by ?? 'class',
        insurer: all ? (q.insurer ?? null) : request.actor.orgId,
      });
      if (q.format !== 'xlsx') return report;
      const file = await toXlsx(statisticsTable(report));
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="tech-insurance-statistics-${q.year}-${report.by}.xlsx"`,
        )
        .send(file);
    },
  );

  const TargetView = Type.Object({
    code: Type.String(),
    names: Bilingual,
    metric: Type.String(),
    unit: Type.String(),
    dueYear: Type.Integer(),
    target: Type.String(),
    current: Nullable(Type.String()),
    progress: Nullable(Type.String({ description: 'current ÷ target, 6 decimals' })),
    source: Type.String({ description: 'data: from the platform · reported: a figure the zone reports' }),
  });

  app.get(
    '/api/monitor/targets',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'Zone targets (建设目标) with their progress',
        response: { 200: Type.Object({ items: Type.Array(TargetView) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: await targetProgress(pool, shanghaiDateOf(app.kebao.clock())) }),
  );

  app.put(
    '/api/monitor/targets/:code',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary:
          'Change a target, or report the figure the platform cannot derive (insurance funds introduced)',
        params: Type.Object(
          { code: Type.String({ pattern: '^[a-z][a-z0-9_]{2,39}$' }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          {
            target: Type.Optional(Type.String({ pattern: '^[0-9]{1,16}(\\.[0-9]{1,2})?$' })),
            reported: Type.Optional(Money),
            dueYear: Type.Optional(Type.Integer({ minimum: 2020, maximum: 2100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TargetView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const existing = (await listTargets(pool)).find((t) => t.code === request.params.code);
      if (!existing) throw problem('request.not_found', { detail: `no target ${request.params.code}` });
      const b = request.body;
      const next = {
        ...existing,
        target: b.target ?? existing.target,
        reported: b.reported ?? existing.reported,
        due_year: b.dueYear ?? existing.due_year,
      };
      await tx(request.actor, request.id, async (ctx) => {
        await upsertTarget(ctx.db, next, ctx.now, false);
        ctx.audit({
          action: 'monitor.target',
          entityType: 'zone_target',
          entityId: existing.code,
          before: { target: existing.target, reported: existing.reported, dueYear: existing.due_year },
          after: { target: next.target, reported: next.reported, dueYear: next.due_year },
        });
      });
      const items = await targetProgress(pool, shanghaiDateOf(app.kebao.clock()));
      return items.find((t) => t.code === existing.code) as (typeof items)[number];
    },
  );

  const IndexQuery = Type.Object(
    {
      year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
      format: Type.Optional(Type.Enum(['json', 'xlsx'])),
    },
    { additionalProperties: false },
  );
  const thisYear = () => Number(shanghaiDateOf(app.kebao.clock()).slice(0, 4));

  app.get(
    '/api/monitor/index',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'The tech-insurance development index (科技保险发展指数) computed now from the data, every year through `year`: composite, sub-indices, each indicator’s value, normalised value and weight; XLSX of the indicator table with format=xlsx',
        querystring: IndexQuery,
        response: {
          200: JsonOrFile(
            IndexResultView,
            'The index as JSON, or with format=xlsx the indicator table (one row per indicator and year)',
            XLSX_TYPE,
          ),
          ...problemResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const year = request.query.year ?? thisYear();
      const input = await indexInputs(pool, year, shanghaiDateOf(app.kebao.clock()));
      const result = runIndex(input);
      if (request.query.format !== 'xlsx') return result;
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="tech-insurance-index-${year}.xlsx"`)
        .send(await toXlsx(indexTable(result)));
    },
  );

  app.post(
    '/api/monitor/index/what-if',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'The index with another methodology (e.g. other AHP judgements) on the same data: what a change of weights does',
        description:
          'The body’s methodology has the shape of the one every index answer echoes (GET /api/monitor/index gives the one in use, to start from); the shape is checked here (400 with field paths), its meaning — unique keys, weights adding up to 1, reciprocal AHP matrices with CR < 0.1, data in the base year — by the index engine (422 index.invalid). Nothing is stored; the answer is JSON whatever `format` says.',
        querystring: IndexQuery,
        body: Type.Object({ methodology: IndexMethodologySchema }, { additionalProperties: false }),
        response: { 200: IndexResultView, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const year = request.query.year ?? thisYear();
      const input = await indexInputs(pool, year, shanghaiDateOf(app.kebao.clock()));
      const methodology: IndexMethodology = request.body.methodology;
      return runIndex({ ...input, methodology });
    },
  );

  app.post(
    '/api/monitor/index/:year/publish',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary: 'Publish a year’s index: computed from the data and stored with its inputs and methodology',
        params: Type.Object(
          { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
          { additionalProperties: false },
        ),
        response: { 201: IndexPublished, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const published = await tx(request.actor, request.id, (ctx) =>
        publishIndex(ctx, request.params.year, shanghaiDateOf(ctx.now)),
      );
      return reply.code(201).send(published);
    },
  );

  app.get(
    '/api/monitor/index/publications',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary:
          'Published index values, each recomputed from its stored inputs (reproduced: the same to the last digit)',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(IndexPublication, { description: 'Newest year first' }) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({ items: await storedIndex(pool, request.query.year ?? null) }),
  );

  app.get(
    '/api/monitor/alert-rules',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'Early-warning rules as data (catalog/alerts/*.yaml and those published by the regulator)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                version: Type.Integer(),
                active: Type.Boolean(),
                source: Type.String(),
                definition: Type.Unknown(),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => ({
      items: (await allRules(pool)).map((r) => ({
        code: r.code,
        version: r.version,
        active: r.active,
        source: r.source,
        definition: r.definition,
      })),
    }),
  );

  app.put(
    '/api/monitor/alert-rules/:code',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary: 'Publish a rule (a new code, or a higher version), or switch one off with active=false',
        params: Type.Object(
          { code: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,63}$' }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        body: Type.Unknown({ description: 'the rule definition' }),
        response: {
          200: Type.Object({ code: Type.String(), version: Type.Integer(), active: Type.Boolean() }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
    },
    async (request) => {
      const parsed = parseAlertRule(request.body);
      if (!parsed.ok) {
        throw problem('request.invalid', {
          detail: 'the alert rule is not valid',
          errors: parsed.errors.map((e) => ({ ...e, path: `/body${e.path}` })),
        });
      }
      const rule = parsed.rule;
      if (rule.code !== request.params.code) {
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
      const active = request.query.active ?? true;
      const existing = (await allRules(pool)).find((r) => r.code === rule.code);
      if (existing && existing.version > rule.version) {
        throw problem('alert.rule_version', { params: { code: rule.code, version: existing.version } });
      }
      await tx(request.actor, request.id, async (ctx) => {
        // Switching a shipped rule on or off keeps it shipped; a new version is the regulator's own.
        const source = existing && existing.version === rule.version ? existing.source : 'api';
        await upsertRule(
          ctx.db,
          { code: rule.code, version: rule.version, definition: rule, active, source },
          ctx.now,
        );
        ctx.audit({
          action: 'alert.rule_publish',
          entityType: 'alert_rule',
          entityId: rule.code,
          before: existing ? { version: existing.version, active: existing.active } : undefined,
          after: { version: rule.version, active },
        });
      });
      return { code: rule.code, version: rule.version, active };
    },
  );
};
