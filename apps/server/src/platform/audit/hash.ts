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

/** hash = SHA-256(previous hash ‖ canonical JSON of the record). */
export function auditHash(prevHash: Buffer, content: AuditContent): Buffer {
  const text = canonicalJson({
    ...content,
    seq: content.seq.toString(),
    at: content.at.toISOString(),
    orgIds: [...content.orgIds].sort(),
  });
  return createHash('sha256').update(prevHash).update(text, 'utf8').digest();
}
