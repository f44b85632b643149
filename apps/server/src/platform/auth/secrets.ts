import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. Session cookies, CSRF tokens and API tokens are made of these. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256: high-entropy tokens need no slow hash. */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = 'kb_';

export function newApiTokenSecret(): { secret: string; prefix: string } {
  const secret = `${API_TOKEN_PREFIX}${randomSecret()}`;
  return { secret, prefix: secret.slice(0, 11) };
}
