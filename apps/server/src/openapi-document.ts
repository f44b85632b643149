import { createPool } from '@kebao/db';
import { buildApp } from './app.ts';
import { CATALOG_DIR } from './modules/catalog/load-catalog.ts';
import { modelsByKind, readEvaluationModels } from './modules/enterprise/evaluation-models.ts';
import { loadRegions } from './modules/region/load-regions.ts';
import { loadConfig } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { Dispatcher } from './platform/outbox/dispatcher.ts';
import { StreamHub } from './platform/outbox/stream-hub.ts';
import { createTxRunner } from './platform/transaction.ts';

/**
 * The OpenAPI document, built from the route schemas without a database: the pool below never
 * connects because nothing queries it.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const pool = createPool('postgres://offline@127.0.0.1:1/offline');
  const log = createLogger({ level: 'silent' });
  const clock = () => new Date(0);
  const app = await buildApp({
    config: loadConfig({ KEBAO_WEB_DIST: '/nonexistent' }),
    pool,
    clock,
    log,
    tx: createTxRunner({ pool, clock }),
    dispatcher: new Dispatcher({ pool, log }),
    hub: new StreamHub(pool, log),
    models: modelsByKind(await readEvaluationModels(CATALOG_DIR)),
    regions: await loadRegions(CATALOG_DIR),
  });
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  await pool.end();
  return doc;
}
