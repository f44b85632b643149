import { usccCheckCharacter } from '@kebao/domain/org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { demoEnterpriseProfile } from '../src/modules/enterprise/demo-seed.ts';

let t: TestServer;
let enterprise: Client;
let funder: Client;
let insurer: Client;
let regulator: Client;
let platform: Client;

const withCheck = (body: string) => body + usccCheckCharacter(body);

/** A fictitious AI firm that did not consent to be shown to insurers. */
const quiet = {
  uscc: withCheck('91310115MA1Q9T7Y2'),
  name: '张江示例智能算法有限公司',
  regionCode: '310115',
  industryCode: 'I6513',
  frontierTags: ['ai'],
  staff: 80,
  techStaff: 30,
  revenue: '20000000.00',
  totalAssets: '30000000.00',
  totalCost: '18000000.00',
  rdExpense: '1500000.00',
  ipClassI: 1,
  consentToInsurers: false,
};

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = await startTestServer();
  [enterprise, funder, insurer, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
});
afterAll(() => t.close());

describe('the demo registry', () => {
  it('holds the demo enterprise, linked to its login, evaluated by the three models', async () => {
    const me = await enterprise.get('/api/enterprise/me');
    expect(me.status).toBe(200);
    expect(me.body.uscc).toBe(demoEnterpriseProfile.uscc);
    expect(me.body.linked).toBe(true);
    expect(me.body.version).toBe(1);
    const kinds = me.body.evaluations.map((e: { kind: string }) => e.kind).sort();
    expect(kinds).toEqual(['high_tech', 'points', 'tech_sme']);
    const sme = me.body.evaluations.find((e: { kind: string }) => e.kind === 'tech_sme');
    expect(sme.indicators.length).toBeGreaterThanOrEqual(3);
    expect(me.body.credit.grade).toBe('A');
    expect(me.body.credit.explanation.zh).toMatch(/无计入的不良记录/);
    expect(me.body.viewer.isSelf).toBe(true);
  });

  it('lists the generated enterprises for government users, filtered and paged', async () => {
    const all = await funder.get('/api/enterprises?limit=5');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(21);
    expect(all.body.items).toHaveLength(5);
    const found = await funder.get(`/api/enterprises?q=${encodeURIComponent('临港示例芯片')}`);
    expect(found.body.items.map((e: { uscc: string }) => e.uscc)).toEqual([demoEnterpriseProfile.uscc]);
    const regional = await regulator.get('/api/enterprises?region=310115&limit=200');
    expect(regional.body.items.every((e: { regionCode: string }) => e.regionCode === '310115')).toBe(true);
  });
});

describe('profiles', () => {
  it('rejects a one-character change of a real USCC with a clear message and a field path', async () => {
    const answer = await funder.post('/api/enterprises', {
      profile: { ...quiet, uscc: '91310000MA1FL7K208' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('enterprise.invalid_profile');
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/profile/uscc', code: 'profile.uscc_check' }),
    );
    const lower = await funder.post('/api/enterprises', {
      profile: { ...quiet, uscc: quiet.uscc.toLowerCase() },
    });
    expect(lower.status).toBe(422);
    expect(lower.body.errors[0].message_zh).toMatch(/字母须大写/);
  });

  it('versions every change and leaves an identical save unchanged', async () => {
    const created = await funder.post('/api/enterprises', { profile: quiet });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ action: 'created', version: 1 });
    const again = await funder.post('/api/enterprises', { profile: quiet });
    expect(again.body).toMatchObject({ action: 'unchanged', version: 1, id: created.body.id });
    const changed = await funder.post('/api/enterprises', { profile: { ...quiet, staff: 81 } });
    expect(changed.body).toMatchObject({ action: 'updated', version: 2, id: created.body.id });
    const detail = await funder.get(`/api/enterprises/${created.body.id}`);
    expect(detail.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const past = await funder.get(`/api/enterprises/${created.body.id}/versions/1`);
    expect(past.body.profile.staff).toBe(80);
    expect(past.body.evaluations).toHaveLength(3);
    expect((await funder.get(`/api/enterprises/${created.body.id}/versions/9`)).status).toBe(404);
  });

  it('lets an enterprise save its own profile, and only with its own code', async () => {
    const profile = { ...demoEnterpriseProfile, staff: 190 };
    const saved = await enterprise.put('/api/enterprise/me/profile', { profile });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ action: 'updated', version: 2 });
    const other = await enterprise.put<{ code: string; errors: { path: string }[] }>(
      '/api/enterprise/me/profile',
      {
        profile: quiet,
      },
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('enterprise.uscc_mismatch');
    expect(other.body.errors[0]?.path).toBe('/body/profile/uscc');
  });

  it('answers bad input with problem+json, never a 500', async () => {
    const answer = await funder.post('/api/enterprises', {
      profile: { ...quiet, staff: -1, revenue: '1e5', foundedOn: '2024-02-30' },
    });
    expect(answer.status).toBe(422);
    const paths = answer.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/profile/staff', '/body/profile/revenue']));
    expect((await funder.post('/api/enterprises', { profile: 'x' })).status).toBe(422);
    expect((await funder.post('/api/enterprises', {})).status).toBe(400);
  });
});

describe('who sees which enterprise', () => {
  it('shows an enterprise only its own profile', async () => {
    const quietId = (await funder.get(`/api/enterprises?q=${quiet.uscc}`)).body.items[0].id;
    expect((await enterprise.get(`/api/enterprises/${quietId}`)).status).toBe(404);
    expect((await enterprise.get('/api/enterprises')).status).toBe(403);
  });

  it('shows insurers consenting enterprises only, with the grade but not the credit records', async () => {
    const quietId = (await funder.get(`/api/enterprises?q=${quiet.uscc}`)).body.items[0].id;
    expect((await insurer.get(`/api/enterprises/${quietId}`)).status).toBe(404);
    const demoId = (await enterprise.get('/api/enterprise/me')).body.id;
    const seen = await insurer.get(`/api/enterprises/${demoId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.credit.records).toBeNull();
    expect((await insurer.get('/api/enterprises')).status).toBe(403);
  });
});

describe('credit records', () => {
  it('grades from records with evidence, explains the change, and revokes without deleting', async () => {
    const id = (await enterprise.get('/api/enterprise/me')).body.id;
    const missingEvidence = await funder.post(`/api/enterprises/${id}/credit-records`, {
      kind: 'late_payment',
      severity: 'minor',
      occurredOn: '2026-03-01',
      description: '保费逾期 45 天',
      evidence: [],
    });
    expect(missingEvidence.status).toBe(400);
    const recorded = await funder.post(`/api/enterprises/${id}/credit-records`, {
      kind: 'loan_default',
      severity: 'major',
      occurredOn: '2026-06-01',
      description: '科技履约贷逾期 120 天未还',
      evidence: [{ title: '逾期催收通知书', reference: '沪银催〔2026〕118 号' }],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.credit.grade).toBe('C');
    expect(recorded.body.credit.explanation.zh).toMatch(/至多为 C/);
    const record = recorded.body.credit.records[0];
    expect(record.status).toBe('in_effect');
    const own = await enterprise.get('/api/enterprise/me');
    expect(own.body.credit.records).toHaveLength(1);

    const insurerTry = await insurer.post(`/api/enterprises/${id}/credit-records`, {
      kind: 'dishonesty',
      severity: 'severe',
      occurredOn: '2026-06-01',
      description: '冒充',
      evidence: [{ title: 'x', reference: 'y' }],
    });
    expect(insurerTry.status).toBe(403);

    const early = await funder.post(`/api/credit-records/${record.id}/revoke`, {
      revokedOn: '2026-05-01',
      reason: '错录',
    });
    expect(early.status).toBe(422);
    const revoked = await funder.post(`/api/credit-records/${record.id}/revoke`, {
      revokedOn: '2026-07-01',
      reason: '信用修复完成',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.credit.grade).toBe('A');
    expect(revoked.body.credit.records[0].status).toBe('revoked');
    expect(
      (
        await funder.post(`/api/credit-records/${record.id}/revoke`, {
          revokedOn: '2026-07-02',
          reason: 'again',
        })
      ).status,
    ).toBe(409);

    const audit = await platform.get(`/api/audit?entityId=${id}&limit=50`);
    const actions = audit.body.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['credit.record', 'credit.revoke']));
  });
});

describe('two-way matching', () => {
  it("recommends the enterprise's eligible products, ranked, with reasons and an indicative premium", async () => {
    const page = await until(
      () => enterprise.get('/api/enterprise/me/recommendations?limit=50'),
      (answer) => answer.body.total > 0,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThan(0);
    const scores = page.body.items.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const first = page.body.items[0];
    expect(first.reasons.length).toBeGreaterThan(0);
    expect(first.names.zh).toBeTruthy();
    expect(
      page.body.items.some((m: { estimatedPremium: string | null }) => m.estimatedPremium !== null),
    ).toBe(true);
  });

  it('gives the insurer leads of its own products among consenting enterprises only', async () => {
    const leads = await until(
      () => insurer.get('/api/leads?limit=200'),
      (answer) => answer.body.total > 0,
    );
    expect(leads.status).toBe(200);
    const ids = new Set(leads.body.items.map((l: { enterprise: { id: string } }) => l.enterprise.id));
    const consenting = await funder.get('/api/enterprises?consented=true&limit=200');
    const allowed = new Set(consenting.body.items.map((e: { id: string }) => e.id));
    for (const id of ids) expect(allowed.has(id)).toBe(true);
    const quietId = (await funder.get(`/api/enterprises?q=${quiet.uscc}`)).body.items[0].id;
    expect(ids.has(quietId)).toBe(false);
    expect((await enterprise.get('/api/leads')).status).toBe(403);
  });

  it("shows a competitor insurer none of the demo insurer's leads", async () => {
    const org = await platform.post('/api/orgs', {
      kind: 'insurer',
      nameZh: '另一家示例财产保险股份有限公司',
      nameEn: 'Another Demo P&C Insurance Co., Ltd.',
    });
    expect(org.status).toBe(201);
    const user = await platform.post(`/api/orgs/${org.body.id}/users`, {
      email: 'rival@demo.kebao.cn',
      displayName: '竞争对手',
      roles: ['insurer_admin'],
      password: 'rival-password-2026',
    });
    expect(user.status).toBe(201);
    const rival = t.client();
    expect((await rival.login('rival@demo.kebao.cn', 'rival-password-2026')).status).toBe(200);
    const leads = await rival.get('/api/leads?limit=200');
    expect(leads.status).toBe(200);
    expect(leads.body.total).toBe(0);
  });

  it('recomputes an enterprise when its consent changes', async () => {
    const quietId = (await funder.get(`/api/enterprises?q=${quiet.uscc}`)).body.items[0].id;
    await funder.post('/api/enterprises', { profile: { ...quiet, staff: 81, consentToInsurers: true } });
    const leads = await until(
      () => insurer.get('/api/leads?limit=200'),
      (answer) => answer.body.items.some((l: { enterprise: { id: string } }) => l.enterprise.id === quietId),
    );
    expect(leads.body.items.some((l: { enterprise: { id: string } }) => l.enterprise.id === quietId)).toBe(
      true,
    );
  });
});
