import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { validateProfile } from '@kebao/domain/enterprise';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnterpriseProfile } from '../src/modules/enterprise/demo-seed.ts';
import { type Column, columns, exportHeader } from '../src/modules/enterprise/import/columns.ts';
import { profileCells } from '../src/modules/enterprise/import/export.ts';
import { planHeader } from '../src/modules/enterprise/import/header-plan.ts';
import { columnOfPath, mergeProfile } from '../src/modules/enterprise/import/merge-profile.ts';
import { rowToProfile } from '../src/modules/enterprise/import/row-to-profile.ts';
import {
  countRows,
  detectEncoding,
  openRows,
  wholeCharacterLength,
  wholeCharacters,
} from '../src/platform/files/read-rows.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kebao-import-unit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function rowsOf(file: string) {
  const source = await openRows(file);
  const rows: { number: number; cells: string[] }[] = [];
  for await (const row of source.rows) rows.push(row);
  return { ...source, rows };
}

/** The cells of one row as rowToProfile takes them, from header → value pairs. */
function cells(pairs: Record<string, string>) {
  const plan = planHeader(Object.keys(pairs));
  const values = Object.values(pairs);
  return {
    plan,
    cells: new Map(
      plan.columns.map((p) => [p.column, { header: p.header, value: values[p.index] as string }] as const),
    ),
  };
}

describe('reading list files', () => {
  it('tells UTF-8, UTF-8 with a BOM and GBK apart', () => {
    const text = '统一社会信用代码,企业名称\r\n';
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(
      'utf-8-bom',
    );
    expect(detectEncoding(iconv.encode(text, 'gbk'))).toBe('gb18030');
    // A character cut at the end of the head is still UTF-8.
    expect(detectEncoding(Buffer.from(text, 'utf8').subarray(0, 4))).toBe('utf-8');
  });

  it('numbers rows as a spreadsheet does: quoted line breaks stay in one row, blank lines count and are skipped', async () => {
    const file = path.join(dir, 'quoted.csv');
    await writeFile(
      file,
      '统一社会信用代码,企业名称\r\nA,"第一行\r\n第二行"\r\n\r\n,\r\nB,"有""引号""的名称"\r\n',
    );
    const source = await rowsOf(file);
    expect(source.header).toEqual(['统一社会信用代码', '企业名称']);
    expect(source.rows).toEqual([
      { number: 2, cells: ['A', '第一行\r\n第二行'] },
      { number: 5, cells: ['B', '有"引号"的名称'] },
    ]);
    expect(await countRows(file, 100)).toBe(2);
    expect(await countRows(file, 1)).toBe(2); // stops after limit + 1
  });

  it('reads a long Chinese XLSX without garbling characters split between chunks', async () => {
    const file = path.join(dir, 'long.xlsx');
    const stream = createWriteStream(file);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
    const sheet = writer.addWorksheet('名录');
    sheet.addRow(['统一社会信用代码', '企业名称', '成立日期']).commit();
    const names = Array.from(
      { length: 3000 },
      (_, i) => `临港新片区示例科技企业第${i}号有限公司（集成电路）`,
    );
    names.forEach((name, i) => {
      const row = sheet.addRow([`U${i}`, name, new Date(Date.UTC(2019, 5, 18))]);
      row.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
      row.commit();
    });
    sheet.commit();
    await writer.commit();
    await finished(stream);
    const source = await rowsOf(file);
    expect(source.format).toBe('xlsx');
    expect(source.rows.map((r) => r.cells[1])).toEqual(names);
    expect(new Set(source.rows.map((r) => r.cells[2]))).toEqual(new Set(['2019-06-18']));
  });

  it('re-chunks bytes on whole UTF-8 characters', async () => {
    const bytes = Buffer.from('a科𠀀b', 'utf8'); // 1 + 3 + 4 + 1 bytes
    expect(wholeCharacterLength(bytes.subarray(0, 3))).toBe(1);
    expect(wholeCharacterLength(bytes.subarray(0, 4))).toBe(4);
    expect(wholeCharacterLength(bytes.subarray(0, 7))).toBe(4);
    async function* oneByOne() {
      for (const byte of bytes) yield Buffer.from([byte]);
    }
    const out: string[] = [];
    for await (const chunk of wholeCharacters(oneByOne())) out.push(chunk.toString('utf8'));
    expect(out.join('')).toBe('a科𠀀b');
    expect(out.every((s) => !s.includes('\uFFFD'))).toBe(true);
  });
});

describe('the header', () => {
  it('matches Chinese and English names, reports unknown and repeated columns once, and lists missing ones', () => {
    const plan = planHeader(['\uFEFF统一社会信用代码', 'name', ' 职工总数 ', '备注', '企业名称', '']);
    expect(plan.columns.map((c) => c.column.field)).toEqual(['uscc', 'name', 'staff']);
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, '备注', 'import.unknown_column'],
      [1, '企业名称', 'import.duplicate_column'],
    ]);
    expect(plan.missing).toEqual([]);
    expect(planHeader(['企业名称']).missing.map((m) => m.zh)).toEqual(['统一社会信用代码']);
  });
});

describe('a row as a profile', () => {
  it('reads amounts, percentages, dates, labels and qualifications', () => {
    const { cells: row } = cells({
      统一社会信用代码: ' 91310115MA1K4D3X0X ',
      企业名称: '示例',
      营业收入: '¥1,234.50元',
      近三年赔付率: '35%',
      成立日期: '2019年6月8日',
      发展阶段: '成熟期',
      前沿产业标签: '集成电路；ai',
      目录入选: '首台套',
      技术成熟度: '7',
      同意推送: '否',
      高新技术企业证书编号: 'GR1',
      高新技术企业有效期至: '2027/11/30',
    });
    expect(rowToProfile(row)).toEqual({
      errors: [],
      profile: {
        uscc: '91310115MA1K4D3X0X',
        name: '示例',
        revenue: '1234.50',
        lossRatioLast3Years: '0.35',
        foundedOn: '2019-06-08',
        stage: 'mature',
        frontierTags: ['ic', 'ai'],
        catalogueListings: [{ kind: 'first_set_equipment', item: 'first_set_equipment' }],
        projects: [{ name: '主要研发项目', trl: 7 }],
        consentToInsurers: false,
        qualifications: [{ kind: 'high_tech_enterprise', certificateNo: 'GR1', validTo: '2027-11-30' }],
      },
    });
  });

  it('reports each unreadable cell with its column and a code of its own', () => {
    const { cells: row } = cells({
      职工总数: '十',
      营业收入: '-1',
      成立日期: '去年',
      发展阶段: '壮年',
      同意推送: '也许',
      前沿产业标签: '区块链',
      技术成熟度: '10',
    });
    expect(rowToProfile(row).errors.map((e) => [e.column, e.code])).toEqual([
      ['职工总数', 'import.not_integer'],
      ['营业收入', 'import.not_amount'],
      ['成立日期', 'import.not_date'],
      ['发展阶段', 'import.unknown_stage'],
      ['同意推送', 'import.not_yes_no'],
      ['前沿产业标签', 'import.unknown_tag'],
      ['技术成熟度', 'import.not_trl'],
    ]);
  });
});

describe('merging a row into the stored profile', () => {
  const stored = demoEnterpriseProfile as unknown as Record<string, unknown>;

  it('changes only what the row has a value for, and keeps what no column carries', () => {
    const merged = mergeProfile(stored, {
      uscc: demoEnterpriseProfile.uscc,
      staff: 200,
      qualifications: [
        { kind: 'specialised_sme', certificateNo: 'ZJTX-1' },
        { kind: 'tech_sme', validTo: '2026-12-31' },
      ],
      catalogueListings: [{ kind: 'first_set_equipment', item: 'first_set_equipment' }],
      projects: [{ name: '主要研发项目', trl: 8 }],
    });
    expect(merged).toEqual({
      ...demoEnterpriseProfile,
      staff: 200,
      qualifications: [
        demoEnterpriseProfile.qualifications?.[0],
        { kind: 'specialised_sme', validFrom: '2025-03-01', validTo: '2028-02-28', certificateNo: 'ZJTX-1' },
        { kind: 'tech_sme', validTo: '2026-12-31' },
      ],
      projects: [{ name: '晶圆缺陷检测设备', trl: 8 }, demoEnterpriseProfile.projects?.[1]],
    });
  });

  it('points a problem of the merged profile at the column of the file that holds it', () => {
    const { plan } = cells({ 统一社会信用代码: '', 科技人员数: '', 专精特新有效期至: '' });
    const merged = mergeProfile(stored, {});
    expect(columnOfPath('/techStaff', merged, plan)).toBe('科技人员数');
    expect(columnOfPath('/qualifications/1/validTo', merged, plan)).toBe('专精特新有效期至');
    expect(columnOfPath('/contacts/0/phone', merged, plan)).toBe('/contacts/0/phone');
  });
});

describe('exported cells', () => {
  it('read back, merged into the stored profile, to exactly that profile', () => {
    const header = columns.map((c: Column) => exportHeader(c));
    const values = profileCells(
      demoEnterpriseProfile as unknown as Record<string, unknown>,
      () => '上海市浦东新区',
    ).map(String);
    const { cells: row } = cells(Object.fromEntries(header.map((h, i) => [h, values[i] as string])));
    const read = rowToProfile(row);
    expect(read.errors).toEqual([]);
    const merged = mergeProfile(demoEnterpriseProfile as unknown as Record<string, unknown>, read.profile);
    expect(merged).toEqual(demoEnterpriseProfile);
    expect(validateProfile(merged).ok).toBe(true);
  });

  it('write the Chinese headers and labels the importer reads', () => {
    const header = columns.map((c: Column) => exportHeader(c));
    const names: Record<string, string> = { '310115': '上海市浦东新区' };
    const values = profileCells(
      demoEnterpriseProfile as unknown as Record<string, unknown>,
      (code) => names[code] ?? null,
    );
    const at = (h: string) => values[header.indexOf(h)];
    expect(header.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    // The region's name next to its code, for people to read; a code the list lacks leaves the cell empty.
    expect(header.indexOf('行政区划名称')).toBe(header.indexOf('行政区划代码') + 1);
    expect(at('行政区划代码')).toBe(demoEnterpriseProfile.regionCode);
    expect(at('行政区划名称')).toBe(names[demoEnterpriseProfile.regionCode as string] ?? '');
    expect(at('发展阶段')).toBe('成长期');
    expect(at('前沿产业标签')).toBe('集成电路');
    expect(at('目录入选')).toBe('首台套');
    expect(at('营业收入')).toBe('128000000.00');
    expect(at('职工总数')).toBe(186);
    expect(at('同意向保险机构推送')).toBe('是');
  });
});
