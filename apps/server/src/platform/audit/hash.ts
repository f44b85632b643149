import { createHash } from 'node:crypto';
import { canonicalJson } from '../json.ts';

export const GENESIS_HASH = Buffer.alloc(32);

/** The fields of an audit record covered by its hash. */
export interface AuditContent {
  chain: string;
  seq: bigint;
  at: Date;
  actorType: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  tokenId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgIds: string[];
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The canonical JSON text of a record: what its hash covers after the previous hash. */
export function auditText(content: AuditContent): string {
  return canonicalJson({
    ...content,
    seq: content.seq.toString(),
    at: content.at.toISOString(),
    orgIds: [...content.orgIds].sort(),
  });
}

/** hash = SHA-256(previous hash ‖ canonical JSON of the record). */
export function auditHash(prevHash: Buffer, content: AuditContent): Buffer {
  return createHash('sha256').update(prevHash).update(auditText(content), 'utf8').digest();
}

const SEQ_KEY = '"seq":"';

/**
 * A record's text around its sequence number, for a record whose number is not known yet: the text is
 * `before + seq + after` for any seq. The database fills the number in when it appends the record under
 * the chain's lock (audit_append, see appendToChainAndCommit). Keys are sorted, so "seq" is followed only
 * by "tokenId", whose value (null or a uuid) cannot hold the key: the last `"seq":"` of the text is the
 * record's own.
 */
export function auditTextAround(content: Omit<AuditContent, 'seq'>): { before: string; after: string } {
  const text = auditText({ ...content, seq: 0n });
  const at = text.lastIndexOf(`${SEQ_KEY}0"`);
  if (at < 0 || !text.endsWith(`,"tokenId":${JSON.stringify(content.tokenId)}}`)) {
    throw new Error('audit record text: the sequence number is not where the canonical form puts it');
  }
  const split = at + SEQ_KEY.length;
  return { before: text.slice(0, split), after: text.slice(split + 1) };
}
