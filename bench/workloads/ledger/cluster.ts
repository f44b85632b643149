/**
 * The ledger workload's PostgreSQL: one embedded cluster for the run (started as the import workload starts
 * it), a migrated template database, and what the workload reads of the cluster — its settings and how much
 * WAL it wrote and flushed.
 */
import { createClient, type EmbeddedCluster, migrate, startEmbeddedCluster } from '@kebao/db';
import { queryOnce } from '../bind/observe.ts';

export const TEMPLATE_DATABASE = 'kebao_ledger_template';

/** The URL of `database` on the cluster. */
export function databaseUrl(cluster: EmbeddedCluster, database: string): string {
  const url = new URL(cluster.url);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the cluster's maintenance database (CREATE / DROP DATABASE, CHECKPOINT). */
export async function admin(cluster: EmbeddedCluster, sql: string): Promise<void> {
  const client = createClient(cluster.url, 'kebao-bench');
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts the cluster in `<dataDir>/pg` and migrates the template every database of the run is made from. */
export async function startCluster(dataDir: string): Promise<EmbeddedCluster> {
  const cluster = await startEmbeddedCluster({ dataDir, database: 'postgres' });
  try {
    await admin(cluster, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await migrate(databaseUrl(cluster, TEMPLATE_DATABASE));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** A fresh database with every migration applied (a copy of the template); its URL. */
export async function freshDatabase(cluster: EmbeddedCluster, name: string): Promise<string> {
  await admin(cluster, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  return databaseUrl(cluster, name);
}

/** The settings that decide what a commit costs. */
export async function commitSettings(url: string): Promise<Record<string, string>> {
  const rows = await queryOnce<{ name: string; setting: string }>(
    url,
    `SELECT name, current_setting(name) AS setting FROM pg_settings
      WHERE name IN ('wal_sync_method', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level',
                     'commit_delay', 'commit_siblings', 'wal_writer_delay', 'shared_buffers', 'max_wal_size',
                     'checkpoint_timeout', 'wal_buffers')
      ORDER BY name`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

/** WAL flushes (fsync / fdatasync calls of every process) and bytes written since the cluster started. */
export interface WalCounters {
  /** Null where the server does not count them (before PostgreSQL 14). */
  flushes: number | null;
  bytes: number;
}

/**
 * The cluster's WAL counters. PostgreSQL 18 counts WAL syncs in pg_stat_io (object 'wal'); 14 to 17 in
 * pg_stat_wal.wal_sync. Backends report their counts about once a second, so read them a second after
 * the load stopped.
 */
export async function walCounters(url: string): Promise<WalCounters> {
  const [version] = await queryOnce<{ n: number }>(
    url,
    `SELECT current_setting('server_version_num')::int AS n`,
  );
  const n = version?.n ?? 0;
  const sql =
    n >= 180_000
      ? `SELECT (SELECT sum(fsyncs) FROM pg_stat_io WHERE object = 'wal')::float8 AS flushes,
                (SELECT wal_bytes FROM pg_stat_wal)::float8 AS bytes`
      : n >= 140_000
        ? 'SELECT wal_sync::float8 AS flushes, wal_bytes::float8 AS bytes FROM pg_stat_wal'
        : "SELECT NULL::float8 AS flushes, pg_current_wal_lsn() - '0/0'::pg_lsn AS bytes";
  const [row] = await queryOnce<{ flushes: number | null; bytes: number | string }>(url, sql);
  return { flushes: row?.flushes ?? null, bytes: Number(row?.bytes ?? 0) };
}
