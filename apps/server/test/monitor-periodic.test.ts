import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, bindCyberPolicy, fen } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { type EventFrame, EventStream } from '../../../test/sse.ts';
import { claimBacklogPass } from '../src/modules/monitor/alert-service.ts';
import { expireRegistrations, publishLastYearsIndex } from '../src/modules/monitor/periodic.ts';
import { expirePolicies } from '../src/modules/policy/expiry.ts';
import { systemActor } from '../src/platform/actor.ts';

/*
 * What the cockpit does besides reacting to a bind: alert events that stand alone (what triggered them,
 * the metric, the subject in words) and follow an alert's value (`alert.updated`), the expiry of platform
 * and registered policies (out of the live exposure), the time-based claim-backlog pass, and the yearly
 * publication of the development index.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let regulator: Client;
let insurerId: string;
let insurerName: string;

const DAY = 86_400_000;

const today = () => beijingToday(t);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

async function zoneSumInsured(): Promise<bigint> {
  const r = await regulator.get('/api/monitor/exposure?dimension=zone');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const zone = (r.body.items as { key: string; sumInsured: string }[]).find((i) => i.key === 'all');
  return fen(zone?.sumInsured ?? '0');
}

function registration(policyNumber: string, uscc: string, start: string, end: string, sumInsured: string) {
  return {
    policyNumber,
    statisticalClass: 'application',
    insuredUscc: uscc,
    insuredName: '临港示例芯片科技有限公司',
    startDate: start,
    endDate: end,
    status: 'in_force',
    share: '100',
    sumInsured,
    premium: '10000.00',
  };
}

const run = <T>(work: Parameters<TestServer['server']['services']['tx']>[2]) =>
  t.server.services.tx(systemActor, 'test', work) as Promise<T>;

async function signIn() {
  [enterprise, insurer, insurer2, regulator] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
  ]);
}

let policy: Awaited<ReturnType<typeof bindCyber>>;
let uscc: string;

const bindCyber = (limit?: string) => bindCyberPolicy(enterprise, insurer, limit);

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  await signIn();
  const me = (await insurer.get('/api/me')).body;
  insurerId = me.organisation.id;
  insurerName = (
    await t.db.pool.query<{ name_zh: string }>('SELECT name_zh FROM organisation WHERE id = $1', [insurerId])
  ).rows[0]?.name_zh as string;
  uscc = (await enterprise.get('/api/enterprise/me')).body.profile.uscc;
});

afterAll(async () => {
  await t?.close();
});

describe('alert events', () => {
  it('carry their cause, metric and subject in words; a changed value is alert.updated', async () => {
    const stream = await EventStream.open(regulator);
    policy = await bindCyber();
    const isShare = (f: EventFrame, type: string) =>
      f.event === type && f.data.payload.rule === 'insurer-share-high';
    await stream.until((s) => s.events.some((f) => isShare(f, 'alert.raised')), 15_000);
    const raised = stream.events.find((f) => isShare(f, 'alert.raised')) as EventFrame;
    expect(raised.data.payload).toMatchObject({
      metric: 'insurer_share',
      subject: `insurer:${insurerId}`,
      subjectLabel: insurerName,
      status: 'open',
      ruleNames: { zh: '单一机构风险占比过高' },
      cause: { eventType: 'policy.bound', aggregateType: 'policy', aggregateId: policy.id },
    });
    expect((raised.data.payload.cause as { eventId: string }).eventId).toMatch(/^\d+$/);

    // Another insurer's registered business lowers the first insurer's share: still above 40 %, so the
    // open alert moves to the new value and says so.
    const reg = await insurer2.post('/api/registrations', {
      rows: [registration('EXT-UPD-0001', uscc, today(), addDays(today(), 200), '1000000.00')],
    });
    expect(reg.body, JSON.stringify(reg.body)).toMatchObject({ stored: 1 });
    await stream.until((s) => s.events.some((f) => isShare(f, 'alert.updated')), 15_000);
    stream.close();
    const updated = stream.events.find((f) => isShare(f, 'alert.updated')) as EventFrame;
    expect(updated.data.payload).toMatchObject({
      alertId: raised.data.payload.alertId,
      previousValue: raised.data.payload.value,
      cause: { eventType: 'registration.recorded', aggregateType: 'registered_policy' },
    });
    expect(Number(updated.data.payload.value)).toBeLessThan(Number(raised.data.payload.value));

    const list = await regulator.get('/api/monitor/alerts?status=open');
    const alert = list.body.items.find(
      (a: { rule: { code: string } }) => a.rule.code === 'insurer-share-high',
    );
    expect(alert).toMatchObject({
      metric: { code: 'insurer_share', names: { zh: '单一机构风险占比' }, unit: 'ratio' },
      subjectLabel: insurerName,
      value: updated.data.payload.value,
    });
  });
});

describe('the claim backlog by the clock', () => {
  it('opens when claims fall overdue with no event, and resolves once they are not', async () => {
    const rule = {
      code: 'backlog-any',
      version: 1,
      names: { zh: '存在超期案件', en: 'Any overdue claim' },
      metric: 'claim_backlog_overdue',
      condition: { type: 'threshold', op: 'gt', value: '0' },
      severity: 'info',
      message: { zh: '{subject} 有 {value} 件超期案件', en: '{subject}: {value} overdue claims' },
    };
    const published = await regulator.put('/api/monitor/alert-rules/backlog-any', rule);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // Cover starts the day after the bind: the loss happens two days later.
    t.clock.advance(2 * DAY);
    await signIn();
    const filed = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'direct_loss',
      lossDate: today(),
      description: '勒索软件攻击',
      claimed: '200000.00',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await t.server.services.dispatcher.drain();
    const backlog = async () =>
      (await regulator.get('/api/monitor/alerts')).body.items.find(
        (a: { rule: { code: string } }) => a.rule.code === 'backlog-any',
      );
    // Just filed: on time, nothing to see.
    expect(await backlog()).toBeUndefined();

    const later = new Date(t.clock.now().getTime() + 31 * DAY);
    expect(await run<number>((ctx) => claimBacklogPass(ctx.db, later))).toBe(1);
    expect(await backlog()).toMatchObject({
      status: 'open',
      value: '1',
      subject: `insurer:${insurerId}`,
      subjectLabel: insurerName,
    });
    // Seen again with no claim overdue (today), it resolves by itself.
    expect(await run<number>((ctx) => claimBacklogPass(ctx.db, t.clock.now()))).toBe(0);
    expect((await backlog()).status).toBe('resolved');
  });
});

describe('expiry', () => {
  it('takes platform and registered policies out of the exposure once their cover has ended', async () => {
    const ending = await insurer2.post('/api/registrations', {
      rows: [registration('EXT-EXP-0001', uscc, today(), addDays(today(), 30), '3000000.00')],
    });
    expect(ending.body).toMatchObject({ stored: 1 });
    // Registered after its end: in force as sent, expired as stored, never in the exposure.
    const past = await insurer2.post('/api/registrations', {
      rows: [registration('EXT-EXP-0002', uscc, addDays(today(), -400), addDays(today(), -36), '7000000.00')],
    });
    expect(past.body).toMatchObject({ stored: 1 });
    await t.server.services.dispatcher.drain();
    const zone = await zoneSumInsured();
    expect(zone).toBe(fen(policy.sumInsured) + 100_000_000n + 300_000_000n);
    const list = (await insurer2.get('/api/registrations')).body.items as {
      policyNumber: string;
      status: string;
    }[];
    expect(list.find((r) => r.policyNumber === 'EXT-EXP-0002')?.status).toBe('expired');

    // A month and a bit later: the 30-day registration has ended; the platform policy has not.
    t.clock.advance(32 * DAY);
    expect(await run<number>((ctx) => expireRegistrations(ctx))).toBe(1);
    expect(await run<number>((ctx) => expirePolicies(ctx))).toBe(0);
    await t.server.services.dispatcher.drain();
    await signIn();
    expect(await zoneSumInsured()).toBe(fen(policy.sumInsured) + 100_000_000n);

    // Past the platform policy's end date: expired, out of the exposure, its history intact.
    const days = Math.round((Date.parse(policy.endDate) - Date.parse(today())) / DAY) + 1;
    t.clock.advance(days * DAY);
    expect(await run<number>((ctx) => expirePolicies(ctx))).toBe(1);
    expect(await run<number>((ctx) => expirePolicies(ctx))).toBe(0);
    expect(await run<number>((ctx) => expireRegistrations(ctx))).toBe(1);
    await t.server.services.dispatcher.drain();
    await signIn();
    expect(await zoneSumInsured()).toBe(0n);
    const p = await enterprise.get(`/api/policies/${policy.id}`);
    expect(p.body.status).toBe('expired');
    const events = await t.db.pool.query<{ type: string }>(
      "SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type = 'policy.expired'",
      [policy.id],
    );
    expect(events.rowCount).toBe(1);
    const audit = await t.db.pool.query(
      "SELECT 1 FROM audit_log WHERE action = 'policy.expire' AND entity_id = $1",
      [policy.id],
    );
    expect(audit.rowCount).toBe(1);
  });
});

describe('the yearly index', () => {
  it('publishes last year’s index once, reproducibly', async () => {
    const year = Number(today().slice(0, 4)) - 1;
    expect(await run<number | null>((ctx) => publishLastYearsIndex(ctx))).toBe(year);
    expect(await run<number | null>((ctx) => publishLastYearsIndex(ctx))).toBeNull();
    const stored = await regulator.get(`/api/monitor/index/publications?year=${year}`);
    expect(stored.status).toBe(200);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0].reproduced).toBe(true);
  });

  it('measures from the base year when the zone’s business began before it', async () => {
    // Registered business from 2023, a year before the base year 2024 (the demo zone's three years do this).
    const old = await insurer2.post('/api/registrations', {
      rows: [
        registration('EXT-2023-0001', uscc, '2023-06-01', '2024-05-31', '2000000.00'),
        registration('EXT-2024-0001', uscc, '2024-06-01', '2025-05-31', '2000000.00'),
      ],
    });
    expect(old.body).toMatchObject({ stored: 2 });
    const year = Number(today().slice(0, 4)) - 1;
    const index = await regulator.get(`/api/monitor/index?year=${year}`);
    expect(index.status, JSON.stringify(index.body)).toBe(200);
    expect(index.body.methodology.baseYear).toBe(2024);
    expect(index.body.years[0].year).toBe(2024);
    const before = await regulator.get('/api/monitor/index?year=2023');
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('index.before_base');
  });
});

describe('a burst of business', () => {
  it('gives each risk of a batch its own alert with its own cause, and moves the zone by exactly their sum', async () => {
    const rule = {
      code: 'every-risk-retained',
      version: 1,
      names: { zh: '测试：每笔业务的自留', en: 'Test: every risk’s retention' },
      metric: 'retention_ratio',
      filter: { insurer: [insurerId] },
      condition: { type: 'threshold', op: 'gt', value: '0' },
      severity: 'info',
      message: { zh: '{subject} 自留 {value}', en: '{subject} retains {value}' },
    };
    const published = await regulator.put('/api/monitor/alert-rules/every-risk-retained', rule);
    expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
    const before = await zoneSumInsured();
    const stream = await EventStream.open(regulator);
    // Twelve rows in one request: their events commit together and reach the monitor together.
    const rows = Array.from({ length: 12 }, (_, i) =>
      registration(
        `EXT-BURST-${String(i + 1).padStart(4, '0')}`,
        uscc,
        today(),
        addDays(today(), 100),
        `${100_000 * (i + 1)}.00`,
      ),
    );
    const reg = await insurer.post('/api/registrations', { rows });
    expect(reg.body, JSON.stringify(reg.body)).toMatchObject({ stored: 12 });
    const mine = (f: EventFrame) =>
      f.event === 'alert.raised' && f.data.payload.rule === 'every-risk-retained';
    await stream.until((s) => s.events.filter(mine).length >= 12, 15_000);
    stream.close();
    const raised = stream.events.filter(mine);
    expect(raised).toHaveLength(12);
    const ids = await t.db.pool.query<{ id: string; policy_number: string }>(
      "SELECT id, policy_number FROM registered_policy WHERE policy_number LIKE 'EXT-BURST-%'",
    );
    expect(ids.rows).toHaveLength(12);
    for (const { id } of ids.rows) {
      const alert = raised.find((f) => f.data.payload.subject === `risk:r:${id}:${insurerId}`) as EventFrame;
      expect(alert, id).toBeDefined();
      expect(alert.data.payload.cause).toMatchObject({
        eventType: 'registration.recorded',
        aggregateType: 'registered_policy',
        aggregateId: id,
      });
    }
    // 100,000 + 200,000 + … + 1,200,000 yuan.
    expect((await zoneSumInsured()) - before).toBe(fen('7800000.00'));
    await regulator.put('/api/monitor/alert-rules/every-risk-retained', {
      ...rule,
      version: 2,
      active: false,
    });
  });
});
