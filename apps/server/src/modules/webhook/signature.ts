import { createHmac } from 'node:crypto';
import { randomSecret } from '../../platform/auth/secrets.ts';

/*
 * Signing (docs/monitoring.md, "Webhooks"): `Kebao-Signature: v1=<hex>` where <hex> is the HMAC-SHA256 of
 * `<Kebao-Timestamp>.<body>` keyed with the subscription's secret exactly as shown (`whsec_…`, as UTF-8).
 * During a rotation's overlap the header carries one `v1=` per valid secret, separated by commas.
 */

export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomSecret()}`;
}

/** The first characters of a secret, enough to tell two apart, nothing to sign with. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, SECRET_PREFIX.length + 4)}…`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`).join(',');
}
