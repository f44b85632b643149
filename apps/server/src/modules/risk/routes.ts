import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import type { CapacityRow, PerspectiveSummary } from '@kebao/risk';
import { Type } from 'typebox';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import {
  CalendarDate,
  Nullable,
  Page,
  PageQuery,
  problemResponses,
  Timestamp,
  Uuid,
} from '../../platform/http/schemas.ts';
import { findRun, listRuns, perspectiveNames, poolsOf, type RiskRunRow, runPortfolio } from './repo.ts';
import {
  cancelRun,
  DEFAULT_RUN_SEED,
  DEFAULT_RUN_YEARS,
  MAX_RUN_YEARS,
  MIN_RUN_YEARS,
  requestRun,
} from './service.ts';

const tags = ['risk'];
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Yuan = Type.Number({ description: 'yuan, a binary float: an estimate, not an amount to post' });

const RunView = Type.Object({
  id: Uuid,
  status: Type.String({
    enum: ['queued', 'running', 'cancelling', 'done', 'failed', 'cancelled'],
    description:
      '排队 queued · 运行中 running · 正在取消 cancelling · 完成 done · 失败 failed · 已取消 cancelled',
  }),
  asOf: CalendarDate,
  years: Type.Integer(),
  seed: Type.Integer(),
  yearsDone: Type.Integer(),
  workers: Nullable(Type.Integer({ description: 'worker threads that simulated it' })),
  modelVersion: Nullable(Type.Integer({ description: 'version of the risk model (catalog/risk)' })),
  modelChecksum: Nullable(Type.String()),
  portfolioSha256: Nullable(
    Type.String({ description: 'SHA-256 of the stored portfolio file (GET …/portfolio)' }),
  ),
  units: Nullable(Type.Integer({ description: 'policies (and certificates) the engine read' })),
  risks: Nullable(Type.Integer()),
  platformPolicies: Nullable(Type.Integer()),
  registeredPolicies: Nullable(Type.Integer()),
  notes: Type.Array(
    Type.Object(
      { code: Type.String(), zh: Type.String(), en: Type.String() },
      { description: 'what the portfolio leaves out' },
    ),
  ),
  losses: Nullable(Type.Integer({ description: 'ground-up losses drawn' })),
  elapsedMs: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
});

const EpPoint = Type.Object({
  returnPeriod: Type.Number(),
  exceedanceProbability: Type.Number(),
  oep: Nullable(Yuan),
  aep: Nullable(Yuan),
});

const PerspectiveView = Type.Object({
  key: Type.String({ description: 'e.g. gross, class:base, insurer_net:<org id>' }),
  kind: Type.String({
    enum: [
      'ground_up',
      'gross',
      'class',
      'pool',
      'insurer_gross',
      'insurer_net',
      'reinsurer',
      'insurer_rip',
      'reinsurer_rip',
    ],
    description:
      'insurer_rip / reinsurer_rip: reinstatement premiums paid / received in the year (annual only: oep is null)',
  }),
  id: Nullable(Type.String()),
  names: Bilingual,
  subject: Nullable(
    Type.Object(
      { zh: Type.String(), en: Type.String() },
      {
        description: 'the plain name of the class, pool, insurer or reinsurer (null for ground-up and gross)',
      },
    ),
  ),
  aal: Yuan,
  aalStandardError: Yuan,
  standardDeviation: Yuan,
  lossYearProbability: Type.Number(),
  maxAnnual: Yuan,
  ep: Type.Array(EpPoint, { description: 'OEP and AEP at return periods 2 … 10,000 (those ≤ years)' }),
  pml: Type.Array(EpPoint, { description: 'PML at 10, 50, 100, 200, 250 and 500 years' }),
  var995: Nullable(Yuan),
  tvar995: Nullable(Yuan),
});

const CapacityView = Type.Object({
  insurer: Type.String(),
  names: Bilingual,
  capital: Yuan,
  netAal: Yuan,
  netPml200: Nullable(Yuan),
  netTvar995: Nullable(Yuan),
  grossPml200: Nullable(Yuan),
  coverageRatio: Nullable(Type.Number({ description: 'capital ÷ net PML 1-in-200' })),
  utilisation: Nullable(Type.Number({ description: 'net PML 1-in-200 ÷ capital' })),
});

const RunResultView = Type.Object({
  ...RunView.properties,
  scope: Type.String({
    enum: ['all', 'own'],
    description: 'all: every perspective (regulator) · own: the zone totals and the insurer’s own',
  }),
  perspectives: Type.Array(PerspectiveView),
  capacity: Type.Array(CapacityView),
});

const RunParams = Type.Object({ id: Uuid }, { additionalProperties: false });

function presentRun(r: RiskRunRow) {
  return {
    id: r.id,
    status: r.status,
    asOf: r.as_of,
    years: r.years,
    seed: Number(r.seed),
    yearsDone: r.years_done,
    workers: r.workers,
    modelVersion: r.model_version,
    modelChecksum: r.model_checksum,
    portfolioSha256: r.portfolio_sha256,
    units: r.units,
    risks: r.risks,
    platformPolicies: r.platform_policies,
    registeredPolicies: r.registered_policies,
    notes: r.notes ?? [],
    losses: r.losses === null ? null : Number(r.losses),
    elapsedMs: r.elapsed_ms,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

const KIND_NAMES: Record<string, { zh: string; en: string }> = {
  ground_up: { zh: '损失（条款前）', en: 'Ground-up' },
  gross: { zh: '毛损失（条款后，100%）', en: 'Gross (after policy terms)' },
};

/**
 * What an actor may see of a run: the regulator everything; an insurer the zone totals (ground-up, gross,
 * by class), the pools it belongs to, and its own gross and net and capacity — never another insurer's
 * or a reinsurer's.
 */
async function scopedResults(
  db: Parameters<typeof findRun>[0],
  actor: Actor,
  run: RiskRunRow,
): Promise<{
  scope: 'all' | 'own';
  perspectives: (PerspectiveSummary & {
    names: { zh: string; en: string };
    subject: { zh: string; en: string } | null;
  })[];
  capacity: (CapacityRow & { names: { zh: string; en: string } })[];
}> {
  const all = can(actor, Permission.MonitorReadAll);
  const perspectives = (run.perspectives ?? []) as PerspectiveSummary[];
  const capacity = (run.capacity ?? []) as CapacityRow[];
  const ownPools = all || !actor.orgId ? [] : await poolsOf(db, actor.orgId);
  const visible = (p: PerspectiveSummary) => {
    if (all) return true;
    if (p.kind === 'ground_up' || p.kind === 'gross' || p.kind === 'class') return true;
    if (p.kind === 'pool') return p.id !== null && ownPools.includes(p.id);
    if (p.kind === 'insurer_gross' || p.kind === 'insurer_net' || p.kind === 'insurer_rip')
      return p.id === actor.orgId;
    return false;
  };
  const shown = perspectives.filter(visible);
  const shownCapacity = capacity.filter((c) => all || c.insurer === actor.orgId);
  const orgIds = [
    ...new Set([
      ...shown.filter((p) => p.kind.startsWith('insurer_') && p.id).map((p) => p.id as string),
      ...shownCapacity.map((c) => c.insurer),
    ]),
  ];
  const pools = shown.filter((p) => p.kind === 'pool' && p.id).map((p) => p.id as string);
  const names = await perspectiveNames(db, orgIds, pools);
  const orgName = new Map(names.orgs.map((o) => [o.id, o.name]));
  const poolName = new Map(names.pools.map((p) => [p.code, { zh: p.name_zh, en: p.name_en }]));
  const classNames = (run.summary?.classNames ?? {}) as Record<string, { zh: string; en: string }>;
  const nameOf = (p: PerspectiveSummary): { zh: string; en: string } => {
    const id = p.id ?? '';
    switch (p.kind) {
      case 'class':
        return classNames[id] ?? { zh: id, en: id };
      case 'pool':
        return poolName.get(id) ?? { zh: id, en: id };
      case 'insurer_gross':
        return { zh: `${orgName.get(id) ?? id}（自留前）`, en: `${orgName.get(id) ?? id} (gross)` };
      case 'insurer_net':
        return { zh: `${orgName.get(id) ?? id}（再保后自留）`, en: `${orgName.get(id) ?? id} (net)` };
      case 'reinsurer':
        return { zh: `${id}（分入）`, en: `${id} (assumed)` };
      case 'insurer_rip':
        return {
          zh: `${orgName.get(id) ?? id}（恢复保费支出）`,
          en: `${orgName.get(id) ?? id} (reinstatement premiums paid)`,
        };
      case 'reinsurer_rip':
        return { zh: `${id}（恢复保费收入）`, en: `${id} (reinstatement premiums received)` };
      default:
        return KIND_NAMES[p.kind] ?? { zh: p.key, en: p.key };
    }
  };
  const subjectOf = (p: PerspectiveSummary): { zh: string; en: string } | null => {
    const id = p.id ?? '';
    if (p.kind === 'ground_up' || p.kind === 'gross') return null;
    if (p.kind === 'class') return classNames[id] ?? { zh: id, en: id };
    if (p.kind === 'pool') return poolName.get(id) ?? { zh: id, en: id };
    const name = p.kind.startsWith('insurer_') ? (orgName.get(id) ?? id) : id;
    return { zh: name, en: name };
  };
  return {
    scope: all ? 'all' : 'own',
    perspectives: shown.map((p) => ({ ...p, names: nameOf(p), subject: subjectOf(p) })),
    capacity: shownCapacity.map((c) => {
      const name = orgName.get(c.insurer) ?? c.insurer;
      return { ...c, names: { zh: name, en: name } };
    }),
  };
}

/**
 * Risk runs (风险模拟): the Monte Carlo risk engine over the policies in force, run by the server's risk job
 * and stored with their inputs. The regulator (monitor.manage) asks for and cancels runs and reads their
 * stored portfolio; readers of the cockpit see the results, an insurer its own slice.
 */
export const riskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;

  async function visibleRun(actor: Actor, id: string) {
    const run = await findRun(pool, id);
    if (!run) throw problem('risk.run_not_found');
    return { ...presentRun(run), ...(await scopedResults(pool, actor, run)) };
  }

  app.get(
    '/api/risk/runs',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'Risk runs, newest first, with their status and progress (without their results)',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.String({
                enum: ['queued', 'running', 'cancelling', 'done', 'failed', 'cancelled'],
                description: 'only runs in this status (e.g. done: the newest finished run first)',
              }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(RunView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listRuns(pool, { limit, offset, status: status ?? null });
      return { items: rows.map(presentRun), total, limit, offset };
    },
  );

  app.post(
    '/api/risk/runs',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary: 'Ask for a risk run over the policies in force on a day (regulator)',
        description:
          'The run is queued (202) and taken by the risk job: it builds the portfolio in force on `asOf` ' +
          '(platform and registered policies, lines, capital, treaties in effect), stores it with the run and ' +
          `simulates it on worker threads. At most a few runs wait at once (409 risk.queue_full).`,
        body: Type.Object(
          {
            years: Type.Optional(
              Type.Integer({
                minimum: MIN_RUN_YEARS,
                maximum: MAX_RUN_YEARS,
                default: DEFAULT_RUN_YEARS,
                description: 'simulated years',
              }),
            ),
            seed: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: Number.MAX_SAFE_INTEGER,
                default: DEFAULT_RUN_SEED,
                description: 'the same seed and portfolio give the same figures',
              }),
            ),
            asOf: Type.Optional(CalendarDate),
          },
          { additionalProperties: false },
        ),
        response: { 202: RunView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const run = await tx(request.actor, request.id, (ctx) => requestRun(ctx, request.body ?? {}));
      app.kebao.riskRuns?.wake();
      return reply.code(202).send(presentRun(run));
    },
  );

  app.get(
    '/api/risk/runs/:id',
    {
      config: { access: Permission.MonitorRead },
      schema: {
        tags,
        summary: 'One risk run with its results: AAL, EP curves, PML, VaR and TVaR per perspective, capacity',
        description:
          'The regulator sees every perspective (ground-up, gross, class, pool, each insurer’s gross and net, ' +
          'each reinsurer’s assumed) and every insurer’s capacity; an insurer sees the zone totals, its pools ' +
          'and its own. Amounts are yuan as binary floats: estimates.',
        params: RunParams,
        response: { 200: RunResultView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => visibleRun(request.actor, request.params.id),
  );

  app.post(
    '/api/risk/runs/:id/cancel',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary: 'Cancel a queued or running risk run (it stops at the next block of years)',
        params: RunParams,
        response: { 200: RunView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const run = await tx(request.actor, request.id, (ctx) => cancelRun(ctx, request.params.id));
      return presentRun(run);
    },
  );

  app.get(
    '/api/risk/runs/:id/portfolio',
    {
      config: { access: Permission.MonitorManage },
      schema: {
        tags,
        summary: 'The portfolio file the run simulated (docs/risk.md), to repeat it with `kebao simulate`',
        description:
          'JSON as stored with the run; its SHA-256 is the run’s portfolioSha256. ' +
          '`kebao simulate <file> --years <years> --seed <seed>` gives the run’s figures again.',
        params: RunParams,
        response: {
          200: Type.Unsafe<unknown>({
            description: 'the portfolio file',
            content: { 'application/json': { schema: { type: 'object' } } },
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const run = await findRun(pool, request.params.id);
      if (!run) throw problem('risk.run_not_found');
      const stored = await runPortfolio(pool, run.id);
      if (!stored) throw problem('risk.portfolio_not_built');
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="risk-run-${run.id}-portfolio.json"`)
        .header('x-content-sha256', stored.sha256)
        .send(gunzipSync(stored.gz));
    },
  );
};
