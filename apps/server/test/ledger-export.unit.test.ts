import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../src/platform/files/tables.ts';

describe('ledger exports', () => {
  const table = {
    title: '共保结算单 STL-2026-000001',
    columns: [{ header: '保单号' }, { header: '摘要' }, { header: '金额（元）', numeric: true }],
    rows: [
      ['KB-BR-CYBER-2026-000001', '出单, "主代从收"', '-120.50'],
      ['KB-BR-CYBER-2026-000002', '=HYPERLINK("x")', '3.00'],
    ],
  };

  it('writes CSV with a BOM, RFC 4180 quoting and formulas defused, negative numbers left alone', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF保单号,摘要,金额（元）\r\n')).toBe(true);
    expect(csv).toContain('"出单, ""主代从收"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(',-120.50\r\n');
  });

  it('writes an XLSX workbook (a zip) with numeric amounts', async () => {
    const book = await toXlsx(table);
    expect(book.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(book as unknown as ArrayBuffer);
    const sheet = read.worksheets[0];
    expect(sheet?.getCell('C2').value).toBe(-120.5);
    expect(sheet?.getCell('A1').value).toBe('保单号');
  });
});
