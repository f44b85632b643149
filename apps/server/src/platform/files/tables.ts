import ExcelJS from 'exceljs';

/*
 * Tabular exports (statements, bordereaux, account statements) as CSV — UTF-8 with a byte-order mark so
 * Excel and WPS open the Chinese headers correctly, RFC 4180 quoting — or as an XLSX workbook.
 */
export interface Table {
  title: string;
  columns: readonly { header: string; width?: number; numeric?: boolean }[];
  rows: readonly (readonly (string | number | null)[])[];
}

export function toCsv(table: Table): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // a leading =, +, - or @ would be read as a formula by spreadsheets (CSV injection); numbers stay numbers
    const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [table.columns.map((c) => cell(c.header)), ...table.rows.map((r) => r.map(cell))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kebao';
  const sheet = book.addWorksheet(table.title.slice(0, 31));
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  for (const row of table.rows) {
    sheet.addRow(row.map((v, i) => (table.columns[i]?.numeric && typeof v === 'string' ? Number(v) : v)));
  }
  table.columns.forEach((c, i) => {
    if (c.numeric) sheet.getColumn(i + 1).numFmt = '#,##0.00';
  });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
