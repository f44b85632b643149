import type { Queryable } from '@kebao/db';
import { Permission as P, type Permission } from '@kebao/domain/org';
import { problem } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Ctx } from '../transaction.ts';
import { findTokenById, insertToken, listTokens, revokeToken, type TokenRow } from './repo.ts';
import { newApiTokenSecret, sha256 } from './secrets.ts';

export interface CreateTokenInput {
  name: string;
  scopes: Permission[];
  expiresInDays: number;
}

function ownOrg(ctx: Ctx): { orgId: string; userId: string } {
  const { orgId, userId } = ctx.actor;
  if (!orgId || !userId) throw problem('auth.required');
  return { orgId, userId };
}

/**
 * Creates an API token for the actor's organisation. Its scopes must be permissions the creator
 * holds (a token can never do more than the person who made it); the secret is returned once.
 */
export async function createApiToken(
  ctx: Ctx,
  input: CreateTokenInput,
): Promise<{ token: TokenRow; secret: string }> {
  const { orgId, userId } = ownOrg(ctx);
  for (const scope of input.scopes) {
    if (!ctx.actor.permissions.has(scope)) throw problem('token.scope_not_held', { params: { scope } });
  }
  // A token must not mint further tokens: that would outlive the revocation of its parent.
  if (ctx.actor.type === 'token' && input.scopes.includes(P.TokenManage)) {
    throw problem('token.scope_not_held', { params: { scope: P.TokenManage } });
  }
  const { secret, prefix } = newApiTokenSecret();
  const id = newId(ctx.now.getTime());
  const expiresAt = new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000);
  const scopes = [...new Set(input.scopes)].sort();
  await insertToken(ctx.db, {
    id,
    org_id: orgId,
    created_by: userId,
    name: input.name,
    prefix,
    token_hash: sha256(secret),
    scopes,
    created_at: ctx.now,
    expires_at: expiresAt,
  });
  const token = (await findTokenById(ctx.db, orgId, id)) as TokenRow;
  ctx.audit({
    action: 'token.create',
    entityType: 'api_token',
    entityId: id,
    after: { name: input.name, prefix, scopes, expiresAt },
  });
  ctx.emit({
    type: 'token.created',
    aggregateType: 'api_token',
    aggregateId: id,
    payload: { id, name: input.name, scopes },
  });
  return { token, secret };
}

export async function revokeApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  const { orgId } = ownOrg(ctx);
  const before = await findTokenById(ctx.db, orgId, tokenId);
  if (!before) throw problem('token.not_found');
  if (!(await revokeToken(ctx.db, orgId, tokenId, ctx.now))) return; // already revoked: nothing changes
  ctx.audit({
    action: 'token.revoke',
    entityType: 'api_token',
    entityId: tokenId,
    before: { revokedAt: null },
    after: { revokedAt: ctx.now },
  });
  ctx.emit({
    type: 'token.revoked',
    aggregateType: 'api_token',
    aggregateId: tokenId,
    payload: { id: tokenId, tokenIds: [tokenId] },
  });
}

export async function listApiTokens(db: Queryable, orgId: string): Promise<TokenRow[]> {
  return listTokens(db, orgId);
}
