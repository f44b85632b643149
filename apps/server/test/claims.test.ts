import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, bindPlacedCyberPolicy } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

/*
 * Claims over HTTP on a real database: a notice checked against the policy, the lead's desk (register,
 * reserve, approve within authority, pay, close, reopen), the payment split by the signed lines with the
 * followers owing the lead under 主代从收, reinsurance recoveries posted, parametric payouts paid once,
 * experts without conflicts, disputes, and who may see what.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let insurer3: Client;
let outsider: Client;
let claimsHandler: Client;
let regulator: Client;
let platform: Client;
let insurerId: string;
let insurer2Id: string;
let insurer3Id: string;

const fen = (yuan: string) => {
  const negative = yuan.startsWith('-');
  const [w = '0', f = ''] = yuan.replace('-', '').split('.');
  const v = BigInt(w) * 100n + BigInt(f.padEnd(2, '0'));
  return negative ? -v : v;
};

const today = () => beijingToday(t);

/** A cyber policy starting today: the lead writes 50 %, insurer2 30 %, insurer3 20 %, 主代从收. */
function threeInsurerPolicy(extra: Record<string, unknown> = {}) {
  return bindPlacedCyberPolicy(
    enterprise,
    { limit: '10000000.00', startDate: today(), retroactiveDate: '2025-01-01', ...extra },
    [insurer, '50'],
    [
      [insurer2, insurer2Id, '30'],
      [insurer3, insurer3Id, '20'],
    ],
  ) as Promise<{ id: string; number: string }>;
}

async function sumOf(account: string, orgId: string, policyId: string, counterparty?: string) {
  const r = await t.db.pool.query<{ s: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS s FROM journal_line
      WHERE account = $1 AND org_id = $2 AND policy_id = $3 AND ($4::text IS NULL OR counterparty = $4)`,
    [account, orgId, policyId, counterparty ?? null],
  );
  return BigInt(r.rows[0]?.s ?? '0');
}

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  [enterprise, insurer, insurer2, regulator, platform, claimsHandler] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
    t.as('claims@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
  const orgs = await platform.get('/api/orgs?kind=insurer&limit=50');
  const others = orgs.body.items.filter((o: { id: string }) => o.id !== insurerId && o.id !== insurer2Id);
  insurer3Id = others[0].id;
  const outsiderOrg = others[1].id;
  for (const [orgId, email] of [
    [insurer3Id, 'third@claims.test'],
    [outsiderOrg, 'outsider@claims.test'],
  ] as const) {
    const u = await platform.post(`/api/orgs/${orgId}/users`, {
      email,
      displayName: '测试用户',
      roles: ['insurer_admin'],
      password: 'claims-test-password-1',
    });
    expect(u.status, JSON.stringify(u.body)).toBe(201);
  }
  insurer3 = await t.as('third@claims.test', 'claims-test-password-1');
  outsider = await t.as('outsider@claims.test', 'claims-test-password-1');
});

afterAll(async () => {
  await t?.close();
});

describe('a claim on a co-insured policy (3 insurers, 主代从收)', () => {
  it('is paid once to the enterprise, each follower owing the lead its exact share; the ledger verifies', async () => {
    const policy = await threeInsurerPolicy();
    const filed = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'direct_loss',
      lossDate: today(),
      description: '勒索软件攻击导致服务器损毁',
      claimed: '1234567.89',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const claim = filed.body;
    expect(claim.number).toMatch(/^CLM-\d{4}-\d{6}$/);
    expect(claim).toMatchObject({ status: 'notified', deductible: '50000.00', payable: '1184567.89' });
    expect(claim.tracking.missing.map((m: { kind: string }) => m.kind)).toContain('loss_notice');
    expect(claim.tracking.due).not.toBeNull();

    // A follower may read it but not handle it; an insurer not on the policy cannot even see it.
    expect((await insurer2.get(`/api/claims/${claim.id}`)).status).toBe(200);
    const notLead = await insurer2.post(`/api/claims/${claim.id}/register`, { reserve: '1000000.00' });
    expect(notLead.status).toBe(403);
    expect(notLead.body.code).toBe('claim.not_lead');
    expect((await outsider.get(`/api/claims/${claim.id}`)).status).toBe(404);
    expect((await outsider.get('/api/claims')).body.items).toHaveLength(0);

    const reg = await insurer.post(`/api/claims/${claim.id}/register`, { reserve: '1000000.00' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(200);
    expect(reg.body).toMatchObject({ status: 'assessing', reserve: '1000000.00' });
    const appr = await insurer.post(`/api/claims/${claim.id}/approve`, {
      amount: '1184567.89',
      note: '核定损失',
    });
    expect(appr.status, JSON.stringify(appr.body)).toBe(200);
    const paid = await insurer.post(
      `/api/claims/${claim.id}/pay`,
      {},
      { headers: { 'idempotency-key': `pay-${claim.id}` } },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paid: '1184567.89', reserve: '0.00' });
    // The same request again pays nothing more.
    const again = await insurer.post(
      `/api/claims/${claim.id}/pay`,
      {},
      { headers: { 'idempotency-key': `pay-${claim.id}` } },
    );
    expect(again.body.paid).toBe('1184567.89');

    const total = fen('1184567.89');
    const shares = paid.body.shares as { orgId: string; paid: string }[];
    expect(shares.map((s) => s.paid)).toEqual(['592283.94', '355370.37', '236913.58']);
    expect(shares.reduce((s, x) => s + fen(x.paid), 0n)).toBe(total);
    // Only the lead paid the enterprise: cash out of its books by the whole amount, not the followers'.
    const enterpriseId = claim.enterprise.id;
    expect(await sumOf('cash', insurerId, policy.id, enterpriseId)).toBe(-total);
    expect(await sumOf('cash', insurer2Id, policy.id, enterpriseId)).toBe(0n);
    expect(await sumOf('cash', insurer3Id, policy.id, enterpriseId)).toBe(0n);
    // Each follower owes the lead exactly its part.
    for (const [orgId, part] of [
      [insurer2Id, '355370.37'],
      [insurer3Id, '236913.58'],
    ] as const) {
      expect(await sumOf('coinsurance_claims_receivable', insurerId, policy.id, orgId)).toBe(fen(part));
      expect(await sumOf('coinsurance_claims_payable', orgId, policy.id, insurerId)).toBe(-fen(part));
    }
    // The lead's quota share (30 %) recovers on its part of the claim.
    const recoveries = paid.body.recoveries as { orgId: string; kind: string; amount: string }[];
    expect(recoveries.find((r) => r.orgId === insurerId && r.kind === 'quota_share')?.amount).toBe(
      '177685.18',
    );
    expect(await sumOf('recoveries_receivable', insurerId, policy.id)).toBe(
      recoveries.filter((r) => r.orgId === insurerId).reduce((s, r) => s + fen(r.amount), 0n),
    );

    const closed = await insurer.post(`/api/claims/${claim.id}/close`, { note: '赔付完毕' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((s: { action: string }) => s.action)).toEqual([
      'notify',
      'register',
      'approve',
      'pay',
      'close',
    ]);
    const report = await verifyLedger(t.db.pool);
    expect(report.problems).toEqual([]);
    // A reserve changed behind the journal's back is caught.
    await t.db.pool.query('UPDATE claim SET reserve = 100 WHERE id = $1', [claim.id]);
    const tampered = await verifyLedger(t.db.pool);
    expect(tampered.problems.map((p) => [p.code, p.subject])).toEqual([['claim.reserve', policy.number]]);
    await t.db.pool.query('UPDATE claim SET reserve = 0 WHERE id = $1', [claim.id]);
  });

  it('an approval above the handler’s authority is refused with who must approve; within it, it passes', async () => {
    const policy = await threeInsurerPolicy();
    const filed = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'direct_loss',
      lossDate: today(),
      description: '服务器遭入侵，业务系统损毁',
      claimed: '800000.00',
    });
    const id = filed.body.id;
    expect((await claimsHandler.post(`/api/claims/${id}/register`, { reserve: '700000.00' })).status).toBe(
      200,
    );
    const over = await claimsHandler.post(`/api/claims/${id}/approve`, { amount: '700000.00' });
    expect(over.status).toBe(403);
    expect(over.body.code).toBe('claim.over_authority');
    expect(over.body.message_zh).toContain('理赔经理');
    const within = await claimsHandler.post(`/api/claims/${id}/approve`, { amount: '500000.00' });
    expect(within.status, JSON.stringify(within.body)).toBe(200);
    // Above the limit left on the section: refused with the field named.
    const tooMuch = await insurer.post(`/api/claims/${id}/reserve`, { reserve: '9000000.00' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].path).toBe('/body/reserve');
  });
});

describe('the coverage check at notice', () => {
  it('a loss outside the period is declined with the clause cited; one before the retroactive date too', async () => {
    const policy = await threeInsurerPolicy();
    const late = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'direct_loss',
      lossDate: '2025-06-01',
      description: '起保前发生的攻击',
      claimed: '100000.00',
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.status).toBe('declined');
    expect(late.body.decline).toMatchObject({
      reason: 'claim.outside_period',
      clause: { article: { zh: '保险期间' } },
      automatic: true,
    });
    expect(late.body.decline.clause.reference).toContain('条款');

    const retro = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'data_leak_liability',
      lossDate: '2024-12-01',
      description: '追溯日前的数据泄露引发索赔',
      claimed: '300000.00',
    });
    expect(retro.body.status).toBe('declined');
    expect(retro.body.decline).toMatchObject({
      reason: 'claim.before_retroactive_date',
      clause: { article: { zh: '追溯期' } },
    });
    // A decline can be disputed; the regulator sees the dispute.
    const d = await enterprise.post(`/api/claims/${retro.body.id}/disputes`, {
      grounds: '泄露行为发生在追溯日之后，仅发现在之前',
      askedAmount: '300000.00',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(
      (await enterprise.post(`/api/claims/${retro.body.id}/disputes`, { grounds: '再次申请调解' })).status,
    ).toBe(409);
    const seen = await regulator.get('/api/disputes?status=open');
    expect(seen.body.items.map((x: { id: string }) => x.id)).toContain(d.body.id);
    const m = await platform.post(`/api/disputes/${d.body.id}/mediation`, {
      action: 'assign',
      mediator: '上海银行业保险业纠纷调解中心',
    });
    expect(m.body.status).toBe('mediating');
    const s = await platform.post(`/api/disputes/${d.body.id}/mediation`, {
      action: 'settle',
      outcome: '双方同意按 60% 赔付',
      amount: '180000.00',
    });
    expect(s.body).toMatchObject({ status: 'settled', settledAmount: '180000.00' });
    expect(
      (await enterprise.post(`/api/disputes/${d.body.id}/mediation`, { action: 'withdraw' })).status,
    ).toBe(403);
  });

  it('bad input is a 400 naming the field, and nothing is written', async () => {
    const policy = await threeInsurerPolicy();
    const before = await t.db.pool.query('SELECT count(*)::int AS n FROM claim');
    const r = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'business_interruption',
      lossDate: today(),
      description: '系统中断',
      claimed: '100000.00',
    });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('/body/interruptionDays');
    const noAmount = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'direct_loss',
      lossDate: today(),
      description: '没有金额',
    });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.errors[0].path).toBe('/body/claimed');
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM claim')).rows[0].n).toBe(before.rows[0].n);
    // Another enterprise's policy (here: a policy id that is not the caller's) is not found.
    expect(
      (
        await insurer.post('/api/claims', {
          policyId: policy.id,
          sectionKey: 'direct_loss',
          lossDate: today(),
          description: '保险公司不能报案',
          claimed: '1.00',
        })
      ).status,
    ).toBe(403);
  });

  it('a foreign-currency claim is converted at the rate given and keeps the original amount', async () => {
    const policy = await threeInsurerPolicy();
    const r = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'incident_response',
      lossDate: today(),
      description: '境外应急响应服务商费用',
      foreign: { currency: 'USD', amount: '12500.00', rate: '7.1234' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      currency: 'USD',
      claimedForeign: '12500.00',
      claimed: '89042.50',
      claimRate: '7.1234',
    });
    const id = r.body.id;
    await insurer.post(`/api/claims/${id}/register`, { reserve: '89042.50' });
    await insurer.post(`/api/claims/${id}/approve`, { amount: '89042.50' });
    // Paying it records the rate of the payment date, which is required.
    const noRate = await insurer.post(`/api/claims/${id}/pay`, {});
    expect(noRate.status).toBe(422);
    expect(noRate.body.errors[0].path).toBe('/body/rate');
    const paid = await insurer.post(`/api/claims/${id}/pay`, { rate: '7.1502' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paid: '89042.50', paidRate: '7.1502' });
    expect(paid.body.timeline.at(-1).note).toContain('7.1502');
  });
});

describe('risk evaluations at underwriting', () => {
  it('the quote’s insurer asks the pool; the expert sees it; a competitor cannot', async () => {
    const q = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      request: { limit: '2000000.00' },
    });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    const asked = await insurer.post(`/api/quotes/${q.body.id}/experts`, { field: 'cyber', method: 'match' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ purpose: 'underwriting', quote: { id: q.body.id }, claim: null });
    expect(
      (await insurer2.post(`/api/quotes/${q.body.id}/experts`, { field: 'cyber', method: 'match' })).status,
    ).toBe(404);
    expect((await insurer2.get(`/api/quotes/${q.body.id}/experts`)).status).toBe(404);
    const listed = await insurer.get(`/api/quotes/${q.body.id}/experts`);
    expect(listed.body.items).toHaveLength(1);
    const expert = await t.as('expert@demo.kebao.cn');
    const mine = await expert.get('/api/expert/assignments');
    const evaluation = mine.body.items.find((a: { id: string }) => a.id === asked.body.id);
    expect(evaluation?.quote.number).toBe(q.body.number);
    const rep = await expert.post(`/api/expert/assignments/${asked.body.id}/report`, {
      report: '等保三级测评报告齐全，备份与应急预案完善，建议按标准费率承保。',
    });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    expect((await insurer.get(`/api/quotes/${q.body.id}/experts`)).body.items[0].status).toBe('reported');
  });
});

describe('documents and experts', () => {
  it('a document is stored with its checksum; a renamed file is refused; experts with a conflict are skipped', async () => {
    const policy = await threeInsurerPolicy();
    const filed = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'data_restoration',
      lossDate: today(),
      description: '数据库被加密，需要恢复',
      claimed: '200000.00',
    });
    const id = filed.body.id;
    const pdf = Buffer.from('%PDF-1.4\n% 出险通知书\n');
    const up = await enterprise.put(`/api/claims/${id}/documents/loss_notice`, undefined, {
      raw: pdf,
      headers: { 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('出险通知书.pdf') },
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.documents[0]).toMatchObject({
      kind: 'loss_notice',
      filename: '出险通知书.pdf',
      size: pdf.length,
    });
    expect(up.body.tracking.missing.map((m: { kind: string }) => m.kind)).not.toContain('loss_notice');
    const fake = await enterprise.put(`/api/claims/${id}/documents/loss_list`, undefined, {
      raw: Buffer.from('MZ not a pdf'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(fake.status).toBe(415);

    // The demo pool's cyber expert (郑专家, the expert login) and one employed by the lead: a conflict.
    const conflicted = await platform.post('/api/experts', {
      name: '冲突专家',
      employer: '示例科技财产保险股份有限公司',
      employerOrgId: insurerId,
      fields: ['cyber'],
    });
    expect(conflicted.status, JSON.stringify(conflicted.body)).toBe(201);
    const named = await insurer.post(`/api/claims/${id}/experts`, {
      field: 'cyber',
      method: 'named',
      expertId: conflicted.body.id,
    });
    expect(named.status).toBe(409);
    expect(named.body.code).toBe('expert.conflict');
    // Rotation: the demo expert first (created first); on the next claim the conflicted one is next in
    // turn (never assigned) but skipped, and the demo expert takes it again.
    const assigned = await insurer.post(`/api/claims/${id}/experts`, {
      field: 'cyber',
      method: 'rotation',
      fee: '5000.00',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    expect(assigned.body.expert.name).toBe('郑专家');
    const other = await enterprise.post('/api/claims', {
      policyId: policy.id,
      sectionKey: 'incident_response',
      lossDate: today(),
      description: '入侵事件应急响应',
      claimed: '50000.00',
    });
    const second = await insurer.post(`/api/claims/${other.body.id}/experts`, {
      field: 'cyber',
      method: 'rotation',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.expert.name).toBe('郑专家');
    expect(
      (await insurer.get('/api/experts?field=cyber')).body.items.map((e: { name: string }) => e.name),
    ).toContain('冲突专家');
    // The expert sees the claim and reports on it.
    const expert = await t.as('expert@demo.kebao.cn');
    const mine = await expert.get('/api/expert/assignments');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(assigned.body.id);
    expect((await expert.get(`/api/claims/${id}`)).status).toBe(200);
    const rep = await expert.post(`/api/expert/assignments/${assigned.body.id}/report`, {
      report: '经现场勘查，数据库被勒索软件加密，恢复费用合理。',
      amount: '180000.00',
    });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    const after = await enterprise.get(`/api/claims/${id}`);
    expect(after.body.experts[0]).toMatchObject({ status: 'reported', reportAmount: '180000.00' });
    // Paid by the policyholder for an evaluation within the year: a conflict on its claims.
    const demoExpert = assigned.body.expert.id;
    await t.db.pool.query(
      `INSERT INTO expert_assignment (id, expert_id, purpose, method, status, fee, paid_by_org, assigned_at)
       VALUES (gen_random_uuid(), $1, 'underwriting', 'named', 'reported', 300000, $2, now())`,
      [demoExpert, (await enterprise.get('/api/me')).body.organisation.id],
    );
    const paidBy = await insurer.post(`/api/claims/${other.body.id}/experts`, {
      field: 'cyber',
      method: 'named',
      expertId: demoExpert,
    });
    expect(paidBy.status).toBe(409);
    expect(paidBy.body.message_zh).toContain('近一年内收取过当事方费用');
  });
});

describe('parametric payouts', () => {
  it('an observation past the trigger pays by the schedule; re-importing the same data pays nothing twice', async () => {
    // The demo chip maker also runs a rooftop solar plant: new energy, as the product's eligibility asks.
    const me = await enterprise.get('/api/enterprise/me');
    const profile = me.body.profile;
    const tags = new Set([...(profile.frontierTags ?? []), 'new_energy']);
    const saved = await enterprise.put('/api/enterprise/me/profile', {
      profile: { ...profile, frontierTags: [...tags] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const q = await enterprise.post('/api/quotes', {
      productCode: 'KB-AP-INDEX',
      request: { limit: '2000000.00', startDate: today(), options: { plant_type: 'solar_pv' } },
    });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    let quote = q.body;
    if (quote.status === 'referred') {
      quote = (
        await insurer.post(`/api/quotes/${quote.id}/decision`, {
          decision: 'accept',
          reason: { zh: '同意承保' },
        })
      ).body;
    }
    expect(quote.status, JSON.stringify(quote)).toBe('offered');
    await enterprise.post(`/api/quotes/${quote.id}/accept`, {});
    const bound = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    const rows = [
      {
        productCode: 'KB-AP-INDEX',
        sectionKey: 'generation_shortfall',
        subject: bound.body.number,
        observedOn: today(),
        value: '82.5',
      },
    ];
    const first = await insurer.post('/api/index-observations', { source: '电网结算单（测试）', rows });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ stored: 1, duplicates: 0 });
    expect(first.body.claims).toHaveLength(1);
    // 82.5 % of expected generation is below 85 (30 % of the limit) but not below 80.
    expect(first.body.claims[0].payout).toBe('600000.00');
    const second = await insurer.post('/api/index-observations', { source: '电网结算单（测试）', rows });
    expect(second.body).toMatchObject({ stored: 0, duplicates: 1, claims: [] });
    const claims = await enterprise.get(`/api/claims?policyId=${bound.body.id}`);
    expect(claims.body.items).toHaveLength(1);
    expect(claims.body.items[0]).toMatchObject({ source: 'parametric', status: 'paid', paid: '600000.00' });
    // The same observation from a CSV file, with a bad row: the good one is a duplicate, the bad one reported.
    const csv = [
      'productCode,sectionKey,subject,observedOn,value',
      `KB-AP-INDEX,generation_shortfall,${bound.body.number},${today()},82.5`,
      `KB-AP-INDEX,generation_shortfall,${bound.body.number},2026-02-30,70`,
    ].join('\n');
    const fromCsv = await insurer.post(
      `/api/index-observations/csv?source=${encodeURIComponent('电网结算单（CSV）')}`,
      undefined,
      {
        raw: Buffer.from(csv),
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(fromCsv.status, JSON.stringify(fromCsv.body)).toBe(200);
    expect(fromCsv.body).toMatchObject({ received: 1, stored: 0, duplicates: 1, claims: [] });
    expect(fromCsv.body.errors).toEqual([
      {
        row: 3,
        field: 'observedOn',
        message_zh: '日期须为 YYYY-MM-DD',
        message_en: 'the date must be YYYY-MM-DD',
      },
    ]);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});

describe('reserving', () => {
  it('the regulator sees triangles and IBNR over the platform; an enterprise may not', async () => {
    const r = await regulator.get('/api/claims/reserving');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const all = r.body.rows.find((x: { class: string }) => x.class === 'all');
    // The latest diagonal holds every claim's paid and incurred amounts (not declined or withdrawn).
    const sums = await t.db.pool.query<{ paid: string; incurred: string }>(
      `SELECT (sum(paid) / 100.0)::float8 AS paid, (sum(paid + reserve) / 100.0)::float8 AS incurred FROM claim
        WHERE status NOT IN ('declined', 'withdrawn')`,
    );
    expect(all.latestPaid).toBeCloseTo(Number(sums.rows[0]?.paid), 2);
    expect(all.latestIncurred).toBeCloseTo(Number(sums.rows[0]?.incurred), 2);
    expect(all.latestPaid).toBeGreaterThan(0);
    expect(all.caseReserve).toBeGreaterThanOrEqual(0);
    expect((await enterprise.get('/api/claims/reserving')).status).toBe(403);
  });

  it('the regulator sees claim speed and backlog; an uninvolved insurer sees none of it', async () => {
    const r = await regulator.get('/api/claims/summary');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const total = r.body.byStatus.reduce((s: number, x: { n: number }) => s + x.n, 0);
    expect(total).toBeGreaterThan(5);
    expect(r.body.speed.paid).toBeGreaterThan(0);
    expect(r.body.disputes.find((d: { status: string }) => d.status === 'settled')?.n).toBe(1);
    const none = await outsider.get('/api/claims/summary');
    expect(none.body.byStatus).toEqual([]);
  });
});
