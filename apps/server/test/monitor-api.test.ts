import { computeIndex, type IndexInput } from '@kebao/domain/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, bindCyberPolicy } from '../../../test/cockpit.ts';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

/*
 * The cockpit's API as documented: the insurers a regulator may filter the statistics by (an insurer sees
 * only itself), and answers that keep every field the web app reads now that they are serialised from
 * their schemas — registered policies, statistics, the development index computed, published and
 * re-read — and an OpenAPI document that types them and describes the bordereau upload.
 */

let t: TestServer;
let enterprise: Client;
let insurer: Client;
let insurer2: Client;
let regulator: Client;
let insurerId: string;
let insurer2Id: string;
let year: number;

const today = () => beijingToday(t);

const keys = (value: unknown) => Object.keys(value as object).sort();

const bindCyber = () => bindCyberPolicy(enterprise, insurer);

beforeAll(async () => {
  t = await startTestServer();
  await t.withoutSubsidies();
  [enterprise, insurer, insurer2, regulator] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
  ]);
  insurerId = (await insurer.get('/api/me')).body.organisation.id;
  insurer2Id = (await insurer2.get('/api/me')).body.organisation.id;
  year = Number(today().slice(0, 4));
  // Business of the first insurer: a policy bound on the platform and one registered from its own systems.
  await bindCyber();
  const uscc = (await enterprise.get('/api/enterprise/me')).body.profile.uscc as string;
  const registered = await insurer.post('/api/registrations', {
    rows: [
      {
        policyNumber: 'EXT-API-0001',
        statisticalClass: 'application',
        insuredUscc: uscc,
        insuredName: '临港示例芯片科技有限公司',
        industry: 'C39',
        region: '310115',
        startDate: today(),
        endDate: `${year + 1}-12-31`,
        status: 'in_force',
        share: '100',
        sumInsured: '6000000.00',
        premium: '48000.00',
      },
    ],
  });
  expect(registered.body, JSON.stringify(registered.body)).toMatchObject({ stored: 1 });
  await t.server.services.dispatcher.drain();
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/monitor/insurers', () => {
  it('gives a regulator every insurer organisation, and nothing else', async () => {
    const r = await regulator.get('/api/monitor/insurers');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const items = r.body.items as { id: string; names: { zh: string; en: string } }[];
    const ids = items.map((i) => i.id);
    expect(ids).toContain(insurerId);
    expect(ids).toContain(insurer2Id);
    for (const item of items) {
      expect(keys(item)).toEqual(['id', 'names']);
      expect(item.names.zh.length).toBeGreaterThan(0);
      expect(item.names.en.length).toBeGreaterThan(0);
    }
    const insurers = await t.db.pool.query<{ id: string }>(
      "SELECT id FROM organisation WHERE kind = 'insurer' AND status = 'active' ORDER BY id",
    );
    expect([...ids].sort()).toEqual(insurers.rows.map((o) => o.id));
  });

  it('lists a suspended insurer that has business, but not one without', async () => {
    const pool = t.db.pool;
    await pool.query("UPDATE organisation SET status = 'suspended' WHERE id = ANY($1::uuid[])", [
      [insurerId, insurer2Id],
    ]);
    try {
      const ids = ((await regulator.get('/api/monitor/insurers')).body.items as { id: string }[]).map(
        (i) => i.id,
      );
      expect(ids).toContain(insurerId);
      expect(ids).not.toContain(insurer2Id);
    } finally {
      await pool.query("UPDATE organisation SET status = 'active' WHERE id = ANY($1::uuid[])", [
        [insurerId, insurer2Id],
      ]);
    }
  });

  it('gives an insurer only itself, never a competitor; others may not ask', async () => {
    for (const [client, own] of [
      [insurer, insurerId],
      [insurer2, insurer2Id],
    ] as const) {
      const r = await client.get('/api/monitor/insurers');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([own]);
    }
    expect((await enterprise.get('/api/monitor/insurers')).status).toBe(403);
    expect((await t.client().get('/api/monitor/insurers')).status).toBe(401);
  });
});

describe('answers keep every field the web app reads', () => {
  it('registered policies', async () => {
    const r = await insurer.get('/api/registrations');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const item = r.body.items.find((i: { policyNumber: string }) => i.policyNumber === 'EXT-API-0001');
    expect(keys(item)).toEqual(
      [
        'id',
        'policyNumber',
        'productCode',
        'statisticalClass',
        'insured',
        'industry',
        'region',
        'startDate',
        'endDate',
        'status',
        'share',
        'sumInsured',
        'premium',
        'claimsPaid',
        'claimsIncurred',
        'updatedAt',
      ].sort(),
    );
    expect(item).toMatchObject({
      productCode: null,
      statisticalClass: 'application',
      insured: { name: '临港示例芯片科技有限公司' },
      industry: 'C39',
      region: '310115',
      startDate: today(),
      status: 'in_force',
      share: '100.0000',
      sumInsured: '6000000.00',
      premium: '48000.00',
      claimsPaid: '0.00',
    });
  });

  it('statistics as JSON, for the zone or one insurer; an insurer’s filter cannot show a competitor', async () => {
    const r = await regulator.get(`/api/monitor/statistics?year=${year}&period=quarter&by=source`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(keys(r.body)).toEqual(['by', 'insurer', 'part', 'period', 'rows', 'year']);
    expect(r.body).toMatchObject({ year, period: 'quarter', by: 'source', insurer: null, part: null });
    const groups = new Set(r.body.rows.map((row: { group: string }) => row.group));
    expect([...groups].sort()).toEqual(['platform', 'registered']);
    for (const row of r.body.rows) {
      expect(keys(row)).toEqual(
        [
          'period',
          'group',
          'groupName',
          'policies',
          'enterprises',
          'premium',
          'sumInsured',
          'claimsPaid',
          'claimsIncurred',
          'lossRatio',
          'subsidy',
        ].sort(),
      );
      expect(keys(row.groupName)).toEqual(['en', 'zh']);
      expect(row.period).toMatch(new RegExp(`^${year}-Q[1-4]$`));
    }
    const registered = r.body.rows.find((row: { group: string }) => row.group === 'registered');
    expect(registered).toMatchObject({
      policies: 1,
      enterprises: 1,
      premium: '48000.00',
      sumInsured: '6000000.00',
      claimsIncurred: '0.00',
      lossRatio: '0.000000',
      subsidy: '0.00',
    });

    const byClass = await regulator.get(`/api/monitor/statistics?year=${year}&period=year&by=class`);
    expect(byClass.body).toMatchObject({ part: 1, period: 'year', by: 'class' });

    // One insurer's lines: all the business is the first insurer's, none the second's.
    const first = await regulator.get(
      `/api/monitor/statistics?year=${year}&period=quarter&by=source&insurer=${insurerId}`,
    );
    expect(first.body.insurer).toBe(insurerId);
    expect(new Set(first.body.rows.map((row: { group: string }) => row.group))).toEqual(
      new Set(['platform', 'registered']),
    );
    const second = await regulator.get(
      `/api/monitor/statistics?year=${year}&period=quarter&by=source&insurer=${insurer2Id}`,
    );
    expect(second.body).toMatchObject({ insurer: insurer2Id, rows: [] });

    // An insurer asking for a competitor gets its own lines, as without the filter.
    const own = await insurer2.get(`/api/monitor/statistics?year=${year}&period=quarter&by=source`);
    const asked = await insurer2.get(
      `/api/monitor/statistics?year=${year}&period=quarter&by=source&insurer=${insurerId}`,
    );
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual(own.body);
    expect(asked.body).toMatchObject({ insurer: insurer2Id, rows: [] });

    // The same report as XLSX: content negotiation unchanged.
    const xlsx = await regulator.get(
      `/api/monitor/statistics?year=${year}&period=quarter&by=source&insurer=${insurerId}&format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.text.startsWith('PK')).toBe(true);
  });

  it('the index: computed, what-if, published and read back, each with its whole result', async () => {
    const now = await regulator.get(`/api/monitor/index?year=${year}`);
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    const result = now.body;
    expect(keys(result)).toEqual(['excluded', 'inputs', 'methodology', 'weights', 'years']);
    expect(keys(result.methodology)).toEqual(['baseYear', 'subIndices', 'version', 'weighting']);
    const indicator = result.methodology.subIndices[0].indicators[0];
    expect(keys(indicator)).toEqual(['definition', 'direction', 'key', 'names', 'unit']);
    expect(keys(result.methodology.weighting)).toEqual(['indicators', 'method', 'subIndices']);
    expect(keys(result.weights)).toEqual(['consistency', 'indicators', 'method', 'subIndices']);
    const own = result.years.find((y: { year: number }) => y.year === year);
    expect(keys(own)).toEqual(['composite', 'indicators', 'subIndices', 'year']);
    for (const figures of Object.values(own.indicators))
      expect(keys(figures)).toEqual(['carriedFrom', 'normalised', 'value', 'weight']);
    // Nothing was dropped on the way: the answer is exactly what the engine computes from its own echo.
    const input: IndexInput = { methodology: result.methodology, years: result.inputs };
    expect(result).toEqual(computeIndex(input));

    // The same methodology as a what-if gives the same result; a malformed one is refused by its shape
    // (400 with the field), a meaningless one by the engine (422).
    const same = await regulator.post(`/api/monitor/index/what-if?year=${year}`, {
      methodology: result.methodology,
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toEqual(result);
    const { weighting: _, ...noWeighting } = result.methodology;
    const malformed = await regulator.post(`/api/monitor/index/what-if?year=${year}`, {
      methodology: noWeighting,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toContain(
      '/body/methodology/weighting',
    );
    const lopsided = structuredClone(result.methodology);
    lopsided.weighting.subIndices[0][1] = '9';
    const inconsistent = await regulator.post(`/api/monitor/index/what-if?year=${year}`, {
      methodology: lopsided,
    });
    expect(inconsistent.status, JSON.stringify(inconsistent.body)).toBe(422);
    expect(inconsistent.body.code).toBe('index.invalid');

    const published = await regulator.post(`/api/monitor/index/${year}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(keys(published.body)).toEqual(['composite', 'methodology', 'result', 'year']);
    expect(published.body).toMatchObject({
      year,
      methodology: result.methodology.version,
      composite: own.composite,
    });
    expect(published.body.result).toEqual(result);

    const list = await insurer.get(`/api/monitor/index/publications?year=${year}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const publication = list.body.items[0];
    expect(keys(publication)).toEqual([
      'composite',
      'computedAt',
      'methodology',
      'reproduced',
      'result',
      'year',
    ]);
    expect(publication).toMatchObject({
      year,
      methodology: result.methodology.version,
      composite: own.composite,
      reproduced: true,
    });
    expect(publication.result).toEqual(result);
  });
});

type Schema = Record<string, unknown>;

/** Where in a schema a node says nothing of its type (`{}` or a bare description): JSON pointers. */
function untyped(schema: Schema, at: string): string[] {
  const typed = ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'].some((k) => k in schema);
  const found = typed ? [] : [at];
  const children: [string, Schema][] = [];
  for (const k of ['properties', 'patternProperties'] as const)
    for (const [name, child] of Object.entries((schema[k] ?? {}) as Record<string, Schema>))
      children.push([`${at}/${k}/${name}`, child]);
  if (schema.items && typeof schema.items === 'object')
    children.push([`${at}/items`, schema.items as Schema]);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    children.push([`${at}/additionalProperties`, schema.additionalProperties as Schema]);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
    ((schema[k] ?? []) as Schema[]).forEach((child, i) => {
      children.push([`${at}/${k}/${i}`, child]);
    });
  return [...found, ...children.flatMap(([path, child]) => untyped(child, path))];
}

describe('the OpenAPI document', () => {
  it('types every answer of the cockpit routes made precise, and describes the bordereau upload', async () => {
    const r = await t.client().get('/api/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths as Record<string, Record<string, Schema>>;
    const operation = (path: string, method: string) => {
      const op = paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      return op as Schema;
    };
    const routes: [string, string, string][] = [
      ['/api/registrations', 'get', '200'],
      ['/api/monitor/insurers', 'get', '200'],
      ['/api/monitor/statistics', 'get', '200'],
      ['/api/monitor/index', 'get', '200'],
      ['/api/monitor/index/what-if', 'post', '200'],
      ['/api/monitor/index/{year}/publish', 'post', '201'],
      ['/api/monitor/index/publications', 'get', '200'],
    ];
    for (const [path, method, status] of routes) {
      const response = (operation(path, method).responses as Record<string, Schema>)[status] as Schema;
      const content = response.content as Record<string, { schema: Schema }>;
      expect(content['application/json'], `${method} ${path}`).toBeDefined();
      for (const [type, { schema }] of Object.entries(content))
        expect(untyped(schema, `${method} ${path} ${status} ${type}`)).toEqual([]);
    }
    // The statistics and the index are also files.
    for (const path of ['/api/monitor/statistics', '/api/monitor/index']) {
      const content = ((operation(path, 'get').responses as Record<string, Schema>)['200'] as Schema)
        .content as Record<string, { schema: Schema }>;
      expect(
        content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']?.schema,
      ).toMatchObject({ type: 'string', format: 'binary' });
    }
    // The what-if body is a methodology, typed throughout.
    const whatIf = (operation('/api/monitor/index/what-if', 'post').requestBody as Schema).content as Record<
      string,
      { schema: Schema }
    >;
    expect(untyped(whatIf['application/json']?.schema as Schema, 'what-if body')).toEqual([]);

    // The bordereau: the file itself as the body, CSV or XLSX, and the filename query.
    const bordereau = operation('/api/registrations/bordereau', 'post');
    const body = bordereau.requestBody as { required: boolean; content: Record<string, { schema: Schema }> };
    expect(body.required).toBe(true);
    expect(Object.keys(body.content)).toEqual(
      expect.arrayContaining([
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]),
    );
    for (const { schema } of Object.values(body.content)) {
      expect(schema).toMatchObject({ type: 'string', format: 'binary' });
      expect(schema.description).toMatch(/GBK/);
      expect(schema.description).toMatch(/20,000/);
      expect(schema.description).toMatch(/16 MB/);
    }
    const filename = (bordereau.parameters as { in: string; name: string; description?: string }[]).find(
      (p) => p.in === 'query' && p.name === 'filename',
    );
    expect(filename?.description).toBeTruthy();
  });
});
