export {
  type BackupHeader,
  backupDatabase,
  readBackupHeader,
  restoreDatabase,
  tableChecksums,
} from './backup.ts';
export {
  CHECKSUM_EXCLUDED,
  type DatabaseChecksum,
  databaseChecksum,
  type TableChecksum,
} from './checksum.ts';
export { type Database, type DatabaseOptions, openDatabase, redactUrl } from './database.ts';
export {
  attachEmbeddedCluster,
  EMBEDDED_DATABASE,
  type EmbeddedCluster,
  startEmbeddedCluster,
} from './embedded/cluster.ts';
export {
  acquireLock,
  DataDirectoryLockedError,
  isProcessAlive,
  liveLockHolder,
  readLock,
} from './embedded/lock.ts';
export {
  loadMigrations,
  MIGRATIONS_DIR,
  type Migration,
  type MigrationReport,
  type MigrationStatus,
  migrate,
  migrationStatus,
} from './migrate.ts';
export {
  createClient,
  createPool,
  escapeLiteral,
  type PoolOptions,
  withSnapshot,
  withTransaction,
} from './pool.ts';
export type { Queryable, Row } from './queryable.ts';
