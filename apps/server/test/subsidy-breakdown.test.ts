import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

/*
 * 资金方看板 over HTTP on the demo zone: a programme's grants by product, class, district and enterprise;
 * the rows' committed over every page sum to the programme's committed to the fen; only the operating
 * funder, the platform and the regulator see it.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let funder: Client;
let central: Client;
let regulator: Client;
let platform: Client;

const CODE = 'shanghai-2025-tiered';
const BY = ['product', 'class', 'district', 'enterprise'] as const;
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

interface Row {
  key: string;
  label: string;
  labelEn: string;
  uscc: string | null;
  grants: number;
  committed: string;
  paid: string;
  clawedBack: string;
  share: string | null;
}

async function boundCyber(limit = '5000000.00') {
  const q = await enterprise.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: { limit } });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const b = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  return b.body;
}

/** Every row of a breakdown, page by page. */
async function allRows(client: Client, code: string, by: string, limit: number) {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += limit) {
    const r = await client.get(
      `/api/subsidy/programmes/${code}/breakdown?by=${by}&limit=${limit}&offset=${offset}`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ by, limit, offset });
    rows.push(...r.body.items);
    if (offset + limit >= r.body.total) {
      expect(rows).toHaveLength(r.body.total);
      return { rows, totals: r.body.totals };
    }
  }
}

beforeAll(async () => {
  t = await startTestServer({
    KEBAO_DEMO_ENTERPRISES: '120',
    KEBAO_DEMO_POLICIES: '40',
    KEBAO_DEMO_YEARS: '1',
  });
  [enterprise, insurer, funder, central, regulator, platform] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
    t.as('central@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('platform@demo.kebao.cn'),
  ]);
  // More grants of the Lingang bureau's programme: R&D liability (another product and class), cyber, and
  // cyber clawed back in part on cancellation.
  const q = await enterprise.post('/api/quotes', {
    productCode: 'KB-RD-LIAB',
    request: {
      limit: '2000000.00',
      options: {
        sample_distribution: false,
        north_america_sales: false,
        recall_cover: false,
        deductible: '20000.00',
      },
    },
  });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  const rd = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(rd.status, JSON.stringify(rd.body)).toBe(201);
  expect(fen(rd.body.subsidy)).toBeGreaterThan(0n);
  await boundCyber();
  const cancelled = await boundCyber('3000000.00');
  const cancelDate = new Date(Date.parse(`${cancelled.startDate}T00:00:00Z`) + 100 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const c = await enterprise.post(`/api/policies/${cancelled.id}/cancel`, { cancelDate, reason: '退保' });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('the breakdown', () => {
  it('by each dimension: rows ordered by committed, summing to the programme’s committed and paid', async () => {
    const programme = (await funder.get(`/api/subsidy/programmes/${CODE}`)).body;
    expect(fen(programme.committed)).toBeGreaterThan(0n);
    // The programme's committed as its grants give it (what `kebao ledger verify` checks the column against).
    const fromGrants = await t.db.pool.query<{ committed: string; paid: string }>(
      `SELECT coalesce(sum(amount - clawed_back) FILTER (WHERE status IN
                ('reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved')), 0)::text AS committed,
              coalesce(sum(paid), 0)::text AS paid
         FROM subsidy_grant WHERE programme_code = $1`,
      [CODE],
    );
    expect(BigInt(fromGrants.rows[0]?.committed ?? '-1')).toBe(fen(programme.committed));
    for (const by of BY) {
      const { rows, totals } = await allRows(funder, CODE, by, 200);
      expect(rows.length, by).toBeGreaterThan(0);
      expect(totals.committed).toBe(programme.committed);
      expect(totals.paid).toBe(programme.paid);
      expect(rows.reduce((s, r) => s + fen(r.committed), 0n)).toBe(fen(programme.committed));
      expect(rows.reduce((s, r) => s + fen(r.paid), 0n)).toBe(fen(totals.paid));
      expect(rows.reduce((s, r) => s + fen(r.clawedBack), 0n)).toBe(fen(totals.clawedBack));
      expect(rows.reduce((s, r) => s + r.grants, 0)).toBe(totals.grants);
      expect(fen(totals.clawedBack)).toBeGreaterThan(0n);
      for (const [i, r] of rows.entries()) {
        expect(r.label, `${by} ${r.key}`).not.toBe('');
        expect(r.grants).toBeGreaterThan(0);
        expect(r.share).toMatch(/^[01]\.\d{6}$/);
        const prev = rows[i - 1];
        if (prev) {
          const order =
            fen(prev.committed) > fen(r.committed) || (prev.committed === r.committed && prev.key < r.key);
          expect(order, `${by}: ${prev.key} before ${r.key}`).toBe(true);
        }
      }
    }
  });

  it('labels each dimension: product names, classes, district names, enterprises with their USCC', async () => {
    const product = (await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=product`)).body;
    expect(product.items.map((r: Row) => r.key)).toEqual(
      expect.arrayContaining(['KB-BR-CYBER', 'KB-RD-LIAB']),
    );
    const cyber = product.items.find((r: Row) => r.key === 'KB-BR-CYBER');
    expect(cyber.label).toMatch(/[\u4e00-\u9fff]/);
    expect(cyber.uscc).toBeNull();
    const classes = (await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=class`)).body;
    expect(classes.items.map((r: Row) => r.key)).toEqual(expect.arrayContaining(['base', 'rd_transfer']));
    expect(classes.items.find((r: Row) => r.key === 'rd_transfer')).toMatchObject({
      label: '研发及成果转化类',
      labelEn: 'R&D and transfer',
    });
    for (const r of classes.items as Row[]) {
      expect(['rd_transfer', 'application', 'intellectual_property', 'base']).toContain(r.key);
      expect(r.label).toMatch(/类$/);
    }
    const districts = (await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=district`)).body;
    for (const r of districts.items as Row[]) expect(r.key).toMatch(/^(\d{6}|unknown)$/);
    // The demo's districts are all in the region code list: each named in full, in both languages.
    for (const r of districts.items as Row[]) {
      if (r.key === 'unknown') continue;
      expect(r.label, r.key).not.toBe(r.key);
      expect(r.labelEn, r.key).not.toBe(r.key);
    }
    const pudong = (districts.items as Row[]).find((r) => r.key === '310115');
    if (pudong)
      expect(pudong).toMatchObject({ label: '上海市浦东新区', labelEn: 'Pudong New Area, Shanghai' });
    const enterprises = (await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=enterprise`)).body;
    const me = (await enterprise.get('/api/enterprise/me')).body;
    const mine = enterprises.items.find((r: Row) => r.key === me.id);
    expect(mine, JSON.stringify(enterprises.items.slice(0, 3))).toMatchObject({
      label: me.name,
      uscc: me.uscc,
    });
    expect(fen(mine.clawedBack)).toBeGreaterThan(0n);
    expect(mine.grants).toBeGreaterThanOrEqual(2);
  });

  it('pages: one row at a time gives the same rows in the same order; totals cover every page', async () => {
    const whole = await allRows(funder, CODE, 'enterprise', 200);
    expect(whole.rows.length).toBeGreaterThanOrEqual(2);
    const paged = await allRows(funder, CODE, 'enterprise', 1);
    expect(paged.rows).toEqual(whole.rows);
    expect(paged.totals).toEqual(whole.totals);
    const second = await funder.get(
      `/api/subsidy/programmes/${CODE}/breakdown?by=enterprise&limit=1&offset=1`,
    );
    expect(second.body).toMatchObject({
      total: whole.rows.length,
      limit: 1,
      offset: 1,
      totals: whole.totals,
    });
    expect(second.body.items).toEqual([whole.rows[1]]);
    const past = await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=enterprise&offset=100000`);
    expect(past.body.items).toEqual([]);
    expect(past.body.totals).toEqual(whole.totals);
  });

  it('defaults to by product', async () => {
    const r = await funder.get(`/api/subsidy/programmes/${CODE}/breakdown`);
    expect(r.status).toBe(200);
    expect(r.body.by).toBe('product');
  });
});

describe('who sees it', () => {
  it('the operating funder, the regulator and the platform alike', async () => {
    const own = (await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=district`)).body;
    for (const client of [regulator, platform]) {
      const r = await client.get(`/api/subsidy/programmes/${CODE}/breakdown?by=district`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(own);
    }
  });

  it('nobody else: an insurer, an enterprise and another funder get the 404 of an unknown programme', async () => {
    const unknown = await regulator.get('/api/subsidy/programmes/no-such-programme/breakdown');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('subsidy.programme_not_found');
    for (const client of [insurer, enterprise, central]) {
      const r = await client.get(`/api/subsidy/programmes/${CODE}/breakdown?by=enterprise`);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe(unknown.body.code);
      expect(r.body.message_en).toBe(unknown.body.message_en);
    }
    // The central office sees its own programmes' (nothing granted yet), not the Lingang bureau's.
    const theirs = await central.get('/api/subsidy/programmes/central-first-set-2024/breakdown');
    expect(theirs.status).toBe(200);
    expect(theirs.body.totals.committed).toBe(
      (await central.get('/api/subsidy/programmes/central-first-set-2024')).body.committed,
    );
    expect((await funder.get('/api/subsidy/programmes/central-first-set-2024/breakdown')).status).toBe(404);
  });

  it('refuses an unknown dimension with problem+json naming the field', async () => {
    const r = await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?by=insurer`);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('request.invalid');
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain('/querystring/by');
    const bad = await funder.get(`/api/subsidy/programmes/${CODE}/breakdown?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('/querystring/limit');
  });
});
