import { createHash } from 'node:crypto';
import pg from 'pg';

// OIDs of the types whose default parsing would lose information.
const INT8 = 20; // bigint: money in fen, counters — parsed to BigInt, never to a lossy number
const DATE = 1082; // calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by time zone

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === DATE) return (value: string) => value;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
} as pg.CustomTypesConfig;

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  /** Send parameterised statements as named (prepared) ones, planned once per connection. */
  prepareStatements?: boolean;
}

/** A connection pool with Kebao's type parsing. Each pool owns its parsers; nothing global changes. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'kebao',
    types,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  if (options.prepareStatements) pool.on('connect', (client) => prepareOnConnection(client));
  return pool;
}

// Named statements: PostgreSQL parses and plans a statement once per connection instead of on every
// call (planning was ~45 % of the database's CPU on the bind benchmark). Only statements with values
// and at most MAX_PARAMS parameters are named — multi-row VALUES lists of bulk writes vary in text and
// would only fill the cache — and each connection names at most MAX_NAMED distinct texts; past that,
// statements go unnamed as before. Schema changes happen in migrations, before the pool is used.
const MAX_PARAMS = 40;
const MAX_NAMED = 400;
const PLACEHOLDER = /\$(\d+)/g;
const names = new Map<string, string | null>();

function statementName(text: string): string | null {
  let name = names.get(text);
  if (name !== undefined) return name;
  let highest = 0;
  for (const m of text.matchAll(PLACEHOLDER)) highest = Math.max(highest, Number(m[1]));
  name =
    highest > 0 && highest <= MAX_PARAMS
      ? `kb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
      : null;
  if (names.size < 10_000) names.set(text, name);
  return name;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

function prepareOnConnection(client: pg.PoolClient): void {
  const target = client as unknown as { query: QueryFn };
  const plain = target.query.bind(client) as QueryFn;
  const named = new Set<string>();
  target.query = (config, values, callback) => {
    // pool.query hands its callback on; a caller of client.query awaits the promise instead.
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      (callback === undefined || typeof callback === 'function')
    ) {
      const name = statementName(config);
      if (name !== null && (named.has(name) || named.size < MAX_NAMED)) {
        named.add(name);
        return callback === undefined
          ? plain({ name, text: config, values })
          : plain({ name, text: config, values }, callback);
      }
    }
    return plain(config, values, callback);
  };
}

/** A single client with the same parsing, for LISTEN and for the migration lock. */
export function createClient(url: string, applicationName = 'kebao'): pg.Client {
  return new pg.Client({ connectionString: url, application_name: applicationName, types });
}

/** How a snapshot opens: every statement of it sees the database as of its first one, and none writes. */
const SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Runs `fn` in one transaction on a connection of its own: committed when it returns, rolled back when it throws. */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  opening: 'BEGIN' | typeof SNAPSHOT = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(opening);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `fn` on one consistent, read-only snapshot of the database (REPEATABLE READ READ ONLY): reports,
 * verifications, checksums and backups that read many statements see one moment, whatever commits
 * meanwhile. Ended and the connection released however `fn` ends.
 */
export function withSnapshot<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, fn, SNAPSHOT);
}

/**
 * Text as an SQL string literal (pg's own quoting: quotes doubled, and backslashes doubled under E'' when
 * there are any). For the few statements that must go by the simple query protocol, which has no
 * parameters — several statements in one message.
 */
export const escapeLiteral: (text: string) => string = pg.escapeLiteral;
