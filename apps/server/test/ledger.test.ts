import { createLogger, createTxRunner } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCoInsuredCyberPolicy } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { MonthCloseJob } from '../src/modules/ledger/close-job.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

const quiet = createLogger({ level: 'silent' });

/*
 * Billing, payments, refunds, settlement and the monthly close over HTTP on a real database: invoices
 * follow the receivables of every premium movement, money is matched to the fen, a cancellation refunds
 * exactly and reverses each co-insurer's share, statements clear what they list, and the ledger verifies.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let regulator: Client;
let platform: Client;
let insurerId: string;
let insurer2Id: string;
let enterpriseId: string;

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const yuan = (f: bigint) => {
  const sign = f < 0n ? '-' : '';
  const a = f < 0n ? -f : f;
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

/** A cyber policy: the lead writes 60 %, insurer2 40 %, 主代从收 (the default). */
const coinsuredPolicy = () => bindCoInsuredCyberPolicy(enterprise, insurer, insurer2, insurer2Id);

async function invoicesOf(client: Client, policyId: string) {
  const r = await client.get(`/api/invoices?policyId=${policyId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
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

/** What the policyholder still owes on one policy, from the journal. */
async function receivableOf(policyId: string) {
  const r = await t.db.pool.query<{ s: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS s FROM journal_line WHERE policy_id = $1 AND account = 'premium_receivable'`,
    [policyId],
  );
  return BigInt(r.rows[0]?.s ?? '0');
}

let receipt = 0;
const channelRef = () => `BK${Date.now()}${++receipt}`;

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  [enterprise, insurer, insurer2, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
});

afterAll(async () => {
  await t?.close();
});

describe('invoices and payments', () => {
  it('the bind bills the net premium once, from the lead, to the policyholder; a competitor sees nothing', async () => {
    const policy = await coinsuredPolicy();
    const [invoice, ...more] = await invoicesOf(enterprise, policy.id);
    expect(more).toHaveLength(0);
    enterpriseId = invoice.payer.id;
    expect(invoice).toMatchObject({
      kind: 'premium',
      status: 'open',
      issuer: { id: insurerId },
      payer: { kind: 'enterprise' },
      amount: policy.netPayable,
      outstanding: policy.netPayable,
    });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d{6}$/);
    // The follower is not the collector under 主代从收: no invoice of its own, and not the lead's.
    expect(await invoicesOf(insurer2, policy.id)).toHaveLength(0);
    expect((await insurer2.get(`/api/invoices/${invoice.id}`)).status).toBe(404);
    expect((await enterprise.get(`/api/invoices/${invoice.id}`)).body.payTo.reference).toBe(invoice.number);
  });

  it('a partial payment, its duplicate, a clashing duplicate and an overpayment are each handled', async () => {
    const policy = await coinsuredPolicy();
    const [invoice] = await invoicesOf(insurer, policy.id);
    const total = fen(invoice.amount);
    const ref = channelRef();
    const part = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'bank_transfer',
      channelRef: ref,
      reference: invoice.number,
      amount: '1000.00',
      receivedOn: invoice.issuedOn,
    });
    expect(part.status, JSON.stringify(part.body)).toBe(201);
    expect(part.body).toMatchObject({ applied: '1000.00', unapplied: '0.00', duplicate: false });
    expect(part.body.allocations).toEqual([
      { invoiceId: invoice.id, number: invoice.number, amount: '1000.00' },
    ]);
    expect((await enterprise.get(`/api/invoices/${invoice.id}`)).body).toMatchObject({
      status: 'partially_paid',
      settled: '1000.00',
      outstanding: yuan(total - 100_000n),
    });
    // The bank file delivered twice: answered with the first payment, nothing posted again.
    const entries = async () =>
      (await t.db.pool.query("SELECT 1 FROM journal_entry WHERE kind = 'payment'")).rowCount;
    const before = await entries();
    const dup = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'bank_transfer',
      channelRef: ref,
      reference: invoice.number,
      amount: '1000.00',
      receivedOn: invoice.issuedOn,
    });
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ id: part.body.id, duplicate: true });
    expect(await entries()).toBe(before);
    const clash = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'bank_transfer',
      channelRef: ref,
      amount: '999.00',
      receivedOn: invoice.issuedOn,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('payment.duplicate_reference');
    expect(clash.body.message_zh).toContain(ref);
    // Paying 500.01 yuan too much: the invoice is paid and the rest waits as the payer's credit.
    const over = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'ecny',
      channelRef: channelRef(),
      reference: invoice.number,
      amount: yuan(total - 100_000n + 50_001n),
      receivedOn: invoice.issuedOn,
    });
    expect(over.status, JSON.stringify(over.body)).toBe(201);
    expect(over.body).toMatchObject({ applied: yuan(total - 100_000n), unapplied: '500.01' });
    expect((await enterprise.get(`/api/invoices/${invoice.id}`)).body.status).toBe('paid');
    expect(await receivableOf(policy.id)).toBe(0n);
    expect(await balance(insurer, 'payer_credit', invoice.payer.id)).toBe(-50_001n);
    const unmatched = await insurer.get('/api/payments?unmatched=true');
    expect(unmatched.body.items.map((p: { id: string }) => p.id)).toContain(over.body.id);
    // The credit settles the next bill on request.
    const next = await coinsuredPolicy();
    const [nextInvoice] = await invoicesOf(insurer, next.id);
    const applied = await insurer.post(`/api/invoices/${nextInvoice.id}/apply-credit`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ status: 'partially_paid', settled: '500.01' });
    expect(await balance(insurer, 'payer_credit', invoice.payer.id)).toBe(0n);
    expect((await insurer.post(`/api/invoices/${nextInvoice.id}/apply-credit`, {})).body.code).toBe(
      'payment.no_credit',
    );
  });

  it('bad payments are refused with the field named and nothing written', async () => {
    const bad = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: '00000000-0000-4000-8000-000000000000',
      channel: 'bank_transfer',
      channelRef: channelRef(),
      amount: '10.00',
      receivedOn: '2026-01-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('payment.payer_not_found');
    const zero = await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: enterpriseId,
      channel: 'bank_transfer',
      channelRef: channelRef(),
      amount: '0.00',
      receivedOn: '2026-01-01',
    });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].path).toBe('/body/amount');
    expect((await enterprise.post('/api/payments', {})).status).toBe(403);
  });

  it('the policyholder pays quarterly: four instalments summing exactly; fixed once money arrives', async () => {
    const policy = await coinsuredPolicy();
    const [invoice] = await invoicesOf(enterprise, policy.id);
    const r = await enterprise.put(`/api/invoices/${invoice.id}/instalments`, { count: 4 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.instalments).toHaveLength(4);
    expect(r.body.instalments.reduce((s: bigint, i: { amount: string }) => s + fen(i.amount), 0n)).toBe(
      fen(invoice.amount),
    );
    expect(r.body.instalments[0].dueDate).toBe(invoice.dueDate);
    expect((await insurer2.put(`/api/invoices/${invoice.id}/instalments`, { count: 2 })).status).toBe(404);
    expect((await enterprise.put(`/api/invoices/${invoice.id}/instalments`, { count: 3 })).status).toBe(400);
    await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'offline',
      channelRef: channelRef(),
      reference: invoice.number,
      amount: r.body.instalments[0].amount,
      receivedOn: invoice.issuedOn,
    });
    const paid = (await enterprise.get(`/api/invoices/${invoice.id}`)).body;
    expect(paid.instalments[0].settled).toBe(paid.instalments[0].amount);
    expect(paid.instalments[1].settled).toBe('0.00');
    expect((await enterprise.put(`/api/invoices/${invoice.id}/instalments`, { count: 1 })).body.code).toBe(
      'invoice.settled',
    );
  });
});

describe('cancellation refunds', () => {
  it('a paid policy cancelled mid-term: the credit note refunds exactly the unearned premium and each co-insurer gives back its share', async () => {
    const policy = await coinsuredPolicy();
    const [invoice] = await invoicesOf(insurer, policy.id);
    await insurer.post('/api/payments', {
      payerKind: 'enterprise',
      payerId: invoice.payer.id,
      channel: 'bank_transfer',
      channelRef: channelRef(),
      reference: invoice.number,
      amount: invoice.amount,
      receivedOn: invoice.issuedOn,
    });
    const cancelDate = new Date(Date.parse(`${policy.startDate}T00:00:00Z`) + 91 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const c = await enterprise.post(`/api/policies/${policy.id}/cancel`, { cancelDate, reason: '业务调整' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const refund = fen(policy.premium) - fen(c.body.writtenPremium);
    expect(refund).toBeGreaterThan(0n);
    // The unearned premium on the day before the cancel date is what comes back, to the fen.
    const earned = await insurer.get(
      `/api/policies/${policy.id}/earned?asOf=${new Date(Date.parse(`${cancelDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(earned.status, JSON.stringify(earned.body)).toBe(200);
    const notes = (await invoicesOf(enterprise, policy.id)).filter(
      (i: { kind: string }) => i.kind === 'credit_note',
    );
    expect(notes).toHaveLength(1);
    expect(fen(notes[0].amount)).toBe(-refund);
    expect(notes[0].status).toBe('refund_due');
    // Each co-insurer's premium income went down by its share of the refund.
    const lines = c.body.endorsements.at(-1).lineDeltas as { orgId: string; delta: string }[];
    expect(lines.reduce((s, l) => s + fen(l.delta), 0n)).toBe(-refund);
    const incomeOf = async (orgId: string) => {
      const r = await t.db.pool.query<{ s: string }>(
        `SELECT coalesce(-sum(amount), 0)::text AS s FROM journal_line WHERE policy_id = $1 AND org_id = $2
            AND account = 'premium_income'`,
        [policy.id, orgId],
      );
      return BigInt(r.rows[0]?.s ?? '0');
    };
    const written = new Map(
      policy.lines.map((l: { orgId: string; premium: string }) => [l.orgId, fen(l.premium)]),
    );
    for (const l of lines)
      expect(await incomeOf(l.orgId)).toBe((written.get(l.orgId) as bigint) + fen(l.delta));
    // The lead pays it back; the payer's receivable is square.
    const paidBack = await insurer.post(`/api/invoices/${notes[0].id}/refund`, {
      channel: 'bank_transfer',
      channelRef: channelRef(),
      paidOn: notes[0].issuedOn,
    });
    expect(paidBack.status, JSON.stringify(paidBack.body)).toBe(200);
    expect(paidBack.body.status).toBe('refunded');
    expect((await enterprise.post(`/api/invoices/${notes[0].id}/refund`, {})).status).toBe(403);
    expect(await receivableOf(policy.id)).toBe(0n);
  });

  it('an unpaid policy cancelled: the credit note offsets the open bill, nothing is paid back', async () => {
    const policy = await coinsuredPolicy();
    const cancelDate = new Date(Date.parse(`${policy.startDate}T00:00:00Z`) + 200 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const c = await enterprise.post(`/api/policies/${policy.id}/cancel`, { cancelDate, reason: '不再需要' });
    expect(c.status).toBe(200);
    const all = await invoicesOf(enterprise, policy.id);
    const bill = all.find((i: { kind: string }) => i.kind === 'premium');
    const note = all.find((i: { kind: string }) => i.kind === 'credit_note');
    expect(note.status).toBe('refunded');
    expect(fen(bill.outstanding)).toBe(fen(c.body.writtenPremium));
    const detail = (await enterprise.get(`/api/invoices/${bill.id}`)).body;
    expect(detail.settlements).toMatchObject([{ kind: 'offset', offsetInvoice: note.number }]);
  });
});

describe('settlement', () => {
  it('the lead settles with the follower: the statement lists what it collected for it; settling clears both books', async () => {
    await coinsuredPolicy();
    const due = -(await balance(insurer, 'coinsurance_payable', insurer2Id));
    expect(due).toBeGreaterThan(0n);
    expect(await balance(insurer2, 'coinsurance_receivable', insurerId)).toBe(due);
    const s = await insurer.post('/api/settlements', { kind: 'coinsurance', counterparty: insurer2Id });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({ status: 'open', direction: 'pay', amount: yuan(due) });
    expect(s.body.lines.reduce((sum: bigint, l: { amount: string }) => sum - fen(l.amount), 0n)).toBe(due);
    // The follower sees it; the policyholder does not; a second open one is refused.
    expect((await insurer2.get(`/api/settlements/${s.body.id}`)).status).toBe(200);
    expect((await enterprise.get(`/api/settlements/${s.body.id}`)).status).toBe(404);
    expect(
      (await insurer.post('/api/settlements', { kind: 'coinsurance', counterparty: insurer2Id })).body.code,
    ).toBe('settlement.open_exists');
    const csv = await insurer.get(`/api/settlements/${s.body.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.replace(/^\uFEFF/, '').startsWith('保单号,被保险人')).toBe(true);
    const xlsx = await insurer.get(`/api/settlements/${s.body.id}/export`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      (await insurer2.post(`/api/settlements/${s.body.id}/settle`, { channelRef: 'X1' })).body.code,
    ).toBe('settlement.not_drawer');
    const done = await insurer.post(`/api/settlements/${s.body.id}/settle`, { channelRef: channelRef() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('settled');
    expect(await balance(insurer, 'coinsurance_payable', insurer2Id)).toBe(0n);
    expect(await balance(insurer2, 'coinsurance_receivable', insurerId)).toBe(0n);
    expect(await balance(insurer2, 'cash', insurerId)).toBe(due);
    expect(
      (await insurer.post('/api/settlements', { kind: 'coinsurance', counterparty: insurer2Id })).body.code,
    ).toBe('settlement.nothing_due');
  });

  it('the ceding insurer settles its bordereau with the reinsurer: ceded premium less commission', async () => {
    const r = await insurer.get('/api/ledger/balances');
    const payable = r.body.items.find((i: { account: string }) => i.account === 'reinsurance_payable');
    expect(payable).toBeDefined();
    const s = await insurer.post('/api/settlements', {
      kind: 'reinsurance',
      counterparty: payable.counterparty,
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const commission = await balance(insurer, 'commission_receivable', payable.counterparty);
    expect(fen(s.body.amount)).toBe(-fen(payable.balance) - commission);
    const done = await insurer.post(`/api/settlements/${s.body.id}/settle`, { channelRef: channelRef() });
    expect(done.status).toBe(200);
    expect(await balance(insurer, 'reinsurance_payable', payable.counterparty)).toBe(0n);
    expect(await balance(insurer, 'commission_receivable', payable.counterparty)).toBe(0n);
  });
});

describe('reconciliation', () => {
  it('the trial balance sums to zero; verify passes, and a hand-edited line is caught by its entry', async () => {
    const tb = await regulator.get('/api/ledger/trial-balance');
    expect(tb.status).toBe(200);
    expect(tb.body).toMatchObject({ scope: 'platform', balanced: true });
    expect(tb.body.totalDebit).toBe(tb.body.totalCredit);
    const own = await insurer.get('/api/ledger/trial-balance');
    expect(own.body.scope).toBe(insurerId);
    expect((await insurer.get(`/api/ledger/trial-balance?orgId=${insurer2Id}`)).status).toBe(403);
    const ok = await regulator.get('/api/ledger/verify');
    expect(ok.body.problems).toEqual([]);
    expect(ok.body.ok).toBe(true);
    expect((await insurer.get('/api/ledger/verify')).status).toBe(403);

    const line = await t.db.pool.query<{ entry_id: string; line_no: number }>(
      "SELECT entry_id, line_no FROM journal_line WHERE account = 'premium_income' LIMIT 1",
    );
    const { entry_id, line_no } = line.rows[0] as { entry_id: string; line_no: number };
    await t.db.pool.query(
      'UPDATE journal_line SET amount = amount - 1 WHERE entry_id = $1 AND line_no = $2',
      [entry_id, line_no],
    );
    try {
      const report = await verifyLedger(t.db.pool);
      expect(report.ok).toBe(false);
      expect(report.problems.find((p) => p.code === 'entry.unbalanced')?.subject).toBe(entry_id);
      expect((await regulator.get('/api/ledger/trial-balance')).body.balanced).toBe(false);
    } finally {
      await t.db.pool.query(
        'UPDATE journal_line SET amount = amount + 1 WHERE entry_id = $1 AND line_no = $2',
        [entry_id, line_no],
      );
    }
    expect((await verifyLedger(t.db.pool)).ok).toBe(true);
  });

  it("an account statement lists the lead's lines with the policy; CSV downloads", async () => {
    const r = await insurer.get(`/api/ledger/statement?counterparty=${enterpriseId}`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items[0].policy.number).toMatch(/^KB-/);
    const csv = await insurer.get(`/api/ledger/statement?counterparty=${enterpriseId}&format=csv`);
    expect(csv.text).toContain('应收保费');
  });
});

describe('the monthly close', () => {
  it('books each co-insurer’s UPR at the month end, once, in order; only after the month has ended', async () => {
    const policy = await coinsuredPolicy();
    const month = (await platform.get('/api/me')).body
      ? new Date(t.clock.now()).toISOString().slice(0, 7)
      : '';
    const early = await platform.post('/api/ledger/closes', { month });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('ledger.month_not_ended');
    expect((await insurer.post('/api/ledger/closes', { month })).status).toBe(403);
    // Into the next month (sessions expire with the clock: sign in again).
    t.clock.advance(32 * 86_400_000);
    const admin = await t.as('platform@demo.kebao.cn');
    const lead = await t.as('insurer@demo.kebao.cn');
    const closed = await admin.post('/api/ledger/closes', { month });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body.policies).toBeGreaterThan(0);
    const monthEnd = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const earned = (await lead.get(`/api/policies/${policy.id}/earned?asOf=${monthEnd}`)).body;
    expect(fen(earned.earned) + fen(earned.unearned)).toBe(fen(earned.written));
    for (const p of earned.participants) expect(p.booked).toBe(p.unearned);
    expect(earned.participants.reduce((s: bigint, p: { unearned: string }) => s + fen(p.unearned), 0n)).toBe(
      fen(earned.unearned),
    );
    const again = await admin.post('/api/ledger/closes', { month });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ledger.month_closed');
    expect((await admin.get('/api/ledger/closes')).body.items[0].month).toBe(month);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);
    // Cancelled after the close: the booked UPR stays above the net premium until the next close; still sound.
    const holder = await t.as('enterprise@demo.kebao.cn');
    const cancelled = await holder.post(`/api/policies/${policy.id}/cancel`, {
      cancelDate: new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10),
      reason: '月结后退保',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await verifyLedger(t.db.pool)).problems).toEqual([]);

    // Two more months pass with the server down: the job closes both, in order, and nothing twice.
    t.clock.advance(62 * 86_400_000);
    const job = new MonthCloseJob(
      createTxRunner({ pool: t.db.pool, clock: t.clock.now }),
      t.db.pool,
      t.clock.now,
      quiet,
    );
    await job.runOnce();
    await job.runOnce();
    const months = (
      await t.db.pool.query<{ m: string }>(
        "SELECT to_char(month, 'YYYY-MM') AS m FROM ledger_close ORDER BY month",
      )
    ).rows.map((r) => r.m);
    expect(months.slice(-3)).toEqual([month, nextMonth(month, 1), nextMonth(month, 2)]);
    expect(new Set(months).size).toBe(months.length);
  });
});

function nextMonth(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
