import type { ApiToken } from '../../api/types.ts';

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** `now` is passed in so the rule stays a plain function of its inputs. */
export function tokenStatus(token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

export const maxExpiryDays = 365;
export const defaultExpiryDays = 90;
