import type pg from 'pg';
import type { Logger } from 'pino';
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
}

declare module 'fastify' {
  interface FastifyInstance {
    kebao: Services;
  }
}
