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
  return pool;
}

/** A single client with the same parsing, for LISTEN and for the migration lock. */
export function createClient(url: string, applicationName = 'kebao'): pg.Client {
  return new pg.Client({ connectionString: url, application_name: applicationName, types });
}

export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
