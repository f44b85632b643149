import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportRowError } from './header-plan.ts';

/** The report's columns: the header in Chinese and English, as a government office shares it. */
export const ERROR_REPORT_HEADER = [
  '行号 Row',
  '列 Column',
  '错误代码 Code',
  '说明 Message (zh)',
  'Message (en)',
] as const;

/**
 * The per-row error report of an import as an XLSX workbook, written row by row to a stream
 * (exceljs's streaming writer: rows are committed as they come, the workbook is never whole in
 * memory). One sheet: row, column, code and the message in Chinese and English.
 */
export class ErrorReportWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  rows = 0;

  constructor(stream: Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.sheet = this.workbook.addWorksheet('导入错误 Errors', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = [
      { header: ERROR_REPORT_HEADER[0], width: 10 },
      { header: ERROR_REPORT_HEADER[1], width: 24 },
      { header: ERROR_REPORT_HEADER[2], width: 28 },
      { header: ERROR_REPORT_HEADER[3], width: 60 },
      { header: ERROR_REPORT_HEADER[4], width: 70 },
    ];
    const header = this.sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
  }

  add(errors: Iterable<ImportRowError>): void {
    for (const e of errors) {
      this.sheet.addRow([e.row, e.column ?? '', e.code, e.message_zh, e.message_en]).commit();
      this.rows++;
    }
  }

  /** Closes the sheet and the workbook; the stream ends when the last byte is written. */
  async finish(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}

/** Writes a whole report from a stream of problems (e.g. read from the database in pages). */
export async function writeErrorReport(
  errors: AsyncIterable<ImportRowError>,
  stream: Writable,
): Promise<number> {
  const writer = new ErrorReportWriter(stream);
  const page: ImportRowError[] = [];
  for await (const e of errors) {
    page.push(e);
    if (page.length >= 1000) {
      writer.add(page.splice(0));
      await drained(stream);
    }
  }
  writer.add(page);
  await writer.finish();
  return writer.rows;
}

/** Waits while the destination is behind, so a slow reader holds the producer back. */
export async function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
