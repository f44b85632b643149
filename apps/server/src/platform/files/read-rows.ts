import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export interface SheetRow {
  /** The row as the user sees it in the file: the header is row 1. */
  number: number;
  cells: string[];
}

export interface RowSource {
  format: 'csv' | 'xlsx';
  /** For CSV: the encoding found (utf-8, utf-8 (BOM), or gb18030 for GBK files). */
  encoding: string | null;
  header: string[];
  /** The data rows after the header, blank rows left out. Read once. */
  rows: AsyncIterable<SheetRow>;
  /** Stops reading and releases the file (safe to call twice, and after the rows ran out). */
  close(): void;
}

/**
 * Opens a list file as a stream of rows with bounded memory: XLSX through exceljs's streaming
 * reader (first worksheet), CSV through csv-parse, decoded as UTF-8 (with or without BOM) or, when
 * the bytes are not UTF-8, as GBK (read as GB18030, its superset) — the two encodings Chinese
 * offices save CSV files in. Row numbers are those a spreadsheet shows (a record with a quoted
 * line break is one row; a blank line is a row too, skipped).
 */
export async function openRows(file: string): Promise<RowSource> {
  const head = await readHead(file, 64 * 1024);
  if (head[0] === 0x50 && head[1] === 0x4b) return openXlsx(file);
  const encoding = detectEncoding(head);
  const input = createReadStream(file);
  const decoder =
    encoding === 'gb18030' ? iconv.decodeStream('gb18030') : iconv.decodeStream('utf8', { stripBOM: true });
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
    max_record_size: 1_000_000,
  });
  // pipeline passes a read error of any stage on to the parser, whose iterator then throws it.
  pipeline(input, decoder, parser, () => {});
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await iterator.next();
  const header = first.done ? [] : first.value;
  let number = 1;
  const close = () => {
    input.destroy();
    parser.destroy();
  };
  return {
    format: 'csv',
    encoding: encoding === 'utf-8-bom' ? 'utf-8 (BOM)' : encoding,
    header,
    close,
    rows: {
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done) return;
            number++;
            if (next.value.every((c) => c.trim() === '')) continue;
            yield { number, cells: next.value };
          }
        } finally {
          close();
        }
      },
    },
  };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** UTF-8 when the head decodes strictly (a character cut at the end of the head is allowed). */
export function detectEncoding(head: Buffer): 'utf-8' | 'utf-8-bom' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return 'utf-8';
    } catch {
      // try without the last bytes: the head may end inside a character
    }
  }
  return 'gb18030';
}

async function openXlsx(file: string): Promise<RowSource> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // The number formats tell a date from a number: Excel stores both as numbers.
    styles: 'cache',
    worksheets: 'emit',
  });
  wholeCharactersFor(workbook);
  const sheets = workbook[Symbol.asyncIterator]();
  // The reader opens the file itself and keeps it as `stream`; closing destroys it.
  const close = () => {
    (workbook as unknown as { stream?: Readable }).stream?.destroy();
    void sheets.return?.(undefined).catch(() => {});
  };
  const sheet = await sheets.next();
  if (sheet.done) {
    close();
    return {
      format: 'xlsx',
      encoding: null,
      header: [],
      close,
      rows: { async *[Symbol.asyncIterator]() {} },
    };
  }
  const rows = sheet.value[Symbol.asyncIterator]();
  let headerRow = await rows.next();
  while (!headerRow.done && cellsOf(headerRow.value).every((c) => c.trim() === ''))
    headerRow = await rows.next();
  const header = headerRow.done ? [] : cellsOf(headerRow.value);
  return {
    format: 'xlsx',
    encoding: null,
    header,
    close,
    rows: {
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) {
            const next = await rows.next();
            if (next.done) return;
            const cells = cellsOf(next.value);
            if (cells.every((c) => c.trim() === '')) continue;
            yield { number: next.value.number, cells };
          }
        } finally {
          close();
        }
      },
    },
  };
}

/**
 * Counts the data rows (blank rows left out), reading at most `limit` + 1 of them: the count pass
 * that lets an import refuse an oversized file before it writes anything, and finds a broken file
 * (an unclosed quote, a damaged workbook) just as early. Takes a file, or a source whose header
 * has been read (the rows left are counted, and the source is closed).
 */
export async function countRows(file: string | RowSource, limit: number): Promise<number> {
  const source = typeof file === 'string' ? await openRows(file) : file;
  let count = 0;
  try {
    for await (const _row of source.rows) {
      count++;
      if (count > limit) break;
    }
  } finally {
    source.close();
  }
  return count;
}

function cellsOf(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  for (let i = 1; i <= row.cellCount; i++) {
    const cell = row.getCell(i);
    const value = cell.value as unknown;
    // A formula's result keeps its number even in a date format: read it as the date it shows.
    const result = (value as { result?: unknown } | null)?.result;
    out.push(typeof result === 'number' && isDateFormat(cell.numFmt) ? excelDate(result) : cellText(value));
  }
  return out;
}

/** Whether a number format shows a date (y, m, d outside quoted text and [colour] sections). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymd]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/** An Excel serial day number (1900 system) as the calendar date it shows. */
function excelDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

/** A cell as the text a person would have typed. Dates are calendar dates (Excel has no time zone). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** Bytes of `b` that end on a whole UTF-8 character (an incomplete one at the end is cut off). */
export function wholeCharacterLength(b: Uint8Array): number {
  let i = b.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((b[i] as number) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return b.length;
  const lead = b[i] as number;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i >= size ? b.length : i;
}

const asBuffer = (chunk: unknown): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array | string);

/** Re-chunks a byte stream so that no chunk ends inside a UTF-8 character. */
export async function* wholeCharacters(chunks: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, asBuffer(chunk)]) : asBuffer(chunk);
    const end = wholeCharacterLength(buffer);
    carry = Buffer.from(buffer.subarray(end));
    if (end > 0) yield buffer.subarray(0, end);
  }
  if (carry.length > 0) yield carry;
}

class WholeCharacters extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const buffer = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = wholeCharacterLength(buffer);
    this.carry = Buffer.from(buffer.subarray(end));
    if (end > 0) this.push(buffer.subarray(0, end));
    callback();
  }
  override _flush(callback: () => void): void {
    if (this.carry.length > 0) this.push(this.carry);
    callback();
  }
}

interface ReaderInternals {
  _parseWorksheet?: (iterator: AsyncIterable<unknown>, sheetNo: string) => Generator<unknown>;
  _parseSharedStrings?: (entry: Readable) => AsyncGenerator<unknown>;
}

/**
 * exceljs's streaming reader (4.4) decodes each inflated chunk of XML to text on its own, so a
 * Chinese character split across two chunks turns into U+FFFD — in a long sheet, some names come
 * out garbled. Its worksheet and shared-strings parsers are given chunks that end on whole
 * characters instead (the reader's own methods, wrapped on this one instance).
 */
function wholeCharactersFor(workbook: ExcelJS.stream.xlsx.WorkbookReader): void {
  const reader = workbook as unknown as ReaderInternals;
  const parseWorksheet = reader._parseWorksheet;
  const parseSharedStrings = reader._parseSharedStrings;
  if (typeof parseWorksheet !== 'function' || typeof parseSharedStrings !== 'function')
    throw new Error(
      'exceljs changed: its streaming reader has no _parseWorksheet/_parseSharedStrings to wrap',
    );
  reader._parseWorksheet = (iterator, sheetNo) =>
    parseWorksheet.call(workbook, wholeCharacters(iterator), sheetNo);
  reader._parseSharedStrings = (entry) =>
    parseSharedStrings.call(workbook, entry.pipe(new WholeCharacters()));
}
