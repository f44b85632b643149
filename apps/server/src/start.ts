import { fileURLToPath } from 'node:url';
import { createClient, createPool, type Database, migrate, openDatabase } from '@kebao/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { prepareZone } from './demo/zone.ts';
import { CATALOG_DIR } from './modules/catalog/load-catalog.ts';
import { MonthCloseJob } from './modules/ledger/close-job.ts';
import { MatchingSubscriber } from './modules/matching/subscriber.ts';
import { MonitorJob } from './modules/monitor/periodic.ts';
import { MonitorSubscriber } from './modules/monitor/subscriber.ts';
import { PolicyExpiryJob } from './modules/policy/expiry.ts';
import { QuoteExpiryJob } from './modules/quote/expiry-job.ts';
import { loadRegions } from './modules/region/load-regions.ts';
import { RiskRunJob } from './modules/risk/job.ts';
import { loadRiskModel } from './modules/risk/model.ts';
import { SubsidyLapseJob } from './modules/subsidy/lapse-job.ts';
import { WebhookDeliveryJob } from './modules/webhook/delivery-job.ts';
import { WebhookSubscriber } from './modules/webhook/subscriber.ts';
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
  /** Sends webhook deliveries (tests run passes of it). */
  webhooks: WebhookDeliveryJob;
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
  const outboxPools: pg.Pool[] = [];
  try {
    log.info(`database: ${database.describe}`);
    const report = await migrate(database.url);
    if (report.applied.length > 0)
      log.info(`applied migrations: ${report.applied.map((m) => m.id).join(', ')}`);

    // The outbox has connections of its own: under a burst of requests queueing for the main pool, the
    // events they commit (the cockpit's exposure, alerts, the event stream) must not wait behind them.
    const outboxPool = createPool(database.url, {
      max: 4,
      applicationName: 'kebao-outbox',
      prepareStatements: true,
    });
    outboxPools.push(outboxPool);
    const dispatcher = new Dispatcher({ pool: outboxPool, log: log.child({ component: 'outbox' }) });
    const hub = new StreamHub(outboxPool, log.child({ component: 'stream' }));
    dispatcher.register(hub.subscriber);
    dispatcher.register(new MatchingSubscriber(log.child({ component: 'matching' })));
    dispatcher.register(new MonitorSubscriber(log.child({ component: 'monitor' })));
    const tx = createTxRunner({ pool: database.pool, clock, onEvents: () => dispatcher.wake() });
    const webhooks = new WebhookDeliveryJob({
      pool: database.pool,
      tx,
      clock,
      log: log.child({ component: 'webhooks' }),
    });
    dispatcher.register(
      new WebhookSubscriber({
        clock,
        log: log.child({ component: 'webhooks' }),
        onDeliveries: () => webhooks.wake(),
      }),
    );

    // A broken shipped risk model stops the start, naming the file and the problem.
    const riskModel = await loadRiskModel(config.catalogDir ?? CATALOG_DIR);
    // So does a broken region code list.
    const regions = await loadRegions(config.catalogDir ?? CATALOG_DIR);
    const { models } = await prepareZone(database.pool, tx, hub, log, {
      seed: options.seed !== false,
      catalogDir: config.catalogDir,
      enterprises: config.demoEnterprises,
      policiesPerYear: config.demoPolicies,
      years: config.demoYears,
      randomSeed: 42,
      now: clock(),
    });
    const riskRuns = new RiskRunJob({
      pool: database.pool,
      tx,
      clock,
      log: log.child({ component: 'risk-runs' }),
      model: riskModel,
      workers: config.riskWorkers,
    });
    const services: Services = {
      config,
      pool: database.pool,
      clock,
      log,
      tx,
      dispatcher,
      hub,
      models,
      regions,
      riskRuns,
    };

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
    webhooks.start();
    const policyExpiry = new PolicyExpiryJob(tx, log.child({ component: 'policy-expiry' }));
    policyExpiry.start();
    const monitorPass = new MonitorJob(tx, log.child({ component: 'monitor-pass' }));
    monitorPass.start();
    riskRuns.start();

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
      webhooks,
      close() {
        closing ??= (async () => {
          await app.close();
          await quoteExpiry.stop();
          await monthClose.stop();
          await subsidyLapse.stop();
          await webhooks.stop();
          await policyExpiry.stop();
          await monitorPass.stop();
          await riskRuns.stop();
          await dispatcher.stop();
          await listener.stop();
          await outboxPool.end();
          if (ownsDatabase) await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const p of outboxPools) await p.end().catch(() => {});
    if (ownsDatabase) await database.close().catch(() => {});
    throw error;
  }
}
