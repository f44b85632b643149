import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { withSnapshot } from '@kebao/db';
import { shanghaiDateOf } from '@kebao/domain/time';
import { compilePortfolio, PortfolioError, type SimulationPool, simulate } from '@kebao/risk';
import type pg from 'pg';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { LoadedRiskModel } from './model.ts';
import { buildLivePortfolio, type LivePortfolio } from './portfolio.ts';
import {
  activeRuns,
  findRun,
  insertRun,
  insurersWithCapital,
  markCancelRequested,
  platformPoliciesInForce,
  registeredPoliciesInForce,
  treatiesInEffect,
} from './repo.ts';

/*
 * Risk runs (风险模拟): the regulator asks for a simulation of the portfolio in force on a day; the risk job
 * (job.ts) takes the runs in turn, builds the portfolio, stores it with the run and simulates it on worker
 * threads. A run is a pure function of its stored portfolio, seed and years: repeated from them it gives
 * the same figures to the last digit.
 */

export const DEFAULT_RUN_YEARS = 10_000;
export const MIN_RUN_YEARS = 1_000;
/** The per-year losses a run keeps: years × perspectives × 16 bytes (≈ 128 MB at 200,000 years and 40). */
export const MAX_RUN_YEARS = 200_000;
export const DEFAULT_RUN_SEED = 2026;
/** Runs queued or under way at once: enough for a working day, not a flood on two CPUs. */
export const MAX_ACTIVE_RUNS = 5;

export async function requestRun(
  ctx: Ctx,
  input: { years?: number | undefined; seed?: number | undefined; asOf?: string | undefined },
) {
  const today = shanghaiDateOf(ctx.now);
  const asOf = input.asOf ?? today;
  if (asOf > today) throw problem('risk.as_of_future', { params: { asOf, today } });
  if ((await activeRuns(ctx.db)) >= MAX_ACTIVE_RUNS)
    throw problem('risk.queue_full', { params: { max: MAX_ACTIVE_RUNS } });
  const id = newId();
  const years = input.years ?? DEFAULT_RUN_YEARS;
  const seed = input.seed ?? DEFAULT_RUN_SEED;
  await insertRun(ctx.db, {
    id,
    asOf,
    years,
    seed,
    orgId: ctx.actor.orgId ?? null,
    userId: ctx.actor.userId ?? null,
    at: ctx.now,
  });
  ctx.audit({
    action: 'risk.run.request',
    entityType: 'risk_run',
    entityId: id,
    after: { asOf, years, seed },
  });
  return (await findRun(ctx.db, id)) as NonNullable<Awaited<ReturnType<typeof findRun>>>;
}

export async function cancelRun(ctx: Ctx, id: string) {
  const run = await findRun(ctx.db, id, true);
  if (!run) throw problem('risk.run_not_found');
  if (run.status !== 'queued' && run.status !== 'running')
    throw problem('risk.run_finished', { params: { status: run.status } });
  const status = await markCancelRequested(ctx.db, id, ctx.actor.userId ?? null, ctx.now);
  ctx.audit({
    action: 'risk.run.cancel',
    entityType: 'risk_run',
    entityId: id,
    before: { status: run.status },
    after: { status },
  });
  return (await findRun(ctx.db, id)) as NonNullable<Awaited<ReturnType<typeof findRun>>>;
}

/**
 * The portfolio in force on `asOf`, read in one snapshot (REPEATABLE READ, read only), so the policies,
 * lines, capital and treaties are those of one moment.
 */
export async function readLivePortfolio(
  pool: pg.Pool,
  asOf: string,
  model: LoadedRiskModel,
): Promise<LivePortfolio> {
  const read = await withSnapshot(pool, async (client) => ({
    policies: await platformPoliciesInForce(client, asOf),
    registered: await registeredPoliciesInForce(client, asOf),
    insurers: await insurersWithCapital(client),
    treaties: await treatiesInEffect(client, asOf),
  }));
  return buildLivePortfolio({ asOf, model: model.model, ...read });
}

/** The portfolio file as stored with a run: canonical JSON text, gzip'd, and the text's SHA-256. */
export function packPortfolio(live: LivePortfolio) {
  const text = JSON.stringify(live.portfolio);
  return {
    text,
    gz: gzipSync(text),
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

export type SimulateOutcome =
  | { ok: true; result: Awaited<ReturnType<typeof simulate>> }
  | { ok: false; reason: 'empty' | 'invalid'; message: string };

/** Simulates a built portfolio on the pool's threads (never on the server's own thread). */
export async function simulateLive(
  live: LivePortfolio,
  run: { years: number; seed: number },
  options: { pool: SimulationPool; signal: AbortSignal; onProgress: (yearsDone: number) => void },
): Promise<SimulateOutcome> {
  if (live.portfolio.policies.length === 0)
    return { ok: false, reason: 'empty', message: 'no policies in force on the day' };
  let compiled: ReturnType<typeof compilePortfolio>;
  try {
    compiled = compilePortfolio(live.portfolio);
  } catch (error) {
    if (error instanceof PortfolioError) return { ok: false, reason: 'invalid', message: error.message };
    throw error;
  }
  const result = await simulate(compiled, {
    years: run.years,
    seed: run.seed,
    pool: options.pool,
    signal: options.signal,
    onProgress: (p) => options.onProgress(p.yearsDone),
  });
  return { ok: true, result };
}
