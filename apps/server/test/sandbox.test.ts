import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { CATALOG_DIR } from '../src/modules/catalog/load-catalog.ts';
import { takeSandboxRoom } from '../src/modules/catalog/sandbox.ts';
import { systemActor } from '../src/platform/actor.ts';

let t: TestServer;
let insurer: Client;
let regulator: Client;
let equip: Record<string, any>;

beforeAll(async () => {
  t = await startTestServer({ KEBAO_QUOTE_PREVIEW_PER_MINUTE: '0' });
  [insurer, regulator] = await Promise.all([t.as('insurer@demo.kebao.cn'), t.as('regulator@demo.kebao.cn')]);
  equip = parse(await readFile(path.join(CATALOG_DIR, 'products', 'KB-AP-EQUIP.yaml'), 'utf8'));
});
afterAll(() => t.close());

async function sandboxed(code: string, limits: Record<string, unknown>) {
  await insurer.post('/api/products', { definition: { ...structuredClone(equip), code, version: 1 } });
  await insurer.post(`/api/products/${code}/versions/1/filing`, { action: 'submit' });
  return regulator.post(`/api/products/${code}/versions/1/review`, {
    action: 'admit_sandbox',
    comment: '创新产品测试',
    sandbox: limits,
  });
}

/** What the bind path will do for each policy: take the sandbox's room inside its transaction. */
const bind = (code: string, sumInsured: bigint, facts: Record<string, string> = {}) =>
  t.server.services.tx(systemActor, 'bind-test', (ctx) =>
    takeSandboxRoom(ctx, { code, version: 1, sumInsured, facts }),
  );

describe('the regulatory sandbox', () => {
  it('needs limits to admit a version', async () => {
    await insurer.post('/api/products', {
      definition: { ...structuredClone(equip), code: 'KB-AP-NOLIM', version: 1 },
    });
    await insurer.post('/api/products/KB-AP-NOLIM/versions/1/filing', { action: 'submit' });
    const answer = await regulator.post('/api/products/KB-AP-NOLIM/versions/1/review', {
      action: 'admit_sandbox',
    });
    expect(answer.body.code).toBe('filing.sandbox_limits_required');
  });

  it('admits a version with its limits, shown on the product', async () => {
    const admitted = await sandboxed('KB-AP-SBX', {
      maxPolicies: 3,
      maxSumInsured: '30000000.00',
      endsOn: '2099-12-31',
    });
    expect(admitted.body.status).toBe('sandbox');
    expect(admitted.body.sandbox).toMatchObject({
      maxPolicies: 3,
      maxSumInsured: '30000000.00',
      policiesBound: 0,
    });
    expect((await t.client().get('/api/products/KB-AP-SBX')).body.status).toBe('sandbox');
  });

  it('refuses the bind that would pass the policy limit, with a clear code', async () => {
    await sandboxed('KB-AP-FULL', { maxPolicies: 2, maxSumInsured: '100000000.00', endsOn: '2099-12-31' });
    await bind('KB-AP-FULL', 1_000_000_00n);
    await bind('KB-AP-FULL', 1_000_000_00n);
    await expect(bind('KB-AP-FULL', 1_000_000_00n)).rejects.toMatchObject({
      code: 'sandbox.policy_limit',
      status: 409,
    });
    const shown = await t.client().get('/api/products/KB-AP-FULL');
    expect(shown.body.sandbox).toMatchObject({ policiesBound: 2, sumInsuredBound: '2000000.00' });
  });

  it('refuses the bind that would pass the aggregate sum insured, and concurrent binds never overshoot', async () => {
    await sandboxed('KB-AP-AGG', { maxPolicies: 100, maxSumInsured: '10000000.00', endsOn: '2099-12-31' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => bind('KB-AP-AGG', 2_000_000_00n)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'sandbox.sum_insured_limit' });
    }
    const row = await t.db.pool.query(
      "SELECT policies_bound, sum_insured_bound FROM sandbox_admission WHERE code = 'KB-AP-AGG'",
    );
    expect(row.rows[0]).toEqual({ policies_bound: 5, sum_insured_bound: 10_000_000_00n });
  });

  it('refuses binds after the end date and outside the eligible group', async () => {
    await sandboxed('KB-AP-OLD', { maxPolicies: 10, maxSumInsured: '10000000.00', endsOn: '2020-12-31' });
    await expect(bind('KB-AP-OLD', 1n)).rejects.toMatchObject({ code: 'sandbox.ended' });
    await sandboxed('KB-AP-ZONE', {
      maxPolicies: 10,
      maxSumInsured: '10000000.00',
      endsOn: '2099-12-31',
      conditions: { fact: 'enterprise.region', op: 'in', values: ['310115'] },
    });
    await expect(bind('KB-AP-ZONE', 1n, { 'enterprise.region': '420100' })).rejects.toMatchObject({
      code: 'sandbox.not_eligible',
    });
    await expect(bind('KB-AP-ZONE', 1n, { 'enterprise.region': '310115' })).resolves.toBeUndefined();
  });

  it('graduates after an exit request and a full assessment, or stops with reasons', async () => {
    await sandboxed('KB-AP-GRAD', { maxPolicies: 10, maxSumInsured: '10000000.00', endsOn: '2099-12-31' });
    const early = await regulator.post('/api/products/KB-AP-GRAD/versions/1/review', { action: 'graduate' });
    expect(early.body.code).toBe('filing.exit_not_requested');
    await insurer.post('/api/products/KB-AP-GRAD/versions/1/filing', {
      action: 'request_exit',
      comment: '测试期满',
    });
    expect((await regulator.get('/api/filings/queue')).body.items).toContainEqual(
      expect.objectContaining({ code: 'KB-AP-GRAD', reviewKind: 'sandbox_exit' }),
    );
    const partial = await regulator.post('/api/products/KB-AP-GRAD/versions/1/review', {
      action: 'graduate',
      assessment: { scores: { innovation_value: 5 } },
    });
    expect(partial.body.code).toBe('filing.assessment_required');
    const scores = {
      innovation_value: 5,
      service_quality: 4,
      user_satisfaction: 4,
      continuity: 4,
      compliance: 5,
      data_security: 4,
      risk_control: 4,
    };
    const graduated = await regulator.post('/api/products/KB-AP-GRAD/versions/1/review', {
      action: 'graduate',
      assessment: { scores, comment: '测试期内运行平稳' },
    });
    expect(graduated.body.status).toBe('filed');
    expect(graduated.body.sandbox.assessment).toMatchObject({ scores, outcome: 'graduate' });
    await expect(bind('KB-AP-GRAD', 1_000_000_000_00n)).resolves.toBeUndefined(); // filed: no sandbox limits

    await sandboxed('KB-AP-STOP', { maxPolicies: 10, maxSumInsured: '10000000.00', endsOn: '2099-12-31' });
    expect(
      (await regulator.post('/api/products/KB-AP-STOP/versions/1/review', { action: 'stop' })).body.code,
    ).toBe('filing.comment_required');
    const stopped = await regulator.post('/api/products/KB-AP-STOP/versions/1/review', {
      action: 'stop',
      comment: '风险过高',
    });
    expect(stopped.body.status).toBe('stopped');
    await expect(bind('KB-AP-STOP', 1n)).rejects.toMatchObject({ code: 'quote.product_unavailable' });
  });
});

describe('quote preview', () => {
  const body = (
    enterprise: Record<string, unknown>,
    options: Record<string, unknown> = { deductible: '50000.00' },
  ) => ({
    productCode: 'KB-AP-EQUIP',
    enterprise,
    request: { contractValue: '8000000.00', continuousYear: 1, options },
  });
  const profile = {
    scoreBand: 'B',
    trl: 8,
    claimsLast3Years: 0,
    catalogueListings: ['first_set_equipment'],
    dishonest: false,
    creditGrade: 'A',
  };

  it('prices without signing in and explains the premium step by step', async () => {
    const answer = await t.client().post('/api/quotes/preview', body(profile));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'accept', eligible: true, premium: '91200.00' });
    const steps = answer.body.rating.breakdown.map(
      (s: { kind: string; key: string }) => `${s.kind}:${s.key}`,
    );
    expect(steps.slice(0, 3)).toEqual(['basis:basis', 'base_rate:base_rate', 'factor:score_band']);
  });

  it('declines, refers and asks with the product’s reasons', async () => {
    const declined = await t.client().post('/api/quotes/preview', body({ ...profile, creditGrade: 'D' }));
    expect(declined.body).toMatchObject({ outcome: 'decline', premium: null });
    expect(declined.body.reasons[0].reason).toBe('equip.credit_grade_d');
    const referred = await t.client().post('/api/quotes/preview', body({ ...profile, trl: 5 }));
    expect(referred.body.outcome).toBe('refer');
    expect(referred.body.premium).not.toBeNull();
    const { trl: _trl, ...withoutTrl } = profile;
    const asked = await t.client().post('/api/quotes/preview', body(withoutTrl));
    expect(asked.body.missingFacts).toContain('enterprise.trl');
    const ineligible = await t
      .client()
      .post('/api/quotes/preview', body({ ...profile, catalogueListings: [] }));
    expect(ineligible.body).toMatchObject({ outcome: 'ineligible', eligible: false });
  });

  it('answers a wrong option with 422 and its path', async () => {
    const answer = await t.client().post('/api/quotes/preview', body(profile, { deductible: '12345.00' }));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('quote.invalid_input');
    expect(answer.body.errors[0].path).toBe('/body/request/options/deductible');
    const unknown = await t
      .client()
      .post('/api/quotes/preview', { ...body(profile), productCode: 'KB-AP-NOPE' });
    expect(unknown.status).toBe(404);
  });

  it('limits anonymous previews per client address', async () => {
    const limited = await startTestServer({ KEBAO_QUOTE_PREVIEW_PER_MINUTE: '3' });
    try {
      const c = limited.client();
      for (let i = 0; i < 3; i++)
        expect((await c.post('/api/quotes/preview', body(profile))).status).toBe(200);
      const over = await c.post('/api/quotes/preview', body(profile));
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
