import { isCalendarDate } from '@kebao/domain/time';
import { parse } from 'csv-parse/sync';
import type { ObservationInput } from './parametric-service.ts';

export interface RowError {
  row: number;
  field: string;
  message_zh: string;
  message_en: string;
}

const COLUMNS = ['productCode', 'sectionKey', 'subject', 'observedOn', 'value'] as const;
const CHECKS: Record<(typeof COLUMNS)[number], { test: (v: string) => boolean; zh: string; en: string }> = {
  productCode: {
    test: (v) => /^KB-[A-Z]{2}-[A-Z0-9]{2,12}$/.test(v),
    zh: '产品代码格式不正确',
    en: 'not a product code',
  },
  sectionKey: {
    test: (v) => /^[a-z][a-z0-9_]{1,39}$/.test(v),
    zh: '保障项目代码格式不正确',
    en: 'not a section key',
  },
  subject: {
    test: (v) => v.length >= 1 && v.length <= 60,
    zh: '须填写保单号或站点代码',
    en: 'give the policy number or station',
  },
  observedOn: {
    test: (v) => isCalendarDate(v),
    zh: '日期须为 YYYY-MM-DD',
    en: 'the date must be YYYY-MM-DD',
  },
  value: {
    test: (v) => /^-?[0-9]{1,12}(\.[0-9]{1,6})?$/.test(v),
    zh: '观测值须为数字',
    en: 'the value must be a number',
  },
};

/**
 * Index observations from CSV (UTF-8, with or without BOM): a header naming the five columns in any
 * order, then one observation per row. Rows with a bad cell are reported (row numbers as a spreadsheet
 * shows them, the header being row 1) and left out; the others are returned to import.
 */
export function readObservationCsv(text: string): { rows: ObservationInput[]; errors: RowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return {
      rows: [],
      errors: [
        {
          row: 1,
          field: 'file',
          message_zh: `不是有效的 CSV：${(error as Error).message}`,
          message_en: `not valid CSV: ${(error as Error).message}`,
        },
      ],
    };
  }
  const [header = [], ...data] = records;
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missing = COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    return {
      rows: [],
      errors: missing.map((c) => ({
        row: 1,
        field: c,
        message_zh: `缺少列 ${c}`,
        message_en: `column ${c} is missing`,
      })),
    };
  }
  const rows: ObservationInput[] = [];
  const errors: RowError[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    const value = (c: (typeof COLUMNS)[number]) => cells[index[c]] ?? '';
    const bad = COLUMNS.filter((c) => !CHECKS[c].test(value(c)));
    for (const c of bad) errors.push({ row, field: c, message_zh: CHECKS[c].zh, message_en: CHECKS[c].en });
    if (bad.length === 0) {
      rows.push({
        productCode: value('productCode'),
        sectionKey: value('sectionKey'),
        subject: value('subject'),
        observedOn: value('observedOn'),
        value: value('value'),
      });
    }
  });
  return { rows, errors };
}
