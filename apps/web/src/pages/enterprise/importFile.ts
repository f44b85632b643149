import { usedPercent } from '../../format/decimal.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * How an upload is sent: by its name, since browsers report a .csv as text/csv, application/vnd.ms-excel or
 * nothing at all depending on what is installed. Only CSV and XLSX are read (not the old binary .xls).
 */
export function uploadContentType(fileName: string): string | null {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'text/csv';
  return null;
}

export interface ImportProgress {
  status: 'running' | 'finished' | 'failed';
  totalRows: number | null;
  rowsRead: number;
}

/** Percent done for the progress bar; null while the rows are still being counted (bar without a figure). */
export function importPercent(progress: ImportProgress): number | null {
  if (progress.status === 'finished') return 100;
  if (progress.totalRows === null) return null;
  if (progress.totalRows === 0) return progress.status === 'running' ? 0 : 100;
  return usedPercent(progress.rowsRead, progress.totalRows);
}
