import { parseCalendarDate, shanghaiDateOf, startOfDayInstant } from '@kebao/domain/time';
import type pg from 'pg';
import type { Logger } from 'pino';
import { loadShippedCalendars } from '../modules/calendar/load-calendars.ts';
import { CatalogCache } from '../modules/catalog/catalog-cache.ts';
import { CATALOG_DIR, loadShippedCatalog } from '../modules/catalog/load-catalog.ts';
import { seedDemoExperts } from '../modules/claim/demo-seed.ts';
import { seedDemoEnterprises } from '../modules/enterprise/demo-seed.ts';
import { loadEvaluationModels } from '../modules/enterprise/evaluation-models.ts';
import { loadShippedRules } from '../modules/monitor/load-rules.ts';
import { expireRegistrations } from '../modules/monitor/periodic.ts';
import { loadShippedTargets } from '../modules/monitor/targets.ts';
import { seedDemoOrganisations } from '../modules/org/demo-seed.ts';
import { countOrganisations } from '../modules/org/repo.ts';
import { seedDemoPlacement } from '../modules/placement/demo-seed.ts';
import { expirePolicies } from '../modules/policy/expiry.ts';
import { requestRun } from '../modules/risk/service.ts';
import { operateDemoProgrammes } from '../modules/subsidy/demo-seed.ts';
import { loadShippedProgrammes } from '../modules/subsidy/load-programmes.ts';
import { systemActor } from '../platform/actor.ts';
import { seededIdSource, systemClock, withIdSource } from '../platform/ids.ts';
import { StreamHub } from '../platform/outbox/stream-hub.ts';
import { createTxRunner, type RunInTransaction } from '../platform/transaction.ts';
import { type DemoActivityReport, seedDemoActivity } from './activity.ts';

export interface ZoneOptions {
  /** Seed the demo zone when the database has no organisations yet. */
  seed: boolean;
  catalogDir?: string | undefined;
  /** Fictitious registry enterprises besides the demo login's. */
  enterprises: number;
  /** Policies tried per simulated year of activity. */
  policiesPerYear: number;
  years: number;
  randomSeed: number;
  now: Date;
}

/**
 * What every start does before serving: the shipped catalogue and evaluation models loaded, and — on an
 * empty database — the demo zone: organisations, the IC pool and treaties, the registry, and years of
 * activity through the services (`kebao start`, `kebao seed`).
 */
export async function prepareZone(
  pool: pg.Pool,
  tx: RunInTransaction,
  hub: StreamHub,
  log: Logger,
  options: ZoneOptions,
) {
  if (!options.seed || (await countOrganisations(pool)) > 0) return prepare(pool, tx, hub, log, options);
  // A new demo zone: its ids and the demo users' password salts come from a stream fixed by the seed, so
  // the same seed and clock give the same zone (`kebao db checksum`). Loads into a zone that exists keep
  // random ids.
  return withIdSource(seededIdSource(options.randomSeed, options.now.getTime()), () =>
    prepare(pool, tx, hub, log, options),
  );
}

async function prepare(
  pool: pg.Pool,
  tx: RunInTransaction,
  hub: StreamHub,
  log: Logger,
  options: ZoneOptions,
) {
  const seeded = options.seed && (await seedDemoOrganisations(pool, tx));
  if (seeded) {
    await seedDemoPlacement(pool, tx);
    await seedDemoExperts(pool, tx);
    log.info('seeded the demo organisations, the IC pool, reinsurance treaties and the expert pool');
  }
  const catalog = await loadShippedCatalog(pool, tx, options.catalogDir);
  if (catalog.added.length > 0) log.info(`loaded ${catalog.added.length} catalogue product version(s)`);
  const programmes = await loadShippedProgrammes(pool, tx, options.catalogDir ?? CATALOG_DIR);
  if (programmes.added.length > 0) log.info(`loaded ${programmes.added.length} subsidy programme(s)`);
  // Before any activity: deadlines count working days on these.
  const calendars = await loadShippedCalendars(pool, tx, options.catalogDir ?? CATALOG_DIR);
  if (calendars.added.length > 0)
    log.info(`loaded the working-day calendar of ${calendars.added.join(', ')}`);
  if (calendars.kept.length > 0)
    log.info(`kept the working-day calendar of ${calendars.kept.join(', ')} as put in through the API`);
  if (seeded) await operateDemoProgrammes(pool, tx);
  const rules = await loadShippedRules(pool, tx, options.catalogDir ?? CATALOG_DIR);
  if (rules.added.length > 0) log.info(`loaded ${rules.added.length} early-warning rule(s)`);
  await loadShippedTargets(tx, options.catalogDir ?? CATALOG_DIR);
  const models = await loadEvaluationModels(pool, tx, options.catalogDir ?? CATALOG_DIR);
  let enterprises = 0;
  let activity: DemoActivityReport | null = null;
  if (seeded) {
    enterprises = await seedDemoEnterprises(tx, models, options.enterprises, options.randomSeed);
    log.info(`seeded ${enterprises} demo enterprise profile(s)`);
    activity = await seedDemoActivity(pool, new CatalogCache(pool, hub), log, {
      policies: options.policiesPerYear * options.years,
      days: 365 * options.years,
      seed: options.randomSeed,
      now: options.now,
    });
    // The years walked by: what has run its term stands expired as the zone opens.
    const expired = await expireAll(tx);
    if (expired > 0) log.info(`marked ${expired} demo policies past their end date as expired`);
    // The cockpit opens on a risk simulation of the zone as it stands: queued for the server's risk job.
    if (activity && activity.policies > 0)
      await tx(systemActor, 'demo-risk-run', (ctx) => requestRun(ctx, { years: DEMO_RISK_RUN_YEARS }));
  }
  return { seeded, models, enterprises, activity };
}

/** Years of the demo zone's first risk run: a few seconds on one worker thread. */
export const DEMO_RISK_RUN_YEARS = 10_000;

async function expireAll(tx: RunInTransaction): Promise<number> {
  let total = 0;
  for (const pass of [expirePolicies, expireRegistrations]) {
    for (;;) {
      const n = await tx(systemActor, 'demo-expiry', (ctx) => pass(ctx, 1000));
      total += n;
      if (n < 1000) break;
    }
  }
  return total;
}

/**
 * `kebao seed`: the demo zone into an empty database, outside a running server. The zone stands as at
 * 00:00 (Asia/Shanghai) of `asOf` (default today): the activity runs up to then and everything else is
 * made at that instant, so two runs with the same seed and day give identical databases.
 */
export async function seedZone(
  pool: pg.Pool,
  log: Logger,
  options: Omit<ZoneOptions, 'seed' | 'now'> & { asOf?: string | undefined },
): Promise<Awaited<ReturnType<typeof prepareZone>>> {
  const now = startOfDayInstant(parseCalendarDate(options.asOf ?? shanghaiDateOf(new Date())));
  // On a zone that exists, seed only loads new catalogue versions and rules: at the time they are loaded.
  const empty = (await countOrganisations(pool)) === 0;
  const tx = createTxRunner({ pool, clock: empty ? () => now : systemClock });
  return prepareZone(pool, tx, new StreamHub(pool, log), log, { ...options, seed: true, now });
}
