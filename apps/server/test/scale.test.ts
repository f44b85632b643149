import { isValidUscc } from '@kebao/domain/org';
import { checkReferences, cumulativeShares, loadScale, scalePlan, zoneMarket } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';

// Scale mode on the demo zone: the synthetic directory and business bulk-loaded into the zone's market,
// self-consistent and served by the API like any other business, within each actor's scope.

describe('scale mode', () => {
  let t: TestServer;
  const plan = scalePlan(3_000, 1_000, 600);
  let market: Awaited<ReturnType<typeof zoneMarket>>;

  beforeAll(async () => {
    t = await startTestServer();
    market = await zoneMarket(t.db.pool);
    // A load whose rows would name a missing insurer fails its reference check and leaves nothing.
    const ghost = { ...market, insurers: ['0b000000-0000-4000-8000-000000000000'], cumulativeShares: [] };
    await expect(loadScale(t.db.url, scalePlan(50, 20, 10), ghost)).rejects.toThrow(/broke foreign keys/);
    const { rows: left } = await t.db.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM enterprise WHERE id::text LIKE 'e0000000-%') +
              (SELECT count(*) FROM policy WHERE id::text LIKE 'a0000000-%') +
              (SELECT count(*) FROM registered_policy WHERE id::text LIKE 'b0000000-%') AS n`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    const load = await loadScale(t.db.url, plan, market, { seed: 7 });
    expect(load.counts).toMatchObject({ platform: 3_000, registered: 1_000, enterprises: 600 });
    expect(load.foreignKeys).toBeGreaterThan(10);
  });
  afterAll(() => t?.close());

  it('writes valid USCCs, in the directory and for registered insureds outside it', async () => {
    const { rows } = await t.db.pool.query<{ uscc: string }>(
      `SELECT uscc FROM enterprise WHERE id::text LIKE 'e0000000-%'
       UNION ALL SELECT insured_uscc FROM registered_policy WHERE id::text LIKE 'b0000000-%'`,
    );
    expect(rows.length).toBe(1_600);
    const invalid = rows.filter((r) => !isValidUscc(r.uscc));
    expect(invalid).toEqual([]);
    const { rows: profiles } = await t.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM enterprise e JOIN enterprise_profile_version v
          ON v.enterprise_id = e.id AND v.version = e.current_version AND v.profile ->> 'uscc' = e.uscc
        WHERE e.id::text LIKE 'e0000000-%'`,
    );
    expect(Number(profiles[0]?.n)).toBe(600);
  });

  it('splits every policy exactly over its insurer lines, in the zone’s market and filed products', async () => {
    const { rows } = await t.db.pool.query<{ bad_split: string; outside: string; unknown_product: string }>(
      `SELECT
         (SELECT count(*) FROM policy p WHERE p.id::text LIKE 'a0000000-%' AND (p.premium, p.sum_insured) IS DISTINCT FROM
            (SELECT (sum(l.premium)::bigint, sum(l.sum_insured)::bigint) FROM policy_line l WHERE l.policy_id = p.id)) AS bad_split,
         (SELECT count(*) FROM policy_line l WHERE l.policy_id::text LIKE 'a0000000-%'
            AND l.org_id <> ALL ($1::uuid[])) AS outside,
         (SELECT count(*) FROM policy p WHERE p.id::text LIKE 'a0000000-%' AND NOT EXISTS
            (SELECT 1 FROM product_version v JOIN product d USING (code) WHERE v.code = p.product_code
                AND v.version = p.product_version AND v.status = 'filed' AND d.statistical_class = p.statistical_class))
           AS unknown_product`,
      [market.insurers],
    );
    expect(Object.values(rows[0] ?? {}).map(Number)).toEqual([0, 0, 0]);
    expect(await checkReferences(t.db.url)).toEqual([]);
  });

  it('is served within scope: an insurer sees its own synthetic policies and not a competitor’s', async () => {
    const insurer = await t.as('insurer@demo.kebao.cn');
    const { rows: orgs } = await t.db.pool.query<{ org_id: string }>(
      "SELECT org_id FROM app_user WHERE email = 'insurer@demo.kebao.cn'",
    );
    const own = orgs[0]?.org_id as string;
    const { rows } = await t.db.pool.query<{ id: string; lead_org_id: string }>(
      `SELECT p.id, p.lead_org_id FROM policy p WHERE p.id::text LIKE 'a0000000-%'
          AND NOT EXISTS (SELECT 1 FROM policy_line l WHERE l.policy_id = p.id AND l.org_id = $1)
        ORDER BY p.id LIMIT 1`,
      [own],
    );
    const { rows: mine } = await t.db.pool.query<{ id: string }>(
      "SELECT id FROM policy WHERE id::text LIKE 'a0000000-%' AND lead_org_id = $1 ORDER BY id LIMIT 1",
      [own],
    );
    expect(mine[0]).toBeDefined();
    const detail = await insurer.get(`/api/policies/${mine[0]?.id}`);
    expect(detail.status).toBe(200);
    expect((await insurer.get(`/api/policies/${rows[0]?.id}`)).status).toBe(404);
    const regulator = await t.as('regulator@demo.kebao.cn');
    const enterprise = await regulator.get('/api/enterprises/e0000000-0000-4000-8000-000000000005');
    expect(enterprise.status).toBe(200);
    const stats = await regulator.get('/api/monitor/statistics?year=2025&period=year');
    expect(stats.status).toBe(200);
    const policies2025 = (stats.body as { rows: { policies: number }[] }).rows.reduce(
      (n, r) => n + r.policies,
      0,
    );
    expect(policies2025).toBeGreaterThan(500);
  });

  it('refuses a second load into the same zone, leaving the first as it was', async () => {
    const count = async () =>
      (await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM policy')).rows[0]?.n;
    const before = await count();
    await expect(loadScale(t.db.url, scalePlan(10, 0, 5), market, { seed: 8 })).rejects.toThrow(
      /already holds a scale load/,
    );
    expect(await count()).toBe(before);
  });
});

describe('cumulative market shares', () => {
  it('gives n − 1 increasing thresholds below 100 for any number of insurers', () => {
    for (let n = 1; n <= 100; n++) {
      const shares = cumulativeShares(n);
      expect(shares.length).toBe(n - 1);
      shares.forEach((s, i) => {
        expect(s).toBeGreaterThan(i === 0 ? 0 : (shares[i - 1] as number));
        expect(s).toBeLessThan(100);
      });
    }
    expect(cumulativeShares(15)[0]).toBeGreaterThanOrEqual(10);
  });
});
