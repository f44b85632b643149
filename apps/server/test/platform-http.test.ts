import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { maskPersonalData } from '../src/platform/logger.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('answers /health and /ready when the database is migrated', async () => {
    const c = t.client();
    expect((await c.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await c.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
      pending: [],
    });
  });

  it('is not ready while a migration is missing', async () => {
    await t.db.pool.query('UPDATE schema_migrations SET checksum = $1 WHERE version = 1', ['tampered']);
    try {
      const ready = await t.client().get('/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.migrations).toBe('pending');
      expect(ready.body.pending).toEqual(['0001_platform']);
    } finally {
      const { loadMigrations } = await import('@kebao/db');
      const [m] = await loadMigrations();
      await t.db.pool.query('UPDATE schema_migrations SET checksum = $1 WHERE version = 1', [m?.checksum]);
    }
  });
});

describe('request ids and logs', () => {
  it('puts a request id on every response and every log line of the request, keeping a sane caller id', async () => {
    const c = t.client();
    const given = await c.get('/api/orgs', { headers: { 'x-request-id': 'upstream-42' } });
    expect(given.headers.get('x-request-id')).toBe('upstream-42');
    expect(given.body.requestId).toBe('upstream-42');
    const lines = t.logs.filter((l) => l.includes('upstream-42'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(JSON.parse(l).reqId).toBe('upstream-42');
    const odd = await c.get('/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps cookies, tokens, passwords, ID-card and mobile numbers out of the logs', async () => {
    const c = t.client();
    await c.login('insurer@demo.kebao.cn');
    await c.get('/api/orgs?note=310101199001011234&phone=13812345678');
    await t.client().login('nobody-13912345678@demo.kebao.cn', 'Secret-Password-1');
    const all = t.logs.join('\n');
    expect(all).not.toContain('310101199001011234');
    expect(all).toContain('310101********1234');
    expect(all).not.toContain('13812345678');
    expect(all).toContain('138****5678');
    expect(all).not.toContain('Secret-Password-1');
    expect(all).not.toContain((c.cookie as string).split('=')[1]);
    expect(all).not.toContain(c.csrf as string);
  });

  it('masks personal data wherever it appears in a line', () => {
    expect(maskPersonalData('id 11010519491231002X, tel 15900001111.')).toBe(
      'id 110105********002X, tel 159****1111.',
    );
    expect(maskPersonalData('order 1795000000000123 time 1795000000000')).toBe(
      'order 1795000000000123 time 1795000000000',
    );
  });
});

describe('the OpenAPI document and the docs page', () => {
  it('publishes OpenAPI 3.1 with every API route and the problem schema', async () => {
    const doc = (await t.client().get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/me',
      '/api/orgs',
      '/api/orgs/{orgId}/users',
      '/api/tokens',
      '/api/audit',
      '/api/events',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.Problem.required).toContain('code');
    const capital =
      doc.paths['/api/orgs'].post.requestBody.content['application/json'].schema.properties.registeredCapital;
    expect(capital.format).toBe('money');
    expect(capital.description).toMatch(/fen/);
  });

  it('serves the interactive docs locally, without a CDN', async () => {
    const page = await t.client().get('/api/docs/static/index.html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});
