import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';

/*
 * The region code list (行政区划代码) over HTTP: loaded at start from catalog/regions, answered to anyone,
 * and naming every region code the demo zone stores.
 */

let t: TestServer;

interface RegionItem {
  code: string;
  level: 'province' | 'prefecture' | 'county';
  parent: string | null;
  names: { zh: string; en: string };
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/regions', () => {
  it('answers anyone, signed in or not, with the shipped list in code order and its source', async () => {
    const anonymous = await t.client().get('/api/regions');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.source).toContain('民政部');
    expect(anonymous.body.edition).toBe(2023);
    const items = anonymous.body.items as RegionItem[];
    const codes = items.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(items.find((r) => r.code === '310115')).toEqual({
      code: '310115',
      level: 'county',
      parent: '310000',
      names: { zh: '浦东新区', en: 'Pudong New Area' },
    });
    expect(items.find((r) => r.code === '420111')).toMatchObject({
      parent: '420100',
      names: { zh: '洪山区' },
    });
    expect(items.find((r) => r.code === '420000')).toMatchObject({ level: 'province', parent: null });
    const signedIn = await (await t.as('regulator@demo.kebao.cn')).get('/api/regions');
    expect(signedIn.body).toEqual(anonymous.body);
  });

  it('names every region code the demo zone stores and every reviewer prefix it assigns', async () => {
    const known = new Set(
      ((await t.client().get('/api/regions')).body.items as RegionItem[]).map((r) => r.code),
    );
    const stored = await t.db.pool.query<{ code: string }>(
      `SELECT region_code AS code FROM organisation WHERE region_code IS NOT NULL
       UNION SELECT region_code FROM enterprise WHERE region_code IS NOT NULL
       UNION SELECT region_code FROM expert WHERE region_code IS NOT NULL
       UNION SELECT region_code FROM registered_policy WHERE region_code IS NOT NULL
       UNION SELECT key FROM exposure WHERE dimension = 'region' AND key <> 'unknown'`,
    );
    expect(stored.rows.length).toBeGreaterThan(1);
    for (const { code } of stored.rows) expect(known.has(code), code).toBe(true);
    const prefixes = await t.db.pool.query<{ prefix: string }>(
      "SELECT DISTINCT region_prefix AS prefix FROM subsidy_reviewer WHERE region_prefix <> ''",
    );
    for (const { prefix } of prefixes.rows) {
      const code = prefix.length === 2 ? `${prefix}0000` : prefix.length === 4 ? `${prefix}00` : prefix;
      expect(known.has(code), prefix).toBe(true);
    }
  });
});
