import type { Queryable } from '@kebao/db';
import type { Actor } from '../actor.ts';
import { toJsonValue } from '../json.ts';
import { auditTextAround } from './hash.ts';
import { appendToChainAndCommit, ensureChainHead, type NewAuditRow } from './repo.ts';

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
 * Commits the open transaction with the entries appended to the actor's chain: the records and COMMIT go
 * in one round trip (appendToChainAndCommit), so the chain's head is locked only while the database runs
 * them. Without entries it is a plain COMMIT. On failure the transaction is left for the caller's
 * ROLLBACK.
 *
 * `chains` holds the chains whose head this process has made sure exists (one set per runner): a chain's
 * first record in the process costs one INSERT … ON CONFLICT DO NOTHING more.
 */
export async function commitWithAudit(
  db: Queryable,
  chains: Set<string>,
  actor: Actor,
  requestId: string | null,
  at: Date,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) {
    await db.query('COMMIT');
    return;
  }
  const chain = chainOf(actor);
  if (!chains.has(chain)) {
    await ensureChainHead(db, chain);
    chains.add(chain);
  }
  const rows = entries.map((e): NewAuditRow => {
    const orgIds = [...new Set([...(actor.orgId ? [actor.orgId] : []), ...(e.orgIds ?? [])])];
    const before = toJsonValue(e.before);
    const after = toJsonValue(e.after);
    const entityId = e.entityId ?? null;
    const text = auditTextAround({
      chain,
      at,
      actorType: actor.type,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      tokenId: actor.tokenId,
      action: e.action,
      entityType: e.entityType,
      entityId,
      orgIds,
      before,
      after,
      requestId,
    });
    return {
      at,
      actor_type: actor.type,
      actor_user_id: actor.userId,
      actor_org_id: actor.orgId,
      token_id: actor.tokenId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: entityId,
      org_ids: orgIds,
      ...(e.before === undefined ? {} : { before }),
      ...(e.after === undefined ? {} : { after }),
      request_id: requestId,
      text_before: text.before,
      text_after: text.after,
    };
  });
  try {
    await appendToChainAndCommit(db, chain, rows);
  } catch (error) {
    // A head this process took for existing may be gone (a restored database): make sure again next time.
    chains.delete(chain);
    throw error;
  }
}
