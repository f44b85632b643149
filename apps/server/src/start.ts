import { fileURLToPath } from 'node:url';
import { createClient, type Database, migrate, openDatabase } from '@kebao/db';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { prepareZone } from './demo/zone.ts';
import { MonthCloseJob } from './modules/ledger/close-job.ts';
import { MatchingSubscriber } from './modules/matching/subscriber.ts';
import { MonitorSubscriber } from './modules/monitor/subscriber.ts';
import { QuoteExpiryJob } from './modules/quote/expiry-job.ts';
import { SubsidyLapseJob } from './modules/subsidy/lapse-job.ts';
import type { Config } from './platform/config.ts';
import { type Clock, systemClock } from './platform/ids.ts';
import { createLogger } from './platform/logger.ts';
import { Dispatcher } from './platform/outbox/dispatcher.ts';
import { NotificationListener } from './platform/outbox/listener.ts';
import { StreamHub } from './platform/outbox/stream-hub.ts';
import type { Services } from './platform/services.ts';
import { createTxRunner } from './platform/transaction.ts';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  url: string;
  database: Database;
  services: Services;
  /** Finishes in-flight requests, ends event streams, stops the dispatcher and the embedded cluster. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** Seed the minimal demo organisations on an empty database (default true). */
  seed?: boolean;
  /** An already open database (tests); otherwise opened from the config and closed with the server. */
  database?: Database;
}

/** Wires the platform together: database, migrations, events, HTTP. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      mode: 'exclusive',
      poolMax: 20,
      prepareStatements: true,
      log: (message) => log.info(message),
    }));
  const ownsDatabase = !options.database;
  try {
    log.info(`database: ${database.describe}`);
    const report = await migrate(database.url);
    if (report.applied.length > 0)
      log.info(`applied migrations: ${report.applied.map((m) => m.id).join(', ')}`);

    const dispatcher = new Dispatcher({ pool: database.pool, log: log.child({ component: 'outbox' }) });
    const hub = new StreamHub(database.pool, log.child({ component: 'stream' }));
    dispatcher.register(hub.subscriber);
    dispatcher.register(new MatchingSubscriber(log.child({ component: 'matching' })));
    dispatcher.register(new MonitorSubscriber(log.child({ component: 'monitor' })));
    const tx = createTxRunner({ pool: database.pool, clock, onEvents: () => dispatcher.wake() });

    const { models } = await prepareZone(database.pool, tx, hub, log, {
      seed: options.seed !== false,
      catalogDir: config.catalogDir,
      enterprises: config.demoEnterprises,
      policiesPerYear: config.demoPolicies,
      years: 1,
      randomSeed: 42,
      now: clock(),
    });
    const services: Services = { config, pool: database.pool, clock, log, tx, dispatcher, hub, models };

    const listener = new NotificationListener(() => createClient(database.url, 'kebao-listen'), log);
    listener.on('kebao_outbox', () => dispatcher.wake());
    listener.on('kebao_stream', () => hub.wake());
    await hub.start();
    await listener.start();
    dispatcher.start();
    const quoteExpiry = new QuoteExpiryJob(tx, log.child({ component: 'quote-expiry' }));
    quoteExpiry.start();
    const monthClose = new MonthCloseJob(tx, database.pool, clock, log.child({ component: 'month-close' }));
    monthClose.start();
    const subsidyLapse = new SubsidyLapseJob(tx, log.child({ component: 'subsidy-lapse' }));
    subsidyLapse.start();

    const app = await buildApp({
      ...services,
      config: { ...config, webDist: config.webDist ?? DEFAULT_WEB_DIST },
    });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    let closing: Promise<void> | null = null;
    return {
      url,
      database,
      services,
      close() {
        closing ??= (async () => {
          await app.close();
          await quoteExpiry.stop();
          await monthClose.stop();
          await subsidyLapse.stop();
          await dispatcher.stop();
          await listener.stop();
          if (ownsDatabase) await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    if (ownsDatabase) await database.close().catch(() => {});
    throw error;
  }
}
