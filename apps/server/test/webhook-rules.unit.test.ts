import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkWebhookUrl,
  MAX_ATTEMPTS,
  minimumsAdmitting,
  redactUrl,
  retryDelayMs,
} from '../src/modules/webhook/rules.ts';
import { newWebhookSecret, secretHint, signatureHeader } from '../src/modules/webhook/signature.ts';

describe('webhook URLs', () => {
  it('accepts absolute http and https URLs, query strings and ports included', () => {
    for (const url of [
      'https://risk.example.cn/hooks/kebao',
      'http://10.1.2.3:8080/alerts?source=kebao',
      'https://[::1]/x',
    ])
      expect(checkWebhookUrl(url), url).toEqual([]);
  });

  it('refuses other schemes, credentials, fragments and what is not a URL, naming the field', () => {
    const codes = (url: string) => checkWebhookUrl(url).map((e) => e.code);
    expect(codes('ftp://example.cn/x')).toEqual(['webhook.url_scheme']);
    expect(codes('javascript:alert(1)')).toContain('webhook.url_scheme');
    expect(codes('https://user:secret@example.cn/x')).toEqual(['webhook.url_credentials']);
    expect(codes('https://user@example.cn/x')).toEqual(['webhook.url_credentials']);
    expect(codes('https://example.cn/x#part')).toEqual(['webhook.url_fragment']);
    expect(codes('/relative/path')).toEqual(['webhook.url_invalid']);
    const [error] = checkWebhookUrl('ftp://example.cn/x', '/body/url');
    expect(error).toMatchObject({ path: '/body/url' });
    expect(error?.message_zh).toMatch(/http/);
    expect(error?.message_en).toMatch(/http/);
  });

  it('masks query values for the audit log', () => {
    expect(redactUrl('https://oapi.example.cn/robot/send?access_token=abc123&x=1')).toBe(
      'https://oapi.example.cn/robot/send?access_token=***&x=***',
    );
    expect(redactUrl('https://example.cn/hook')).toBe('https://example.cn/hook');
  });
});

describe('the retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h, then gives up after the eighth attempt', () => {
    const minutes = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1)).map((ms) =>
      ms === null ? null : ms / 60_000,
    );
    expect(minutes).toEqual([0.5, 2, 10, 60, 180, 360, 720, null]);
    expect(retryDelayMs(MAX_ATTEMPTS + 3)).toBeNull();
  });
});

describe('severity filters', () => {
  it('lets an alert through the minimums at or below its severity', () => {
    expect(minimumsAdmitting('info')).toEqual(['info']);
    expect(minimumsAdmitting('warning')).toEqual(['info', 'warning']);
    expect(minimumsAdmitting('critical')).toEqual(['info', 'warning', 'critical']);
    expect(minimumsAdmitting('unknown')).toEqual([]);
  });
});

describe('signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 keyed with the secret as shown, one v1= per secret', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secretHint(secret)).toBe(`${secret.slice(0, 10)}…`);
    const body = '{"id":"1","type":"alert.raised","createdAt":"2026-01-01T00:00:00.000Z","data":{}}';
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(signatureHeader([secret], 1767225600, body)).toBe(`v1=${expected}`);
    const other = newWebhookSecret();
    expect(signatureHeader([secret, other], 1767225600, body).split(',')).toEqual([
      `v1=${expected}`,
      `v1=${createHmac('sha256', other).update(`1767225600.${body}`).digest('hex')}`,
    ]);
  });
});
