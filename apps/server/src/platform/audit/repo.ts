import { escapeLiteral, type Queryable } from '@kebao/db';
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

/** Creates a chain's head (sequence 0, the genesis hash) unless it exists. */
export async function ensureChainHead(db: Queryable, chain: string): Promise<void> {
  await db.query(
    'INSERT INTO audit_chain (chain, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING',
    [chain, GENESIS_HASH],
  );
}

/** A record to append: its columns, and its canonical text around the sequence number it will get. */
export type NewAuditRow = Pick<
  AuditRow,
  | 'at'
  | 'actor_type'
  | 'actor_user_id'
  | 'actor_org_id'
  | 'token_id'
  | 'action'
  | 'entity_type'
  | 'entity_id'
  | 'org_ids'
  | 'request_id'
> & {
  /** Absent: no before state (NULL); null: the JSON value null. The same for after. */
  before?: unknown;
  after?: unknown;
  text_before: string;
  text_after: string;
};

/**
 * Appends records to a chain and commits the open transaction, in ONE round trip: `audit_append` (migration
 * 0017) locks the chain's head, numbers and hashes the records after it, inserts them and moves the head,
 * and COMMIT follows in the same message. The head is locked from that call to the end of COMMIT and
 * nothing goes back to the application in between. Its hashes are the ones auditHash computes.
 *
 * Two statements in one message need the simple query protocol, which takes no parameters: the chain and
 * the records (one JSON text) are written as literals quoted by pg's escapeLiteral. When the call fails (no
 * head, a duplicate number) the rest of the message is skipped and the transaction stays open, aborted, for
 * the caller's ROLLBACK: it never commits without its records.
 */
export async function appendToChainAndCommit(
  db: Queryable,
  chain: string,
  rows: readonly NewAuditRow[],
): Promise<void> {
  // JSON.stringify escapes every control character, so the text holds no NUL (which would cut the message
  // short); the chain is an organisation's id or 'system'.
  const records = JSON.stringify(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
  await db.query(`SELECT audit_append(${escapeLiteral(chain)}, ${escapeLiteral(records)}::jsonb); COMMIT`);
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
