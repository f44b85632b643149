import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { verifyLedger } from '../src/modules/ledger/verify-service.ts';

/*
 * The demo zone's years of activity: binds with seasons and renewals, payments (some late, partial or
 * over), endorsements, cancellations, claims, monthly closes and settlements, the other insurers'
 * registered business, all through the services — and the ledger verifies.
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

  it('the audit chains stay intact although the activity walked the clock through the past years', async () => {
    const { verifyAudit } = await import('../src/platform/audit/verify.ts');
    const result = await verifyAudit(t.db.pool);
    expect(result.problems).toEqual([]);
  });
});
