import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCoInsuredCyberPolicy } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

/*
 * Oversight of settlement statements over HTTP: the regulator and the platform (ledger.read_all) list every
 * statement of every kind — subsidy statements between a funder and an insurer, co-insurance statements,
 * bordereaux — and narrow the list by kind, status, drawer, counterparty and the asOf day; every other
 * organisation lists only the statements it drew up or is the counterparty of, whatever it filters by.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let funder: Client;
let central: Client;
let regulator: Client;
let platform: Client;
let insurerId: string;
let insurer2Id: string;
let funderId: string;

interface Summary {
  id: string;
  number: string;
  kind: string;
  status: string;
  asOf: string;
  amount: string;
  drawer: { id: string; name: string };
  counterparty: { id: string; name: string };
}

/** The statements drawn up below, by name. */
const drawn: Record<'subsidySettled' | 'subsidyOpen' | 'coinsurance' | 'reinsurance', Summary> = {} as never;
let firstDay = '';
let secondDay = '';
let receipt = 0;
const channelRef = () => `OVERSIGHT${Date.now()}${++receipt}`;

async function signIn() {
  [enterprise, insurer, insurer2, funder, central, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('central@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
}

const today = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A subsidised cyber policy the lead writes 60 % and insurer2 40 % (主代从收): the lead bills the funder. */
async function coinsuredSubsidisedPolicy() {
  const bound = { body: await bindCoInsuredCyberPolicy(enterprise, insurer, insurer2, insurer2Id) };
  expect(bound.body.subsidy).not.toBe('0.00');
  // The enterprise confirms its 免申即享 subsidy at once.
  const grants = await enterprise.get(`/api/subsidy/grants?policyId=${bound.body.id}`);
  for (const g of grants.body.items as { id: string; status: string }[])
    if (g.status === 'reserved')
      expect((await enterprise.post(`/api/subsidy/grants/${g.id}/confirm`, {})).status).toBe(200);
  return bound.body as { id: string };
}

async function list(client: Client, query = '') {
  const r = await client.get(`/api/settlements${query ? `?${query}` : ''}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: Summary[]; total: number; limit: number; offset: number };
}

const ids = (page: { items: Summary[] }) => page.items.map((s) => s.id).sort();
const idsOf = (...statements: Summary[]) => statements.map((s) => s.id).sort();

beforeAll(async () => {
  t = await startTestServer();
  await signIn();
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
  funderId = (await funder.get('/api/me')).body.organisation.id;

  // Day one: a subsidised co-insured policy; the funder draws up its statement with the lead and pays it.
  firstDay = today();
  await coinsuredSubsidisedPolicy();
  const settled = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
  expect(settled.status, JSON.stringify(settled.body)).toBe(201);
  const paid = await funder.post(`/api/settlements/${settled.body.id}/settle`, { channelRef: channelRef() });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  drawn.subsidySettled = paid.body;

  // Two days on (sign in again: sessions expire with the clock): another policy; the funder's statement for
  // it stays open, the lead draws up its co-insurance statement with insurer2 and its bordereau.
  t.clock.advance(2 * 86_400_000);
  await signIn();
  secondDay = today();
  await coinsuredSubsidisedPolicy();
  const open = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
  expect(open.status, JSON.stringify(open.body)).toBe(201);
  drawn.subsidyOpen = open.body;
  const co = await insurer.post('/api/settlements', { kind: 'coinsurance', counterparty: insurer2Id });
  expect(co.status, JSON.stringify(co.body)).toBe(201);
  drawn.coinsurance = co.body;
  const balances = (await insurer.get('/api/ledger/balances')).body.items as {
    account: string;
    counterparty: string;
  }[];
  const reinsurer = balances.find((b) => b.account === 'reinsurance_payable')?.counterparty;
  expect(reinsurer).toBeDefined();
  const ri = await insurer.post('/api/settlements', { kind: 'reinsurance', counterparty: reinsurer });
  expect(ri.status, JSON.stringify(ri.body)).toBe(201);
  drawn.reinsurance = ri.body;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the regulator and the platform', () => {
  it('list every statement of every kind, newest first, with both parties named', async () => {
    const all = Object.values(drawn);
    for (const client of [regulator, platform]) {
      const page = await list(client);
      expect(page.total).toBe(all.length);
      expect(ids(page)).toEqual(idsOf(...all));
      expect(new Set(page.items.map((s) => s.kind))).toEqual(
        new Set(['subsidy', 'coinsurance', 'reinsurance']),
      );
      expect(page.items.at(-1)?.id).toBe(drawn.subsidySettled.id);
      const subsidy = page.items.find((s) => s.id === drawn.subsidyOpen.id);
      expect(subsidy).toMatchObject({
        status: 'open',
        drawer: { id: funderId },
        counterparty: { id: insurerId },
        asOf: secondDay,
      });
      expect(subsidy?.drawer.name).toContain('临港');
      // And open each one.
      for (const s of all) expect((await client.get(`/api/settlements/${s.id}`)).status).toBe(200);
    }
  });

  it('narrow by kind, status, drawer, counterparty and the asOf day', async () => {
    expect(ids(await list(regulator, 'kind=subsidy'))).toEqual(
      idsOf(drawn.subsidySettled, drawn.subsidyOpen),
    );
    expect(ids(await list(regulator, 'kind=subsidy&status=open'))).toEqual(idsOf(drawn.subsidyOpen));
    expect(ids(await list(regulator, 'kind=subsidy&status=settled'))).toEqual(idsOf(drawn.subsidySettled));
    expect(ids(await list(regulator, 'status=void'))).toEqual([]);
    expect(ids(await list(platform, `drawer=${funderId}`))).toEqual(
      idsOf(drawn.subsidySettled, drawn.subsidyOpen),
    );
    expect(ids(await list(platform, `drawer=${insurerId}`))).toEqual(
      idsOf(drawn.coinsurance, drawn.reinsurance),
    );
    expect(ids(await list(regulator, `counterparty=${insurerId}`))).toEqual(
      idsOf(drawn.subsidySettled, drawn.subsidyOpen),
    );
    expect(ids(await list(regulator, `counterparty=${insurer2Id}`))).toEqual(idsOf(drawn.coinsurance));
    expect(
      ids(await list(regulator, `counterparty=${encodeURIComponent(drawn.reinsurance.counterparty.id)}`)),
    ).toEqual(idsOf(drawn.reinsurance));
    expect(ids(await list(regulator, `kind=subsidy&to=${firstDay}`))).toEqual(idsOf(drawn.subsidySettled));
    expect(ids(await list(regulator, `from=${secondDay}`))).toEqual(
      idsOf(drawn.subsidyOpen, drawn.coinsurance, drawn.reinsurance),
    );
    expect(ids(await list(regulator, `from=${firstDay}&to=${secondDay}&drawer=${funderId}`))).toEqual(
      idsOf(drawn.subsidySettled, drawn.subsidyOpen),
    );
    // Pages: one at a time, the total over all.
    const first = await list(regulator, 'kind=subsidy&limit=1');
    const second = await list(regulator, 'kind=subsidy&limit=1&offset=1');
    expect(first.total).toBe(2);
    expect([...ids(first), ...ids(second)].sort()).toEqual(idsOf(drawn.subsidySettled, drawn.subsidyOpen));
  });

  it('refuse a bad filter with the field named', async () => {
    const backwards = await regulator.get(`/api/settlements?from=${secondDay}&to=${firstDay}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('request.invalid');
    expect(backwards.body.errors[0]).toMatchObject({ path: '/querystring/to', code: 'range' });
    for (const [query, path] of [
      ['drawer=not-a-uuid', '/querystring/drawer'],
      ['from=2026-13-01', '/querystring/from'],
      ['kind=premium', '/querystring/kind'],
    ]) {
      const r = await regulator.get(`/api/settlements?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe('everyone else', () => {
  it('lists only its own statements, whatever it filters by', async () => {
    // The funder: its subsidy statements; filtering by another drawer finds nothing of anyone else's.
    expect(ids(await list(funder))).toEqual(idsOf(drawn.subsidySettled, drawn.subsidyOpen));
    expect(ids(await list(funder, `drawer=${insurerId}`))).toEqual([]);
    expect(ids(await list(funder, `counterparty=${insurer2Id}`))).toEqual([]);
    // The lead: the subsidy statements it is the counterparty of and those it drew up.
    expect(ids(await list(insurer))).toEqual(idsOf(...Object.values(drawn)));
    expect(ids(await list(insurer, `kind=subsidy&drawer=${funderId}&status=open`))).toEqual(
      idsOf(drawn.subsidyOpen),
    );
    // insurer2: only the co-insurance statement it is the counterparty of — never the funder's with the lead
    // nor the lead's bordereau, even asked for by drawer or counterparty.
    expect(ids(await list(insurer2))).toEqual(idsOf(drawn.coinsurance));
    expect(ids(await list(insurer2, `drawer=${funderId}`))).toEqual([]);
    expect(ids(await list(insurer2, `counterparty=${insurerId}`))).toEqual([]);
    expect(ids(await list(insurer2, 'kind=subsidy'))).toEqual([]);
    expect((await insurer2.get(`/api/settlements/${drawn.subsidyOpen.id}`)).status).toBe(404);
    // Another funder and the policyholder: nothing.
    for (const client of [central, enterprise]) {
      expect((await list(client)).total).toBe(0);
      expect((await list(client, `drawer=${funderId}`)).total).toBe(0);
      expect((await client.get(`/api/settlements/${drawn.subsidySettled.id}`)).status).toBe(404);
    }
  });

  it('the ledger verifies', async () => {
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});
