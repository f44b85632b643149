import { describe, expect, it } from 'vitest';
import { importPercent, uploadContentType } from './importFile.ts';

describe('uploading the enterprise list', () => {
  it('sends CSV and XLSX by their names and refuses anything else', () => {
    expect(uploadContentType('名录.CSV')).toBe('text/csv');
    expect(uploadContentType('list.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(uploadContentType('old.xls')).toBeNull();
    expect(uploadContentType('list.pdf')).toBeNull();
  });

  it('shows progress once the rows are counted, and a full bar at the end', () => {
    expect(importPercent({ status: 'running', totalRows: null, rowsRead: 0 })).toBeNull();
    expect(importPercent({ status: 'running', totalRows: 400, rowsRead: 100 })).toBe(25);
    expect(importPercent({ status: 'running', totalRows: 3, rowsRead: 1 })).toBe(33.3);
    expect(importPercent({ status: 'finished', totalRows: 3, rowsRead: 3 })).toBe(100);
    expect(importPercent({ status: 'failed', totalRows: 0, rowsRead: 0 })).toBe(100);
  });
});
