import { createHash } from 'node:crypto';
import { problem } from '../errors.ts';
import { canonicalJson, type JsonValue, toJsonValue } from '../json.ts';
import type { Ctx } from '../transaction.ts';
import { claimKey, findKey, storeResponse } from './repo.ts';

export interface IdempotentResult {
  status: number;
  body: JsonValue;
  replayed: boolean;
}

export interface RequestFingerprint {
  method: string;
  route: string;
  params: unknown;
  body: unknown;
}

/**
 * Runs a creating request at most once per Idempotency-Key (scoped to the organisation). The key
 * is claimed inside the request's own transaction: a concurrent retry blocks on it and, when the
 * first commits, replays its response; when the first rolls back, the retry runs afresh. The same
 * key with a different request is refused with a 409.
 */
export async function idempotent(
  ctx: Ctx,
  key: string | undefined,
  fingerprint: RequestFingerprint,
  produce: () => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  if (!key) {
    const r = await produce();
    return { status: r.status, body: toJsonValue(r.body), replayed: false };
  }
  const orgId = ctx.actor.orgId;
  if (!orgId) throw problem('auth.required');
  const hash = createHash('sha256').update(canonicalJson(fingerprint)).digest();
  if (await claimKey(ctx.db, orgId, key, hash)) {
    const r = await produce();
    const body = toJsonValue(r.body);
    await storeResponse(ctx.db, orgId, key, r.status, JSON.stringify(body));
    return { status: r.status, body, replayed: false };
  }
  const existing = await findKey(ctx.db, orgId, key);
  if (!existing?.request_hash.equals(hash) || existing.status_code === null) {
    throw problem('idempotency.key_reused');
  }
  return { status: existing.status_code, body: existing.response as JsonValue, replayed: true };
}

/** What makes two requests "the same" for a key: method, route, path parameters and body. */
export function requestFingerprint(request: {
  method: string;
  routeOptions: { url?: string | undefined };
  params: unknown;
  body: unknown;
}): RequestFingerprint {
  return {
    method: request.method,
    route: request.routeOptions.url ?? '',
    params: request.params,
    body: request.body,
  };
}

/** Sends the (possibly replayed) response; `Idempotent-Replayed: true` marks a replay. */
export function sendIdempotent<
  R extends { code(n: number): R; header(k: string, v: string): R; send(b: unknown): R },
>(reply: R, result: IdempotentResult): R {
  return reply.code(result.status).header('idempotent-replayed', String(result.replayed)).send(result.body);
}
