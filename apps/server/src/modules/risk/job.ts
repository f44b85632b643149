import { type SimulationPool, startSimulationPool } from '@kebao/risk';
import type pg from 'pg';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/ids.ts';
import { IntervalJob } from '../../platform/jobs/interval-job.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import type { LoadedRiskModel } from './model.ts';
import {
  claimQueuedRun,
  endRun,
  finishRun,
  type RiskRunRow,
  recordProgress,
  requeueInterrupted,
  storeRunInputs,
} from './repo.ts';
import { packPortfolio, readLivePortfolio, simulateLive } from './service.ts';

/** How often a run writes its progress (and reads whether it was cancelled meanwhile). */
const PROGRESS_EVERY_MS = 500;

export interface RiskRunJobOptions {
  pool: pg.Pool;
  tx: RunInTransaction;
  clock: Clock;
  log: Logger;
  model: LoadedRiskModel;
  workers: number;
  everyMs?: number;
}

/**
 * The risk job: takes the queued risk runs one at a time (at start, every half minute, and at once when a
 * run is requested), builds the portfolio in force on the run's day, stores it with the run and simulates
 * it on its own worker threads — started with the first run and kept — so the server's thread keeps
 * answering. Progress is written twice a second; a cancellation asked for meanwhile stops the run at the
 * next block. A run left under way by a stopped process goes back to the queue at start.
 */
export class RiskRunJob extends IntervalJob {
  private simulationPool: Promise<SimulationPool> | null = null;
  private current: AbortController | null = null;
  private stopping = false;

  private readonly options: RiskRunJobOptions;

  constructor(options: RiskRunJobOptions) {
    super({
      log: options.log,
      everyMs: options.everyMs ?? 30_000,
      failure: 'risk run pass failed',
      pass: () => this.takeRuns(),
    });
    this.options = options;
  }

  /** Looks for queued runs now (a run was just requested). */
  wake(): void {
    void this.runOnce();
  }

  private started = false;

  private async takeRuns(): Promise<void> {
    if (!this.started) {
      this.started = true;
      const n = await requeueInterrupted(this.options.pool);
      if (n > 0) this.options.log.info({ runs: n }, 'risk runs left under way by a stopped process requeued');
    }
    while (!this.stopping) {
      const run = await claimQueuedRun(this.options.pool, this.options.workers, this.options.clock());
      if (!run) return;
      await this.execute(run);
    }
  }

  private threads(): Promise<SimulationPool> {
    this.simulationPool ??= startSimulationPool({ threads: this.options.workers });
    return this.simulationPool;
  }

  private async execute(run: RiskRunRow): Promise<void> {
    const { pool, tx, clock, log, model } = this.options;
    const seed = Number(run.seed);
    const abort = new AbortController();
    this.current = abort;
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    try {
      const live = await readLivePortfolio(pool, run.as_of, model);
      const packed = packPortfolio(live);
      await storeRunInputs(pool, run.id, {
        modelVersion: model.model.version,
        modelChecksum: model.checksum,
        portfolioGz: packed.gz,
        portfolioSha256: packed.sha256,
        units: live.portfolio.policies.length,
        risks: live.portfolio.policies.reduce((s, p) => s + (p.count ?? 1), 0),
        platformPolicies: live.platformPolicies,
        registeredPolicies: live.registeredPolicies,
        notes: live.notes,
      });
      const outcome = await simulateLive(
        live,
        { years: run.years, seed },
        {
          pool: await this.threads(),
          signal: abort.signal,
          onProgress: (yearsDone) => {
            const now = Date.now();
            if (now - lastWrite < PROGRESS_EVERY_MS && yearsDone < run.years) return;
            lastWrite = now;
            writing = writing.then(async () => {
              const status = await recordProgress(pool, run.id, yearsDone).catch(() => null);
              if (status === 'cancelling') abort.abort(new Error('cancelled'));
            });
          },
        },
      );
      await writing;
      if (!outcome.ok) {
        const message =
          outcome.reason === 'empty'
            ? `${run.as_of} 没有在保保单 / no policies in force on ${run.as_of}`
            : outcome.message;
        await this.close(run, 'failed', message);
        return;
      }
      const { result } = outcome;
      const summary = {
        ...result.portfolio,
        classNames: Object.fromEntries(model.model.classes.map((c) => [c.id, c.names])),
        events: model.model.events.map((e) => ({ id: e.id, kind: e.kind, names: e.names })),
      };
      const at = clock();
      const finished = await tx(systemActor, `risk-run-${run.id}`, async (ctx) => {
        const done = await finishRun(
          ctx.db,
          run.id,
          {
            summary,
            perspectives: result.perspectives,
            capacity: result.capacity,
            losses: result.losses,
            elapsedMs: result.elapsedMs,
            years: result.years,
          },
          at,
        );
        if (done)
          ctx.audit({
            action: 'risk.run.finish',
            entityType: 'risk_run',
            entityId: run.id,
            after: {
              status: 'done',
              portfolioSha256: packed.sha256,
              units: live.portfolio.policies.length,
              losses: result.losses,
            },
          });
        return done;
      });
      // A cancellation that came after the last block: the run is cancelled, its figures not kept.
      if (!finished) await this.close(run, 'cancelled', null);
      else
        log.info(
          {
            run: run.id,
            units: live.portfolio.policies.length,
            years: run.years,
            ms: Math.round(result.elapsedMs),
          },
          'risk run done',
        );
    } catch (error) {
      await writing;
      // Stopping the server: the run stays 'running' and goes back to the queue at the next start.
      if (this.stopping) return;
      if (abort.signal.aborted) {
        await this.close(run, 'cancelled', null);
        return;
      }
      log.warn({ err: error, run: run.id }, 'risk run failed');
      await this.close(run, 'failed', error instanceof Error ? error.message : String(error));
    } finally {
      this.current = null;
    }
  }

  private async close(run: RiskRunRow, status: 'failed' | 'cancelled', error: string | null) {
    const at = this.options.clock();
    await this.options.tx(systemActor, `risk-run-${run.id}`, async (ctx) => {
      await endRun(ctx.db, run.id, status, error, at);
      ctx.audit({
        action: status === 'failed' ? 'risk.run.fail' : 'risk.run.cancelled',
        entityType: 'risk_run',
        entityId: run.id,
        after: { status, error },
      });
    });
  }

  override async stop(): Promise<void> {
    this.stopping = true;
    this.current?.abort(new Error('the server is stopping'));
    await super.stop();
    const threads = this.simulationPool;
    this.simulationPool = null;
    if (threads) await (await threads).terminate();
  }
}
