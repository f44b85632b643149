import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCyberPolicy } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../src/modules/webhook/rules.ts';

/*
 * Webhook subscriptions for alerts over real HTTP on a real database, with a real receiver on 127.0.0.1: a
 * bind that crosses a rule reaches the regulator's and the insurer's endpoints (not another insurer's),
 * signed so that the recipe in docs/monitoring.md verifies it; a failing endpoint is retried on the
 * schedule as the clock moves and given up after the last attempt; subscriptions are each organisation's
 * own; the secret is shown once.
 */

/** The verification recipe of docs/monitoring.md ("Webhooks"), as a receiver would write it. */
function verifyKebaoSignature(
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds = Date.now() / 1000,
  toleranceSeconds = 300,
): boolean {
  const timestamp = String(headers['kebao-timestamp'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return String(headers['kebao-signature'] ?? '')
    .split(',')
    .some((part) => {
      const [version, hex] = part.trim().split('=');
      const given = Buffer.from(hex ?? '', 'hex');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** An HTTP endpoint that records what it receives and answers each path with the statuses it is told. */
class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body, json: JSON.parse(body) });
        const queue = this.answers.get(path) ?? [];
        const status = queue.length > 1 ? (queue.shift() as number) : (queue[0] ?? 200);
        res.writeHead(status, { 'content-type': 'text/plain' }).end('answer body that must not be stored');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers `path` with these statuses in turn, the last one from then on. */
  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let regulator: Client;
let insurerId: string;
const receiver = new Receiver();
const secrets: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Every event dispatched and every delivery due by the test clock attempted. */
async function settle(): Promise<void> {
  expect(await t.server.services.dispatcher.drain()).toBe(0);
  expect(await t.server.webhooks.settle()).toBe(0);
}

async function subscribe(client: Client, name: string, body: Record<string, unknown>) {
  const r = await client.post('/api/webhooks', { url: `${receiver.url}/${name}`, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  secrets[name] = r.body.secret;
  ids[name] = r.body.id;
  return r.body;
}

async function deliveries(client: Client, name: string) {
  const r = await client.get(`/api/webhooks/${ids[name]}/deliveries`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as {
    id: string;
    eventType: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
    payload: { data: Record<string, unknown> };
  }[];
}

const nowSeconds = () => t.clock.now().getTime() / 1000;

const bindCyber = (limit?: string) => bindCyberPolicy(enterprise, insurer, limit);

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  await receiver.start();
  [enterprise, insurer, insurer2, regulator] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
});

afterAll(async () => {
  await t?.close();
  await receiver.close();
});

describe('webhook subscriptions', () => {
  it('refuses a bad URL or event with the field named', async () => {
    for (const [url, code] of [
      ['ftp://files.example.cn/hook', 'webhook.url_scheme'],
      ['https://user:pass@hooks.example.cn/kebao', 'webhook.url_credentials'],
      ['not a url at all', 'webhook.url_invalid'],
    ] as const) {
      const r = await regulator.post('/api/webhooks', { url, events: ['alert.raised'] });
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.code).toBe('request.invalid');
      expect(r.body.errors).toContainEqual(expect.objectContaining({ path: '/body/url', code }));
      expect(r.body.errors[0].message_zh.length).toBeGreaterThan(0);
      expect(r.body.errors[0].message_en.length).toBeGreaterThan(0);
    }
    const noEvents = await regulator.post('/api/webhooks', { url: `${receiver.url}/x`, events: [] });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.errors.map((e: { path: string }) => e.path)).toContain('/body/events');
    const otherEvent = await regulator.post('/api/webhooks', {
      url: `${receiver.url}/x`,
      events: ['policy.bound'],
    });
    expect(otherEvent.status).toBe(400);
    expect(otherEvent.body.errors[0].path).toMatch(/^\/body\/events/);
    // Without the permission: an enterprise has no webhooks.
    expect((await enterprise.get('/api/webhooks')).status).toBe(403);
  });

  it('shows the secret once: at creation, never in the list or the detail', async () => {
    const created = await subscribe(regulator, 'regulator', {
      events: ['alert.raised'],
      description: '监管预警接收',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ active: true, events: ['alert.raised'], minSeverity: null });
    expect(created.secretHint).toBe(`${created.secret.slice(0, 10)}…`);
    const list = await regulator.get('/api/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect(list.text).not.toContain(created.secret);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    const one = await regulator.get(`/api/webhooks/${created.id}`);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(created.secret);
    expect(one.body).not.toHaveProperty('secret');
    // Nor in the audit log.
    const audit = await regulator.get('/api/audit?limit=50');
    expect(audit.text).not.toContain(created.secret);
    // A change is checked as a creation is.
    const patched = await regulator.patch(`/api/webhooks/${created.id}`, { url: 'javascript:alert(1)' });
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/url', code: 'webhook.url_scheme' }),
    );

    await subscribe(insurer, 'insurer', { events: ['alert.raised'] });
    await subscribe(insurer2, 'insurer2', {
      events: ['alert.raised', 'alert.acknowledged', 'alert.resolved'],
    });
  });

  it("lets an organisation neither see nor touch another's subscription (404)", async () => {
    const theirs = ids.regulator as string;
    for (const answer of [
      await insurer.get(`/api/webhooks/${theirs}`),
      await insurer.patch(`/api/webhooks/${theirs}`, { active: false }),
      await insurer.post(`/api/webhooks/${theirs}/rotate-secret`, {}),
      await insurer.post(`/api/webhooks/${theirs}/test`),
      await insurer.get(`/api/webhooks/${theirs}/deliveries`),
      await insurer.delete(`/api/webhooks/${theirs}`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('webhook.not_found');
    }
    const own = await insurer.get('/api/webhooks');
    expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([ids.insurer]);
    // The regulator's subscription is untouched.
    expect((await regulator.get(`/api/webhooks/${theirs}`)).body.active).toBe(true);
  });

  it('delivers a raised alert, signed, to the regulator and the insurer concerned, not to another insurer', async () => {
    await bindCyber();
    await settle();

    const atRegulator = receiver.at('/regulator');
    const share = atRegulator.find((r) => r.json.data.rule === 'insurer-share-high');
    expect(share, JSON.stringify(atRegulator.map((r) => r.json))).toBeDefined();
    const got = share as Received;
    expect(got.json).toMatchObject({ type: 'alert.raised', data: { subject: `insurer:${insurerId}` } });
    expect(typeof got.json.data.alertId).toBe('string');
    expect(new Date(got.json.createdAt).toISOString()).toBe(got.json.createdAt);
    expect(got.headers['content-type']).toContain('application/json');
    expect(got.headers['kebao-event']).toBe('alert.raised');
    expect(got.headers['kebao-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.headers['user-agent']).toMatch(/^Kebao-Webhooks\//);
    // The documented recipe verifies it with the regulator's secret, and nothing else does.
    expect(verifyKebaoSignature(secrets.regulator as string, got.headers, got.body, nowSeconds())).toBe(true);
    expect(verifyKebaoSignature(secrets.insurer as string, got.headers, got.body, nowSeconds())).toBe(false);
    expect(verifyKebaoSignature(secrets.regulator as string, got.headers, `${got.body} `, nowSeconds())).toBe(
      false,
    );
    expect(
      verifyKebaoSignature(secrets.regulator as string, got.headers, got.body, nowSeconds() + 3600),
    ).toBe(false);

    // The insurer concerned gets the alert about itself, and not the zone-wide one the regulator also got.
    const atInsurer = receiver.at('/insurer');
    expect(atInsurer.map((r) => r.json.data.rule)).toEqual(['insurer-share-high']);
    expect(atInsurer[0]?.json.id).toBe(got.json.id);
    expect(atInsurer[0]?.headers['kebao-delivery']).not.toBe(got.headers['kebao-delivery']);
    expect(
      verifyKebaoSignature(
        secrets.insurer as string,
        atInsurer[0]?.headers ?? {},
        atInsurer[0]?.body ?? '',
        nowSeconds(),
      ),
    ).toBe(true);
    expect(atRegulator.some((r) => r.json.data.subject === 'zone:insurer')).toBe(true);
    // Another insurer gets nothing of it.
    expect(receiver.at('/insurer2')).toEqual([]);

    const list = await deliveries(regulator, 'regulator');
    const row = list.find((d) => d.payload.data.rule === 'insurer-share-high');
    expect(row).toMatchObject({
      eventType: 'alert.raised',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(row?.lastError).toBeNull();
    expect(JSON.stringify(list)).not.toContain('answer body');
  });

  it('retries a failing endpoint as the clock moves: 500, then 200 at the second attempt', async () => {
    receiver.answer('/flaky', 500, 200);
    await subscribe(regulator, 'flaky', { events: ['alert.acknowledged'], minSeverity: 'warning' });
    await subscribe(regulator, 'critical', { events: ['alert.acknowledged'], minSeverity: 'critical' });
    const alerts = await regulator.get('/api/monitor/alerts?status=open');
    const alert = alerts.body.items.find(
      (a: { rule: { code: string } }) => a.rule.code === 'insurer-share-high',
    );
    ids.alert = alert.id;
    const ack = await regulator.post(`/api/monitor/alerts/${alert.id}/acknowledge`, { comment: '已约谈' });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    await settle();

    let [first] = await deliveries(regulator, 'flaky');
    expect(first).toMatchObject({
      eventType: 'alert.acknowledged',
      status: 'failed',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    const due = new Date(first?.nextAttemptAt as string).getTime() - t.clock.now().getTime();
    expect(due).toBeGreaterThan(RETRY_DELAYS_MS[0] - 5_000);
    expect(due).toBeLessThanOrEqual(RETRY_DELAYS_MS[0]);
    // Not due yet: nothing is sent.
    await settle();
    expect(receiver.at('/flaky')).toHaveLength(1);

    t.clock.advance(RETRY_DELAYS_MS[0] + 1_000);
    await settle();
    [first] = await deliveries(regulator, 'flaky');
    expect(first).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    const sent = receiver.at('/flaky');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toBe(sent[0]?.body);
    expect(sent[1]?.headers['kebao-delivery']).toBe(sent[0]?.headers['kebao-delivery']);
    expect(sent[1]?.json.data).toMatchObject({ alertId: alert.id, comment: '已约谈' });
    expect(
      verifyKebaoSignature(
        secrets.flaky as string,
        sent[1]?.headers ?? {},
        sent[1]?.body ?? '',
        nowSeconds(),
      ),
    ).toBe(true);
    // A warning is below the other subscription's minimum; the insurer's subscription asks only for raised
    // alerts; the other insurer may not see this one.
    expect(receiver.at('/critical')).toEqual([]);
    expect(await deliveries(regulator, 'critical')).toEqual([]);
    expect(receiver.at('/insurer')).toHaveLength(1);
    expect(receiver.at('/insurer2')).toEqual([]);
  });

  it('sends a test ping now, redelivers on demand, and signs with both secrets while a rotation overlaps', async () => {
    const ping = await regulator.post(`/api/webhooks/${ids.regulator}/test`);
    expect(ping.status, JSON.stringify(ping.body)).toBe(200);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'delivered', attempts: 1 });
    const got = receiver.at('/regulator').find((r) => r.json.type === 'webhook.ping') as Received;
    expect(got.json.data).toMatchObject({ subscriptionId: ids.regulator });
    expect(verifyKebaoSignature(secrets.regulator as string, got.headers, got.body, nowSeconds())).toBe(true);

    const again = await regulator.post(`/api/webhooks/${ids.regulator}/deliveries/${ping.body.id}/redeliver`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ id: ping.body.id, status: 'delivered', attempts: 2 });
    expect(receiver.at('/regulator').filter((r) => r.json.type === 'webhook.ping')).toHaveLength(2);

    const old = secrets.regulator as string;
    const rotated = await regulator.post(`/api/webhooks/${ids.regulator}/rotate-secret`, {});
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    await regulator.post(`/api/webhooks/${ids.regulator}/test`);
    const last = receiver.at('/regulator').at(-1) as Received;
    expect(String(last.headers['kebao-signature']).split(',')).toHaveLength(2);
    expect(verifyKebaoSignature(rotated.body.secret, last.headers, last.body, nowSeconds())).toBe(true);
    expect(verifyKebaoSignature(old, last.headers, last.body, nowSeconds())).toBe(true);
    secrets.regulator = rotated.body.secret;

    // Switched off, a subscription neither pings nor receives.
    const off = await regulator.patch(`/api/webhooks/${ids.regulator}`, { active: false });
    expect(off.body).toMatchObject({ active: false, disabledReason: 'manual' });
    const refused = await regulator.post(`/api/webhooks/${ids.regulator}/test`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook.inactive');
    const on = await regulator.patch(`/api/webhooks/${ids.regulator}`, { active: true });
    expect(on.body).toMatchObject({ active: true, disabledReason: null });
  });

  it('gives a delivery up after the last attempt (dead), and switches off an endpoint that is gone (410)', async () => {
    receiver.answer('/down', 500);
    receiver.answer('/gone', 410);
    await subscribe(regulator, 'down', { events: ['alert.resolved'] });
    await subscribe(regulator, 'gone', { events: ['alert.resolved'] });
    const resolved = await regulator.post(`/api/monitor/alerts/${ids.alert}/resolve`, {
      comment: '已安排再保',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    await settle();
    // (As the clock moves, time-based passes may move other alerts; only this alert's deliveries count.)
    const ofAlert = (path: string) => receiver.at(path).filter((r) => r.json.data.alertId === ids.alert);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(ofAlert('/down')).toHaveLength(attempt);
      t.clock.advance((RETRY_DELAYS_MS[attempt - 1] as number) + 1_000);
      await settle();
    }
    expect(ofAlert('/down')).toHaveLength(MAX_ATTEMPTS);
    // Hours have passed on the clock: the session has expired.
    regulator = await t.as('regulator@demo.kebao.cn');
    const dead = (await deliveries(regulator, 'down')).find((d) => d.payload.data.alertId === ids.alert);
    expect(dead).toMatchObject({
      eventType: 'alert.resolved',
      status: 'dead',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 500,
      nextAttemptAt: null,
    });
    // Nothing more is tried.
    t.clock.advance(48 * 3_600_000);
    await settle();
    expect(ofAlert('/down')).toHaveLength(MAX_ATTEMPTS);

    regulator = await t.as('regulator@demo.kebao.cn');
    expect(ofAlert('/gone')).toHaveLength(1);
    const gone = (await deliveries(regulator, 'gone')).find((d) => d.payload.data.alertId === ids.alert);
    expect(gone).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: 410 });
    const sub = await regulator.get(`/api/webhooks/${ids.gone}`);
    expect(sub.body).toMatchObject({ active: false, disabledReason: 'gone' });
    // The other insurer subscribed to resolved alerts too, but may not see this one.
    expect(receiver.at('/insurer2')).toEqual([]);
  });

  it('deletes a subscription with its deliveries', async () => {
    insurer = await t.as('insurer@demo.kebao.cn');
    const r = await insurer.delete(`/api/webhooks/${ids.insurer}`);
    expect(r.status).toBe(204);
    expect((await insurer.get(`/api/webhooks/${ids.insurer}`)).status).toBe(404);
    expect((await insurer.get('/api/webhooks')).body.items).toEqual([]);
    // Every attempt above was recorded without a hitch, and no secret reached the logs.
    const webhookLogs = t.logs.filter((l) => l.includes('"component":"webhooks"'));
    expect(webhookLogs.filter((l) => /"level":"(error|fatal)"/.test(l))).toEqual([]);
    expect(webhookLogs.some((l) => l.includes('given up'))).toBe(true);
    for (const secret of Object.values(secrets)) expect(t.logs.join('\n')).not.toContain(secret);
  });
});
