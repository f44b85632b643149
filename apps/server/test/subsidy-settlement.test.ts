import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

/*
 * Subsidy settlement statements (补贴结算单) over HTTP on a real database: the funder draws one up for an
 * insurer from the subsidy it was billed and still owes, per policy and grant with the programme; only the
 * two parties, the regulator and the platform see it; settling it pays the insurer's subsidy invoices, clears
 * both books and counts the grants paid; a claw-back of paid subsidy is settled the other way; a statement
 * overtaken by a transfer is refused, never paying twice; the ledger verifies throughout.
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

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const yuan = (f: bigint) => {
  const sign = f < 0n ? '-' : '';
  const a = f < 0n ? -f : f;
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};
let receipt = 0;
const channelRef = () => `SUBSTL${Date.now()}${++receipt}`;

interface Line {
  policy: { id: string; number: string };
  account: string;
  amount: string;
  programme: { code: string; name: string } | null;
}

/** A cyber policy the demo enterprise binds with the insurer alone; the Shanghai tiered subsidy pays part. */
async function subsidisedPolicy() {
  const q = await enterprise.post('/api/quotes', {
    productCode: 'KB-BR-CYBER',
    request: { limit: '5000000.00' },
  });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const b = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  expect(fen(b.body.subsidy)).toBeGreaterThan(0n);
  return b.body as { id: string; subsidy: string; premium: string; startDate: string };
}

async function balance(client: Client, account: string, counterparty: string) {
  const r = await client.get('/api/ledger/balances');
  expect(r.status).toBe(200);
  const row = r.body.items.find(
    (i: { account: string; counterparty: string }) =>
      i.account === account && i.counterparty === counterparty,
  );
  return row ? fen(row.balance) : 0n;
}

async function grantOf(policyId: string) {
  const r = await funder.get(`/api/subsidy/grants?policyId=${policyId}`);
  expect(r.status).toBe(200);
  const [grant] = r.body.items as { id: string }[];
  return (await funder.get(`/api/subsidy/grants/${grant?.id}`)).body;
}

async function subsidyInvoices(policyId: string) {
  const r = await insurer.get(`/api/invoices?policyId=${policyId}`);
  return r.body.items.filter((i: { payer: { kind: string } }) => i.payer.kind === 'funder');
}

async function auditActions(entityId: string) {
  const r = await t.db.pool.query<{ action: string }>(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return r.rows.map((row) => row.action);
}

async function verified() {
  expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
}

beforeAll(async () => {
  t = await startTestServer();
  [enterprise, insurer, insurer2, funder, central, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('central@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
  funderId = (await funder.get('/api/me')).body.organisation.id;
});
afterAll(async () => {
  await t?.close();
});

describe('the funder’s subsidy statement with an insurer', () => {
  it('lists per policy and grant what is owed with the programme; only the parties, the regulator and the platform see it', async () => {
    const first = await subsidisedPolicy();
    const second = await subsidisedPolicy();
    // One grant confirmed by the enterprise, one still within its confirmation days: both are owed.
    expect(
      (await enterprise.post(`/api/subsidy/grants/${(await grantOf(first.id)).id}/confirm`, {})).status,
    ).toBe(200);
    const owed = fen(first.subsidy) + fen(second.subsidy);
    expect(await balance(insurer, 'subsidy_receivable', funderId)).toBe(owed);
    expect(await balance(funder, 'subsidy_payable', insurerId)).toBe(-owed);

    const yesterday = new Date(t.clock.now().getTime() - 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const early = await funder.post('/api/settlements', {
      kind: 'subsidy',
      counterparty: insurerId,
      asOf: yesterday,
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('settlement.nothing_due');

    const s = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({
      kind: 'subsidy',
      status: 'open',
      direction: 'pay',
      amount: yuan(owed),
      items: 2,
      drawer: { id: funderId },
      counterparty: { id: insurerId },
    });
    expect(s.body.number).toMatch(/^STL-\d{4}-\d{6}$/);
    const lines = s.body.lines as Line[];
    expect(lines).toHaveLength(2);
    for (const [policy, line] of [
      [first, lines.find((l) => l.policy.id === first.id)],
      [second, lines.find((l) => l.policy.id === second.id)],
    ] as const) {
      expect(line).toMatchObject({
        account: 'subsidy_payable',
        amount: yuan(-fen(policy.subsidy)),
        programme: { code: 'shanghai-2025-tiered' },
      });
      expect(line?.programme?.name).toBeTruthy();
    }
    expect(await auditActions(s.body.id)).toEqual(['settlement.draw_up']);

    // The insurer, the regulator and the platform read it; another insurer, another funder and the
    // policyholder are told there is no such statement.
    for (const client of [funder, insurer, regulator, platform]) {
      const r = await client.get(`/api/settlements/${s.body.id}`);
      expect(r.status).toBe(200);
      expect(r.body.lines).toHaveLength(2);
    }
    for (const client of [insurer2, central, enterprise]) {
      const r = await client.get(`/api/settlements/${s.body.id}`);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('settlement.not_found');
      expect((await client.get(`/api/settlements/${s.body.id}/export?format=csv`)).status).toBe(404);
      const list = await client.get('/api/settlements?kind=subsidy');
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(s.body.id);
    }
    const mine = await insurer.get('/api/settlements?kind=subsidy&status=open');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([s.body.id]);

    // One open statement per pair; the insurer neither settles it nor draws one up itself.
    const twice = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('settlement.open_exists');
    const notDrawer = await insurer.post(`/api/settlements/${s.body.id}/settle`, { channelRef: 'X1' });
    expect(notDrawer.status).toBe(403);
    expect(notDrawer.body.code).toBe('settlement.not_drawer');
    const byInsurer = await insurer.post('/api/settlements', { kind: 'subsidy', counterparty: funderId });
    expect(byInsurer.status).toBe(403);
    expect(byInsurer.body.code).toBe('settlement.subsidy_by_funder');

    // Exported like the other statements, by either party.
    const csv = await insurer.get(`/api/settlements/${s.body.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = csv.text.replace(/^\uFEFF/, '');
    expect(text.startsWith('保单号,被保险人,产品代码,统计类别,保险期间,补贴项目,科目,金额（元）')).toBe(true);
    expect(text.split(/\r?\n/).filter(Boolean)).toHaveLength(3);
    expect(text).toContain('应付保费补贴');
    const xlsx = await funder.get(`/api/settlements/${s.body.id}/export`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(`${s.body.number}.xlsx`);
    await verified();
  });

  it('settling pays the subsidy invoices, clears both books exactly, counts the grants paid, and is audited', async () => {
    const list = await funder.get('/api/settlements?kind=subsidy&status=open');
    const [open] = list.body.items as { id: string; number: string; amount: string }[];
    expect(open).toBeDefined();
    const statement = (await funder.get(`/api/settlements/${open?.id}`)).body;
    const owed = fen(statement.amount);
    const ref = channelRef();
    const done = await funder.post(`/api/settlements/${statement.id}/settle`, { channelRef: ref });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'settled', channelRef: ref });
    expect(done.body.settledAt).toBeTruthy();
    expect(await auditActions(statement.id)).toEqual(['settlement.draw_up', 'settlement.settle']);

    expect(await balance(funder, 'subsidy_payable', insurerId)).toBe(0n);
    expect(await balance(insurer, 'subsidy_receivable', funderId)).toBe(0n);
    expect(await balance(funder, 'cash', insurerId)).toBe(-owed);
    expect(await balance(insurer, 'cash', funderId)).toBe(owed);
    for (const line of statement.lines as Line[]) {
      const [invoice, ...more] = await subsidyInvoices(line.policy.id);
      expect(more).toHaveLength(0);
      expect(invoice).toMatchObject({ kind: 'subsidy', status: 'paid', outstanding: '0.00' });
      const detail = (await funder.get(`/api/invoices/${invoice.id}`)).body;
      expect(detail.settlements).toMatchObject([
        {
          kind: 'statement',
          amount: yuan(-fen(line.amount)),
          channelRef: ref,
          statement: { id: statement.id, number: statement.number },
        },
      ]);
      expect((await grantOf(line.policy.id)).paid).toBe(yuan(-fen(line.amount)));
    }
    const again = await funder.post(`/api/settlements/${statement.id}/settle`, { channelRef: channelRef() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('settlement.not_open');
    const nothing = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('settlement.nothing_due');
    await verified();
  });

  it('settles a claw-back of paid subsidy the other way: the insurer pays it back and the credit note is refunded', async () => {
    const policy = await subsidisedPolicy();
    const paid = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.amount).toBe(policy.subsidy);
    expect(
      (await funder.post(`/api/settlements/${paid.body.id}/settle`, { channelRef: channelRef() })).status,
    ).toBe(200);
    const cancelDate = new Date(Date.parse(`${policy.startDate}T00:00:00Z`) + 100 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const c = await enterprise.post(`/api/policies/${policy.id}/cancel`, { cancelDate, reason: '退保' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const note = (await subsidyInvoices(policy.id)).find((i: { kind: string }) => i.kind === 'credit_note');
    expect(note.status).toBe('refund_due');
    const back = -fen(note.amount);
    const grant = await grantOf(policy.id);
    expect(fen(grant.clawedBack)).toBe(back);

    const s = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({ direction: 'receive', amount: yuan(-back), items: 1 });
    expect(s.body.lines).toMatchObject([{ policy: { id: policy.id }, amount: yuan(back) }]);
    // The insurer reads it the other way round: it pays.
    expect((await insurer.get(`/api/settlements/${s.body.id}`)).body.direction).toBe('receive');
    const done = await funder.post(`/api/settlements/${s.body.id}/settle`, { channelRef: channelRef() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await insurer.get(`/api/invoices/${note.id}`)).body).toMatchObject({
      status: 'refunded',
      settlements: [{ kind: 'statement', amount: note.amount }],
    });
    expect(await balance(insurer, 'subsidy_receivable', funderId)).toBe(0n);
    expect(await balance(funder, 'subsidy_payable', insurerId)).toBe(0n);
    const after = await grantOf(policy.id);
    expect(fen(after.paid)).toBe(fen(policy.subsidy) - back);
    await verified();
  });

  it('refuses to settle what a transfer paid after it was drawn up; the voided statement posts nothing', async () => {
    const policy = await subsidisedPolicy();
    const s = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const [invoice] = await subsidyInvoices(policy.id);
    const transfer = await insurer.post('/api/payments', {
      payerKind: 'funder',
      payerId: funderId,
      channel: 'bank_transfer',
      channelRef: channelRef(),
      reference: invoice.number,
      amount: policy.subsidy,
      receivedOn: invoice.issuedOn,
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(201);
    const entries = await t.db.pool.query('SELECT count(*)::int AS n FROM journal_entry');
    const refused = await funder.post(`/api/settlements/${s.body.id}/settle`, { channelRef: channelRef() });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('settlement.changed');
    expect(refused.body.message_zh).toContain(s.body.number);
    expect(refused.body.message_en).toContain('void it and draw up a new one');
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM journal_entry')).rows).toEqual(
      entries.rows,
    );
    expect(await auditActions(s.body.id)).toEqual(['settlement.draw_up']);
    expect((await grantOf(policy.id)).paid).toBe(policy.subsidy);

    const voided = await funder.post(`/api/settlements/${s.body.id}/void`, {});
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('void');
    expect(await auditActions(s.body.id)).toEqual(['settlement.draw_up', 'settlement.void']);
    const next = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId });
    expect(next.body.code).toBe('settlement.nothing_due');
    await verified();
  });

  it('draws up one open statement per pair even when two are asked for at once', async () => {
    await subsidisedPolicy();
    const racing = await Promise.all(
      [1, 2].map(() => funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurerId })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(racing.find((r) => r.status === 409)?.body.code).toBe('settlement.open_exists');
    await verified();
  });
});

describe('bad input answers a problem, never a 500', () => {
  it('names the field of a counterparty that is no insurer, and refuses kinds the caller may not draw up', async () => {
    for (const counterparty of [
      'not-a-uuid',
      funderId,
      (await enterprise.get('/api/me')).body.organisation.id,
    ]) {
      const r = await funder.post('/api/settlements', { kind: 'subsidy', counterparty });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('settlement.invalid_counterparty');
      expect(r.body.errors[0].path).toBe('/body/counterparty');
      expect(r.body.message_zh).toContain('保险公司');
      expect(r.body.message_en).toContain('insurer');
      expect(r.body.errors[0].message_en).toBeTruthy();
    }
    const none = await funder.post('/api/settlements', { kind: 'subsidy', counterparty: insurer2Id });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('settlement.nothing_due');
    const badKind = await funder.post('/api/settlements', { kind: 'grant', counterparty: insurerId });
    expect(badKind.status).toBe(400);
    expect(badKind.body.code).toBe('request.invalid');
    expect(badKind.body.errors[0].path).toMatch(/^\/body/);
    const badDate = await funder.post('/api/settlements', {
      kind: 'subsidy',
      counterparty: insurerId,
      asOf: '2026-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].path).toBe('/body/asOf');
    const coinsurance = await funder.post('/api/settlements', {
      kind: 'coinsurance',
      counterparty: insurerId,
    });
    expect(coinsurance.status).toBe(403);
    expect(coinsurance.body.code).toBe('auth.forbidden');
    const byRegulator = await regulator.post('/api/settlements', {
      kind: 'subsidy',
      counterparty: insurerId,
    });
    expect(byRegulator.status).toBe(403);
    expect(byRegulator.body.code).toBe('settlement.subsidy_by_funder');
    const unknown = await funder.post('/api/settlements/00000000-0000-4000-8000-000000000000/settle', {
      channelRef: 'X1',
    });
    expect(unknown.status).toBe(404);
    const badRef = await funder.post('/api/settlements/00000000-0000-4000-8000-000000000000/settle', {
      channelRef: 'has space',
    });
    expect(badRef.status).toBe(400);
    expect(badRef.body.errors[0].path).toBe('/body/channelRef');
    await verified();
  });
});
