import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, tableChecksums } from '@kebao/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { REPO, runCli } from './run-cli.ts';

let t: TestServer;
let work: string;

beforeAll(async () => {
  t = await startTestServer();
  work = await mkdtemp(path.join(tmpdir(), 'kebao-cli-'));
  await chmod(work, 0o755);
  // Some activity worth backing up: users, sessions, tokens, audit, events.
  const admin = await t.as('insurer@demo.kebao.cn');
  const orgId = (await admin.get('/api/me')).body.organisation.id;
  for (let i = 0; i < 5; i++) {
    await admin.post(`/api/orgs/${orgId}/users`, {
      email: `backup${i}@demo.kebao.cn`,
      displayName: `备份${i}`,
      roles: ['claims_handler'],
      password: 'a-long-password-1',
    });
  }
  await admin.post('/api/tokens', { name: '对接', scopes: ['org.read'], expiresInDays: 30 });
  await t.server.services.dispatcher.drain();
});
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

describe('kebao commands', () => {
  it('migrate reports an up-to-date database', async () => {
    const r = await runCli(['migrate'], { DATABASE_URL: t.db.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/database is up to date \(\d+ migrations\)/);
  });

  it('users create makes a user who can sign in, audited on the system chain', async () => {
    const r = await runCli(
      [
        'users',
        'create',
        '--org',
        '示例金融监管局',
        '--email',
        'analyst@demo.kebao.cn',
        '--name',
        '分析员',
        '--role',
        'regulator_analyst',
        '--password-stdin',
      ],
      { DATABASE_URL: t.db.url },
      'analyst-password-1\n',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('created analyst@demo.kebao.cn (regulator_analyst)');
    expect((await t.client().login('analyst@demo.kebao.cn', 'analyst-password-1')).status).toBe(200);
    const audit = await t.db.pool.query(
      "SELECT chain, actor_type FROM audit_log WHERE action = 'user.create' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toEqual({ chain: 'system', actor_type: 'system' });
  });

  it('users create refuses a role of another organisation kind with a clear message', async () => {
    const r = await runCli(
      [
        'users',
        'create',
        '--org',
        '示例金融监管局',
        '--email',
        'x@demo.kebao.cn',
        '--name',
        'X',
        '--role',
        'underwriter',
      ],
      { DATABASE_URL: t.db.url },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('角色 underwriter 不适用于该类机构');
  });

  it('export enterprises writes the registry as CSV, the district named next to its code; it imports back unchanged', async () => {
    const file = path.join(work, 'enterprises.csv');
    const exported = await runCli(['export', 'enterprises', file], { DATABASE_URL: t.db.url });
    expect(exported.code, exported.stderr).toBe(0);
    const lines = (await readFile(file, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    const code = header.indexOf('行政区划代码');
    expect(header[code + 1]).toBe('行政区划名称');
    const pudong = lines.find((l) => l.split(',')[code] === '310115');
    expect(pudong?.split(',')[code + 1]).toBe('上海市浦东新区');
    expect(exported.stdout).toMatch(new RegExp(`exported ${lines.length - 1} enterprises`));
    const back = await runCli(['import', 'enterprises', file, '--dry-run'], { DATABASE_URL: t.db.url });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/created 0 · updated 0 · unchanged \d+ · refused 0 \(0 problems\)/);
  });

  it('audit verify passes an intact log and reports an edited row with exit code 1', async () => {
    const ok = await runCli(['audit', 'verify'], { DATABASE_URL: t.db.url });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('audit log intact');

    const victim = await t.db.pool.query(
      "SELECT chain, seq FROM audit_log WHERE action = 'user.create' AND chain <> 'system' LIMIT 1",
    );
    const { chain, seq } = victim.rows[0];
    await t.db.pool.query(
      `UPDATE audit_log SET after = after || '{"roles": ["insurer_admin"]}' WHERE chain = $1 AND seq = $2`,
      [chain, seq],
    );
    const broken = await runCli(['audit', 'verify'], { DATABASE_URL: t.db.url });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN chain ${chain} at ${seq}: edited`);
    const json = await runCli(['audit', 'verify', '--json'], { DATABASE_URL: t.db.url });
    expect(JSON.parse(json.stdout).problems).toContainEqual(
      expect.objectContaining({ chain, seq: String(seq), problem: 'edited' }),
    );
  });

  it("ledger verify passes a bound policy's books, names an edited entry with exit code 1; trial-balance sums to zero", async () => {
    const enterprise = await t.as('enterprise@demo.kebao.cn');
    const q = await enterprise.post('/api/quotes', {
      productCode: 'KB-BR-CYBER',
      request: { limit: '5000000.00' },
    });
    await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
    expect((await enterprise.post(`/api/quotes/${q.body.id}/bind`, {})).status).toBe(201);
    const ok = await runCli(['ledger', 'verify'], { DATABASE_URL: t.db.url });
    expect(ok.stdout).toContain('ledger balances');
    expect(ok.code).toBe(0);
    const tb = await runCli(['ledger', 'trial-balance'], { DATABASE_URL: t.db.url });
    expect(tb.code).toBe(0);
    expect(tb.stdout).toMatch(/premium_income/);
    expect(tb.stdout.trim().split('\n').at(-1)).toMatch(/^total .* 0\.00$/);

    const victim = await t.db.pool.query<{ entry_id: string }>(
      "SELECT entry_id FROM journal_line WHERE account = 'premium_receivable' LIMIT 1",
    );
    const entry = victim.rows[0]?.entry_id as string;
    await t.db.pool.query(
      "UPDATE journal_line SET amount = amount + 100 WHERE entry_id = $1 AND account = 'premium_receivable'",
      [entry],
    );
    try {
      const broken = await runCli(['ledger', 'verify'], { DATABASE_URL: t.db.url });
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`PROBLEM entry.unbalanced ${entry}`);
      expect(broken.stdout).toContain('ledger BROKEN');
    } finally {
      await t.db.pool.query(
        "UPDATE journal_line SET amount = amount - 100 WHERE entry_id = $1 AND account = 'premium_receivable'",
        [entry],
      );
    }
    const month = await runCli(['ledger', 'close', '2026-13'], { DATABASE_URL: t.db.url });
    expect(month.code).toBe(1);
    expect(month.stderr).toContain('YYYY-MM');
  });

  it('seed loads a demo zone with a year of activity into an empty database; its ledger verifies', async () => {
    const fresh = await createTestDatabase();
    try {
      const r = await runCli(
        ['seed', '--enterprises', '60', '--years', '1', '--policies', '30', '--seed', '7'],
        {
          DATABASE_URL: fresh.url,
        },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/seeded the demo zone in [\d.]+ s: 61 enterprises, \d+ quotes, \d+ policies/);
      const policies = await fresh.pool.query('SELECT 1 FROM policy');
      expect(policies.rowCount).toBeGreaterThan(10);
      const verify = await runCli(['ledger', 'verify'], { DATABASE_URL: fresh.url });
      expect(verify.stdout).toContain('ledger balances');
      const again = await runCli(['seed'], { DATABASE_URL: fresh.url });
      expect(again.stdout).toContain('nothing seeded');
      expect((await runCli(['seed', '--years', 'x'], { DATABASE_URL: fresh.url })).stderr).toContain(
        '--years',
      );
    } finally {
      await fresh.drop();
    }
  });

  it('seed --scale loads the zone and a synthetic directory and business, reports the rate, refuses a second load', async () => {
    const fresh = await createTestDatabase();
    try {
      const env = { DATABASE_URL: fresh.url };
      const r = await runCli(
        ['seed', '--scale', '--policies', '3000', '--enterprises', '400', '--registered', '1000'],
        env,
      );
      expect(r.stdout).toMatch(
        /loaded in [\d.]+ s: [\d,]+ policies\/s, [\d,]+ rows\/s \(400 enterprises, 3,000 policies/,
      );
      expect(r.stdout).toContain('1,000 registered policies');
      expect(r.stdout).toContain('regulator@demo.kebao.cn');
      const again = await runCli(['seed', '--scale', '--policies', '10', '--enterprises', '5'], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds a scale load');
      expect((await runCli(['seed', '--registered', '5'], env)).stderr).toContain(
        '--registered needs --scale',
      );
      expect((await runCli(['seed', '--scale', '--policies', '1e3'], env)).stderr).toContain('--policies');
    } finally {
      await fresh.drop();
    }
  });

  it('backup then restore into a fresh data directory gives identical tables', async () => {
    const file = path.join(work, 'zone.sql.gz');
    const backup = await runCli(['backup', file], { DATABASE_URL: t.db.url });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/backup written to .*zone\.sql\.gz: \d+ tables, \d+ rows/);

    const fresh = path.join(work, 'restored');
    const restore = await runCli(['restore', file], { KEBAO_DATA_DIR: fresh });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored \d+ rows/);

    const source = await tableChecksums(t.db.pool);
    const target = await openDatabase({ dataDir: fresh });
    try {
      expect(await tableChecksums(target.pool)).toEqual(source);
      expect(Object.values(source).some((v) => !v.startsWith('0:'))).toBe(true);
      // Identity columns continue after the restored rows.
      const next = await target.pool.query(
        "INSERT INTO outbox_event (aggregate_type, aggregate_id, aggregate_seq, type, payload, org_ids) VALUES ('t', 't', 1, 't', '{}', '{}') RETURNING id",
      );
      const max = await t.db.pool.query('SELECT max(id) AS m FROM outbox_event');
      expect(next.rows[0].id).toBeGreaterThan(max.rows[0].m);
    } finally {
      await target.close();
    }

    const again = await runCli(['restore', file], { KEBAO_DATA_DIR: fresh });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('catalog check passes the shipped catalogue and names the file and path of a broken one', async () => {
    const ok = await runCli(['catalog', 'check'], {});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('19 product versions are valid');
    const dir = path.join(work, 'catalog');
    await cp(path.join(REPO, 'catalog'), dir, { recursive: true });
    const file = path.join(dir, 'products', 'KB-BR-LOAN.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('statisticalClass: base', 'statisticalClass: application'),
    );
    const broken = await runCli(['catalog', 'check', dir], {});
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/KB-BR-LOAN\.yaml: \/(code|statisticalClass) /);
  });

  it('refuses to overwrite a backup file and to restore something that is not a backup', async () => {
    const file = path.join(work, 'exists.sql.gz');
    await runCli(['backup', file], { DATABASE_URL: t.db.url });
    expect((await runCli(['backup', file], { DATABASE_URL: t.db.url })).stderr).toMatch(/exists/);
    const junk = await runCli(['restore', path.join(work, '..', 'nope.sql.gz')], {
      KEBAO_DATA_DIR: path.join(work, 'junk'),
    });
    expect(junk.code).toBe(1);
  });
});
