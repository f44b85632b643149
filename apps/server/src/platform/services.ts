import type pg from 'pg';
import type { Logger } from 'pino';
import type { EvaluationModels } from '../modules/enterprise/evaluation-models.ts';
import type { Regions } from '../modules/region/load-regions.ts';
import type { Config } from './config.ts';
import type { Clock } from './ids.ts';
import type { Dispatcher } from './outbox/dispatcher.ts';
import type { StreamHub } from './outbox/stream-hub.ts';
import type { RunInTransaction } from './transaction.ts';

/** What routes reach through `app.kebao`: the pool, the transaction runner and the event machinery. */
export interface Services {
  config: Config;
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  tx: RunInTransaction;
  dispatcher: Dispatcher;
  hub: StreamHub;
  /** The newest evaluation models (loaded at start from the catalogue). */
  models: EvaluationModels;
  /** The region code list (GB/T 2260 names, loaded at start from the catalogue). */
  regions: Regions;
  /** The risk job, woken when a run is requested (absent in an app built without jobs). */
  riskRuns?: { wake(): void };
}

declare module 'fastify' {
  interface FastifyInstance {
    kebao: Services;
  }
}
