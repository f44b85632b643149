import { type Queryable, withSnapshot } from '@kebao/db';
import type pg from 'pg';
import { auditHash, GENESIS_HASH } from './hash.ts';
import { chainPage, listChains } from './repo.ts';

export interface AuditProblem {
  chain: string;
  seq: string;
  problem: 'edited' | 'missing' | 'relinked' | 'head_mismatch' | 'no_head';
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  chains: number;
  records: number;
  problems: AuditProblem[];
  /** Head hash of each chain: record these elsewhere to detect a rewritten chain later. */
  heads: { chain: string; seq: string; hash: string }[];
}

/**
 * Walks every chain in order and recomputes each hash. An edited row no longer matches its hash;
 * a deleted row leaves a gap in the sequence or a broken link; a truncated tail disagrees with the
 * chain head. The walk reads one snapshot (a read-only REPEATABLE READ transaction), so records that a
 * running server appends meanwhile are neither seen nor taken for a head that disagrees with its log.
 */
export function verifyAudit(pool: pg.Pool, pageSize = 2000): Promise<AuditVerification> {
  return withSnapshot(pool, (client) => verifySnapshot(client, pageSize));
}

async function verifySnapshot(db: Queryable, pageSize: number): Promise<AuditVerification> {
  const result: AuditVerification = { ok: true, chains: 0, records: 0, problems: [], heads: [] };
  for (const head of await listChains(db)) {
    result.chains++;
    let expectedSeq = 1n;
    let prev: Buffer = GENESIS_HASH;
    let last = 0n;
    for (;;) {
      const rows = await chainPage(db, head.chain, last, pageSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        result.records++;
        const seq = row.seq.toString();
        if (row.seq !== expectedSeq) {
          result.problems.push({
            chain: head.chain,
            seq,
            problem: 'missing',
            detail: `records ${expectedSeq}..${row.seq - 1n} are missing`,
          });
        }
        if (!row.prev_hash.equals(prev)) {
          result.problems.push({
            chain: head.chain,
            seq,
            problem: 'relinked',
            detail: 'previous-hash link is broken',
          });
        }
        const recomputed = auditHash(row.prev_hash, {
          chain: row.chain,
          seq: row.seq,
          at: row.at,
          actorType: row.actor_type,
          actorUserId: row.actor_user_id,
          actorOrgId: row.actor_org_id,
          tokenId: row.token_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          orgIds: row.org_ids,
          before: row.before,
          after: row.after,
          requestId: row.request_id,
        });
        if (!recomputed.equals(row.hash)) {
          result.problems.push({
            chain: head.chain,
            seq,
            problem: 'edited',
            detail: 'content does not match its hash',
          });
        }
        prev = row.hash;
        expectedSeq = row.seq + 1n;
        last = row.seq;
      }
    }
    if (head.last_seq === null || head.last_hash === null) {
      result.problems.push({
        chain: head.chain,
        seq: last.toString(),
        problem: 'no_head',
        detail: 'chain head row is missing',
      });
    } else if (head.last_seq !== last || !head.last_hash.equals(prev)) {
      result.problems.push({
        chain: head.chain,
        seq: last.toString(),
        problem: 'head_mismatch',
        detail: `chain head says ${head.last_seq}, the log ends at ${last}`,
      });
    }
    result.heads.push({ chain: head.chain, seq: last.toString(), hash: prev.toString('hex') });
  }
  result.ok = result.problems.length === 0;
  return result;
}
