import type { Queryable } from '@kebao/db';
import { problem } from '../errors.ts';
import { clearThrottle, countFailure, throttleState } from './repo.ts';

export interface ThrottleLimits {
  windowMs: number;
  perAccount: number;
  perIp: number;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Refuses a sign-in while the account or the client address has used up its failures in the
 * current window. Checked before the password, so a locked account cannot be probed.
 */
export async function assertNotThrottled(
  db: Queryable,
  email: string,
  ip: string,
  now: Date,
  limits: ThrottleLimits,
): Promise<void> {
  const rows = await throttleState(db, [accountKey(email), ipKey(ip)]);
  let retryMs = 0;
  for (const row of rows) {
    const limit = row.key.startsWith('ip:') ? limits.perIp : limits.perAccount;
    const ends = row.window_start.getTime() + limits.windowMs;
    if (row.failures >= limit && ends > now.getTime()) retryMs = Math.max(retryMs, ends - now.getTime());
  }
  if (retryMs > 0) {
    const seconds = Math.ceil(retryMs / 1000);
    throw problem('auth.too_many_attempts', {
      params: { minutes: Math.ceil(seconds / 60) },
      headers: { 'retry-after': String(seconds) },
    });
  }
}

export async function countLoginFailure(
  db: Queryable,
  email: string,
  ip: string,
  now: Date,
  windowMs: number,
) {
  await countFailure(db, accountKey(email), now, windowMs);
  await countFailure(db, ipKey(ip), now, windowMs);
}

export async function clearAccountThrottle(db: Queryable, email: string): Promise<void> {
  await clearThrottle(db, accountKey(email));
}
