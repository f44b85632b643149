import type { Queryable } from '@kebao/db';
import { toJsonValue } from '../json.ts';
import { GENESIS_HASH } from './hash.ts';

export interface AuditRow {
  chain: string;
  seq: bigint;
  id: bigint;
  at: Date;
  actor_type: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_ids: string[];
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: Buffer;
  hash: Buffer;
}

/**
 * Locks the head of a chain for the rest of the transaction and returns it. The head row exists after a
 * chain's first record, so the common case is one statement; a new chain's row is created first.
 */
export async function lockChainHead(
  db: Queryable,
  chain: string,
): Promise<{ lastSeq: bigint; lastHash: Buffer }> {
  const lock = () =>
    db.query<{ last_seq: bigint; last_hash: Buffer }>(
      'SELECT last_seq, last_hash FROM audit_chain WHERE chain = $1 FOR UPDATE',
      [chain],
    );
  let row = (await lock()).rows[0];
  if (!row) {
    await db.query(
      'INSERT INTO audit_chain (chain, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING',
      [chain, GENESIS_HASH],
    );
    row = (await lock()).rows[0];
  }
  if (!row) throw new Error(`audit chain ${chain} vanished`);
  return { lastSeq: row.last_seq, lastHash: row.last_hash };
}

export async function insertAuditRows(db: Queryable, rows: Omit<AuditRow, 'id'>[]): Promise<void> {
  const cols = 15;
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => {
    values.push(
      r.chain,
      r.seq,
      r.at,
      r.actor_type,
      r.actor_user_id,
      r.actor_org_id,
      r.token_id,
      r.action,
      r.entity_type,
      r.entity_id,
      r.org_ids,
      r.before === undefined ? null : JSON.stringify(toJsonValue(r.before)),
      r.after === undefined ? null : JSON.stringify(toJsonValue(r.after)),
      r.request_id,
      r.prev_hash,
    );
    const base = i * cols;
    const ph = Array.from({ length: cols }, (_, j) => `$${base + j + 1}`);
    return `(${ph.join(', ')}, $${rows.length * cols + i + 1})`;
  });
  for (const r of rows) values.push(r.hash);
  const last = rows[rows.length - 1];
  // The chain head moves in the same statement (one round trip while the head is locked).
  const head = last
    ? `, head AS (UPDATE audit_chain SET last_seq = $${values.length + 2}, last_hash = $${values.length + 3}
         WHERE chain = $${values.length + 1})`
    : '';
  if (last) values.push(last.chain, last.seq, last.hash);
  await db.query(
    `WITH inserted AS (INSERT INTO audit_log (chain, seq, at, actor_type, actor_user_id, actor_org_id, token_id, action,
       entity_type, entity_id, org_ids, before, after, request_id, prev_hash, hash)
     VALUES ${tuples.join(', ')})${head}
     SELECT 1`,
    values,
  );
}

export async function listChains(
  db: Queryable,
): Promise<{ chain: string; last_seq: bigint; last_hash: Buffer }[]> {
  const r = await db.query<{ chain: string; last_seq: bigint; last_hash: Buffer }>(
    `SELECT chain, last_seq, last_hash FROM audit_chain
     UNION ALL
     SELECT DISTINCT l.chain, NULL::bigint, NULL::bytea FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.chain = l.chain)
     ORDER BY chain`,
  );
  return r.rows;
}

export async function chainPage(
  db: Queryable,
  chain: string,
  afterSeq: bigint,
  limit: number,
): Promise<AuditRow[]> {
  const r = await db.query<AuditRow>(
    'SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [chain, afterSeq, limit],
  );
  return r.rows;
}

export interface AuditListFilter {
  orgId: string | null;
  all: boolean;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  before?: bigint | undefined;
  limit: number;
}

export interface AuditListRow extends AuditRow {
  actor_display_name: string | null;
  actor_org_name: string | null;
}

/** Records visible to the reader: those concerning its organisation, or all with audit.read_all. */
export async function listAudit(db: Queryable, f: AuditListFilter): Promise<AuditListRow[]> {
  const r = await db.query<AuditListRow>(
    `SELECT l.*, u.display_name AS actor_display_name, o.name_zh AS actor_org_name
       FROM audit_log l
       LEFT JOIN app_user u ON u.id = l.actor_user_id
       LEFT JOIN organisation o ON o.id = l.actor_org_id
      WHERE ($1::boolean OR l.org_ids @> ARRAY[$2::uuid])
        AND ($3::text IS NULL OR l.entity_type = $3)
        AND ($4::text IS NULL OR l.entity_id = $4)
        AND ($5::text IS NULL OR l.action = $5)
        AND ($6::bigint IS NULL OR l.id < $6)
      ORDER BY l.id DESC
      LIMIT $7`,
    [f.all, f.orgId, f.entityType ?? null, f.entityId ?? null, f.action ?? null, f.before ?? null, f.limit],
  );
  return r.rows;
}
