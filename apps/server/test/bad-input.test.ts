import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';

let t: TestServer;
let platform: Client;

beforeAll(async () => {
  t = await startTestServer();
  platform = await t.as('platform@demo.kebao.cn');
});
afterAll(() => t.close());

function expectProblem(
  answer: Answer<{ code: string; message_zh: string; message_en: string; requestId: string }>,
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body.code).toBe(code);
  expect(answer.body.message_zh).toBeTruthy();
  expect(answer.body.message_en).toBeTruthy();
  expect(answer.body.requestId).toBe(answer.headers.get('x-request-id'));
}

const validOrg = { kind: 'enterprise', nameZh: '测试科技有限公司', nameEn: 'Test Tech Co., Ltd.' };

describe('bad input gets a 4xx problem+json, never a 500 and never a half write', () => {
  it('answers an unknown route with 404 request.not_found', async () => {
    expectProblem(await platform.get('/api/no-such-thing'), 404, 'request.not_found');
  });

  it('answers malformed JSON with 400 request.invalid_json', async () => {
    const answer = await platform.request('POST', '/api/orgs', {
      raw: '{"kind": "enterprise",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(answer, 400, 'request.invalid_json');
  });

  it('names the field of a wrong type', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, nameZh: 42 });
    expectProblem(answer, 400, 'request.invalid');
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/nameZh', code: 'validation.type' }),
    );
  });

  it('names a missing field', async () => {
    const answer = await platform.post('/api/orgs', { kind: 'insurer', nameZh: '缺英文名' });
    expectProblem(answer, 400, 'request.invalid');
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        path: '/body/nameEn',
        code: 'validation.required',
        message_zh: '必填项缺失',
      }),
    ]);
  });

  it('refuses a 10 MB body with 413', async () => {
    const big = JSON.stringify({ ...validOrg, nameEn: 'x'.repeat(10 * 1024 * 1024) });
    expectProblem(
      await platform.request('POST', '/api/orgs', {
        raw: big,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'request.body_too_large',
    );
  });

  it('refuses an over-long string with its limit', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, nameZh: '长'.repeat(201) });
    expectProblem(answer, 400, 'request.invalid');
    expect(answer.body.errors[0]).toMatchObject({ path: '/body/nameZh', code: 'validation.maxLength' });
    expect(answer.body.errors[0].message_en).toContain('200');
  });

  it.each(['1e5', '12.345', '1,000.00', ' 12', '0x10', '-', ''])(
    'refuses the money string %j with the field path',
    async (capital) => {
      const answer = await platform.post('/api/orgs', { ...validOrg, registeredCapital: capital });
      expectProblem(answer, 400, 'request.invalid');
      expect(answer.body.errors).toContainEqual(
        expect.objectContaining({ path: '/body/registeredCapital', code: 'validation.format.money' }),
      );
    },
  );

  it('refuses a money number (amounts travel as strings)', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, registeredCapital: 100000 });
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/registeredCapital', code: 'validation.type' }),
    );
  });

  it('refuses a unified social credit code with a wrong check character', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, uscc: '91110000802100433C' });
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/uscc', code: 'validation.format.uscc' }),
    );
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, capital: '1.00' });
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: '/body/capital', code: 'validation.additionalProperties' }),
    );
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await platform.request('POST', '/api/orgs', {
      raw: 'kind=enterprise',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(answer, 415, 'request.unsupported_media_type');
  });

  it('validates query strings and path parameters too', async () => {
    expect((await platform.get('/api/orgs?limit=abc')).body.errors[0]).toMatchObject({
      path: '/querystring/limit',
    });
    expect((await platform.get('/api/orgs?limit=100000')).body.errors[0]).toMatchObject({
      path: '/querystring/limit',
      code: 'validation.maximum',
    });
    expect((await platform.get('/api/orgs/not-a-uuid')).body.errors[0]).toMatchObject({
      path: '/params/orgId',
      code: 'validation.format.uuid',
    });
  });

  it('writes nothing when the input is refused', async () => {
    const before = await t.db.pool.query(
      'SELECT (SELECT count(*) FROM organisation) AS o, (SELECT count(*) FROM audit_log) AS a',
    );
    await platform.post('/api/orgs', { ...validOrg, registeredCapital: '12.345' });
    await platform.post('/api/orgs', { ...validOrg, uscc: '91110000802100433C' });
    const after = await t.db.pool.query(
      'SELECT (SELECT count(*) FROM organisation) AS o, (SELECT count(*) FROM audit_log) AS a',
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('accepts a well-formed amount and stores it exactly in fen', async () => {
    const answer = await platform.post('/api/orgs', { ...validOrg, registeredCapital: '123456789012.34' });
    expect(answer.status).toBe(201);
    expect(answer.body.registeredCapital).toBe('123456789012.34');
    const row = await t.db.pool.query('SELECT registered_capital FROM organisation WHERE id = $1', [
      answer.body.id,
    ]);
    expect(row.rows[0].registered_capital).toBe(12345678901234n);
  });

  it('answers a duplicate USCC with 409 and no second organisation', async () => {
    const uscc = '91440300708461136T';
    expect((await platform.post('/api/orgs', { ...validOrg, uscc })).status).toBe(201);
    expectProblem(
      await platform.post('/api/orgs', { ...validOrg, nameZh: '另一家', uscc }),
      409,
      'org.uscc_taken',
    );
  });

  it('never logged a 500 for any of the above', () => {
    const errors = t.logs.filter((l) => /"statusCode":5\d\d/.test(l) || /"level":"error"/.test(l));
    expect(errors).toEqual([]);
  });
});
