import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTxRunner, systemActor } from '@kebao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { CATALOG_DIR } from '../src/modules/catalog/load-catalog.ts';
import { expireQuotes } from '../src/modules/quote/request-service.ts';

/*
 * Quote → underwriting → placement (lead + followers, sign-down) → bind → endorse → cancel, over HTTP on
 * a real database, with the money checked to the fen and the journal balanced.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let broker: Client;
let regulator: Client;
let platform: Client;
let insurerId: string;
let insurer2Id: string;

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const sumFen = (values: string[]) => values.reduce((s, v) => s + fen(v), 0n);
const units = (percent: string) => Math.round(Number(percent) * 10_000);

async function offeredCyber(client: Client = enterprise, limit = '5000000.00', extra: object = {}) {
  const r = await client.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: { limit }, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function accepted(client: Client = enterprise, limit?: string) {
  const quote = await offeredCyber(client, limit);
  expect(quote.status).toBe('offered');
  const a = await client.post(`/api/quotes/${quote.id}/accept`, {});
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return a.body;
}

async function board(client: Client, placementId: string) {
  const r = await client.get(`/api/placements/${placementId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function write(client: Client, placementId: string, written: string, toStand = false) {
  const b = await board(client, placementId);
  return client.put(`/api/placements/${placementId}/lines/mine`, { written, toStand, terms: b.terms });
}

async function journalBalances(policyId: string) {
  const r = await t.db.pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (SELECT l.entry_id FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE e.policy_id = $1 GROUP BY l.entry_id HAVING sum(l.amount) <> 0) x`,
    [policyId],
  );
  return r.rows[0]?.n === '0';
}

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  [enterprise, insurer, insurer2, broker, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('broker@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
});

afterAll(async () => {
  await t?.close();
});

describe('quotes and underwriting', () => {
  it('an offer is priced, stored and valid for 30 days; the insured accepts it and the slip opens at 100 % for the lead', async () => {
    const quote = await offeredCyber();
    expect(quote.number).toMatch(/^Q\d{4}-\d{8}$/);
    expect(quote.premium).toBe('65000.00');
    expect(new Date(quote.validUntil).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const a = await enterprise.post(`/api/quotes/${quote.id}/accept`, {});
    expect(a.body.status).toBe('accepted');
    const b = await board(enterprise, a.body.placementId);
    expect(b.lines).toMatchObject([{ orgId: insurerId, written: '100.0000', status: 'written' }]);
    expect(b.terms.sumInsured).toBe('5000000.00');
  });

  it('a large limit is referred; the underwriter loads it 15 % with a condition; a decline shows its reason', async () => {
    const quote = await offeredCyber(enterprise, '60000000.00');
    expect(quote.status).toBe('referred');
    expect(quote.premium).toBeNull();
    const queue = await insurer.get('/api/underwriting/queue');
    expect(queue.body.items.map((q: { id: string }) => q.id)).toContain(quote.id);
    // The competitor sees neither the queue entry nor the quote.
    expect(
      (await insurer2.get('/api/underwriting/queue')).body.items.map((q: { id: string }) => q.id),
    ).not.toContain(quote.id);
    expect((await insurer2.get(`/api/quotes/${quote.id}`)).status).toBe(404);
    expect(
      (
        await enterprise.post(`/api/quotes/${quote.id}/decision`, {
          decision: 'decline',
          reason: { zh: 'x' },
        })
      ).status,
    ).toBe(403);

    const decided = await insurer.post(`/api/quotes/${quote.id}/decision`, {
      decision: 'accept_with_conditions',
      loading: '0.15',
      conditions: ['每年提供网络安全等级保护测评报告'],
      reason: { zh: '限额较高，加费 15%', en: 'High limit, 15% loading' },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('offered');
    expect(fen(decided.body.premium)).toBe((fen(decided.body.basePremium) * 115n + 50n) / 100n);
    expect((await enterprise.get(`/api/quotes/${quote.id}`)).body.conditions).toEqual([
      '每年提供网络安全等级保护测评报告',
    ]);

    const again = await insurer.post(`/api/quotes/${quote.id}/decision`, {
      decision: 'decline',
      reason: { zh: '重复' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('quote.not_referred');

    const other = await offeredCyber(enterprise, '70000000.00');
    const declined = await insurer.post(`/api/quotes/${other.id}/decision`, {
      decision: 'decline',
      reason: { zh: '超出本公司承保能力', en: 'Beyond our capacity' },
    });
    expect(declined.body.status).toBe('declined');
    const seen = await enterprise.get(`/api/quotes/${other.id}`);
    expect(seen.body.decision.reason.zh).toBe('超出本公司承保能力');
    expect((await enterprise.post(`/api/quotes/${other.id}/accept`, {})).body.code).toBe('quote.not_offered');
  });

  it('bad requests are problems with field paths, never 500s', async () => {
    const unknown = await enterprise.post('/api/quotes', { productCode: 'KB-BR-NOPE', request: {} });
    expect(unknown.status).toBe(404);
    const negative = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      request: { limit: '-5.00' },
    });
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0].path).toMatch(/^\/body\/request\/limit/);
    const past = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      request: { limit: '5000000.00', startDate: '2020-01-01' },
    });
    expect(past.body.code).toBe('quote.start_in_past');
    const missing = await enterprise.post('/api/quotes', { productCode: 'KB-BR-LOAN', request: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('quote.needs_information');
    expect((await regulator.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: {} })).status).toBe(
      403,
    );
  });

  it('a broker quotes for a client only with its mandate recorded, and sees only its clients', async () => {
    const me = (await enterprise.get('/api/enterprise/me')).body;
    const without = await broker.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      enterpriseId: me.id,
      request: { limit: '5000000.00' },
    });
    expect(without.status).toBe(422);
    expect(without.body.code).toBe('quote.mandate_required');
    const quote = await offeredCyber(broker, '5000000.00', {
      enterpriseId: me.id,
      mandate: { reference: 'WT-2026-001', validUntil: '2099-12-31' },
    });
    expect(quote.broker).not.toBeNull();
    expect((await broker.get('/api/broker/clients')).body).toMatchObject([
      { enterpriseId: me.id, reference: 'WT-2026-001' },
    ]);
    // The enterprise sees the quote its broker asked for.
    expect((await enterprise.get(`/api/quotes/${quote.id}`)).status).toBe(200);
  });
});

describe('placement and bind', () => {
  it('lead 60 % + follower 60 % signs down to 50/50; the bind splits premium and sum insured exactly and balances', async () => {
    const quote = await accepted();
    const pid = quote.placementId;
    const terms = (await board(insurer, pid)).terms;
    const uninvited = await insurer2.put(`/api/placements/${pid}/lines/mine`, { written: '50', terms });
    expect(uninvited.body.code).toBe('placement.not_invited');
    expect((await insurer2.get(`/api/placements/${pid}`)).status).toBe(404);
    expect((await insurer.post(`/api/placements/${pid}/invitations`, { orgIds: [insurer2Id] })).status).toBe(
      200,
    );
    // Five sames: a line on other terms is refused.
    const b = await board(insurer2, pid);
    const wrong = await insurer2.put(`/api/placements/${pid}/lines/mine`, {
      written: '60',
      terms: { ...b.terms, sumInsured: '6000000.00' },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('placement.terms_differ');
    expect(wrong.body.message_zh).toContain('同一保险金额');
    expect((await write(insurer, pid, '60')).status).toBe(200);
    expect((await write(insurer2, pid, '60')).status).toBe(200);
    expect((await board(enterprise, pid)).writtenTotal).toBe('120.0000');

    const bound = await enterprise.post(
      `/api/quotes/${quote.id}/bind`,
      {},
      { headers: { 'idempotency-key': `bind-${quote.id}` } },
    );
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    const policy = bound.body;
    expect(policy.number).toMatch(/^KB-BR-CYBER-\d{4}-\d{6}$/);
    expect(policy.lines.map((l: { share: string }) => l.share)).toEqual(['50.0000', '50.0000']);
    expect(sumFen(policy.lines.map((l: { premium: string }) => l.premium))).toBe(fen(policy.premium));
    expect(sumFen(policy.lines.map((l: { sumInsured: string }) => l.sumInsured))).toBe(
      fen(policy.sumInsured),
    );
    expect(policy.netPayable).toBe(policy.premium);
    expect(await journalBalances(policy.id)).toBe(true);
    // The replay gives the same policy; a second bind of the quote is a 409.
    const replay = await enterprise.post(
      `/api/quotes/${quote.id}/bind`,
      {},
      { headers: { 'idempotency-key': `bind-${quote.id}` } },
    );
    expect(replay.body.id).toBe(policy.id);
    const second = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('quote.already_bound');
    // Lines are closed with the bind.
    expect((await write(insurer2, pid, '10')).body.code).toBe('placement.closed');

    // Every party sees both co-insurers; the schedule prints them with the amount in capitals.
    const asFollower = await insurer2.get(`/api/policies/${policy.id}`);
    expect(asFollower.status).toBe(200);
    const schedule = await enterprise.get(`/api/policies/${policy.id}/schedule`);
    expect(schedule.status).toBe(200);
    expect(schedule.headers.get('content-type')).toContain('text/html');
    expect(schedule.text).toContain('示例科技财产保险股份有限公司');
    expect(schedule.text).toContain('示例共保财产保险股份有限公司');
    expect(schedule.text).toContain('二十四时止');
    expect(schedule.text).toContain('50.0000');
    // The slip is for insurers only.
    expect((await enterprise.get(`/api/policies/${policy.id}/slip`)).status).toBe(403);
    expect((await insurer2.get(`/api/policies/${policy.id}/slip`)).status).toBe(200);
  });

  it('the lead’s cessions follow its treaties; the follower sees only its own cessions, the insured none', async () => {
    const quote = await accepted();
    const bound = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    expect(bound.body.cessions).toBeNull();
    const lead = (await insurer.get(`/api/policies/${bound.body.id}`)).body;
    const qs = lead.cessions.find((c: { kind: string }) => c.kind === 'quota_share');
    expect(qs.cededPremium).toBe('19500.00'); // 30 % of 65,000.00
    expect(qs.commission).toBe('5850.00');
    expect(lead.journal.length).toBeGreaterThan(0);
    expect((await insurer2.get(`/api/policies/${bound.body.id}`)).status).toBe(404);
  });

  it('an under-placed slip cannot bind unless the insured retains the rest', async () => {
    const quote = await accepted();
    const pid = quote.placementId;
    await insurer.post(`/api/placements/${pid}/invitations`, { orgIds: [insurer2Id] });
    await write(insurer, pid, '25');
    await write(insurer2, pid, '40');
    const refused = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('placement.under_placed');
    expect(refused.body.message_zh).toContain('35.0000%');
    const bound = await enterprise.post(`/api/quotes/${quote.id}/bind`, { retainUnplaced: true });
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    expect(bound.body.insuredRetention).toBe('35.0000');
    expect(bound.body.lines.map((l: { share: string }) => l.share)).toEqual(['25.0000', '40.0000']);
    // The insurers' premium is 65 % of the quote, exactly split.
    expect(fen(bound.body.premium)).toBe(4_225_000n);
    expect(sumFen(bound.body.lines.map((l: { premium: string }) => l.premium))).toBe(4_225_000n);
  });

  it('lines to stand keep their line; the others absorb the sign-down', async () => {
    const quote = await accepted();
    const pid = quote.placementId;
    await insurer.post(`/api/placements/${pid}/invitations`, { orgIds: [insurer2Id] });
    await write(insurer, pid, '70');
    await write(insurer2, pid, '60', true);
    const closed = await insurer.post(`/api/placements/${pid}/close`, {});
    expect(closed.status).toBe(200);
    const signed = Object.fromEntries(
      closed.body.lines.map((l: { orgId: string; signed: string }) => [l.orgId, l.signed]),
    );
    expect(signed).toEqual({ [insurerId]: '40.0000', [insurer2Id]: '60.0000' });
    expect((await insurer2.post(`/api/placements/${pid}/close`, {})).body.code).toBe('placement.not_lead');
  });

  it('racing line writes never sign more than 100 %, and racing binds give one policy', async () => {
    const quote = await accepted();
    const pid = quote.placementId;
    await insurer.post(`/api/placements/${pid}/invitations`, { orgIds: [insurer2Id] });
    const b = await board(insurer, pid);
    const writes = [];
    for (let i = 0; i < 20; i++) {
      const client = i % 2 === 0 ? insurer : insurer2;
      writes.push(
        client.put(`/api/placements/${pid}/lines/mine`, { written: String(50 + i), terms: b.terms }),
      );
    }
    const binds = Array.from({ length: 8 }, () => enterprise.post(`/api/quotes/${quote.id}/bind`, {}));
    const results = await Promise.all([...writes, ...binds]);
    expect(results.every((r) => r.status < 500)).toBe(true);
    const boundOnes = results.slice(20).filter((r) => r.status === 201);
    expect(boundOnes).toHaveLength(1);
    const count = await t.db.pool.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM policy WHERE quote_id = $1',
      [quote.id],
    );
    expect(count.rows[0]?.n).toBe('1');
    const total = boundOnes[0]?.body.lines.reduce((s: number, l: { share: string }) => s + units(l.share), 0);
    expect(total).toBeLessThanOrEqual(1_000_000);
  });

  it('the IC pool places by its members’ default shares and each insurer’s net retention is checked', async () => {
    const r = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-ICPOOL',
      request: { sumInsured: '1000000000.00', options: { fab_type: 'packaging_testing' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    let quote = r.body;
    if (quote.status === 'referred') {
      quote = (
        await insurer.post(`/api/quotes/${quote.id}/decision`, {
          decision: 'accept',
          reason: { zh: '同意承保' },
        })
      ).body;
    }
    expect(quote.status).toBe('offered');
    expect(quote.poolCode).toBe('CN-IC-POOL');
    const a = await enterprise.post(`/api/quotes/${quote.id}/accept`, {});
    const b = await board(insurer, a.body.placementId);
    expect(b.lines.map((l: { written: string }) => l.written)).toEqual([
      '40.0000',
      '25.0000',
      '15.0000',
      '10.0000',
      '10.0000',
    ]);

    // The follower's capital too small for its 25 % line (2.5亿 net after its 20 % quota share): refused.
    await insurer2.put('/api/reinsurance/capacity', { capitalAndReserves: '1000000000.00' });
    const refused = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('bind.retention_exceeded');
    expect(refused.body.message_zh).toContain('示例共保财产保险股份有限公司');
    // Nothing was half-written: no policy, the pool's capacity untouched.
    expect((await t.db.pool.query('SELECT 1 FROM policy WHERE quote_id = $1', [quote.id])).rowCount).toBe(0);
    const poolBefore = (await insurer.get('/api/pools/CN-IC-POOL')).body;
    expect(poolBefore.aggregateUsed).toBe('0.00');

    await insurer2.put('/api/reinsurance/capacity', { capitalAndReserves: '7500000000.00' });
    const bound = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    expect(bound.body.lines).toHaveLength(5);
    expect(sumFen(bound.body.lines.map((l: { premium: string }) => l.premium))).toBe(fen(bound.body.premium));
    expect((await insurer.get('/api/pools/CN-IC-POOL')).body.aggregateUsed).toBe('1000000000.00');
    const lead = (await insurer.get(`/api/policies/${bound.body.id}`)).body;
    // 4亿 gross → 30 % quota share 1.2亿 → surplus above 5,000万 retention: net 5,000万.
    const ceded = lead.cessions.filter((c: { orgId: string }) => c.orgId === insurerId);
    expect(sumFen(ceded.map((c: { cededSumInsured: string }) => c.cededSumInsured))).toBe(
      fen('350000000.00'),
    );
    expect(await journalBalances(bound.body.id)).toBe(true);
  });
});

describe('lifecycle', () => {
  async function boundPolicy() {
    const quote = await accepted();
    const r = await enterprise.post(`/api/quotes/${quote.id}/bind`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('an endorsement raises the limit with a 1/365 additional premium split by the lines; out of sequence is refused', async () => {
    const policy = await boundPolicy();
    const effective = new Date(Date.parse(`${policy.startDate}T00:00:00Z`) + 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const r = await insurer.post(`/api/policies/${policy.id}/endorsements`, {
      effectiveDate: effective,
      limit: '8000000.00',
      reason: '追加限额',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [e] = r.body.endorsements;
    expect(fen(e.premiumDelta)).toBeGreaterThan(0n);
    expect(sumFen(e.lineDeltas.map((d: { delta: string }) => d.delta))).toBe(fen(e.premiumDelta));
    expect(fen(r.body.writtenPremium)).toBe(fen(policy.premium) + fen(e.premiumDelta));
    expect(r.body.sumInsured).toBe('8000000.00');
    expect(await journalBalances(policy.id)).toBe(true);
    // The lead's 30 % quota share follows the additional premium.
    const ceded = (await insurer.get(`/api/policies/${policy.id}`)).body.cessions.filter(
      (c: { kind: string }) => c.kind === 'quota_share',
    );
    expect(ceded).toHaveLength(2);
    const moved = fen(ceded[1].cededPremium);
    const expected = (fen(e.premiumDelta) * 3n) / 10n;
    expect(moved - expected <= 1n && expected - moved <= 1n).toBe(true);
    const early = await insurer.post(`/api/policies/${policy.id}/endorsements`, {
      effectiveDate: policy.startDate,
      limit: '9000000.00',
      reason: '倒签',
    });
    expect(early.body.code).toBe('endorsement.out_of_sequence');
    expect(
      (
        await enterprise.post(`/api/policies/${policy.id}/endorsements`, {
          effectiveDate: effective,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('the policyholder cancels: a pro-rata refund split by the lines, the policy cancelled, the event emitted', async () => {
    const policy = await boundPolicy();
    const r = await enterprise.post(`/api/policies/${policy.id}/cancel`, {
      cancelDate: policy.startDate,
      reason: '不再需要',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('cancelled');
    expect(r.body.writtenPremium).toBe('0.00');
    // Cancelled from the start: every ceded fen comes back from the reinsurer too.
    const lead = (await insurer.get(`/api/policies/${policy.id}`)).body;
    expect(sumFen(lead.cessions.map((c: { cededPremium: string }) => c.cededPremium))).toBe(0n);
    expect(await journalBalances(policy.id)).toBe(true);
    const events = await t.db.pool.query(
      "SELECT payload FROM outbox_event WHERE type = 'policy.cancelled' AND aggregate_id = $1",
      [policy.id],
    );
    expect(events.rowCount).toBe(1);
    expect(
      (
        await enterprise.post(`/api/policies/${policy.id}/cancel`, {
          cancelDate: policy.startDate,
          reason: 'again',
        })
      ).body.code,
    ).toBe('policy.not_in_force');
    const schedule = await enterprise.get(`/api/policies/${policy.id}/schedule`);
    expect(schedule.text).toContain('已注销');
  });

  it('a renewal quote links to the prior policy and counts the continuous year up', async () => {
    const policy = await boundPolicy();
    const r = await enterprise.post(`/api/policies/${policy.id}/renew`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.priorPolicyId).toBe(policy.id);
    expect(r.body.request.continuousYear).toBe(2);
    expect(r.body.startDate > policy.endDate).toBe(true);
  });
});

describe('who sees what', () => {
  it('an enterprise cannot read another enterprise’s policy; an uninvolved insurer cannot read it either', async () => {
    const quote = await accepted();
    const policy = (await enterprise.post(`/api/quotes/${quote.id}/bind`, {})).body;
    const org = await platform.post('/api/orgs', {
      kind: 'enterprise',
      nameZh: '另一家示例企业有限公司',
      nameEn: 'Another Demo Enterprise',
      regionCode: '310115',
    });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const user = await platform.post(`/api/orgs/${org.body.id}/users`, {
      email: 'other-ent@demo.kebao.cn',
      displayName: '另一家',
      roles: ['enterprise_admin'],
      password: 'another-password-2026',
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const other = await t.as('other-ent@demo.kebao.cn', 'another-password-2026');
    expect((await other.get(`/api/policies/${policy.id}`)).status).toBe(404);
    expect((await other.get(`/api/policies/${policy.id}/schedule`)).status).toBe(404);
    expect((await other.get('/api/policies')).body.total).toBe(0);
    expect((await other.get(`/api/quotes/${quote.id}`)).status).toBe(404);
    expect((await insurer2.get(`/api/policies/${policy.id}`)).status).toBe(404);
    // The regulator reads every policy.
    expect((await regulator.get(`/api/policies/${policy.id}`)).status).toBe(200);
  });
});

describe('validity', () => {
  it('an offer past its 30 days cannot be accepted, and the expiry pass marks it expired', async () => {
    const quote = await offeredCyber();
    t.clock.advance(31 * 86_400_000);
    enterprise = await t.as('enterprise@demo.kebao.cn'); // the old session expired with the days
    const late = await enterprise.post(`/api/quotes/${quote.id}/accept`, {});
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('quote.expired');
    const tx = createTxRunner({ pool: t.db.pool, clock: t.clock.now });
    expect(await tx(systemActor, 'test', (ctx) => expireQuotes(ctx))).toBeGreaterThanOrEqual(1);
    expect((await enterprise.get(`/api/quotes/${quote.id}`)).body.status).toBe('expired');
  });
});

describe('sandbox products', () => {
  it('binds within the admission’s limits and refuses the policy past them, writing nothing', async () => {
    const cyber = parse(await readFile(path.join(CATALOG_DIR, 'products', 'KB-BR-CYBER.yaml'), 'utf8'));
    const code = 'KB-BR-CYBSBX';
    // Sessions may have expired with the clock moved by the validity test.
    [enterprise, insurer, regulator] = await Promise.all([
      t.as('enterprise@demo.kebao.cn'),
      t.as('insurer@demo.kebao.cn'),
      t.as('regulator@demo.kebao.cn'),
    ]);
    expect((await insurer.post('/api/products', { definition: { ...cyber, code, version: 1 } })).status).toBe(
      201,
    );
    await insurer.post(`/api/products/${code}/versions/1/filing`, { action: 'submit' });
    const admitted = await regulator.post(`/api/products/${code}/versions/1/review`, {
      action: 'admit_sandbox',
      comment: '创新产品测试',
      sandbox: { maxPolicies: 1, maxSumInsured: '100000000.00', endsOn: '2099-12-31' },
    });
    expect(admitted.body.status).toBe('sandbox');
    const accept = async () => {
      const q = await enterprise.post('/api/quotes', { productCode: code, request: { limit: '5000000.00' } });
      expect(q.body.status, JSON.stringify(q.body)).toBe('offered');
      await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
      return q.body.id as string;
    };
    const [first, second] = [await accept(), await accept()];
    const bound = await enterprise.post(`/api/quotes/${first}/bind`, {});
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    expect(bound.body.sandbox).toBe(true);
    const refused = await enterprise.post(`/api/quotes/${second}/bind`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('sandbox.policy_limit');
    expect((await t.db.pool.query('SELECT 1 FROM policy WHERE quote_id = $1', [second])).rowCount).toBe(0);
  });
});
