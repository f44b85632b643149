import { createHash } from 'node:crypto';
import { type PortfolioInput, simulate } from '@kebao/risk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

/*
 * Risk runs over the live portfolio: the regulator asks, the server's risk job builds the portfolio in force
 * (platform and registered policies, lines, capital, treaties), stores it with the run and simulates it on a
 * worker thread; the stored portfolio repeats the figures exactly; an insurer sees its own slice only.
 */

let t: TestServer;
let regulator: Client;
let insurer: Client;
let insurer2: Client;
let enterprise: Client;

type Run = {
  id: string;
  status: string;
  asOf: string;
  years: number;
  seed: number;
  yearsDone: number;
  units: number | null;
  platformPolicies: number | null;
  registeredPolicies: number | null;
  portfolioSha256: string | null;
  error: string | null;
  scope?: string;
  perspectives?: {
    key: string;
    kind: string;
    id: string | null;
    names: { zh: string; en: string };
    aal: number;
    pml: { returnPeriod: number; oep: number | null; aep: number | null }[];
    ep: { returnPeriod: number; oep: number | null; aep: number | null }[];
    tvar995: number | null;
  }[];
  capacity?: { insurer: string; capital: number; netPml200: number | null; coverageRatio: number | null }[];
};

async function finished(id: string, who: Client = regulator): Promise<Run> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await who.get<Run>(`/api/risk/runs/${id}`);
    expect(r.status, r.text).toBe(200);
    if (['done', 'failed', 'cancelled'].includes(r.body.status)) return r.body;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${r.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function orgId(email: string): Promise<string> {
  const r = await t.db.pool.query<{ org_id: string }>('SELECT org_id FROM app_user WHERE email = $1', [
    email,
  ]);
  return r.rows[0]?.org_id as string;
}

beforeAll(async () => {
  t = await startTestServer({
    KEBAO_DEMO_ENTERPRISES: '120',
    KEBAO_DEMO_POLICIES: '40',
    KEBAO_DEMO_YEARS: '1',
  });
  [regulator, insurer, insurer2, enterprise] = await Promise.all([
    t.as('regulator@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('enterprise@demo.kebao.cn'),
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe('risk runs over the live portfolio', () => {
  let run: Run;

  it('the demo zone opens with a run of the zone as it stands, requested by the platform itself', async () => {
    const list = await regulator.get<{ items: Run[]; total: number }>('/api/risk/runs');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const demo = await finished(list.body.items[0]?.id as string);
    expect(demo).toMatchObject({ status: 'done', years: 10_000, seed: 2026 });
    expect(demo.units).toBeGreaterThan(0);
  });

  it('the regulator asks for a run; the job builds the portfolio in force and simulates it', async () => {
    const asked = await regulator.post<Run>('/api/risk/runs', { years: 2000, seed: 7 });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toMatchObject({ status: 'queued', years: 2000, seed: 7, yearsDone: 0 });
    run = await finished(asked.body.id);
    expect(run.status, run.error ?? '').toBe('done');
    expect(run.yearsDone).toBe(2000);

    // Every policy in force on the day, each group member on its own, and every registered one.
    const platform = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM policy p
        WHERE p.start_date <= $1 AND p.end_date >= $1 AND (p.cancelled_on IS NULL OR p.cancelled_on > $1)
          AND NOT EXISTS (SELECT 1 FROM policy c WHERE c.master_policy_id = p.id)`,
      [run.asOf],
    );
    const registered = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registered_policy
        WHERE start_date <= $1 AND end_date >= $1 AND status <> 'cancelled'`,
      [run.asOf],
    );
    expect(platform.rows[0]?.n).toBeGreaterThan(0);
    expect(run.platformPolicies).toBe(platform.rows[0]?.n);
    expect(run.registeredPolicies).toBe(registered.rows[0]?.n);
    expect(run.units).toBe((platform.rows[0]?.n ?? 0) + (registered.rows[0]?.n ?? 0));

    const keys = run.perspectives?.map((p) => p.key) ?? [];
    expect(keys).toContain('ground_up');
    expect(keys).toContain('gross');
    const lead = await orgId('insurer@demo.kebao.cn');
    expect(keys).toContain(`insurer_gross:${lead}`);
    expect(keys).toContain(`insurer_net:${lead}`);
    expect(keys.some((k) => k.startsWith('reinsurer:'))).toBe(true);
    expect(run.scope).toBe('all');

    // The curves rise with the return period, and the lead's treaties take part of its gross.
    for (const p of run.perspectives ?? []) {
      const aep = p.ep.map((e) => e.aep ?? 0);
      for (let i = 1; i < aep.length; i++) expect(aep[i]).toBeGreaterThanOrEqual(aep[i - 1] as number);
    }
    const gross = run.perspectives?.find((p) => p.key === `insurer_gross:${lead}`);
    const net = run.perspectives?.find((p) => p.key === `insurer_net:${lead}`);
    expect(net?.aal).toBeLessThan(gross?.aal as number);
    expect(gross?.names.zh).toContain('示例科技财产保险');
    expect((gross as unknown as { subject: { zh: string } }).subject.zh).toBe('示例科技财产保险股份有限公司');

    // Capacity against the capital recorded for art. 103.
    const capacity = run.capacity?.find((c) => c.insurer === lead);
    const capital = await t.db.pool.query<{ c: string }>(
      'SELECT capital_and_reserves::text AS c FROM insurer_capacity WHERE org_id = $1',
      [lead],
    );
    expect(capacity?.capital).toBe(Number(capital.rows[0]?.c) / 100);
    expect(capacity?.coverageRatio).toBeCloseTo(
      (capacity?.capital ?? 0) / (net?.pml.find((x) => x.returnPeriod === 200)?.aep ?? 1),
      6,
    );

    const audit = await t.db.pool.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'risk_run' AND entity_id = $1 ORDER BY id",
      [run.id],
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['risk.run.request', 'risk.run.finish']);
  });

  it('the stored portfolio repeats the run to the last digit', async () => {
    const file = await regulator.get(`/api/risk/runs/${run.id}/portfolio`);
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(createHash('sha256').update(file.text).digest('hex')).toBe(run.portfolioSha256);
    const portfolio = JSON.parse(file.text) as PortfolioInput;
    expect(portfolio.policies).toHaveLength(run.units as number);
    const again = await simulate(portfolio, { years: run.years, seed: run.seed });
    for (const p of run.perspectives ?? []) {
      const q = again.perspectives.find((x) => x.key === p.key);
      expect(q?.aal, p.key).toBe(p.aal);
      expect(q?.pml, p.key).toEqual(p.pml);
      expect(q?.tvar995, p.key).toBe(p.tvar995);
    }
    // Another seed is another sample.
    const other = await simulate(portfolio, { years: run.years, seed: run.seed + 1 });
    expect(other.perspectives.find((x) => x.key === 'gross')?.aal).not.toBe(
      run.perspectives?.find((x) => x.key === 'gross')?.aal,
    );
  });

  it('an insurer sees the zone totals and its own figures, never a competitor’s or a reinsurer’s', async () => {
    const lead = await orgId('insurer@demo.kebao.cn');
    const follower = await orgId('insurer2@demo.kebao.cn');
    const mine = await insurer.get<Run>(`/api/risk/runs/${run.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toBe('own');
    const keys = mine.body.perspectives?.map((p) => p.key) ?? [];
    expect(keys).toContain('gross');
    expect(keys).toContain(`insurer_net:${lead}`);
    expect(keys.filter((k) => k.startsWith('insurer_')).every((k) => k.endsWith(lead))).toBe(true);
    expect(keys.some((k) => k.startsWith('reinsurer:'))).toBe(false);
    expect(mine.body.capacity?.map((c) => c.insurer)).toEqual([lead]);

    const theirs = await insurer2.get<Run>(`/api/risk/runs/${run.id}`);
    const theirKeys = theirs.body.perspectives?.map((p) => p.key) ?? [];
    expect(theirKeys.some((k) => k.includes(lead))).toBe(false);
    expect(theirs.body.capacity?.every((c) => c.insurer === follower)).toBe(true);

    // Insurers read results but neither ask for runs nor read the portfolio (every insurer's lines).
    expect((await insurer.post('/api/risk/runs', { years: 1000 })).status).toBe(403);
    expect((await insurer.get(`/api/risk/runs/${run.id}/portfolio`)).status).toBe(403);
    expect((await insurer.post(`/api/risk/runs/${run.id}/cancel`, {})).status).toBe(403);
    // An enterprise sees no runs at all.
    expect((await enterprise.get('/api/risk/runs')).status).toBe(403);
    expect((await enterprise.get(`/api/risk/runs/${run.id}`)).status).toBe(403);
    expect((await t.client().get('/api/risk/runs')).status).toBe(401);
  });

  it('refuses bad requests with the field and a message in both languages', async () => {
    const few = await regulator.post('/api/risk/runs', { years: 10 });
    expect(few.status).toBe(400);
    expect(few.body.errors[0].path).toBe('/body/years');
    const seed = await regulator.post('/api/risk/runs', { seed: -1 });
    expect(seed.status).toBe(400);
    expect(seed.body.errors[0].path).toBe('/body/seed');
    const extra = await regulator.post('/api/risk/runs', { years: 2000, policies: 5 });
    expect(extra.status).toBe(400);
    const future = await regulator.post('/api/risk/runs', { asOf: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('risk.as_of_future');
    expect(future.body.message_zh).toContain('晚于今天');
    expect(future.body.message_en).toContain('after today');
    const missing = await regulator.get('/api/risk/runs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('risk.run_not_found');
    const done = await regulator.post(`/api/risk/runs/${run.id}/cancel`, {});
    expect(done.status).toBe(409);
    expect(done.body.code).toBe('risk.run_finished');
    const runs = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM risk_run');
    expect(runs.rows[0]?.n).toBe(2);
  });

  it('a day with nothing in force fails with the reason; a cancelled run keeps no figures', async () => {
    const empty = await regulator.post<Run>('/api/risk/runs', { years: 1000, asOf: '2001-01-01' });
    expect(empty.status).toBe(202);
    const failed = await finished(empty.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('no policies in force on 2001-01-01');

    const long = await regulator.post<Run>('/api/risk/runs', { years: 200_000, seed: 3 });
    expect(long.status).toBe(202);
    const cancel = await regulator.post<Run>(`/api/risk/runs/${long.body.id}/cancel`, {});
    expect(cancel.status, cancel.text).toBe(200);
    expect(['cancelled', 'cancelling']).toContain(cancel.body.status);
    const ended = await finished(long.body.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.perspectives).toEqual([]);

    const list = await regulator.get<{ items: Run[]; total: number }>('/api/risk/runs?limit=2');
    expect(list.body.total).toBe(4);
    expect(list.body.items.map((r) => r.id)).toEqual([long.body.id, empty.body.id]);
    const done = await regulator.get<{ items: Run[]; total: number }>('/api/risk/runs?status=done&limit=1');
    expect(done.body.total).toBe(2);
    expect(done.body.items.map((r) => r.id)).toEqual([run.id]);
    expect((await regulator.get('/api/risk/runs?status=finished')).status).toBe(400);
  });
});
