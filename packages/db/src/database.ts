import type pg from 'pg';
import { attachEmbeddedCluster, type EmbeddedCluster, startEmbeddedCluster } from './embedded/cluster.ts';
import { acquireLock, DataDirectoryLockedError, liveLockHolder } from './embedded/lock.ts';
import { createPool } from './pool.ts';

export interface DatabaseOptions {
  /** An external server (`postgres://…`); when absent, the embedded cluster in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /**
   * `exclusive` (the server, restore) takes the data directory and refuses when another live
   * process holds it. `shared` (other commands) attaches to the cluster of a running Kebao if
   * there is one, and otherwise starts its own for the duration of the command.
   */
  mode?: 'exclusive' | 'shared';
  poolMax?: number;
  applicationName?: string;
  /** Named (prepared) statements on the pool's connections (the server's pool). */
  prepareStatements?: boolean;
  log?: (message: string) => void;
}

export interface Database {
  engine: 'embedded' | 'external';
  url: string;
  pool: pg.Pool;
  /** Set when this process started or adopted the embedded cluster (and will stop it). */
  cluster?: EmbeddedCluster;
  /** Human description without secrets, for logs. */
  describe: string;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolOptions = {
    max: options.poolMax ?? 10,
    applicationName: options.applicationName ?? 'kebao',
    prepareStatements: options.prepareStatements ?? false,
  };
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, poolOptions);
    return {
      engine: 'external',
      url: options.databaseUrl,
      pool,
      describe: `external PostgreSQL ${redactUrl(options.databaseUrl)}`,
      close: () => pool.end(),
    };
  }

  if ((options.mode ?? 'exclusive') === 'shared') {
    const holder = await liveLockHolder(options.dataDir);
    if (holder) {
      const url = await attachEmbeddedCluster(options.dataDir);
      if (!url) throw new DataDirectoryLockedError(options.dataDir, holder);
      const pool = createPool(url, poolOptions);
      return {
        engine: 'embedded',
        url,
        pool,
        describe: `embedded PostgreSQL of the running Kebao (pid ${holder.pid}) at ${redactUrl(url)}`,
        close: () => pool.end(),
      };
    }
  }

  const release = await acquireLock(options.dataDir);
  let cluster: EmbeddedCluster;
  try {
    cluster = await startEmbeddedCluster({ dataDir: options.dataDir, log: options.log });
  } catch (error) {
    await release();
    throw error;
  }
  const pool = createPool(cluster.url, poolOptions);
  return {
    engine: 'embedded',
    url: cluster.url,
    pool,
    cluster,
    describe: `embedded PostgreSQL ${cluster.version} at ${redactUrl(cluster.url)} (data in ${cluster.pgData})`,
    async close() {
      try {
        await pool.end();
        await cluster.stop();
      } finally {
        await release();
      }
    },
  };
}

/** The URL with its password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
