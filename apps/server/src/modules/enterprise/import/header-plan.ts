import { type Column, columnFor } from './columns.ts';

/** One problem of an import, as the report lists it: where in the file, what, and why in zh and en. */
export interface ImportRowError {
  /** The row as the user sees it in the file: the header is row 1. */
  row: number;
  /** The header of the column as written in the file, or a JSON pointer when no column holds the value. */
  column: string | null;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface PlannedColumn {
  index: number;
  column: Column;
  header: string;
}

/** How a file's header maps onto profile fields, and what is wrong with it. */
export interface HeaderPlan {
  columns: PlannedColumn[];
  /** The header used in the file for each mapped field (`q.<kind>.no` for qualifications). */
  headerOf: ReadonlyMap<string, string>;
  /** Unknown and repeated columns, reported once as row-1 problems; the import goes on without them. */
  problems: ImportRowError[];
  /** Required columns the file lacks (uscc, name): the import cannot start. */
  missing: { zh: string; en: string }[];
}

const REQUIRED: readonly { field: string; zh: string; en: string }[] = [
  { field: 'uscc', zh: '统一社会信用代码', en: 'uscc (unified social credit code)' },
  { field: 'name', zh: '企业名称', en: 'name' },
];

/** Reads the header row: known columns (Chinese or English, spacing and brackets ignored), unknown, repeated, missing. */
export function planHeader(header: readonly string[]): HeaderPlan {
  const columns: PlannedColumn[] = [];
  const headerOf = new Map<string, string>();
  const problems: ImportRowError[] = [];
  header.forEach((raw, index) => {
    const text = raw.replace(/^\uFEFF/, '').trim();
    if (text === '') return;
    const column = columnFor(text);
    if (!column) {
      problems.push({
        row: 1,
        column: text,
        code: 'import.unknown_column',
        message_zh: `无法识别的列"${text}"，该列已忽略`,
        message_en: `unknown column "${text}"; it was ignored`,
      });
      return;
    }
    const first = headerOf.get(column.field);
    if (first !== undefined) {
      problems.push({
        row: 1,
        column: text,
        code: 'import.duplicate_column',
        message_zh: `列"${text}"与列"${first}"重复，已忽略`,
        message_en: `column "${text}" repeats column "${first}"; it was ignored`,
      });
      return;
    }
    headerOf.set(column.field, text);
    columns.push({ index, column, header: text });
  });
  const missing = REQUIRED.filter((r) => !headerOf.has(r.field)).map(({ zh, en }) => ({ zh, en }));
  return { columns, headerOf, problems, missing };
}
