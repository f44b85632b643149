import type { Queryable } from '@kebao/db';
import type { Actor } from '../actor.ts';
import { toJsonValue } from '../json.ts';
import { auditHash } from './hash.ts';
import { insertAuditRows, lockChainHead } from './repo.ts';

/** What a service says happened; the transaction adds who, when and under which request. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Organisations this record concerns besides the actor's own (they may read it). */
  orgIds?: readonly string[];
  before?: unknown;
  after?: unknown;
}

export const SYSTEM_CHAIN = 'system';

/** One chain per acting organisation, so organisations do not queue behind each other's writes. */
export function chainOf(actor: Actor): string {
  return actor.orgId ?? SYSTEM_CHAIN;
}

/**
 * Appends the entries of one transaction to the actor's chain. Called just before COMMIT so the
 * chain head is locked for as short a time as possible: it resolves as soon as the rows' INSERT is
 * queued on the connection, so the caller can queue COMMIT right behind it without waiting a turn of
 * the event loop; `written` settles when the INSERT has run.
 */
export async function appendAudit(
  db: Queryable,
  actor: Actor,
  requestId: string | null,
  at: Date,
  entries: readonly AuditEntry[],
): Promise<{ written: Promise<void> }> {
  if (entries.length === 0) return { written: Promise.resolve() };
  const chain = chainOf(actor);
  const head = await lockChainHead(db, chain);
  let seq = head.lastSeq;
  let prev = head.lastHash;
  const rows = entries.map((e) => {
    seq += 1n;
    const orgIds = [...new Set([...(actor.orgId ? [actor.orgId] : []), ...(e.orgIds ?? [])])];
    const content = {
      chain,
      seq,
      at,
      actorType: actor.type,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      tokenId: actor.tokenId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      orgIds,
      before: toJsonValue(e.before),
      after: toJsonValue(e.after),
      requestId,
    };
    const hash = auditHash(prev, content);
    const row = {
      chain,
      seq,
      at,
      actor_type: actor.type,
      actor_user_id: actor.userId,
      actor_org_id: actor.orgId,
      token_id: actor.tokenId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: content.entityId,
      org_ids: orgIds,
      before: e.before === undefined ? undefined : content.before,
      after: e.after === undefined ? undefined : content.after,
      request_id: requestId,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // Inserts the rows and moves the chain head to the last one, in one statement.
  return { written: insertAuditRows(db, rows) };
}
