import { type Database, openDatabase } from '@kebao/db';
import { type Config, loadConfig } from '@kebao/server';

/**
 * Opens the configured database for a command. With the embedded cluster, a command attaches to
 * the cluster of a running server when there is one (so `kebao backup` works next to it), and
 * otherwise starts the cluster for its own duration. `exclusive` commands (restore) refuse to run
 * beside a server.
 */
export async function openForCommand(
  mode: 'shared' | 'exclusive' = 'shared',
): Promise<{ db: Database; config: Config }> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    mode,
    applicationName: 'kebao-cli',
    log: (m) => process.stderr.write(`${m}\n`),
  });
  return { db, config };
}

export async function withDatabase<T>(
  fn: (db: Database, config: Config) => Promise<T>,
  mode: 'shared' | 'exclusive' = 'shared',
): Promise<T> {
  const { db, config } = await openForCommand(mode);
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
