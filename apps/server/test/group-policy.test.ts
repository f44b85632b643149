import { usccCheckCharacter } from '@kebao/domain/org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { demoEnterpriseProfile } from '../src/modules/enterprise/demo-seed.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

let t: TestServer;
let enterprise: Client;
let funder: Client;
let insurer: Client;

const withCheck = (body: string) => body + usccCheckCharacter(body);
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

/** A small firm of the registry, in the demo enterprise's park unless told otherwise. */
const member = (body: string, name: string, park: string | undefined) => ({
  uscc: withCheck(body),
  name,
  regionCode: '310115',
  industryCode: 'I6513',
  frontierTags: ['ai'],
  staff: 40,
  techStaff: 20,
  revenue: '8000000.00',
  totalAssets: '12000000.00',
  totalCost: '7000000.00',
  rdExpense: '900000.00',
  ipClassI: 1,
  claimsLast3Years: 0,
  consentToInsurers: true,
  ...(park ? { park } : {}),
});

const ids: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  [enterprise, funder, insurer] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
  ]);
  const park = demoEnterpriseProfile.park;
  for (const [body, name, where] of [
    ['91310115MA1R1A2B3', '园区示例一号科技有限公司', park],
    ['91310115MA1R1A2C4', '园区示例二号科技有限公司', park],
    ['91310115MA1R1A2D5', '园外示例科技有限公司', '张江科学城'],
  ] as const) {
    const r = await funder.post('/api/enterprises', { profile: member(body, name, where) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.push(r.body.id);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('group purchase (集中投保)', () => {
  it('a park buys the SME package for two member firms: one master, two certificates, exact sums', async () => {
    const r = await enterprise.post(
      '/api/group-policies',
      {
        productCode: 'KB-BR-SMEPACK',
        members: [
          { enterpriseId: ids[0], request: { sumInsured: '1000000.00' } },
          { enterpriseId: ids[1], request: { sumInsured: '3000000.00' } },
        ],
      },
      { headers: { 'idempotency-key': 'group-1' } },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const master = r.body;
    expect(master.sumInsured).toBe('4000000.00');
    const certs = await enterprise.get(`/api/policies/${master.id}/certificates`);
    expect(certs.body.total).toBe(2);
    expect(certs.body.items.map((c: { number: string }) => c.number).sort()).toEqual([
      `${master.number}-C0001`,
      `${master.number}-C0002`,
    ]);
    const premiums = certs.body.items.map((c: { premium: string }) => fen(c.premium));
    expect(premiums.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(fen(master.premium));
    // The insurer sees the master and its journal; the certificate prints as a member certificate.
    const lead = (await insurer.get(`/api/policies/${master.id}`)).body;
    expect(lead.journal.length).toBeGreaterThan(0);
    const doc = await enterprise.get(`/api/policies/${certs.body.items[0].id}/schedule`);
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('团体保险成员凭证');
    expect(doc.text).toContain(master.number);
    // The master does not appear as a certificate, and certificates are not listed as policies.
    const listed = (await enterprise.get('/api/policies')).body.items.map((p: { id: string }) => p.id);
    expect(listed).toContain(master.id);
    expect(listed).not.toContain(certs.body.items[0].id);
  });

  it('refuses a firm outside the park, a duplicate, and a member the package does not fit — writing nothing', async () => {
    const before = await t.db.pool.query('SELECT count(*)::int AS n FROM policy');
    const outside = await enterprise.post('/api/group-policies', {
      productCode: 'KB-BR-SMEPACK',
      members: [
        { enterpriseId: ids[0], request: { sumInsured: '1000000.00' } },
        { enterpriseId: ids[2], request: { sumInsured: '1000000.00' } },
      ],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0]).toMatchObject({
      path: '/body/members/1/enterpriseId',
      code: 'group.member_outside_park',
    });
    const twice = await enterprise.post('/api/group-policies', {
      productCode: 'KB-BR-SMEPACK',
      members: [
        { enterpriseId: ids[0], request: { sumInsured: '1000000.00' } },
        { enterpriseId: ids[0], request: { sumInsured: '1000000.00' } },
      ],
    });
    expect(twice.body.errors[0].code).toBe('group.duplicate_member');
    const tooBig = await enterprise.post('/api/group-policies', {
      productCode: 'KB-BR-SMEPACK',
      members: [{ enterpriseId: ids[1], request: { sumInsured: '9000000.00' } }],
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.code).toBe('group.member_not_eligible');
    expect(tooBig.body.message_zh).toContain('园区示例二号科技有限公司');
    const after = await t.db.pool.query('SELECT count(*)::int AS n FROM policy');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('a member leaves and the group is cancelled: refunds add up per certificate and verify stays clean', async () => {
    const bought = await enterprise.post(
      '/api/group-policies',
      {
        productCode: 'KB-BR-SMEPACK',
        members: [
          { enterpriseId: ids[0], request: { sumInsured: '1000000.01' } },
          { enterpriseId: ids[1], request: { sumInsured: '2999999.99' } },
        ],
      },
      { headers: { 'idempotency-key': 'group-2' } },
    );
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    const master = bought.body;
    const certs = (await enterprise.get(`/api/policies/${master.id}/certificates`)).body.items.sort(
      (a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number),
    );
    const day = (n: number) =>
      new Date(Date.parse(`${master.startDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const exit = await enterprise.post(`/api/policies/${certs[0].id}/cancel`, {
      cancelDate: day(30),
      reason: '迁出园区',
    });
    expect(exit.status, JSON.stringify(exit.body)).toBe(200);
    const afterExit = (await insurer.get(`/api/policies/${master.id}`)).body;
    expect(fen(afterExit.sumInsured)).toBe(fen('2999999.99'));
    const cancel = await enterprise.post(`/api/policies/${master.id}/cancel`, {
      cancelDate: day(60),
      reason: '退保',
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const final = (await insurer.get(`/api/policies/${master.id}`)).body;
    const finalCerts = await Promise.all(
      certs.map(async (c: { id: string }) => (await insurer.get(`/api/policies/${c.id}`)).body),
    );
    expect(finalCerts.map((c: { status: string }) => c.status)).toEqual(['cancelled', 'cancelled']);
    const written = finalCerts.reduce(
      (s: bigint, c: { writtenPremium: string }) => s + fen(c.writtenPremium),
      0n,
    );
    expect(fen(final.writtenPremium)).toBe(written);
    const refunds = final.endorsements.reduce(
      (s: bigint, e: { premiumDelta: string }) => s + fen(e.premiumDelta),
      0n,
    );
    expect(fen(master.premium) + refunds).toBe(written);
    const report = await verifyLedger(t.db.pool);
    expect(report.problems).toEqual([]);
  });
});
