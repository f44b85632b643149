import type { Writable } from 'node:stream';
import type { Queryable } from '@kebao/db';
import ExcelJS from 'exceljs';
import type { EnterpriseScope } from '../repo.ts';
import {
  type Column,
  columns,
  exportHeader,
  labelOf,
  listingLabels,
  stageLabels,
  tagLabels,
} from './columns.ts';
import { drained } from './error-report.ts';
import { type ExportFilter, exportPage } from './import-repo.ts';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const PAGE = 1000;

interface Entry {
  kind?: unknown;
  [part: string]: unknown;
}
const entries = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

/** The full Chinese name of a region code (上海市浦东新区), or null when the code list does not hold it. */
export type RegionNamer = (code: string) => string | null;

/**
 * One profile as the cells of the list, column by column in the order of `columns` — the inverse
 * of rowToProfile, so the importer reads an exported file back to the same profile (merge-profile.ts
 * keeps what no column carries). Counts are numbers; amounts, ratios and dates stay the exact text
 * stored ("128000000.00"), so a spreadsheet cannot round them. The region's name is written next to its
 * code for people to read (the importer passes it over).
 */
export function profileCells(
  profile: Record<string, unknown>,
  regionName: RegionNamer = () => null,
): (string | number)[] {
  return columns.map((column) => cellOf(column, profile, regionName));
}

function cellOf(column: Column, profile: Record<string, unknown>, regionName: RegionNamer): string | number {
  switch (column.kind) {
    case 'region_name':
      return typeof profile.regionCode === 'string' ? (regionName(profile.regionCode) ?? '') : '';
    case 'qualification': {
      const q = entries(profile.qualifications).find((e) => e.kind === column.qualification);
      const part = q?.[column.part ?? 'certificateNo'];
      return typeof part === 'string' ? part : '';
    }
    case 'listing': {
      const kinds = [...new Set(entries(profile.catalogueListings).map((e) => String(e.kind)))];
      return kinds.map((k) => labelOf(listingLabels, k)).join('、');
    }
    case 'trl': {
      const trl = entries(profile.projects)[0]?.trl;
      return typeof trl === 'number' ? trl : '';
    }
    default:
      break;
  }
  const value = profile[column.field];
  if (value === undefined || value === null) return '';
  switch (column.kind) {
    case 'stage':
      return labelOf(stageLabels, String(value));
    case 'boolean':
      return value === true ? '是' : '否';
    case 'tags':
      return (Array.isArray(value) ? value : []).map((t) => labelOf(tagLabels, String(t))).join('、');
    case 'integer':
      return typeof value === 'number' ? value : String(value);
    default:
      return String(value);
  }
}

/** A CSV field: quoted when it must be; text a spreadsheet would run as a formula gets a leading tab (the importer trims it). */
function csvField(value: string | number, column: Column): string {
  let text = String(value);
  if (column.kind === 'text' && /^[=+\-@]/.test(text)) text = `\t${text}`;
  return /[",\r\n\t]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams the registry the scope sees (with the list's filters) as CSV — UTF-8 with a BOM, so
 * Excel opens the Chinese correctly — or XLSX, with the Chinese headers the importer reads; pages
 * through the database by USCC (keyset, not OFFSET) and waits for a slow reader. Ends the stream
 * and returns the number of enterprises written.
 */
export async function exportEnterprises(
  db: Queryable,
  scope: EnterpriseScope,
  filter: ExportFilter,
  format: ExportFormat,
  stream: Writable,
  regionName: RegionNamer,
): Promise<number> {
  const pages = async function* () {
    let after: string | null = null;
    for (;;) {
      const rows = await exportPage(db, scope, filter, after, PAGE);
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = (rows.at(-1) as { uscc: string }).uscc;
    }
  };
  let count = 0;
  if (format === 'csv') {
    const write = async (text: string) => {
      if (!stream.write(text)) await drained(stream);
    };
    await write(
      `\uFEFF${columns.map((c) => csvField(exportHeader(c), { ...c, kind: 'integer' })).join(',')}\r\n`,
    );
    for await (const rows of pages()) {
      let chunk = '';
      for (const row of rows) {
        const cells = profileCells(row.profile, regionName);
        chunk += `${cells.map((v, i) => csvField(v, columns[i] as Column)).join(',')}\r\n`;
      }
      count += rows.length;
      await write(chunk);
    }
    await new Promise<void>((resolve) => stream.end(resolve));
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('科技型企业名录', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
  });
  sheet.columns = columns.map((c) => ({
    header: exportHeader(c),
    width: c.field === 'name' ? 36 : c.field === 'uscc' ? 22 : Math.max(12, exportHeader(c).length * 2 + 2),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const rows of pages()) {
    for (const row of rows) sheet.addRow(profileCells(row.profile, regionName)).commit();
    count += rows.length;
    await drained(stream);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
