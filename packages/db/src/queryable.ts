import type pg from 'pg';

/** Anything SQL can be sent to: a pool, or the client of an open transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export type Row = Record<string, unknown>;
