import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

/*
 * The demo zone's years of activity: binds with seasons and renewals, payments (some late, partial or
 * over), endorsements, cancellations, claims, monthly closes and settlements — the funder's quarterly subsidy
 * statements among them —, the other insurers' registered business, all through the services — and the
 * ledger verifies.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    KEBAO_DEMO_ENTERPRISES: '150',
    KEBAO_DEMO_POLICIES: '50',
    KEBAO_DEMO_YEARS: '2',
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const count = async (sql: string) => Number((await t.db.pool.query<{ n: string }>(sql)).rows[0]?.n ?? 0);

describe('the demo zone after two seeded years', () => {
  it('has policies, bills paid and unpaid, closes for every ended month, a settlement; the ledger verifies', async () => {
    expect(await count('SELECT count(*)::text AS n FROM policy')).toBeGreaterThan(20);
    const activity = JSON.parse(t.logs.find((l) => l.includes('seeded the demo activity')) ?? '{}');
    // 50 new quotes a year and the renewals of the first year's policies.
    expect(activity.renewals).toBeGreaterThan(10);
    expect(activity.quotes).toBe(100 + activity.renewals);
    expect(activity.closes).toBeGreaterThanOrEqual(23);
    expect(activity.policies).toBeGreaterThan(75);
    expect(
      await count('SELECT count(*)::text AS n FROM policy WHERE prior_policy_id IS NOT NULL'),
    ).toBeGreaterThan(10);
    // Thirteen insurers without a login register what they write in their own systems, monthly.
    expect(await count("SELECT count(*)::text AS n FROM organisation WHERE kind = 'insurer'")).toBe(15);
    expect(activity.registered).toBeGreaterThan(100);
    expect(await count('SELECT count(DISTINCT insurer_org_id)::text AS n FROM registered_policy')).toBe(13);
    expect(await count('SELECT count(*)::text AS n FROM coinsurance_pool')).toBe(2);
    expect(activity.cancellations + activity.endorsements).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*)::text AS n FROM settlement_statement WHERE status = 'settled'"),
    ).toBeGreaterThan(0);
    expect(await count("SELECT count(*)::text AS n FROM payment WHERE direction = 'in'")).toBeGreaterThan(10);
    expect(
      await count('SELECT count(*)::text AS n FROM invoice WHERE settled = 0 AND amount > 0'),
    ).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::text AS n FROM payment WHERE unapplied > 0')).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::text AS n FROM ledger_close')).toBeGreaterThanOrEqual(11);
    expect(
      await count("SELECT count(*)::text AS n FROM journal_line WHERE account = 'unearned_premium_reserve'"),
    ).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*)::text AS n FROM policy_line WHERE role = 'follower'"),
    ).toBeGreaterThan(0);
    // The demo enterprise confirmed its 免申即享 subsidies; the broker's clients could not, and theirs lapsed.
    expect(
      await count("SELECT count(*)::text AS n FROM subsidy_grant WHERE status = 'confirmed'"),
    ).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*)::text AS n FROM subsidy_grant WHERE status = 'lapsed'"),
    ).toBeGreaterThan(0);
    // 首台套: a quota for the demo enterprise's listed equipment, one application paid, one waiting at the
    // ministry after a request for more (补正), one at the province.
    expect(await count("SELECT count(*)::text AS n FROM subsidy_quota WHERE status = 'active'")).toBe(1);
    const firstSet = await t.db.pool.query<{ status: string; review_stage: number; paid: string }>(
      `SELECT status, review_stage, paid::text FROM subsidy_grant
        WHERE programme_code = 'central-first-set-2024' ORDER BY created_at`,
    );
    expect(firstSet.rows.map((g) => [g.status, g.review_stage, g.paid !== '0'])).toEqual([
      ['approved', 1, true],
      ['submitted', 1, false],
      ['submitted', 0, false],
    ]);
    expect(
      await count(
        "SELECT count(*)::text AS n FROM subsidy_review WHERE decision IN ('request_more', 'resubmit')",
      ),
    ).toBe(2);
    const province = await t.as('shanghai@demo.kebao.cn');
    expect((await province.get('/api/subsidy/grants?toReview=true')).body.total).toBe(1);
    const ministry = await t.as('central@demo.kebao.cn');
    expect((await ministry.get('/api/subsidy/grants?toReview=true')).body.total).toBe(1);
    // Claims: noticed, registered, paid or declined along the year, with reserves and recoveries booked.
    expect(activity.claims).toBeGreaterThan(0);
    expect(activity.claimsPaid).toBeGreaterThan(0);
    expect(await count("SELECT count(*)::text AS n FROM claim WHERE status IN ('paid', 'closed')")).toBe(
      activity.claimsPaid,
    );
    expect(await count('SELECT count(*)::text AS n FROM expert')).toBeGreaterThan(0);
    const report = await verifyLedger(t.db.pool);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // The demo enterprise sees its own bills.
    const enterprise = await t.as('enterprise@demo.kebao.cn');
    const bills = await enterprise.get('/api/invoices?side=billed');
    expect(bills.body.total).toBeGreaterThan(0);
    const statuses = new Set(bills.body.items.map((i: { status: string }) => i.status));
    expect(statuses.has('paid') || statuses.has('overdue')).toBe(true);
  });

  it('the funder settles subsidy with the insurers by quarterly statements (补贴结算单): settled ones balance, at most one waits open per insurer', async () => {
    const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
    const [regulator, funder, lead] = await Promise.all([
      t.as('regulator@demo.kebao.cn'),
      t.as('funder@demo.kebao.cn'),
      t.as('insurer@demo.kebao.cn'),
    ]);
    const funderId = (await funder.get('/api/me')).body.organisation.id;
    const leadId = (await lead.get('/api/me')).body.organisation.id;
    const all = await regulator.get('/api/settlements?kind=subsidy&limit=200');
    expect(all.status).toBe(200);
    const statements = all.body.items as {
      id: string;
      status: string;
      asOf: string;
      amount: string;
      drawer: { id: string };
      counterparty: { id: string };
    }[];
    expect(statements.length).toBeGreaterThan(0);
    // Drawn up by the funder, each as of a quarter's last day; at most one open with each insurer.
    for (const s of statements) {
      expect(s.drawer.id).toBe(funderId);
      expect(s.asOf).toMatch(/-(03-31|06-30|09-30|12-31)$/);
    }
    const open = statements.filter((s) => s.status === 'open');
    expect(new Set(open.map((s) => s.counterparty.id)).size).toBe(open.length);
    const settled = statements.filter((s) => s.status === 'settled');
    expect(settled.length).toBeGreaterThan(0);
    for (const s of settled) {
      // Its grants add up to what it paid, and its entry moved exactly that in cash in both books.
      const detail = (await regulator.get(`/api/settlements/${s.id}`)).body;
      expect(detail.lines.length).toBeGreaterThan(0);
      expect(detail.lines.reduce((sum: bigint, l: { amount: string }) => sum - fen(l.amount), 0n)).toBe(
        fen(s.amount),
      );
      const cash = await t.db.pool.query<{ org_id: string; amount: string }>(
        `SELECT l.org_id, sum(l.amount)::text AS amount FROM journal_line l
           JOIN settlement_statement st ON st.settle_entry = l.entry_id
          WHERE st.id = $1 AND l.account = 'cash' GROUP BY l.org_id`,
        [s.id],
      );
      expect(Object.fromEntries(cash.rows.map((r) => [r.org_id, BigInt(r.amount)]))).toEqual({
        [funderId]: -fen(s.amount),
        [s.counterparty.id]: fen(s.amount),
      });
    }
    // The funder and the insurer read the same statements.
    expect((await funder.get('/api/settlements?kind=subsidy&limit=200')).body.total).toBe(statements.length);
    expect((await lead.get(`/api/settlements?kind=subsidy&drawer=${funderId}&limit=200`)).body.total).toBe(
      statements.filter((s) => s.counterparty.id === leadId).length,
    );
    expect(
      await count(
        `SELECT count(*)::text AS n FROM invoice_settlement x JOIN invoice i ON i.id = x.invoice_id
          WHERE i.payer_kind = 'funder' AND x.kind = 'statement'`,
      ),
    ).toBeGreaterThan(0);
    // The broker's clients' bills it paid one by one by transfer; the demo enterprise's only by statement.
    const paidBy = async (kind: string, demoEnterprise: boolean) =>
      count(
        `SELECT count(*)::text AS n FROM invoice_settlement x JOIN invoice i ON i.id = x.invoice_id
           JOIN policy p ON p.id = i.policy_id JOIN enterprise e ON e.id = p.enterprise_id
          WHERE i.payer_kind = 'funder' AND x.kind = '${kind}' AND (e.org_id IS NOT NULL) = ${demoEnterprise}`,
      );
    expect(await paidBy('statement', true)).toBeGreaterThan(0);
    expect(await paidBy('payment', true)).toBe(0);
    expect(await paidBy('payment', false)).toBeGreaterThan(0);
    const report = await verifyLedger(t.db.pool);
    expect(report.problems).toEqual([]);
  });

  it('the audit chains stay intact although the activity walked the clock through the past years', async () => {
    const { verifyAudit } = await import('../src/platform/audit/verify.ts');
    const result = await verifyAudit(t.db.pool);
    expect(result.problems).toEqual([]);
  });
});
