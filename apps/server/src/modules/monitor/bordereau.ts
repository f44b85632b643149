import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openRows } from '../../platform/files/read-rows.ts';
import { columnsOf, type RegistrationInput } from './registration-rows.ts';

/** The most rows one bordereau may hold; a larger book is sent in parts. */
export const MAX_BORDEREAU_ROWS = 20_000;

/**
 * A bordereau (清单) file — CSV in UTF-8 or GBK, or XLSX (first sheet) — as registration rows: the
 * header names the columns (field names or their Chinese headers, in any order); blank rows are skipped.
 * Row numbers are those a spreadsheet shows (the header is row 1).
 */
export async function readBordereau(content: Buffer): Promise<{
  rows: { number: number; input: RegistrationInput }[];
  unknownColumns: string[];
  tooMany: boolean;
}> {
  const file = path.join(tmpdir(), `kebao-bordereau-${randomUUID()}`);
  await writeFile(file, content);
  const source = await openRows(file);
  try {
    const { fields, unknown } = columnsOf(source.header);
    const rows: { number: number; input: RegistrationInput }[] = [];
    let tooMany = false;
    for await (const row of source.rows) {
      if (rows.length >= MAX_BORDEREAU_ROWS) {
        tooMany = true;
        break;
      }
      const input: RegistrationInput = {};
      fields.forEach((field, i) => {
        if (field) input[field] = String(row.cells[i] ?? '');
      });
      rows.push({ number: row.number, input });
    }
    return { rows, unknownColumns: unknown, tooMany };
  } finally {
    source.close();
    await rm(file, { force: true });
  }
}
