import { usccCheckCharacter } from '@kebao/domain/org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

/*
 * A broker finds a new client in the registry (名录检索) by a name fragment or its USCC, sees only the entry's
 * identity before a mandate, records the client's mandate with its first quote and then reads its profile.
 */

let t: TestServer;
let broker: Client;
let insurer: Client;
let enterprise: Client;
let funder: Client;

const withCheck = (body: string) => body + usccCheckCharacter(body);
const uscc = withCheck('91310115MA1R9K7P2');
let clientId = '';

beforeAll(async () => {
  t = await startTestServer();
  [broker, insurer, enterprise, funder] = await Promise.all([
    t.as('broker@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('enterprise@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
  ]);
  // A firm that did not consent to be shown: it is in no broker's leads, only in the registry.
  const saved = await funder.post('/api/enterprises', {
    profile: {
      uscc,
      name: '检索示例智能传感有限公司',
      regionCode: '310115',
      industryCode: 'C3973',
      frontierTags: ['ai'],
      staff: 60,
      techStaff: 25,
      revenue: '9000000.00',
      totalAssets: '15000000.00',
      totalCost: '8000000.00',
      rdExpense: '1200000.00',
      ipClassI: 2,
      claimsLast3Years: 0,
      consentToInsurers: false,
    },
  });
  expect(saved.status, saved.text).toBe(200);
  clientId = saved.body.id;
});

afterAll(async () => {
  await t?.close();
});

describe('a broker searches the registry for a new client', () => {
  it('finds it by a name fragment and by its code, showing only name, code, region and industry', async () => {
    const byName = await broker.get(`/api/broker/registry?q=${encodeURIComponent('检索示例智能')}`);
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.total).toBe(1);
    expect(byName.body.items[0]).toEqual({
      id: clientId,
      name: '检索示例智能传感有限公司',
      uscc,
      regionCode: '310115',
      industryCode: 'C3973',
      mandate: null,
    });
    // The code, typed in lower case, finds the entry first.
    const byCode = await broker.get(`/api/broker/registry?q=${uscc.toLowerCase()}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.items[0]?.id).toBe(clientId);
    // A common fragment pages through many entries.
    const page = await broker.get(
      `/api/broker/registry?q=${encodeURIComponent('有限公司')}&limit=2&offset=1`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.total).toBeGreaterThan(2);
    for (const item of page.body.items)
      expect(Object.keys(item).sort()).toEqual([
        'id',
        'industryCode',
        'mandate',
        'name',
        'regionCode',
        'uscc',
      ]);
  });

  it('cannot read its profile, nor quote for it, before a mandate', async () => {
    expect((await broker.get(`/api/enterprises/${clientId}`)).status).toBe(404);
    const quote = await broker.post('/api/quotes', {
      productCode: 'KB-BR-SMEPACK',
      enterpriseId: clientId,
      request: { sumInsured: '1000000.00' },
    });
    expect(quote.status).toBe(422);
    expect(quote.body.code).toBe('quote.mandate_required');
  });

  it('records the mandate with its first quote, then reads its profile and finds the mandate', async () => {
    const quote = await broker.post(
      '/api/quotes',
      {
        productCode: 'KB-BR-SMEPACK',
        enterpriseId: clientId,
        mandate: { reference: 'WT-2026-0099', validUntil: '2099-12-31' },
        request: { sumInsured: '1000000.00' },
      },
      { headers: { 'idempotency-key': 'registry-client-quote' } },
    );
    expect(quote.status, quote.text).toBe(201);
    expect(quote.body.status).toBe('offered');
    expect(quote.body.enterprise).toEqual({ id: clientId, name: '检索示例智能传感有限公司' });
    expect(quote.body.viewer.isRequester).toBe(true);

    const found = await broker.get(`/api/broker/registry?q=${uscc}`);
    expect(found.body.items[0].mandate).toEqual({
      reference: 'WT-2026-0099',
      validUntil: '2099-12-31',
      valid: true,
    });
    const clients = (await broker.get('/api/broker/clients')).body as { enterpriseId: string }[];
    expect(clients.map((c) => c.enterpriseId)).toContain(clientId);
    // As the client's broker it reads the profile and the grade, not the credit records.
    const profile = await broker.get(`/api/enterprises/${clientId}`);
    expect(profile.status).toBe(200);
    expect(profile.body.uscc).toBe(uscc);
    expect(profile.body.credit.records).toBeNull();
    // Another organisation's view is unchanged: an insurer still cannot read the firm that did not consent.
    expect((await insurer.get(`/api/enterprises/${clientId}`)).status).toBe(404);
  });

  it('a lapsed mandate gives the profile back to the registry', async () => {
    const other = withCheck('91310115MA1R9K7Q3');
    const saved = await funder.post('/api/enterprises', {
      profile: {
        uscc: other,
        name: '检索示例过期委托有限公司',
        regionCode: '310115',
        consentToInsurers: false,
      },
    });
    expect(saved.status, saved.text).toBe(200);
    await t.db.pool.query(
      `INSERT INTO broker_mandate (broker_org_id, enterprise_id, reference, valid_until, recorded_at)
       SELECT o.id, $1, 'WT-2020-0001', '2020-12-31', now() FROM organisation o JOIN app_user u ON u.org_id = o.id
        WHERE u.email = 'broker@demo.kebao.cn'`,
      [saved.body.id],
    );
    const found = await broker.get(`/api/broker/registry?q=${other}`);
    expect(found.body.items[0].mandate).toEqual({
      reference: 'WT-2020-0001',
      validUntil: '2020-12-31',
      valid: false,
    });
    expect((await broker.get(`/api/enterprises/${saved.body.id}`)).status).toBe(404);
  });
});

describe('the registry search is the broker’s', () => {
  it('is refused to insurers and enterprises (403) and to anonymous callers (401)', async () => {
    const path = `/api/broker/registry?q=${encodeURIComponent('检索示例')}`;
    const byInsurer = await insurer.get(path);
    expect(byInsurer.status).toBe(403);
    expect(byInsurer.body.code).toBe('auth.forbidden');
    expect((await enterprise.get(path)).status).toBe(403);
    expect((await funder.get(path)).status).toBe(403);
    expect((await t.client().get(path)).status).toBe(401);
  });

  it('answers bad searches with problem+json naming the field', async () => {
    const short = await broker.get(`/api/broker/registry?q=${encodeURIComponent(' 检 ')}`);
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ path: '/querystring/q', code: 'registry.query_too_short' });
    expect(short.body.errors[0].message_zh).toBeTruthy();
    expect(short.body.errors[0].message_en).toBeTruthy();
    const missing = await broker.get('/api/broker/registry');
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('request.invalid');
    const tooMany = await broker.get(`/api/broker/registry?q=${encodeURIComponent('检索')}&limit=500`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('/querystring/limit');
    const wildcard = await broker.get(`/api/broker/registry?q=${encodeURIComponent('%%')}`);
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.total).toBe(0);
  });
});
