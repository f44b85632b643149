import { createLogger, createTxRunner } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';
import { SubsidyLapseJob } from '../src/modules/subsidy/lapse-job.ts';

/*
 * The review of subsidy applications in stages (区级初审 then 市级复审), with a reviewer per stage and region,
 * requests for more materials due on the holiday calendar, and fraud findings: everything taken back and
 * the enterprise barred. The clock stands on Monday 2026-12-28 (Shanghai), so a ten-working-day deadline
 * runs across the New Year holiday of the next year's calendar, loaded here as the notice would be.
 */

const quiet = createLogger({ level: 'silent' });
const PDF = Buffer.from('%PDF-1.4\n% demo material\n');
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const shanghaiToday = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const threeYearsOn = (day: string) => `${Number(day.slice(0, 4)) + 3}${day.slice(4)}`;

let t: TestServer;
let enterprise: Client;
let funder: Client;
let central: Client;
let platform: Client;
let insurer: Client;
let centralId: string;
let funderId: string;

const STAGES = [
  { key: 'district', level: 'district', names: { zh: '区级初审', en: 'District review' } },
  { key: 'city', level: 'city', names: { zh: '市级复审', en: 'City review' } },
];

const PROGRAMME = {
  code: 'lingang-review-pilot',
  version: 1,
  names: { zh: '临港两级审核试点补贴（示例）', en: 'Lingang two-stage review pilot (demo)' },
  funder: { names: { zh: '临港新片区', en: 'Lingang' }, level: 'district' },
  budget: '1000000.00',
  eligibility: { products: ['KB-BR-CYBER'] },
  conditions: [],
  share: { rate: '0.1' },
  caps: { perPolicy: '4000.00' },
  window: { from: '2025-01-01' },
  mode: 'apply',
  checklist: [
    { key: 'sealed_policy', names: { zh: '加盖公章的保单', en: 'Sealed policy' } },
    { key: 'payment_voucher', names: { zh: '保费支付凭证', en: 'Payment voucher' } },
  ],
  review: { stages: STAGES },
  payee: 'enterprise',
  clawback: { onCancellation: 'pro_rata', barYears: 3 },
  priority: 10,
};

async function signIn() {
  [enterprise, funder, central, platform, insurer] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('central@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
  ]);
}

async function boundCyber() {
  const q = await enterprise.post('/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00' },
  });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const b = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  return b.body as { id: string; premium: string; subsidy: string };
}

async function grantOf(policyId: string, code: string) {
  const r = await funder.get(`/api/subsidy/grants?policyId=${policyId}`);
  expect(r.status).toBe(200);
  return (r.body.items as { id: string; programme: { code: string }; status: string; amount: string }[]).find(
    (g) => g.programme.code === code,
  );
}

async function upload(id: string, key: string) {
  const up = await enterprise.put(`/api/subsidy/grants/${id}/materials/${key}`, undefined, {
    raw: PDF,
    headers: { 'content-type': 'application/pdf', 'x-filename': `${key}.pdf` },
  });
  expect(up.status, JSON.stringify(up.body)).toBe(200);
}

/** An equipment policy bound by the demo enterprise, and its central first-of-a-kind grant as the ministry sees it. */
async function boundEquipmentGrant() {
  const q = await enterprise.post('/api/quotes', {
    productCode: 'KB-AP-EQUIP',
    request: { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } },
  });
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const bound = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(bound.status, JSON.stringify(bound.body)).toBe(201);
  return (await central.get(`/api/subsidy/grants?policyId=${bound.body.id}`)).body.items.find(
    (g: { programme: { code: string } }) => g.programme.code === 'central-first-set-2024',
  );
}

/** A bound policy's application under the pilot, with its materials, submitted. */
async function submittedApplication() {
  const policy = await boundCyber();
  const grant = await grantOf(policy.id, PROGRAMME.code);
  expect(grant).toMatchObject({ status: 'applied', amount: '4000.00' });
  const id = grant?.id as string;
  await upload(id, 'sealed_policy');
  await upload(id, 'payment_voucher');
  const submitted = await enterprise.post(`/api/subsidy/grants/${id}/submit`, {});
  expect(submitted.body.status).toBe('submitted');
  return { policy, id };
}

beforeAll(async () => {
  t = await startTestServer();
  t.clock.advance(Date.parse('2026-12-28T10:00:00+08:00') - t.clock.now().getTime());
  await signIn();
  funderId = (await funder.get('/api/me')).body.organisation.id;
  centralId = (await central.get('/api/me')).body.organisation.id;
  const published = await funder.put(`/api/subsidy/programmes/${PROGRAMME.code}`, PROGRAMME);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  // Next year's holiday notice, as published: New Year off from 1 to 7 January 2027 (test figures).
  const days = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `2027-01-${d}`,
    kind: 'holiday',
    names: { zh: '元旦', en: "New Year's Day" },
  }));
  const calendar = await platform.put('/api/calendar/2027', {
    year: 2027,
    source: '测试用节假日安排（非真实通知）',
    days,
  });
  expect(calendar.status, JSON.stringify(calendar.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('reviewers by stage and region', () => {
  it('the platform assigns a government body to a stage for a region; anything else is refused', async () => {
    const bad = await platform.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
      stage: 'province',
      regionPrefix: '31',
      funderOrgId: centralId,
    });
    expect(bad.body.code).toBe('subsidy.stage_unknown');
    const insurerId = (await insurer.get('/api/me')).body.organisation.id;
    const notGov = await platform.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
      stage: 'district',
      regionPrefix: '31',
      funderOrgId: insurerId,
    });
    expect(notGov.body.code).toBe('subsidy.reviewer_not_funder');
    const byFunder = await funder.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
      stage: 'district',
      regionPrefix: '31',
      funderOrgId: centralId,
    });
    expect(byFunder.status).toBe(403);
    const badPrefix = await platform.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
      stage: 'district',
      regionPrefix: 'SH',
      funderOrgId: centralId,
    });
    expect(badPrefix.status).toBe(400);
    // A Wuhan reviewer, a Shanghai one, and a Pudong one (the enterprise is in Pudong, 310115).
    for (const [prefix, org] of [
      ['42', funderId],
      ['31', funderId],
      ['310115', centralId],
    ] as const) {
      const ok = await platform.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
        stage: 'district',
        regionPrefix: prefix,
        funderOrgId: org,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
    const view = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`)).body;
    expect(view.stages.map((s: { key: string }) => s.key)).toEqual(['district', 'city']);
    expect(view.reviewers.map((r: { regionPrefix: string }) => r.regionPrefix)).toEqual([
      '31',
      '310115',
      '42',
    ]);
    const removed = await platform.put(`/api/subsidy/programmes/${PROGRAMME.code}/reviewers`, {
      stage: 'district',
      regionPrefix: '42',
      funderOrgId: null,
    });
    expect(removed.body.reviewers).toHaveLength(2);
    const audit = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'subsidy.reviewer' AND entity_id = $1",
      [PROGRAMME.code],
    );
    expect(audit.rows[0].n).toBe(4);
  });
});

describe('two-stage review', () => {
  it('the district reviewer (longest region prefix) decides first, asks for more, and the city grants it', async () => {
    const { id } = await submittedApplication();
    const waiting = (await enterprise.get(`/api/subsidy/grants/${id}`)).body;
    expect(waiting.review).toMatchObject({ stage: 0, key: 'district', of: 2, reviewer: { id: centralId } });

    // The operator waits for the district: it may not decide now, and is told who does.
    const early = await funder.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'approve',
      note: '同意',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('subsidy.not_your_stage');
    expect(early.body.message_zh ?? early.body.detail).toContain('区级初审');
    const mineCentral = (await central.get('/api/subsidy/grants?toReview=true')).body.items.map(
      (g: { id: string }) => g.id,
    );
    expect(mineCentral).toContain(id);
    const mineFunder = (await funder.get('/api/subsidy/grants?toReview=true')).body.items.map(
      (g: { id: string }) => g.id,
    );
    expect(mineFunder).not.toContain(id);

    // A request names listed materials only, and says what is missing.
    const unlisted = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'request_more',
      note: '请补充',
      requested: ['bank_statement'],
    });
    expect(unlisted.body.code).toBe('subsidy.material_not_listed');
    const returned = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'request_more',
      note: '支付凭证不清晰，请重新上传',
      requested: ['payment_voucher'],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.status).toBe('returned');
    // Ten working days from Monday 28 December, the New Year week of 2027 off: 18 January (11th without it).
    expect(returned.body.supplementBy).toBe('2027-01-18');

    // Resubmitting without uploading what was asked is refused, naming it.
    const stale = await enterprise.post(`/api/subsidy/grants/${id}/submit`, {});
    expect(stale.body.code).toBe('subsidy.supplement_missing');
    expect(stale.body.message_zh ?? stale.body.detail).toContain('保费支付凭证');
    t.clock.advance(60_000);
    await upload(id, 'payment_voucher');
    const again = await enterprise.post(`/api/subsidy/grants/${id}/submit`, {});
    expect(again.body).toMatchObject({
      status: 'submitted',
      supplementBy: null,
      review: { key: 'district' },
    });

    const district = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'approve',
      note: '初审通过',
    });
    expect(district.body).toMatchObject({
      status: 'submitted',
      review: { stage: 1, key: 'city', reviewer: { id: funderId } },
    });
    const twice = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'approve',
      note: '再次',
    });
    expect(twice.body.code).toBe('subsidy.not_your_stage');
    const city = await funder.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'approve',
      note: '复审通过',
    });
    expect(city.body.status).toBe('approved');
    expect(
      city.body.reviews.map((r: { decision: string; stageKey: string; by: { id: string } }) => [
        r.stageKey,
        r.decision,
        r.by.id === centralId ? 'central' : r.by.id === funderId ? 'funder' : 'enterprise',
      ]),
    ).toEqual([
      ['district', 'request_more', 'central'],
      ['district', 'resubmit', 'enterprise'],
      ['district', 'approve', 'central'],
      ['city', 'approve', 'funder'],
    ]);
    // The enterprise sees the whole trail; an insurer of another policy does not see the grant at all.
    expect((await enterprise.get(`/api/subsidy/grants/${id}`)).body.reviews).toHaveLength(4);
    expect((await (await t.as('insurer2@demo.kebao.cn')).get(`/api/subsidy/grants/${id}`)).status).toBe(404);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });

  it('a rejection at the district ends it and gives the money back to the budget', async () => {
    const before = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body.committed;
    const { id } = await submittedApplication();
    const rejected = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'reject',
      note: '不符合条件',
    });
    expect(rejected.body.status).toBe('rejected');
    const after = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body.committed;
    expect(after).toBe(before);
  });

  it('an application not supplemented in time lapses, and its money returns', async () => {
    const before = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body.committed;
    const { id } = await submittedApplication();
    const returned = await central.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'request_more',
      note: '请补充加盖公章的保单',
      requested: ['sealed_policy'],
    });
    const due = returned.body.supplementBy as string;
    const job = new SubsidyLapseJob(createTxRunner({ pool: t.db.pool, clock: t.clock.now }), quiet);
    await job.runOnce();
    expect((await enterprise.get(`/api/subsidy/grants/${id}`)).body.status).toBe('returned');
    t.clock.advance(Date.parse(`${due}T23:59:00+08:00`) - t.clock.now().getTime() + 2 * 3_600_000);
    await job.runOnce();
    await signIn();
    const lapsed = (await enterprise.get(`/api/subsidy/grants/${id}`)).body;
    expect(lapsed.status).toBe('lapsed');
    expect(lapsed.decisionNote).toContain(due);
    expect((await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body.committed).toBe(before);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});

describe('approved quotas run out of time', () => {
  it('a quota serves policies starting within its three years, none after', async () => {
    const enterpriseId = (await enterprise.get('/api/enterprise/me')).body.id as string;
    const approved = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', {
      enterpriseId,
      item: '晶圆键合设备',
      productValue: '12000000.00',
      approvalRef: '工信厅装函〔2026〕17号',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body.validUntil).toBe(threeYearsOn(shanghaiToday()));
    // Approved three years ago: the policy starts after it ran out.
    await t.db.pool.query('UPDATE subsidy_quota SET valid_until = $2::date WHERE id = $1', [
      approved.body.id,
      shanghaiToday(),
    ]);
    expect(await boundEquipmentGrant()).toBeUndefined();
    await t.db.pool.query('UPDATE subsidy_quota SET valid_until = $2::date WHERE id = $1', [
      approved.body.id,
      threeYearsOn(shanghaiToday()),
    ]);
    const grant = await boundEquipmentGrant();
    expect(grant?.status).toBe('applied');
    const revoked = await central.post(`/api/subsidy/quotas/${approved.body.id}/revoke`, {
      reason: '测试结束',
    });
    expect(revoked.body.status).toBe('revoked');
  });
});

describe('fraud (骗取补贴)', () => {
  it('a paid grant is taken back in full, the enterprise barred from the programme for three years', async () => {
    const { id } = await submittedApplication();
    await central.post(`/api/subsidy/grants/${id}/review`, { decision: 'approve', note: '初审通过' });
    await funder.post(`/api/subsidy/grants/${id}/review`, { decision: 'approve', note: '复审通过' });
    const paid = await funder.post(`/api/subsidy/grants/${id}/pay`, { channelRef: `GOV${Date.now()}` });
    expect(paid.body.paid).toBe('4000.00');
    const before = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body;

    // Only the operating funder finds fraud; the district reviewer and the enterprise cannot.
    expect((await central.post(`/api/subsidy/grants/${id}/fraud`, { note: '虚假凭证' })).status).toBe(404);
    expect((await enterprise.post(`/api/subsidy/grants/${id}/fraud`, { note: 'x' })).status).toBe(403);
    expect((await funder.post(`/api/subsidy/grants/${id}/fraud`, { note: '  ' })).status).toBe(400);
    const found = await funder.post(`/api/subsidy/grants/${id}/fraud`, { note: '支付凭证系伪造' });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toMatchObject({ status: 'revoked', clawedBack: '4000.00', paid: '4000.00' });
    expect(found.body.reviews.at(-1)).toMatchObject({ decision: 'fraud', note: '支付凭证系伪造' });
    expect((await funder.post(`/api/subsidy/grants/${id}/fraud`, { note: '再次' })).body.code).toBe(
      'subsidy.not_pending',
    );
    const after = (await funder.get(`/api/subsidy/programmes/${PROGRAMME.code}`)).body;
    expect(fen(before.committed) - fen(after.committed)).toBe(400000n);
    expect(after.paid).toBe(before.paid);
    // The funder's books: a receivable from the enterprise for all that was paid.
    const receivable = await t.db.pool.query(
      `SELECT sum(amount)::text AS s FROM journal_line
        WHERE account = 'clawback_receivable' AND org_id = $1 AND policy_id = (SELECT policy_id FROM subsidy_grant WHERE id = $2)`,
      [funderId, id],
    );
    expect(receivable.rows[0].s).toBe('400000');
    const bar = await t.db.pool.query(
      "SELECT to_char(found_on, 'YYYY-MM-DD') AS f, to_char(until, 'YYYY-MM-DD') AS u FROM subsidy_bar WHERE grant_id = $1",
      [id],
    );
    expect(bar.rows).toEqual([{ f: shanghaiToday(), u: threeYearsOn(shanghaiToday()) }]);
    const audit = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'subsidy.fraud' AND entity_id = $1",
      [id],
    );
    expect(audit.rows[0].n).toBe(1);

    // Barred: the next policy gets no grant from the programme, and the bind is told why.
    const next = await boundCyber();
    expect(await grantOf(next.id, PROGRAMME.code)).toBeUndefined();
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });

  it('an unpaid grant that reduced the bill is cancelled: the policyholder owes that part of the premium', async () => {
    const policy = await boundCyber();
    const tiered = await grantOf(policy.id, 'shanghai-2025-tiered');
    expect(tiered?.status).toBe('reserved');
    expect(fen(policy.subsidy)).toBeGreaterThan(0n);
    const found = await funder.post(`/api/subsidy/grants/${tiered?.id}/fraud`, { note: '企业资质材料造假' });
    expect(found.body).toMatchObject({ status: 'revoked', clawedBack: tiered?.amount });
    const after = (await enterprise.get(`/api/policies/${policy.id}`)).body;
    expect(after.subsidy).toBe('0.00');
    expect(after.netPayable).toBe(policy.premium);
    const bar = await t.db.pool.query(
      "SELECT to_char(until, 'YYYY-MM-DD') AS u FROM subsidy_bar WHERE programme_code = 'shanghai-2025-tiered'",
    );
    expect(bar.rows).toEqual([{ u: threeYearsOn(shanghaiToday()) }]);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });

  it('fraud on a quota application bars the enterprise: no new quota is approved for it meanwhile', async () => {
    const enterpriseId = (await enterprise.get('/api/enterprise/me')).body.id as string;
    const quota = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', {
      enterpriseId,
      item: '12 英寸晶圆缺陷检测设备',
      productValue: '12000000.00',
      approvalRef: '工信厅装函〔2026〕18号',
    });
    expect(quota.status, JSON.stringify(quota.body)).toBe(201);
    const mine = await boundEquipmentGrant();
    // Not the Lingang bureau's to see.
    expect((await funder.get(`/api/subsidy/grants/${mine.id}`)).status).toBe(404);
    expect(mine.status).toBe('applied');
    const usedOf = async () =>
      (
        await central.get(`/api/subsidy/quotas?programme=central-first-set-2024&enterpriseId=${enterpriseId}`)
      ).body.items.find((x: { id: string }) => x.id === quota.body.id).used as string;
    const used = await usedOf();
    expect(fen(used)).toBeGreaterThan(0n);
    const found = await central.post(`/api/subsidy/grants/${mine.id}/fraud`, {
      note: '最终用户验收证明系伪造',
    });
    expect(found.body.status).toBe('revoked');
    // The quota gets its part back; a new quota is refused until the bar ends.
    expect(await usedOf()).toBe('0.00');
    const refused = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', {
      enterpriseId,
      item: '车规级 MCU 测试机',
      productValue: '5000000.00',
      approvalRef: '工信厅装函〔2026〕19号',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('subsidy.enterprise_barred');
    expect(refused.body.message_zh).toContain(threeYearsOn(shanghaiToday()));
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});
