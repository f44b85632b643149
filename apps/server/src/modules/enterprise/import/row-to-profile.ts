import {
  type Column,
  knownListings,
  knownStages,
  knownTags,
  listingLabels,
  stageLabels,
  tagLabels,
} from './columns.ts';

export interface CellError {
  column: string;
  code: string;
  message_zh: string;
  message_en: string;
}

/** The project name a TRL cell is stored under when the enterprise has no project yet. */
export const MAIN_PROJECT = '主要研发项目';

const INTEGER = /^\d+$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** "2024/3/5", "2024.03.05" and "2024年3月5日" as 2024-03-05; null when it is no date at all. */
function readDate(value: string): string | null {
  const m = DATE.exec(value.replace(/[./年月]/g, '-').replace(/日$/, ''));
  if (!m) return null;
  return `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
}

/**
 * One row of the list as a profile document: cells are trimmed, thousands separators removed from
 * amounts ("1,234.50" is 1234.50 yuan), percentages turned into decimals ("35%" is 0.35), tags,
 * listings and stages read in Chinese or as codes. An empty cell says nothing (the field is left
 * out). The document is then validated like any profile; what cannot even be read is reported
 * here, with the column it came from and a code of its own (`import.not_integer`, …).
 */
export function rowToProfile(cells: ReadonlyMap<Column, { header: string; value: string }>): {
  profile: Record<string, unknown>;
  errors: CellError[];
} {
  const profile: Record<string, unknown> = {};
  const errors: CellError[] = [];
  const qualifications = new Map<string, Record<string, string>>();
  const bad = (header: string, code: string, zh: string, en: string) =>
    errors.push({ column: header, code, message_zh: zh, message_en: en });

  for (const [column, { header, value: raw }] of cells) {
    const value = raw.trim();
    if (value === '') continue;
    switch (column.kind) {
      case 'text':
        profile[column.field] = value;
        break;
      case 'region_name':
        // The name follows from the code (行政区划代码): a list may carry it for people to read.
        break;
      case 'stage': {
        const stage = stageLabels[value] ?? value.toLowerCase();
        if (knownStages.has(stage)) profile[column.field] = stage;
        else
          bad(
            header,
            'import.unknown_stage',
            `"${value}" 应为初创期、成长期或成熟期`,
            `"${value}" should be startup, growth or mature`,
          );
        break;
      }
      case 'integer': {
        const v = value.replace(/,/g, '');
        if (INTEGER.test(v)) profile[column.field] = Number(v);
        else bad(header, 'import.not_integer', `"${value}" 不是整数`, `"${value}" is not a whole number`);
        break;
      }
      case 'money': {
        const v = value.replace(/[,¥￥\s]/g, '').replace(/元$/, '');
        if (MONEY.test(v)) profile[column.field] = v;
        else
          bad(
            header,
            'import.not_amount',
            `"${value}" 不是金额（元，不为负，最多两位小数）`,
            `"${value}" is not an amount in yuan (not negative, at most two decimals)`,
          );
        break;
      }
      case 'decimal': {
        const percent = value.endsWith('%');
        const v = value.replace(/%$/, '').trim();
        if (!DECIMAL.test(v))
          bad(header, 'import.not_number', `"${value}" 不是数值`, `"${value}" is not a number`);
        else profile[column.field] = percent ? shiftDecimal(v, -2) : v;
        break;
      }
      case 'date': {
        const date = readDate(value);
        if (date) profile[column.field] = date;
        else
          bad(
            header,
            'import.not_date',
            `"${value}" 不是日期（YYYY-MM-DD）`,
            `"${value}" is not a date (YYYY-MM-DD)`,
          );
        break;
      }
      case 'boolean': {
        if (/^(是|同意|y|yes|true|1)$/i.test(value)) profile[column.field] = true;
        else if (/^(否|不同意|n|no|false|0)$/i.test(value)) profile[column.field] = false;
        else bad(header, 'import.not_yes_no', `"${value}" 应为"是"或"否"`, `"${value}" should be yes or no`);
        break;
      }
      case 'tags': {
        const tags = splitList(value).map((t) => tagLabels[t] ?? t);
        const unknown = tags.filter((t) => !knownTags.has(t));
        if (unknown.length > 0)
          bad(
            header,
            'import.unknown_tag',
            `未知的产业标签：${unknown.join('、')}`,
            `unknown frontier tags: ${unknown.join(', ')}`,
          );
        else profile.frontierTags = [...new Set(tags)];
        break;
      }
      case 'listing': {
        const kinds = splitList(value).map((t) => listingLabels[t] ?? t);
        const unknown = kinds.filter((t) => !knownListings.has(t));
        if (unknown.length > 0)
          bad(
            header,
            'import.unknown_listing',
            `未知的目录：${unknown.join('、')}`,
            `unknown catalogue listings: ${unknown.join(', ')}`,
          );
        else profile.catalogueListings = [...new Set(kinds)].map((kind) => ({ kind, item: kind }));
        break;
      }
      case 'trl': {
        if (/^[1-9]$/.test(value)) profile.projects = [{ name: MAIN_PROJECT, trl: Number(value) }];
        else
          bad(
            header,
            'import.not_trl',
            `"${value}" 应为 1–9 的技术成熟度等级`,
            `"${value}" should be a readiness level 1–9`,
          );
        break;
      }
      case 'qualification': {
        const q = qualifications.get(column.qualification as string) ?? {};
        if (column.part === 'validTo') {
          const date = readDate(value);
          if (date) q.validTo = date;
          else
            bad(
              header,
              'import.not_date',
              `"${value}" 不是日期（YYYY-MM-DD）`,
              `"${value}" is not a date (YYYY-MM-DD)`,
            );
        } else q.certificateNo = value;
        qualifications.set(column.qualification as string, q);
        break;
      }
    }
  }
  if (qualifications.size > 0) {
    profile.qualifications = [...qualifications].map(([kind, q]) => ({ kind, ...q }));
  }
  return { profile, errors };
}

function splitList(value: string): string[] {
  return value
    .split(/[;；,，、|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Moves the decimal point (exactly, on the digits): "35" shifted by -2 is "0.35". */
function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + places;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits;
  const at = Math.max(point, 1);
  const result = `${padded.slice(0, at)}.${padded.slice(at)}`.replace(/\.?0+$/, '').replace(/^0+(?=\d)/, '');
  return (negative ? '-' : '') + (result === '' ? '0' : result);
}
