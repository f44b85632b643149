/**
 * The stats workload's data: a scratch database on the PostgreSQL server of DATABASE_URL, migrated as the
 * server migrates its own and filled by the scale generator (`kebao seed --scale` uses the same) with
 * synthetic business — registered policies (保单登记, 95 %) and platform policies (5 %, with their insurer
 * lines and claims) of twelve synthetic insurers — and the enterprise directory the insured entities'
 * qualifications come from. The same count gives the same rows. The database is kept: a later run that
 * finds the same generator version and count in the database's comment, and the tables holding that many
 * rows, uses it as it is.
 */
import { createClient, migrate } from '@kebao/db';
import {
  type Counts,
  countRows,
  GENERATOR_VERSION,
  type LoadResult,
  loadScale,
  type Plan,
  statsPlan,
  syntheticMarket,
} from '@kebao/server';
import type pg from 'pg';

export { DATA_DATE, GENERATOR_VERSION, insurerUuid } from '@kebao/server';

/** The marker the database's comment carries once a load has finished. */
function marker(plan: Plan): string {
  return `kebao bench stats: generator ${GENERATOR_VERSION}, ${plan.policies} policies`;
}

/** The URL of another database on the same server. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = createClient(url, 'kebao-bench');
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export interface Loaded {
  url: string;
  plan: Plan;
  counts: Counts;
  /** Null when the database was already loaded. */
  load: LoadResult | null;
  /** The size of the tables the queries read, with their indexes. */
  sizes: Record<string, string>;
}

/**
 * The loaded database for `policies` policies: kept from an earlier run when its marker and row counts
 * match, otherwise dropped, created, migrated and loaded (`log` hears the progress).
 */
export async function ensureLoaded(
  serverUrl: string,
  database: string,
  policies: number,
  log: (line: string) => void,
): Promise<Loaded> {
  const plan = statsPlan(policies);
  const url = databaseUrl(serverUrl, database);
  const sizes = async () =>
    Object.fromEntries(
      (
        await admin<{ name: string; size: string }>(
          url,
          `SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
            WHERE c.relname IN ('registered_policy', 'policy', 'policy_line', 'claim', 'enterprise') ORDER BY 1`,
        )
      ).map((r) => [r.name, r.size]),
    );
  const [existing] = await admin<{ comment: string | null }>(
    serverUrl,
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  if (existing?.comment === marker(plan)) {
    try {
      // Migrations added since the load apply to the data in place.
      await migrate(url);
      const found = await countRows(url);
      if (found.registered === plan.registered && found.platform === plan.platform) {
        return { url, plan, counts: found, load: null, sizes: await sizes() };
      }
      log(`  stats: ${database} holds ${JSON.stringify(found)}, not the plan's; loading it again`);
    } catch (error) {
      log(`  stats: ${database} cannot be used as it is (${(error as Error).message}); loading it again`);
    }
  }
  if (existing) await admin(serverUrl, `DROP DATABASE ${database} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  await migrate(url);
  const load = await loadScale(url, plan, syntheticMarket(), { log: (line) => log(`  stats: ${line}`) });
  await admin(serverUrl, `COMMENT ON DATABASE ${database} IS '${marker(plan)}'`);
  return { url, plan, counts: load.counts, load, sizes: await sizes() };
}
