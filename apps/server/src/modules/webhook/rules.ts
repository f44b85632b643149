import type { FieldError } from '../../platform/errors.ts';

/*
 * The rules of webhook delivery, pure: which events a subscription can ask for, which severities pass its
 * filter, when a failed delivery is tried again and when it is given up, and what a subscription's URL
 * may be.
 */

/** The alert events a subscription can ask for (the outbox's `alert.*` events). */
export const WEBHOOK_EVENT_TYPES = [
  'alert.raised',
  'alert.updated',
  'alert.acknowledged',
  'alert.resolved',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by `POST /api/webhooks/{id}/test`, whatever the subscription asks for. */
export const PING_EVENT = 'webhook.ping';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The minimum severities that let an alert of `severity` through (a null minimum lets everything through). */
export function minimumsAdmitting(severity: string): Severity[] {
  const rank = SEVERITIES.indexOf(severity as Severity);
  return rank < 0 ? [] : SEVERITIES.slice(0, rank + 1);
}

/** Wait after the n-th failed attempt (index n − 1); after the last one the delivery is dead. */
export const RETRY_DELAYS_MS = [
  30_000, // 30 s
  2 * 60_000, // 2 min
  10 * 60_000, // 10 min
  60 * 60_000, // 1 h
  3 * 3_600_000, // 3 h
  6 * 3_600_000, // 6 h
  12 * 3_600_000, // 12 h
] as const;

/** Attempts before a delivery is given up (dead): the first one and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long to wait after `attempts` failed attempts, or null when the delivery is to be given up. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts < 1) return 0;
  return attempts >= MAX_ATTEMPTS ? null : (RETRY_DELAYS_MS[attempts - 1] ?? null);
}

/** An endpoint that has accepted nothing for this long is switched off when another delivery dies. */
export const DISABLE_FAILING_AFTER_MS = 3 * 24 * 3_600_000;

/** Subscriptions per organisation. */
export const MAX_SUBSCRIPTIONS = 20;

/** How long an attempt may take: connecting, sending and the answer's status line. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Delivered and dead deliveries are kept this long, then deleted. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3_600_000;

/** How long a rotated-out secret keeps signing by default, and at most. */
export const PREVIOUS_SECRET_HOURS = 24;
export const MAX_PREVIOUS_SECRET_HOURS = 168;

const fieldError = (path: string, code: string, zh: string, en: string): FieldError => ({
  path,
  code,
  message_zh: zh,
  message_en: en,
});

/**
 * A subscription's URL: an absolute http or https URL, with a host, without a user name or password (they
 * would be stored and shown in the clear; the signature authenticates Kebao to the receiver) and without a
 * fragment (never sent). An empty list when it is acceptable.
 */
export function checkWebhookUrl(text: string, path = '/body/url'): FieldError[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [fieldError(path, 'webhook.url_invalid', '不是有效的网址', 'Not a valid absolute URL')];
  }
  const errors: FieldError[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    errors.push(
      fieldError(
        path,
        'webhook.url_scheme',
        '仅支持 http 或 https 地址',
        'Only http and https URLs are accepted',
      ),
    );
  }
  if (url.username || url.password) {
    errors.push(
      fieldError(
        path,
        'webhook.url_credentials',
        '网址中不能包含用户名或密码；接收方请用签名验证来源',
        'The URL must not carry a user name or password; receivers check the signature instead',
      ),
    );
  }
  if (!url.hostname) {
    errors.push(fieldError(path, 'webhook.url_host', '网址缺少主机名', 'The URL has no host'));
  }
  if (url.hash || text.includes('#')) {
    errors.push(
      fieldError(
        path,
        'webhook.url_fragment',
        '网址不能包含 # 片段',
        'The URL must not contain a # fragment',
      ),
    );
  }
  if (/\s/.test(text)) {
    errors.push(
      fieldError(path, 'webhook.url_whitespace', '网址不能包含空白字符', 'The URL must not contain spaces'),
    );
  }
  return errors;
}

/**
 * The URL as the audit log keeps it: query values masked, since some receivers (group-chat robots, for
 * one) put their access key in the query string, and the audit log is read beyond the organisation.
 */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return '(invalid)';
  }
}
