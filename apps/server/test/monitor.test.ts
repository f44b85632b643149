import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, bindCyberPolicy, fen } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { type EventFrame, EventStream } from '../../../test/sse.ts';

/*
 * The regulator's cockpit over HTTP on a real database: the live exposure moves with each bind (kept from
 * events, not recomputed), an early-warning rule fires and reaches the regulator's event stream, alerts are
 * acknowledged and resolved, registered business counts like platform business, a bordereau with bad rows
 * stores the good ones and changes nothing when sent again, statistics, targets and the development index.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let regulator: Client;
let insurerId: string;

const today = () => beijingToday(t);

async function exposure(client: Client, dimension?: string) {
  const r = await client.get(`/api/monitor/exposure${dimension ? `?dimension=${dimension}` : ''}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    items: { dimension: string; key: string; sumInsured: string; premium: string; policies: number }[];
    hhi: Record<string, number>;
  };
}

const row = (e: Awaited<ReturnType<typeof exposure>>, dimension: string, key: string) =>
  e.items.find((i) => i.dimension === dimension && i.key === key);

const bindCyber = (limit?: string) => bindCyberPolicy(enterprise, insurer, limit);

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
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
});

describe('live exposure and alerts', () => {
  it('a bind moves the cockpit’s figures and raises an alert that reaches the regulator’s event stream', async () => {
    const stream = await EventStream.open(regulator);
    expect(stream.status).toBe(200);
    const before = await exposure(regulator);
    const zoneBefore = fen(row(before, 'zone', 'all')?.sumInsured ?? '0');
    const policy = await bindCyber();
    // One insurer holds the whole zone: its share is above the shipped 40 % rule, and the alert reaches the
    // stream. (How fast — within a second, p99 — is measured by the `alerts` benchmark, not timed here.)
    await stream.until(
      (s) =>
        s.frames.some((f) => f.event === 'alert.raised' && f.data?.payload.rule === 'insurer-share-high'),
      15_000,
    );
    stream.close();
    const raised = stream.frames.find(
      (f): f is EventFrame => f.event === 'alert.raised' && f.data?.payload.rule === 'insurer-share-high',
    ) as EventFrame;
    expect(raised.data.payload).toMatchObject({
      rule: 'insurer-share-high',
      subject: `insurer:${insurerId}`,
    });

    const after = await exposure(regulator);
    expect(fen(row(after, 'zone', 'all')?.sumInsured ?? '0') - zoneBefore).toBe(fen(policy.sumInsured));
    expect(row(after, 'insurer', insurerId)).toBeDefined();
    expect(row(after, 'class', 'base')?.policies).toBeGreaterThan(0);
    expect(after.hhi.insurer).toBe(10000);
    // The insurer sees the zone totals and its own row, not a competitor's nor the concentration.
    const own = await exposure(insurer);
    expect(own.items.filter((i) => i.dimension === 'insurer').map((i) => i.key)).toEqual([insurerId]);
    expect(own.hhi).toEqual({});
    const other = await exposure(insurer2);
    expect(other.items.filter((i) => i.dimension === 'insurer')).toEqual([]);
  });

  it('an alert is acknowledged with a comment and resolved; its history is kept; an insurer cannot', async () => {
    const open = await regulator.get('/api/monitor/alerts?status=open');
    const alert = open.body.items.find(
      (a: { rule: { code: string } }) => a.rule.code === 'insurer-share-high',
    );
    expect(alert).toBeDefined();
    expect(alert.message.zh.length).toBeGreaterThan(0);
    expect(
      (await insurer.post(`/api/monitor/alerts/${alert.id}/acknowledge`, { comment: '知悉' })).status,
    ).toBe(403);
    // The insurer concerned sees its alert; another does not.
    expect((await insurer.get(`/api/monitor/alerts/${alert.id}`)).status).toBe(200);
    expect((await insurer2.get(`/api/monitor/alerts/${alert.id}`)).status).toBe(404);
    const ack = await regulator.post(`/api/monitor/alerts/${alert.id}/acknowledge`, {
      comment: '已约谈，要求分出',
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(
      (await regulator.post(`/api/monitor/alerts/${alert.id}/acknowledge`, { comment: '再次' })).status,
    ).toBe(409);
    const res = await regulator.post(`/api/monitor/alerts/${alert.id}/resolve`, { comment: '已安排再保' });
    expect(res.body.status).toBe('resolved');
    const detail = await regulator.get(`/api/monitor/alerts/${alert.id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'opened',
      'acknowledged',
      'resolved',
    ]);
    expect(detail.body.history[1]).toMatchObject({ comment: '已约谈，要求分出' });
  });

  it('rules are data: a bad rule is refused with the field named; the regulator can switch one off', async () => {
    const bad = await regulator.put('/api/monitor/alert-rules/bad_rule', { code: 'bad_rule', version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    const rules = await regulator.get('/api/monitor/alert-rules');
    const share = rules.body.items.find((r: { code: string }) => r.code === 'insurer-share-high');
    const off = await regulator.put(
      '/api/monitor/alert-rules/insurer-share-high?active=false',
      share.definition,
    );
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await insurer.put('/api/monitor/alert-rules/insurer-share-high', share.definition)).status).toBe(
      403,
    );
  });
});

describe('policy registration (保单登记)', () => {
  const header =
    'policyNumber,statisticalClass,insuredUscc,insuredName,industry,region,startDate,endDate,status,share,sumInsured,premium';
  const uscc = '91310115MA1K4D3X0';

  it('a bordereau with a bad row stores the good ones and reports the bad; sending it again changes nothing', async () => {
    const me = await enterprise.get('/api/enterprise/me');
    const code = me.body.profile.uscc as string;
    const lines = [
      header,
      `EXT-2026-0001,application,${code},临港示例芯片科技有限公司,C39,310115,${today()},2027-01-01,有效,100,20000000.00,180000.00`,
      `EXT-2026-0002,研发及成果转化,${code},临港示例芯片科技有限公司,C39,310115,${today()},2027-01-01,有效,50,8000000.00,64000.00`,
      `EXT-2026-0003,application,${uscc}X,某公司,C39,310115,2026-13-01,2027-01-01,有效,100,abc,1.00`,
    ];
    const before = await exposure(regulator, 'source');
    const registeredBefore = fen(row(before, 'source', 'registered')?.sumInsured ?? '0');
    const first = await insurer.post('/api/registrations/bordereau?filename=ext.csv', undefined, {
      raw: Buffer.from(lines.join('\n')),
      headers: { 'content-type': 'text/csv' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 3, stored: 2, changed: 0, unchanged: 0 });
    expect(first.body.errors.every((e: { row: number }) => e.row === 4)).toBe(true);
    expect(first.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'insuredUscc',
      'startDate',
      'sumInsured',
    ]);
    await t.server.services.dispatcher.drain();
    const after = await exposure(regulator, 'source');
    expect(fen(row(after, 'source', 'registered')?.sumInsured ?? '0') - registeredBefore).toBe(
      2_800_000_000n,
    );

    const again = await insurer.post('/api/registrations/bordereau?filename=ext.csv', undefined, {
      raw: Buffer.from(lines.join('\n')),
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.body).toMatchObject({ rows: 3, stored: 0, changed: 0, unchanged: 2 });
    await t.server.services.dispatcher.drain();
    const same = await exposure(regulator, 'source');
    expect(row(same, 'source', 'registered')?.sumInsured).toBe(
      row(after, 'source', 'registered')?.sumInsured,
    );

    // A changed figure is recorded as a change; a cancellation takes the policy out of the exposure.
    const changed = await insurer.post('/api/registrations', {
      rows: [
        {
          policyNumber: 'EXT-2026-0002',
          statisticalClass: 'rd_transfer',
          insuredUscc: code,
          insuredName: '临港示例芯片科技有限公司',
          startDate: today(),
          endDate: '2027-01-01',
          status: 'cancelled',
          share: '50',
          sumInsured: '8000000.00',
          premium: '64000.00',
        },
      ],
    });
    expect(changed.body).toMatchObject({ stored: 0, changed: 1 });
    await t.server.services.dispatcher.drain();
    const cancelled = await exposure(regulator, 'source');
    expect(fen(row(cancelled, 'source', 'registered')?.sumInsured ?? '0') - registeredBefore).toBe(
      2_000_000_000n,
    );
    // Registered business is the insurer's own: another insurer neither lists nor registers it as its own.
    expect((await insurer2.get('/api/registrations')).body.total).toBe(0);
    expect((await regulator.get('/api/registrations')).body.total).toBe(2);
    expect((await enterprise.post('/api/registrations', { rows: [{ policyNumber: 'X' }] })).status).toBe(403);
  });
});

describe('statistics (《科技保险业务统计制度》)', () => {
  it('counts platform and registered business alike, by class and by source, and exports XLSX', async () => {
    const year = Number(today().slice(0, 4));
    const bySource = await regulator.get(`/api/monitor/statistics?year=${year}&period=year&by=source`);
    expect(bySource.status, JSON.stringify(bySource.body)).toBe(200);
    const source = (g: string) => bySource.body.rows.find((r: { group: string }) => r.group === g);
    expect(source('registered')).toMatchObject({
      policies: 2,
      premium: '244000.00',
      sumInsured: '28000000.00',
    });
    expect(source('platform').policies).toBeGreaterThan(0);
    const byClass = await regulator.get(`/api/monitor/statistics?year=${year}&period=year&by=class`);
    expect(byClass.body.part).toBe(1);
    const total = (rows: { policies: number }[]) => rows.reduce((s, r) => s + r.policies, 0);
    expect(total(byClass.body.rows)).toBe(total(bySource.body.rows));
    expect(byClass.body.rows.find((r: { group: string }) => r.group === 'rd_transfer')?.groupName.zh).toBe(
      '研发及成果转化类',
    );
    // An insurer's statistics are its own lines only.
    const own = await insurer2.get(`/api/monitor/statistics?year=${year}&period=year&by=source`);
    expect(own.body.rows).toEqual([]);
    const xlsx = await regulator.get(
      `/api/monitor/statistics?year=${year}&period=quarter&by=entity&format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('zone targets', () => {
  it('show progress from the data; the regulator reports the insurance funds; an insurer cannot', async () => {
    const r = await insurer.get('/api/monitor/targets');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const target = (code: string) => r.body.items.find((t: { code: string }) => t.code === code);
    expect(target('insured_enterprises')).toMatchObject({ target: '5000', source: 'data' });
    expect(Number(target('insured_enterprises').current)).toBeGreaterThan(0);
    expect(target('insurance_funds')).toMatchObject({ current: null, progress: null, source: 'reported' });
    expect((await insurer.put('/api/monitor/targets/insurance_funds', { reported: '1.00' })).status).toBe(
      403,
    );
    const reported = await regulator.put('/api/monitor/targets/insurance_funds', {
      reported: '25000000000.00',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(reported.body).toMatchObject({ current: '25000000000.00', progress: '0.250000' });
  });
});

describe('the development index (科技保险发展指数)', () => {
  it('is published with its inputs, recomputes to the last digit, and a changed weight changes it', async () => {
    await bindCyber('2000000.00');
    const year = Number(today().slice(0, 4));
    const now = await regulator.get(`/api/monitor/index?year=${year}`);
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    const own = now.body.years.find((y: { year: number }) => y.year === year);
    expect(Number(own.composite)).toBeGreaterThan(0);
    // The composite is the weighted sum of the normalised indicators, as the methodology says.
    const sum = Object.values(
      own.indicators as Record<string, { normalised: string; weight: string }>,
    ).reduce((s, i) => s + Number(i.normalised) * Number(i.weight), 0);
    expect(Math.abs(sum - Number(own.composite))).toBeLessThan(
      0.0001 * Object.keys(own.indicators).length + 0.000001,
    );

    expect((await insurer.post(`/api/monitor/index/${year}/publish`, {})).status).toBe(403);
    const published = await regulator.post(`/api/monitor/index/${year}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect((await regulator.post(`/api/monitor/index/${year}/publish`, {})).status).toBe(409);
    const stored = await insurer.get(`/api/monitor/index/publications?year=${year}`);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({ composite: published.body.composite, reproduced: true });

    // Other AHP judgements for the sub-indices: the same data gives another composite.
    const methodology = structuredClone(now.body.methodology);
    const matrix = methodology.weighting.subIndices as string[][];
    const n = matrix.length;
    methodology.weighting.subIndices = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? '1' : '1')),
    );
    methodology.version = `${methodology.version}-equal`;
    const whatIf = await regulator.post(`/api/monitor/index/what-if?year=${year}`, { methodology });
    expect(whatIf.status, JSON.stringify(whatIf.body)).toBe(200);
    const other = whatIf.body.years.find((y: { year: number }) => y.year === year);
    if (own.composite !== '100.000000') expect(other.composite).not.toBe(own.composite);
    // Equal judgements give equal weights to the sub-indices that have data.
    const weights = Object.values(whatIf.body.weights.subIndices as Record<string, string>).filter(
      (w) => Number(w) > 0,
    );
    expect(new Set(weights).size).toBe(1);
    const xlsx = await regulator.get(`/api/monitor/index?year=${year}&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});
