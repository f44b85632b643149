import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import {
  CATALOG_DIR,
  CatalogError,
  loadShippedCatalog,
  readCatalog,
} from '../src/modules/catalog/load-catalog.ts';

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

/** A new product of the demo insurer, made from the first-of-a-kind file. */
function newProduct(code: string, changes: Record<string, unknown> = {}): Record<string, any> {
  return { ...structuredClone(equip), code, version: 1, ...changes };
}

const profile = {
  scoreBand: 'B',
  trl: 8,
  claimsLast3Years: 0,
  catalogueListings: ['first_set_equipment'],
  dishonest: false,
  creditGrade: 'A',
};
const preview = (c: Client, productCode: string, version?: number) =>
  c.post('/api/quotes/preview', {
    productCode,
    ...(version ? { version } : {}),
    enterprise: profile,
    request: { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } },
  });

describe('the shipped catalogue', () => {
  it('is loaded at start: 19 products, filed, one of them in the sandbox, listed for anyone', async () => {
    const list = await t.client().get('/api/products?limit=200');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(19);
    const statuses = list.body.items.map((p: { status: string }) => p.status);
    expect(statuses.filter((s: string) => s === 'sandbox')).toHaveLength(1);
    expect(statuses.filter((s: string) => s === 'filed')).toHaveLength(18);
    const classes = new Set(list.body.items.map((p: { statisticalClass: string }) => p.statisticalClass));
    expect(classes).toEqual(new Set(['rd_transfer', 'application', 'intellectual_property', 'base']));
  });

  it('filters by class, subsidy tag and text', async () => {
    const c = t.client();
    expect((await c.get('/api/products?class=intellectual_property')).body.total).toBe(5);
    const tagged = await c.get('/api/products?subsidyTag=shanghai-tech-loan');
    expect(tagged.body.items.map((p: { code: string }) => p.code)).toContain('KB-BR-LOAN');
    expect((await c.get(`/api/products?q=${encodeURIComponent('首台')}`)).body.items[0].code).toBe(
      'KB-AP-EQUIP',
    );
  });

  it('is not loaded again on the next start, and a changed file is refused', async () => {
    const again = await loadShippedCatalog(t.db.pool, t.server.services.tx);
    expect(again).toEqual({ added: [], unchanged: 19 });
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-catalog-'));
    try {
      await cp(CATALOG_DIR, dir, { recursive: true });
      const file = path.join(dir, 'products', 'KB-AP-EQUIP.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace("baseRate: '0.012'", "baseRate: '0.011'"));
      const error = await loadShippedCatalog(t.db.pool, t.server.services.tx, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as Error).message).toContain(
        'KB-AP-EQUIP version 1 changed after it was loaded; publish it as version 2',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a malformed file with its file name, JSON path and message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-catalog-'));
    try {
      await cp(CATALOG_DIR, dir, { recursive: true });
      const file = path.join(dir, 'products', 'KB-BR-CYBER.yaml');
      const doc = parse(await readFile(file, 'utf8'));
      doc.rating.factors[0].fact = 'enterprise.favouriteColour';
      await writeFile(file, stringify(doc));
      await writeFile(path.join(dir, 'products', 'KB-XX-BROKEN.yaml'), 'code: [unclosed');
      const error = (await readCatalog(dir).catch((e: unknown) => e)) as CatalogError;
      expect(error).toBeInstanceOf(CatalogError);
      expect(
        error.problems.find((p) => p.startsWith('KB-BR-CYBER.yaml: /rating/factors/0/fact')),
      ).toBeTruthy();
      expect(error.problems.find((p) => p.startsWith('KB-XX-BROKEN.yaml:'))).toBeTruthy();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('publishing and filing a product', () => {
  it('refuses a malformed upload with 422 and every error path, storing nothing', async () => {
    const broken = newProduct('KB-AP-BROKEN', { rating: { ...equip.rating, baseRate: 'twelve' } });
    delete broken.names;
    const answer = await insurer.post('/api/products', { definition: broken });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('product.invalid_definition');
    const paths = answer.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/body/definition/names');
    expect(paths).toContain('/body/definition/rating/baseRate');
    const stored = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM product WHERE code = 'KB-AP-BROKEN'",
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it('reports a YAML syntax error on the yaml field', async () => {
    const answer = await insurer.post('/api/products', { yaml: 'code: KB-AP-X\nnames: [zh' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ path: '/body/yaml', code: 'yaml.syntax' });
  });

  it('validates live without storing', async () => {
    const answer = await insurer.post('/api/products/validate', {
      yaml: stringify(newProduct('KB-AP-LIVE')),
    });
    expect(answer.body).toEqual({ ok: true, errors: [] });
    expect((await t.db.pool.query("SELECT 1 FROM product WHERE code = 'KB-AP-LIVE'")).rowCount).toBe(0);
  });

  it("refuses a product written by another insurer's code", async () => {
    const answer = await insurer.post('/api/products', {
      definition: newProduct('KB-AP-FORGED', { writer: { insurer: '91440300708461136T' } }),
    });
    expect(answer.body.code).toBe('product.writer_mismatch');
  });

  it('stores an upload as a draft, seen by its writer and the regulator but not the public', async () => {
    const created = await insurer.post('/api/products', { yaml: stringify(newProduct('KB-AP-DRAFT')) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'KB-AP-DRAFT',
      version: 1,
      status: 'draft',
      source: 'upload',
    });
    expect((await t.client().get('/api/products/KB-AP-DRAFT')).status).toBe(404);
    expect((await regulator.get('/api/products/KB-AP-DRAFT')).status).toBe(200);
    const enterprise = await t.as('enterprise@demo.kebao.cn');
    expect((await enterprise.get('/api/products?q=DRAFT')).body.total).toBe(0);
    expect((await insurer.get('/api/products?q=DRAFT')).body.total).toBe(1);
    expect((await preview(t.client(), 'KB-AP-DRAFT', 1)).status).toBe(404);
    expect((await preview(insurer, 'KB-AP-DRAFT', 1)).body.premium).toBe('91200.00');
  });

  it('numbers versions 1, 2, 3 and never overwrites one', async () => {
    await insurer.post('/api/products', { definition: newProduct('KB-AP-SEQ') });
    const skip = await insurer.post('/api/products', { definition: newProduct('KB-AP-SEQ', { version: 3 }) });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('product.version_sequence');
    const same = await insurer.post('/api/products', { definition: newProduct('KB-AP-SEQ', { version: 1 }) });
    expect(same.body.code).toBe('product.version_exists');
    expect(
      (await insurer.post('/api/products', { definition: newProduct('KB-AP-SEQ', { version: 2 }) })).status,
    ).toBe(201);
  });

  it('goes draft → submitted → filed with the regulator, recording each step', async () => {
    await insurer.post('/api/products', { definition: newProduct('KB-AP-FILE') });
    expect(
      (await regulator.post('/api/products/KB-AP-FILE/versions/1/review', { action: 'approve' })).body.code,
    ).toBe('filing.invalid_transition');
    const submitted = await insurer.post('/api/products/KB-AP-FILE/versions/1/filing', { action: 'submit' });
    expect(submitted.body.status).toBe('submitted');
    const queue = await regulator.get('/api/filings/queue');
    expect(queue.body.items.map((i: { code: string }) => i.code)).toContain('KB-AP-FILE');
    expect(
      (await insurer.post('/api/products/KB-AP-FILE/versions/1/review', { action: 'approve' })).status,
    ).toBe(403);
    const filed = await regulator.post('/api/products/KB-AP-FILE/versions/1/review', {
      action: 'approve',
      comment: '同意备案',
    });
    expect(filed.body.status).toBe('filed');
    expect(filed.body.filings.map((f: { action: string }) => f.action)).toEqual(['submit', 'approve']);
    expect((await t.client().get('/api/products/KB-AP-FILE')).body.filings).toBeNull();
    expect((await preview(t.client(), 'KB-AP-FILE')).body.premium).toBe('91200.00');
    const audit = await t.db.pool.query(
      "SELECT action FROM audit_log WHERE entity_id = 'KB-AP-FILE@1' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'product.publish_version',
      'product.submit',
      'product.approve',
    ]);
  });

  it('needs the reasons to reject, and a rejected version stays rejected', async () => {
    await insurer.post('/api/products', { definition: newProduct('KB-AP-REJ') });
    await insurer.post('/api/products/KB-AP-REJ/versions/1/filing', { action: 'submit' });
    expect(
      (await regulator.post('/api/products/KB-AP-REJ/versions/1/review', { action: 'reject' })).body.code,
    ).toBe('filing.comment_required');
    const rejected = await regulator.post('/api/products/KB-AP-REJ/versions/1/review', {
      action: 'reject',
      comment: '费率依据不足',
    });
    expect(rejected.body.status).toBe('rejected');
    expect(
      (await insurer.post('/api/products/KB-AP-REJ/versions/1/filing', { action: 'submit' })).status,
    ).toBe(409);
  });

  it("hides one insurer's drafts from another and refuses its actions", async () => {
    await insurer.post('/api/products', { definition: newProduct('KB-AP-MINE') });
    const platform = await t.as('platform@demo.kebao.cn');
    const orgs = await platform.post('/api/orgs', {
      kind: 'insurer',
      nameZh: '竞争对手财险',
      nameEn: 'Rival P&C',
      uscc: '91440300708461136T',
    });
    await platform.post(`/api/orgs/${orgs.body.id}/users`, {
      email: 'rival@demo.kebao.cn',
      displayName: '对手',
      roles: ['insurer_admin'],
      password: 'rival-password-1',
    });
    const rival = t.client();
    await rival.login('rival@demo.kebao.cn', 'rival-password-1');
    expect((await rival.get('/api/products/KB-AP-MINE')).status).toBe(404);
    expect(
      (await rival.post('/api/products/KB-AP-MINE/versions/1/filing', { action: 'submit' })).status,
    ).toBe(404);
    expect(
      (await rival.post('/api/products/KB-AP-EQUIP/versions/1/filing', { action: 'withdraw' })).body.code,
    ).toBe('product.not_writer');
    const newVersion = await rival.post('/api/products', {
      definition: newProduct('KB-AP-EQUIP', { version: 2, writer: { insurer: '91440300708461136T' } }),
    });
    expect(newVersion.body.code).toBe('product.not_writer');
  });

  it('keeps pricing a quote on version 1 the same after version 2 is filed', async () => {
    await insurer.post('/api/products', { definition: newProduct('KB-AP-VER') });
    await insurer.post('/api/products/KB-AP-VER/versions/1/filing', { action: 'submit' });
    await regulator.post('/api/products/KB-AP-VER/versions/1/review', { action: 'approve' });
    const v1 = await preview(t.client(), 'KB-AP-VER');
    expect(v1.body).toMatchObject({ product: { version: 1 }, premium: '91200.00' });

    const cheaper = newProduct('KB-AP-VER', { version: 2, rating: { ...equip.rating, baseRate: '0.010' } });
    await insurer.post('/api/products', { definition: cheaper });
    await insurer.post('/api/products/KB-AP-VER/versions/2/filing', { action: 'submit' });
    await regulator.post('/api/products/KB-AP-VER/versions/2/review', { action: 'approve' });
    await t.server.services.dispatcher.drain();
    await expect.poll(async () => (await preview(t.client(), 'KB-AP-VER')).body.product.version).toBe(2);
    expect((await preview(t.client(), 'KB-AP-VER')).body.premium).toBe('76000.00');
    const again = await preview(t.client(), 'KB-AP-VER', 1);
    expect(again.body.premium).toBe('91200.00');
    expect(again.body.rating).toEqual(v1.body.rating);
  });
});
