import { createLogger, createTxRunner } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';
import { SubsidyLapseJob } from '../src/modules/subsidy/lapse-job.ts';

const quiet = createLogger({ level: 'silent' });

/*
 * Subsidies over HTTP on a real database: the shipped programmes loaded, the Shanghai tiered subsidy granted
 * at bind (免申即享) so the enterprise pays only its net share, confirmed, paid by the funder through the
 * insurer's invoice, clawed back pro rata on cancellation; an apply-mode programme published by the funder
 * with its checklist, materials, review and payment; the budget never overspent; the ledger verifies.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let funder: Client;
let funderId: string;

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

async function boundCyber(limit = '5000000.00') {
  const q = await enterprise.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: { limit } });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const b = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  return b.body;
}

async function grantsOf(client: Client, policyId: string) {
  const r = await client.get(`/api/subsidy/grants?policyId=${policyId}`);
  expect(r.status).toBe(200);
  return r.body.items as { id: string; programme: { code: string }; status: string; amount: string }[];
}

const PDF = Buffer.from('%PDF-1.4\n% demo material\n');

beforeAll(async () => {
  t = await startTestServer();
  [enterprise, insurer, insurer2, funder] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
  ]);
  funderId = (await funder.get('/api/me')).body.organisation.id;
});
afterAll(async () => {
  await t?.close();
});

describe('programmes', () => {
  it('the shipped programmes are loaded; the demo funder operates the Shanghai ones', async () => {
    const r = await enterprise.get('/api/subsidy/programmes');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(11);
    const tiered = r.body.items.find((p: { code: string }) => p.code === 'shanghai-2025-tiered');
    expect(tiered).toMatchObject({
      mode: 'auto',
      payee: 'insurer',
      funder: { id: funderId },
      budget: '100000000.00',
    });
    const mine = await funder.get('/api/subsidy/programmes?mine=true');
    expect(mine.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'shanghai-2025-tiered',
      'shanghai-clinical-trial',
      'shanghai-tech-loan',
    ]);
    const central = await t.as('central@demo.kebao.cn');
    const theirs = await central.get('/api/subsidy/programmes?mine=true');
    expect(
      theirs.body.items.map((p: { code: string; mode: string }) => `${p.code}:${p.mode}`).sort(),
    ).toEqual(['central-first-set-2024:apply', 'central-new-materials:apply']);
  });

  it('recommendations show the subsidy the enterprise would get next to the premium', async () => {
    await t.server.services.dispatcher.drain();
    const r = await enterprise.get('/api/enterprise/me/recommendations');
    expect(r.status).toBe(200);
    const withSubsidy = r.body.items.filter(
      (m: { estimatedSubsidy: string | null }) => m.estimatedSubsidy !== null,
    );
    expect(withSubsidy.length).toBeGreaterThan(0);
    for (const m of withSubsidy) {
      expect(fen(m.estimatedSubsidy)).toBeGreaterThan(0n);
      expect(fen(m.estimatedSubsidy) <= fen(m.estimatedPremium)).toBe(true);
    }
  });

  it('a bad definition is refused with the JSON path named', async () => {
    const r = await funder.put('/api/subsidy/programmes/bad-one', { code: 'bad-one', version: 1 });
    expect(r.status).toBe(400);
    expect(r.body.errors.length).toBeGreaterThan(0);
    expect(r.body.errors[0].path).toMatch(/^\/body/);
  });
});

describe('免申即享 at bind', () => {
  it('the enterprise pays its net share, the funder the subsidy; every rule is explained; confirmed; paid; verified', async () => {
    const policy = await boundCyber();
    expect(fen(policy.subsidy)).toBeGreaterThan(0n);
    expect(fen(policy.subsidy) + fen(policy.netPayable)).toBe(fen(policy.premium));
    const [grant] = await grantsOf(enterprise, policy.id);
    expect(grant).toMatchObject({
      programme: { code: 'shanghai-2025-tiered' },
      status: 'reserved',
      amount: policy.subsidy,
    });
    const detail = (await funder.get(`/api/subsidy/grants/${grant?.id}`)).body;
    expect(detail.steps.length).toBeGreaterThan(3);
    expect(detail.confirmBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Whoever is not party to it sees nothing.
    expect((await insurer2.get(`/api/subsidy/grants/${grant?.id}`)).status).toBe(404);

    // Two bills: the enterprise's net premium, the funder's subsidy share.
    const invoices = (await insurer.get(`/api/invoices?policyId=${policy.id}`)).body.items;
    const byKind = Object.fromEntries(invoices.map((i: { kind: string }) => [i.kind, i]));
    expect(byKind.premium.amount).toBe(policy.netPayable);
    expect(byKind.subsidy).toMatchObject({ amount: policy.subsidy, payer: { kind: 'funder', id: funderId } });
    expect(
      (await funder.get('/api/invoices?side=billed')).body.items.map((i: { id: string }) => i.id),
    ).toContain(byKind.subsidy.id);

    const confirmed = await enterprise.post(`/api/subsidy/grants/${grant?.id}/confirm`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await enterprise.post(`/api/subsidy/grants/${grant?.id}/confirm`, {})).body.code).toBe(
      'subsidy.not_pending',
    );

    // The funder's transfer arrives at the insurer: the grant is paid, the funder's payable settled.
    const paid = await insurer.post('/api/payments', {
      payerKind: 'funder',
      payerId: funderId,
      channel: 'bank_transfer',
      channelRef: `SUB${Date.now()}`,
      reference: byKind.subsidy.number,
      amount: policy.subsidy,
      receivedOn: byKind.subsidy.issuedOn,
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const after = (await funder.get(`/api/subsidy/grants/${grant?.id}`)).body;
    expect(after.paid).toBe(policy.subsidy);
    const books = (await funder.get('/api/ledger/balances')).body.items;
    expect(books.find((b: { account: string }) => b.account === 'subsidy_expense').balance).toBe(
      policy.subsidy,
    );
    expect(books.find((b: { account: string }) => b.account === 'subsidy_payable')).toBeUndefined();
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });

  it('a cancellation refunds each payer its part exactly and claws back the funder’s share', async () => {
    const policy = await boundCyber();
    const [grant] = await grantsOf(funder, policy.id);
    const cancelDate = new Date(Date.parse(`${policy.startDate}T00:00:00Z`) + 100 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const c = await enterprise.post(`/api/policies/${policy.id}/cancel`, { cancelDate, reason: '退保' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const refund = fen(policy.premium) - fen(c.body.writtenPremium);
    const notes = (await insurer.get(`/api/invoices?policyId=${policy.id}`)).body.items.filter(
      (i: { kind: string }) => i.kind === 'credit_note',
    );
    const toFunder = notes.find((n: { payer: { kind: string } }) => n.payer.kind === 'funder');
    const toEnterprise = notes.find((n: { payer: { kind: string } }) => n.payer.kind === 'enterprise');
    expect(-fen(toFunder.amount) - fen(toEnterprise.amount)).toBe(refund);
    // In the bind's proportion, to the fen (largest remainder).
    const subsidy = fen(policy.subsidy);
    const expected = (refund * subsidy) / fen(policy.premium);
    expect(-fen(toFunder.amount) - expected <= 1n && expected + fen(toFunder.amount) <= 1n).toBe(true);
    const clawed = (await funder.get(`/api/subsidy/grants/${grant?.id}`)).body.clawedBack;
    expect(fen(clawed)).toBe(-fen(toFunder.amount));
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });

  it('the budget is never overspent: with nothing left the bind bills the whole premium', async () => {
    const before = (await funder.get('/api/subsidy/programmes/shanghai-2025-tiered')).body;
    const low = await funder.put('/api/subsidy/programmes/shanghai-2025-tiered/budget', { budget: '1.00' });
    expect(low.status).toBe(409);
    expect(low.body.code).toBe('subsidy.budget_below_committed');
    const exact = await funder.put('/api/subsidy/programmes/shanghai-2025-tiered/budget', {
      budget: before.committed,
    });
    expect(exact.status, JSON.stringify(exact.body)).toBe(200);
    expect(exact.body.left).toBe('0.00');
    const policy = await boundCyber();
    expect(policy.subsidy).toBe('0.00');
    expect(policy.netPayable).toBe(policy.premium);
    await funder.put('/api/subsidy/programmes/shanghai-2025-tiered/budget', { budget: before.budget });
    expect(
      (await insurer.put('/api/subsidy/programmes/shanghai-2025-tiered/budget', { budget: '1.00' })).status,
    ).toBe(403);
  });
});

describe('申报 (apply mode)', () => {
  it('a funder publishes a programme; the application needs its materials, is reviewed and paid', async () => {
    const programme = {
      code: 'lingang-cyber-pilot',
      version: 1,
      names: { zh: '临港网络安全保险试点补贴（示例）', en: 'Lingang cyber pilot subsidy (demo)' },
      funder: { names: { zh: '临港新片区', en: 'Lingang' }, level: 'district' },
      budget: '2000000.00',
      eligibility: { products: ['KB-BR-CYBER'] },
      conditions: [],
      share: { rate: '0.1' },
      caps: { perPolicy: '5000.00' },
      window: { from: '2025-01-01' },
      mode: 'apply',
      checklist: [
        { key: 'sealed_policy', names: { zh: '加盖公章的保单', en: 'Sealed policy' } },
        { key: 'payment_voucher', names: { zh: '保费支付凭证', en: 'Payment voucher' } },
      ],
      payee: 'enterprise',
      clawback: { onCancellation: 'pro_rata' },
      priority: 10,
    };
    const published = await funder.put('/api/subsidy/programmes/lingang-cyber-pilot', programme);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.funder.id).toBe(funderId);

    const policy = await boundCyber();
    const grants = await grantsOf(enterprise, policy.id);
    const pilot = grants.find((g) => g.programme.code === 'lingang-cyber-pilot');
    expect(pilot).toMatchObject({ status: 'applied', amount: '5000.00' });
    const id = pilot?.id as string;
    // Incomplete: refused, naming what is missing.
    const early = await enterprise.post(`/api/subsidy/grants/${id}/submit`, {});
    expect(early.body.code).toBe('subsidy.materials_missing');
    // A file that is not what it says is refused.
    const fake = await enterprise.put(`/api/subsidy/grants/${id}/materials/sealed_policy`, undefined, {
      raw: Buffer.from('MZ\x90\x00'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(fake.status).toBe(415);
    for (const key of ['sealed_policy', 'payment_voucher']) {
      // A malformed escape in the file name is kept as sent, never a 500.
      const up = await enterprise.put(`/api/subsidy/grants/${id}/materials/${key}`, undefined, {
        raw: PDF,
        headers: { 'content-type': 'application/pdf', 'x-filename': `${key}%E0%A4%A.pdf` },
      });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
    }
    const listed = await enterprise.put(`/api/subsidy/grants/${id}/materials/other`, undefined, {
      raw: PDF,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(listed.body.code).toBe('subsidy.material_not_listed');
    const submitted = await enterprise.post(`/api/subsidy/grants/${id}/submit`, {});
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.materials.every((m: { uploaded: unknown }) => m.uploaded !== null)).toBe(true);
    expect(
      (await insurer.post(`/api/subsidy/grants/${id}/review`, { decision: 'approve', note: 'x' })).status,
    ).toBe(403);
    const approved = await funder.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'approve',
      note: '材料齐全',
    });
    expect(approved.body.status).toBe('approved');
    const paid = await funder.post(`/api/subsidy/grants/${id}/pay`, { channelRef: `GOV${Date.now()}` });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.paid).toBe('5000.00');
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});

describe('an unconfirmed 免申即享 grant', () => {
  it('lapses after its working days: the budget is released and the policyholder is billed that part', async () => {
    const policy = await boundCyber();
    const grant = (await grantsOf(funder, policy.id)).find(
      (g) => g.programme.code === 'shanghai-2025-tiered',
    );
    const committed = (await funder.get('/api/subsidy/programmes/shanghai-2025-tiered')).body.committed;
    t.clock.advance(12 * 86_400_000); // past five working days
    const job = new SubsidyLapseJob(createTxRunner({ pool: t.db.pool, clock: t.clock.now }), quiet);
    await job.runOnce();
    const holder = await t.as('enterprise@demo.kebao.cn');
    const lead = await t.as('insurer@demo.kebao.cn');
    const office = await t.as('funder@demo.kebao.cn');
    expect((await office.get(`/api/subsidy/grants/${grant?.id}`)).body.status).toBe('lapsed');
    expect((await holder.post(`/api/subsidy/grants/${grant?.id}/confirm`, {})).body.code).toBe(
      'subsidy.not_pending',
    );
    const after = (await holder.get(`/api/policies/${policy.id}`)).body;
    expect(after.subsidy).toBe('0.00');
    expect(after.netPayable).toBe(policy.premium);
    const invoices = (await lead.get(`/api/invoices?policyId=${policy.id}`)).body.items;
    const additional = invoices.find((i: { kind: string }) => i.kind === 'additional');
    expect(additional).toMatchObject({ amount: policy.subsidy, payer: { kind: 'enterprise' } });
    const subsidyBill = invoices.find((i: { kind: string }) => i.kind === 'subsidy');
    expect(subsidyBill.outstanding).toBe('0.00'); // offset by the credit note to the funder
    const programme = (await office.get('/api/subsidy/programmes/shanghai-2025-tiered')).body;
    // This grant's and the earlier tests' unconfirmed ones were released (verify checks committed = live grants).
    expect(fen(committed) - fen(programme.committed) >= fen(policy.subsidy)).toBe(true);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  });
});

describe('budget safety', () => {
  it('100 concurrent binds against a budget that fits exactly 10 grants: exactly 10 granted, the budget left at 0', async () => {
    const holder = await t.as('enterprise@demo.kebao.cn');
    const office = await t.as('funder@demo.kebao.cn');
    // 101 accepted quotes of the same cover: each grant is the same amount, learnt from the first bind.
    const quotes: string[] = [];
    for (let i = 0; i < 101; i++) {
      const q = await holder.post('/api/quotes', {
        productCode: 'KB-BR-CYBER',
        request: { limit: '1000000.00' },
      });
      await holder.post(`/api/quotes/${q.body.id}/accept`, {});
      quotes.push(q.body.id);
    }
    const first = await holder.post(`/api/quotes/${quotes.shift()}/bind`, {});
    const grant = fen(first.body.subsidy);
    expect(grant).toBeGreaterThan(0n);
    const before = (await office.get('/api/subsidy/programmes/shanghai-2025-tiered')).body;
    const budget = fen(before.committed) + 10n * grant;
    const set = await office.put('/api/subsidy/programmes/shanghai-2025-tiered/budget', {
      budget: `${budget / 100n}.${(budget % 100n).toString().padStart(2, '0')}`,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const bound = await Promise.all(quotes.map((id) => holder.post(`/api/quotes/${id}/bind`, {})));
    expect(bound.filter((b) => b.status !== 201).map((b) => `${b.status} ${b.text}`)).toEqual([]);
    const subsidised = bound.filter((b) => fen(b.body.subsidy) > 0n);
    expect(subsidised).toHaveLength(10);
    for (const b of subsidised) expect(fen(b.body.subsidy)).toBe(grant);
    for (const b of bound.filter((x) => fen(x.body.subsidy) === 0n))
      expect(b.body.netPayable).toBe(b.body.premium);
    const after = (await office.get('/api/subsidy/programmes/shanghai-2025-tiered')).body;
    expect(after.left).toBe('0.00');
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  }, 120_000);
});

describe('the central office (首台套): quotas before the money', () => {
  it('approves a quota; an equipment bind draws an application on it, never beyond; a rejection gives it back; a revoked quota serves no bind', async () => {
    // Fresh sessions: the tests above moved the clock past the demo sessions' lifetime.
    const [central, holder, lingang, regulator, other] = await Promise.all([
      t.as('central@demo.kebao.cn'),
      t.as('enterprise@demo.kebao.cn'),
      t.as('funder@demo.kebao.cn'),
      t.as('regulator@demo.kebao.cn'),
      t.as('insurer2@demo.kebao.cn'),
    ]);
    const enterpriseId = (await holder.get('/api/enterprise/me')).body.id as string;
    const bindEquip = async () => {
      const q = await holder.post('/api/quotes', {
        productCode: 'KB-AP-EQUIP',
        request: { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } },
      });
      expect(q.status, JSON.stringify(q.body)).toBe(201);
      await holder.post(`/api/quotes/${q.body.id}/accept`, {});
      const b = await holder.post(`/api/quotes/${q.body.id}/bind`, {});
      expect(b.status, JSON.stringify(b.body)).toBe(201);
      const grants = await grantsOf(holder, b.body.id);
      return { policy: b.body, grant: grants.find((g) => g.programme.code === 'central-first-set-2024') };
    };

    // Without an approved quota the programme pays nothing: qualification comes first.
    expect((await bindEquip()).grant).toBeUndefined();

    const body = {
      enterpriseId,
      item: '12 英寸晶圆缺陷检测设备',
      productValue: '3000000.00',
      approvalRef: '工信厅装函〔2026〕101号',
    };
    // Only the operating funder approves; bad input is named by its path.
    expect((await lingang.post('/api/subsidy/programmes/central-first-set-2024/quotas', body)).status).toBe(
      404,
    );
    const bad = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', {
      ...body,
      productValue: '-1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/body/productValue');
    const noRule = await lingang.post('/api/subsidy/programmes/shanghai-2025-tiered/quotas', body);
    expect(noRule.body.code).toBe('subsidy.no_quota_rule');
    const approved = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', body);
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    // 3 % of the product value.
    expect(approved.body).toMatchObject({
      quota: '90000.00',
      used: '0.00',
      left: '90000.00',
      status: 'active',
    });
    const again = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('subsidy.quota_exists');

    // Seen by the office, the enterprise and the regulator; not by an insurer.
    expect((await holder.get('/api/subsidy/quotas')).body.items.map((q: { id: string }) => q.id)).toContain(
      approved.body.id,
    );
    expect(
      (await regulator.get(`/api/subsidy/quotas?enterpriseId=${enterpriseId}`)).body.total,
    ).toBeGreaterThan(0);
    expect((await other.get('/api/subsidy/quotas')).body.total).toBe(0);

    // A bind: an application for 80 % of the premium, capped by the quota, which it uses.
    const first = await bindEquip();
    const asked = (fen(first.policy.premium) * 8n) / 10n;
    const expected = asked < 9000000n ? asked : 9000000n;
    expect(first.grant).toMatchObject({ status: 'applied' });
    expect(fen(first.grant?.amount as string)).toBe(expected);
    const used = async () =>
      (await central.get(`/api/subsidy/quotas?programme=central-first-set-2024&enterpriseId=${enterpriseId}`))
        .body.items[0] as { used: string; left: string };
    expect(fen((await used()).used)).toBe(expected);
    // The Lingang bureau cannot review it; binds keep drawing until the quota is gone, never beyond.
    expect((await lingang.get(`/api/subsidy/grants/${first.grant?.id}`)).status).toBe(404);
    const second = await bindEquip();
    const left = 9000000n - expected;
    if (left > 0n) expect(fen(second.grant?.amount as string)).toBe(left < expected ? left : expected);
    expect(fen((await used()).left)).toBeGreaterThanOrEqual(0n);

    // A rejected application gives its part of the quota back.
    const id = first.grant?.id as string;
    for (const key of [
      'sealed_policy',
      'premium_invoice',
      'insurer_receipt',
      'payment_voucher',
      'end_user_acceptance',
    ]) {
      const up = await holder.put(`/api/subsidy/grants/${id}/materials/${key}`, undefined, {
        raw: PDF,
        headers: { 'content-type': 'application/pdf' },
      });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
    }
    expect((await holder.post(`/api/subsidy/grants/${id}/submit`, {})).body.status).toBe('submitted');
    const before = fen((await used()).used);
    // The province reviews a Shanghai manufacturer's application first (省级初审): the ministry waits.
    const early = await central.post(`/api/subsidy/grants/${id}/review`, { decision: 'reject', note: 'x' });
    expect(early.body.code).toBe('subsidy.not_your_stage');
    const province = await t.as('shanghai@demo.kebao.cn');
    const rejected = await province.post(`/api/subsidy/grants/${id}/review`, {
      decision: 'reject',
      note: '材料不符',
    });
    expect(rejected.body.status).toBe('rejected');
    expect(fen((await used()).used)).toBe(before - expected);

    // Revoked: no further bind draws on it.
    const revoked = await central.post(`/api/subsidy/quotas/${approved.body.id}/revoke`, {
      reason: '资格复核未通过',
    });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '资格复核未通过' });
    expect(
      (await central.post(`/api/subsidy/quotas/${approved.body.id}/revoke`, { reason: 'x' })).status,
    ).toBe(409);
    expect((await bindEquip()).grant).toBeUndefined();
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
  }, 60_000);

  it('concurrent binds never draw a quota below zero: the grants sum to exactly the quota', async () => {
    const [central, holder] = await Promise.all([
      t.as('central@demo.kebao.cn'),
      t.as('enterprise@demo.kebao.cn'),
    ]);
    const enterpriseId = (await holder.get('/api/enterprise/me')).body.id as string;
    const approved = await central.post('/api/subsidy/programmes/central-first-set-2024/quotas', {
      enterpriseId,
      item: '晶圆缺陷检测设备（第二代）',
      productValue: '10000000.00',
      approvalRef: '工信厅装函〔2026〕102号',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const quota = fen(approved.body.quota);
    const quotes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const q = await holder.post('/api/quotes', {
        productCode: 'KB-AP-EQUIP',
        request: { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } },
      });
      await holder.post(`/api/quotes/${q.body.id}/accept`, {});
      quotes.push(q.body.id);
    }
    const bound = await Promise.all(quotes.map((id) => holder.post(`/api/quotes/${id}/bind`, {})));
    expect(bound.filter((b) => b.status !== 201).map((b) => `${b.status} ${b.text}`)).toEqual([]);
    let granted = 0n;
    for (const b of bound) {
      const g = (await grantsOf(holder, b.body.id)).find(
        (x) => x.programme.code === 'central-first-set-2024',
      );
      if (g) granted += fen(g.amount);
    }
    // Eight asks of 80 % of the premium exceed the quota: it is used up, exactly.
    expect(((fen(bound[0]?.body.premium) * 8n) / 10n) * 8n > quota).toBe(true);
    expect(granted).toBe(quota);
    const after = (await central.get(`/api/subsidy/quotas?enterpriseId=${enterpriseId}&status=active`)).body
      .items[0];
    expect(after).toMatchObject({ used: approved.body.quota, left: '0.00' });
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
    // Reconciliation names a quota whose use is not what its grants drew.
    await t.db.pool.query('UPDATE subsidy_quota SET used = used - 1 WHERE id = $1', [approved.body.id]);
    const broken = await verifyLedger(t.db.pool);
    expect(broken.problems.map((p) => `${p.code}:${p.subject}`)).toEqual([
      `subsidy.quota:${approved.body.id}`,
    ]);
    await t.db.pool.query('UPDATE subsidy_quota SET used = used + 1 WHERE id = $1', [approved.body.id]);
  }, 120_000);
});

describe('预计补贴 on a quote', () => {
  it('a quote shows the subsidy it would get next to its premium, and the bind grants that', async () => {
    // Fresh sessions: the tests above moved the clock past the demo sessions' lifetime.
    const [enterprise, insurer, insurer2] = await Promise.all([
      t.as('enterprise@demo.kebao.cn'),
      t.as('insurer@demo.kebao.cn'),
      t.as('insurer2@demo.kebao.cn'),
    ]);
    const q = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      request: { limit: '2000000.00' },
    });
    expect(q.status).toBe(201);
    expect(fen(q.body.estimatedSubsidy.amount)).toBeGreaterThan(0n);
    expect(q.body.estimatedSubsidy.explanation.zh).toContain('以出单时核定为准');
    const shown = (await enterprise.get(`/api/quotes/${q.body.id}`)).body.estimatedSubsidy;
    expect(shown).toEqual(q.body.estimatedSubsidy);
    // The insurer sees the same figure; a stranger does not see the quote.
    expect((await insurer.get(`/api/quotes/${q.body.id}`)).body.estimatedSubsidy).toEqual(shown);
    expect((await insurer2.get(`/api/quotes/${q.body.id}`)).status).toBe(404);
    await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
    const bound = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
    // Every programme the estimate counted grants at the bind: the same total, to the fen.
    const grants = await grantsOf(enterprise, bound.body.id);
    expect(grants.reduce((sum, g) => sum + fen(g.amount), 0n)).toBe(fen(shown.amount));
    expect(grants.map((g) => g.programme.code)).toContain(shown.programme);
    // Bound: the estimate gives way to the grant.
    expect((await enterprise.get(`/api/quotes/${q.body.id}`)).body.estimatedSubsidy).toBeNull();
  });
});
