import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { usccCheckCharacter } from '@kebao/domain/org';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { demoEnterpriseProfile } from '../src/modules/enterprise/demo-seed.ts';
import { ERROR_REPORT_HEADER } from '../src/modules/enterprise/import/error-report.ts';
import { runImport } from '../src/modules/enterprise/import/run-import.ts';
import { systemActor } from '../src/platform/actor.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestServer;
let close: () => Promise<void>;
let funder: Client;
let platform: Client;
let insurer: Client;
let dir: string;

// ---- a tech-enterprise list, as a government office keeps it ----------------------------------

const HEADER = [
  '统一社会信用代码',
  '企业名称',
  '行政区划代码',
  '行业代码',
  '前沿产业标签',
  '成立日期',
  '发展阶段',
  '职工总数',
  '科技人员数',
  '营业收入',
  '研发费用',
  '高新技术企业证书编号',
  '高新技术企业有效期至',
  '技术成熟度',
  '同意向保险机构推送',
  '备注', // not a column of the list: reported once on row 1
];

/** A valid code: 91 + region 310115 + a 9-digit serial (series first) + the check character. */
const usccOf = (series: number, i: number) => {
  const body = `91310115${series}${String(i).padStart(8, '0')}`;
  return body + usccCheckCharacter(body);
};

type Row = string[];

function goodRow(series: number, i: number): Row {
  return [
    usccOf(series, i),
    `示例科技企业${series}-${i}有限公司`,
    '310115',
    'C3973',
    i % 3 === 0 ? '集成电路、人工智能' : 'ai',
    '2019-06-18',
    i % 2 === 0 ? '成长期' : 'startup',
    String(100 + i),
    String(20 + (i % 50)),
    i % 5 === 0 ? '12,345,678.90' : '8000000.00',
    '1500000.00',
    `GR2024${String(i).padStart(6, '0')}`,
    '2027-11-30',
    String(1 + (i % 9)),
    i % 2 === 0 ? '是' : '否',
    '备注文字',
  ];
}

interface Expected {
  row: number;
  column: string | null;
  code: string;
}

/**
 * `count` rows of a series with broken ones at fixed places: each kind of problem once, so the
 * test can name the row, the column and the code the report must carry.
 */
function list(
  series: number,
  count: number,
): { rows: Row[]; bad: Expected[]; good: string[]; badUscc: string[] } {
  const rows: Row[] = [];
  const bad: Expected[] = [];
  const badUscc: string[] = [];
  for (let i = 0; i < count; i++) rows.push(goodRow(series, i));
  const line = (i: number) => i + 2; // the header is row 1
  const breakRow = (i: number, column: number, value: string, expected: Omit<Expected, 'row'>) => {
    (rows[i] as Row)[column] = value;
    bad.push({ row: line(i), ...expected });
    badUscc.push((rows[i] as Row)[0] as string);
  };
  breakRow(3, 7, 'abc', { column: '职工总数', code: 'import.not_integer' });
  breakRow(5, 8, '999', { column: '科技人员数', code: 'profile.tech_staff_above_staff' });
  breakRow(7, 5, '2024-02-30', { column: '成立日期', code: 'profile.date_nonexistent' });
  breakRow(9, 4, '区块链', { column: '前沿产业标签', code: 'import.unknown_tag' });
  breakRow(11, 1, 'A', { column: '企业名称', code: 'schema.minLength' });
  breakRow(13, 1, '', { column: '企业名称', code: 'schema.required' });
  breakRow(15, 9, '-5.00', { column: '营业收入', code: 'import.not_amount' });
  // A wrong check character, and an empty code.
  const code = (rows[17] as Row)[0] as string;
  breakRow(17, 0, code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'), {
    column: '统一社会信用代码',
    code: 'profile.uscc_check',
  });
  (rows[19] as Row)[0] = '';
  bad.push({ row: line(19), column: '统一社会信用代码', code: 'import.uscc_missing' });
  // The same code twice: the later row is refused, naming the first.
  (rows[21] as Row)[0] = (rows[20] as Row)[0] as string;
  bad.push({ row: line(21), column: '统一社会信用代码', code: 'import.duplicate_uscc' });
  const refused = new Set(bad.map((b) => b.row - 2));
  const good = rows.filter((_, i) => !refused.has(i)).map((r) => r[0] as string);
  return { rows, bad, good, badUscc };
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: Row[], header: string[] = HEADER) =>
  `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

async function xlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(HEADER);
  for (const r of rows) {
    // As people type them: counts as numbers, dates as dates.
    const cells: (string | number | Date)[] = [...r];
    if (/^\d+$/.test(r[7] as string)) cells[7] = Number(r[7]);
    if (/^\d{4}-\d{2}-\d{2}$/.test(r[5] as string) && r[5] !== '2024-02-30')
      cells[5] = new Date(`${r[5]}T00:00:00Z`);
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- helpers ------------------------------------------------------------------------------------

interface ImportView {
  id: string;
  status: 'running' | 'finished' | 'failed';
  format: string;
  encoding: string | null;
  totalRows: number | null;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  errorRows: number;
  errors: number;
  failure: { code: string } | null;
}

async function upload(client: Client, body: Buffer | string, fileName: string, type = 'text/csv') {
  return client.request<ImportView>(
    'POST',
    `/api/enterprise-imports?fileName=${encodeURIComponent(fileName)}`,
    {
      raw: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      headers: { 'content-type': type },
    },
  );
}

/** Uploads and waits for the import to end. */
async function importFile(client: Client, body: Buffer | string, fileName: string, type?: string) {
  const answer = await upload(client, body, fileName, type);
  expect(answer.status, answer.text).toBe(202);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const got = await client.get<ImportView>(`/api/enterprise-imports/${answer.body.id}`);
    if (got.body.status !== 'running' || Date.now() > deadline) return got.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function errorsOf(client: Client, id: string) {
  const all: { row: number; column: string | null; code: string; message_zh: string; message_en: string }[] =
    [];
  for (let offset = 0; ; offset += 200) {
    const page = await client.get(`/api/enterprise-imports/${id}/errors?limit=200&offset=${offset}`);
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    if (page.body.items.length < 200) return all;
  }
}

const stored = async (usccs: string[]) =>
  (
    await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise WHERE uscc = ANY($1)', [
      usccs,
    ])
  ).rows[0]?.n;
const versions = async () =>
  (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_profile_version')).rows[0]
    ?.n;

async function download(
  client: Client,
  url: string,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  const response = await fetch(client.baseUrl + url, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

beforeAll(async () => {
  t = await startTestServer();
  close = () => t.close();
  const as = (email: string) => t.as(email);
  [funder, platform, insurer] = await Promise.all([
    as('funder@demo.kebao.cn'),
    as('platform@demo.kebao.cn'),
    as('insurer@demo.kebao.cn'),
  ]);
  dir = await mkdtemp(path.join(tmpdir(), 'kebao-import-test-'));
});
afterAll(async () => {
  await close();
  await rm(dir, { recursive: true, force: true });
});

describe('importing the enterprise list', () => {
  const utf8 = list(1, 240);
  let first: ImportView;

  it('stores the good rows of a UTF-8 CSV and reports every bad row with its row, column and code', async () => {
    first = await importFile(funder, csv(utf8.rows), '名录.csv');
    expect(first).toMatchObject({
      status: 'finished',
      format: 'csv',
      encoding: 'utf-8',
      totalRows: 240,
      rowsRead: 240,
      created: utf8.good.length,
      updated: 0,
      unchanged: 0,
      errorRows: utf8.bad.length,
      failure: null,
    });
    const errors = await errorsOf(funder, first.id);
    expect(errors.length).toBe(first.errors);
    expect(errors[0]).toMatchObject({ row: 1, column: '备注', code: 'import.unknown_column' });
    for (const b of utf8.bad) expect(errors, JSON.stringify(b)).toContainEqual(expect.objectContaining(b));
    // Every problem is worded in both languages; the duplicate names the first row.
    for (const e of errors) expect(e.message_zh.length * e.message_en.length).toBeGreaterThan(0);
    expect(errors.find((e) => e.code === 'import.duplicate_uscc')?.message_en).toContain('row 22');
    // Rows come in order; every row reported is a refused one (or the header).
    expect(errors.map((e) => e.row)).toEqual([...errors.map((e) => e.row)].sort((a, b) => a - b));
    expect(new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size).toBe(utf8.bad.length);
    // Never half a row: a refused row stores nothing at all; every good row is there.
    const refused = utf8.badUscc.filter((u) => !utf8.good.includes(u));
    expect(await stored(refused)).toBe(0);
    expect(await stored(utf8.good)).toBe(utf8.good.length);
  });

  it('reads the cells into the profile: labels, amounts with separators, qualifications, TRL', async () => {
    const uscc = usccOf(1, 0);
    const row = await t.db.pool.query(
      `SELECT v.profile, v.source FROM enterprise e JOIN enterprise_profile_version v
         ON v.enterprise_id = e.id AND v.version = e.current_version WHERE e.uscc = $1`,
      [uscc],
    );
    expect(row.rows[0].source).toBe('import');
    expect(row.rows[0].profile).toMatchObject({
      uscc,
      name: '示例科技企业1-0有限公司',
      frontierTags: ['ic', 'ai'],
      stage: 'growth',
      staff: 100,
      revenue: '12345678.90',
      qualifications: [
        { kind: 'high_tech_enterprise', certificateNo: 'GR2024000000', validTo: '2027-11-30' },
      ],
      projects: [{ name: '主要研发项目', trl: 1 }],
      consentToInsurers: true,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await versions();
    const again = await importFile(funder, csv(utf8.rows), '名录.csv');
    expect(again).toMatchObject({
      status: 'finished',
      created: 0,
      updated: 0,
      unchanged: utf8.good.length,
      errorRows: utf8.bad.length,
      errors: first.errors,
    });
    expect(await versions()).toBe(before);
  });

  it('records progress events for the importing organisation and one audit record with the totals', async () => {
    const me = await funder.get('/api/me');
    const events = await t.db.pool.query(
      `SELECT payload, org_ids FROM outbox_event WHERE type = 'enterprise.import_progress' AND aggregate_id = $1
        ORDER BY aggregate_seq`,
      [first.id],
    );
    expect(events.rows.length).toBeGreaterThanOrEqual(3); // started, a batch, finished
    expect(events.rows.at(-1).payload).toMatchObject({
      importId: first.id,
      status: 'finished',
      rowsRead: 240,
      created: utf8.good.length,
      errors: first.errors,
    });
    for (const e of events.rows) expect(e.org_ids).toContain(me.body.organisation.id);
    const audit = await t.db.pool.query(
      `SELECT after FROM audit_log WHERE action = 'enterprise.import' AND entity_id = $1`,
      [first.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ status: 'finished', created: utf8.good.length });
  });

  it('detects GBK and UTF-8 with a BOM', async () => {
    const gbk = list(2, 60);
    const answer = await importFile(
      funder,
      iconv.encode(csv(gbk.rows), 'gbk'),
      '名录-gbk.csv',
      'application/vnd.ms-excel',
    );
    expect(answer).toMatchObject({ status: 'finished', encoding: 'gb18030', created: gbk.good.length });
    const name = await t.db.pool.query('SELECT name FROM enterprise WHERE uscc = $1', [usccOf(2, 1)]);
    expect(name.rows[0].name).toBe('示例科技企业2-1有限公司');

    const bom = list(3, 40);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(bom.rows), 'utf8')]);
    const answer2 = await importFile(funder, withBom, 'bom.csv', 'text/csv; charset=utf-8');
    expect(answer2).toMatchObject({ status: 'finished', encoding: 'utf-8 (BOM)', created: bom.good.length });
    expect(await errorsOf(funder, answer2.id)).toContainEqual(
      expect.objectContaining({ row: 1, column: '备注', code: 'import.unknown_column' }),
    );
  });

  it('reads XLSX (numbers and dates as Excel stores them), with the same problems', async () => {
    const sheet = list(4, 50);
    const answer = await importFile(funder, await xlsx(sheet.rows), '名录.xlsx', XLSX);
    expect(answer).toMatchObject({
      status: 'finished',
      format: 'xlsx',
      encoding: null,
      created: sheet.good.length,
      errorRows: sheet.bad.length,
    });
    const errors = await errorsOf(funder, answer.id);
    for (const b of sheet.bad) expect(errors).toContainEqual(expect.objectContaining(b));
    const founded = await t.db.pool.query(
      `SELECT v.profile->>'foundedOn' AS d, v.profile->'staff' AS s FROM enterprise e JOIN enterprise_profile_version v
         ON v.enterprise_id = e.id AND v.version = e.current_version WHERE e.uscc = $1`,
      [usccOf(4, 2)],
    );
    expect(founded.rows[0]).toEqual({ d: '2019-06-18', s: 102 });
  });

  it('gives the error report as XLSX that reads back with every problem', async () => {
    const report = await download(funder, `/api/enterprise-imports/${first.id}/errors.xlsx`);
    expect(report.status).toBe(200);
    expect(report.type).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual([...ERROR_REPORT_HEADER]);
    const errors = await errorsOf(funder, first.id);
    expect(sheet.actualRowCount).toBe(errors.length + 1);
    errors.forEach((e, i) => {
      expect(values(i + 2)).toEqual([e.row, e.column, e.code, e.message_zh, e.message_en]);
    });
  });

  it('keeps what the list does not say: a partial list updates only its columns', async () => {
    const uscc = demoEnterpriseProfile.uscc;
    const partial = `统一社会信用代码,企业名称,职工总数\r\n${uscc},,200\r\n`;
    const answer = await importFile(funder, partial, 'partial.csv');
    expect(answer).toMatchObject({ status: 'finished', updated: 1, errorRows: 0 });
    const profile = await t.db.pool.query(
      `SELECT v.profile FROM enterprise e JOIN enterprise_profile_version v
         ON v.enterprise_id = e.id AND v.version = e.current_version WHERE e.uscc = $1`,
      [uscc],
    );
    expect(profile.rows[0].profile).toEqual({ ...demoEnterpriseProfile, staff: 200 });
  });

  it('refuses a file without the USCC or name column at once, storing nothing', async () => {
    const answer = await upload(funder, '企业名称,职工总数\r\n某公司,10\r\n', 'bad.csv');
    expect(answer.status).toBe(422);
    expect((answer.body as unknown as { code: string; message_en: string }).code).toBe(
      'import.missing_columns',
    );
    const text = await upload(funder, 'not a list at all', 'x.csv');
    expect(text.status).toBe(422);
  });

  it('is for the registry keepers: an insurer cannot import, another organisation cannot see the import', async () => {
    expect((await upload(insurer, csv(list(5, 30).rows), 'x.csv')).status).toBe(403);
    expect((await insurer.get(`/api/enterprise-imports/${first.id}`)).status).toBe(403);
    expect((await platform.get(`/api/enterprise-imports/${first.id}`)).status).toBe(404);
    expect((await platform.get(`/api/enterprise-imports/${first.id}/errors`)).status).toBe(404);
    expect((await download(platform, `/api/enterprise-imports/${first.id}/errors.xlsx`)).status).toBe(404);
    const mine = await funder.get('/api/enterprise-imports?limit=100');
    expect(mine.body.items.map((i: ImportView) => i.id)).toContain(first.id);
    expect((await platform.get('/api/enterprise-imports')).body.items).toEqual([]);
    const json = await upload(funder, '{"not":"a file"}', 'x.csv', 'application/json');
    expect(json.status, json.text).toBe(415);
  });
});

describe('exporting the registry', () => {
  it('writes XLSX and CSV (UTF-8 with BOM) that import back unchanged', async () => {
    const total = (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise')).rows[0]
      ?.n;
    const before = await versions();
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await download(funder, `/api/enterprises/export?format=${format}`);
      expect(file.status).toBe(200);
      if (format === 'csv') expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const answer = await importFile(
        funder,
        file.body,
        `export.${format}`,
        format === 'csv' ? 'text/csv' : 'application/octet-stream',
      );
      expect(answer, format).toMatchObject({
        status: 'finished',
        rowsRead: total,
        created: 0,
        updated: 0,
        unchanged: total,
        errors: 0,
      });
    }
    expect(await versions()).toBe(before);
  });

  it('applies the filters and is refused without the registry permission', async () => {
    const file = await download(
      funder,
      `/api/enterprises/export?format=csv&q=${encodeURIComponent('示例科技企业2-')}`,
    );
    const lines = file.body.toString('utf8').trim().split('\r\n');
    expect(lines.length - 1).toBe(list(2, 60).good.length);
    const header = lines[0]?.replace(/^\uFEFF/, '').split(',') ?? [];
    expect(header.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    // The district's name from the region code list next to its code (the importer passes it over).
    const at = header.indexOf('行政区划代码');
    expect(header[at + 1]).toBe('行政区划名称');
    expect(lines[1]?.split(',').slice(at, at + 2)).toEqual(['310115', '上海市浦东新区']);
    expect((await download(insurer, '/api/enterprises/export')).status).toBe(403);
  });
});

describe('runImport', () => {
  it('refuses a file with too many rows before writing anything', async () => {
    const file = path.join(dir, 'big.csv');
    await writeFile(file, csv(list(6, 30).rows));
    const { pool, tx } = t.server.services;
    const summary = await runImport({ pool, tx, actor: systemActor, file, fileName: 'big.csv', maxRows: 20 });
    expect(summary).toMatchObject({ status: 'failed', rowsRead: 0, created: 0 });
    expect(summary.failure?.code).toBe('import.too_many_rows');
    expect(await stored(list(6, 30).good)).toBe(0);
  });

  it('counts what would change in a dry run and stores nothing; small batches give the same result', async () => {
    const file = path.join(dir, 'dry.csv');
    const rows = list(7, 45);
    await writeFile(file, csv(rows.rows));
    const { pool, tx } = t.server.services;
    const problems: number[] = [];
    const dry = await runImport({
      pool,
      tx,
      actor: systemActor,
      file,
      fileName: 'dry.csv',
      dryRun: true,
      batchSize: 7,
      onErrors: (errors) => void problems.push(...errors.map((e) => e.row)),
    });
    expect(dry).toMatchObject({
      status: 'finished',
      importId: null,
      created: rows.good.length,
      errorRows: rows.bad.length,
    });
    expect(problems.length).toBe(dry.errors);
    expect(await stored(rows.good)).toBe(0);
    const real = await runImport({ pool, tx, actor: systemActor, file, fileName: 'dry.csv', batchSize: 7 });
    expect(real).toMatchObject({ status: 'finished', created: rows.good.length, errors: dry.errors });
    expect(await stored(rows.good)).toBe(rows.good.length);
  });
});
