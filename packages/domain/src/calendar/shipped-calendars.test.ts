import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workingDaysAfter } from '../subsidy/working-days.ts';
import { CalendarYearSchema } from './calendar-year.ts';
import { parseCalendarYear, workingCalendarOf } from './parse-calendar-year.ts';

const SHIPPED = new URL('../../../../catalog/calendars/', import.meta.url);
const SCHEMA_FILE = new URL('../../../../catalog/schema/calendar.schema.json', import.meta.url);

const files = readdirSync(SHIPPED)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

function shipped(year: number) {
  const result = parseCalendarYear(parse(readFileSync(new URL(`cn-${year}.yaml`, SHIPPED), 'utf8')));
  if (!result.ok) throw new Error(`cn-${year}.yaml: ${JSON.stringify(result.errors, null, 2)}`);
  return result.calendar;
}

describe('the shipped working-day calendars (catalog/calendars)', () => {
  it('ships 2025 and 2026', () => {
    expect(files).toEqual(['cn-2025.yaml', 'cn-2026.yaml']);
  });

  it.each(files)('%s validates, is named for its year and points editors at the published schema', (file) => {
    const text = readFileSync(new URL(file, SHIPPED), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=../schema/calendar.schema.json\n')).toBe(true);
    const result = parseCalendarYear(parse(text));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && `cn-${result.calendar.year}.yaml`).toBe(file);
  });

  it('holds the notice for 2025: 28 days off, 5 weekend days worked', () => {
    const { holidays, workdays } = workingCalendarOf(shipped(2025).days);
    expect(holidays).toHaveLength(28);
    expect(workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('holds the notice for 2026: 33 days off, 6 weekend days worked', () => {
    const { holidays, workdays } = workingCalendarOf(shipped(2026).days);
    expect(holidays).toHaveLength(33);
    expect(workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('publishes the current schema (npm run openapi writes it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${JSON.stringify(CalendarYearSchema, null, 2)}\n`);
  });
});

describe('working days counted on the shipped calendar', () => {
  const calendar2026 = workingCalendarOf(shipped(2026).days);

  it('skips the National Day holiday of 2026 and counts Saturday 10 October, worked instead', () => {
    // 1–7 October off; Thursday 8 October is day 1, Friday 9 day 2, Saturday 10 (调休上班) day 3.
    expect(workingDaysAfter('2026-09-30', 1, calendar2026)).toBe('2026-10-08');
    expect(workingDaysAfter('2026-09-30', 2, calendar2026)).toBe('2026-10-09');
    expect(workingDaysAfter('2026-09-30', 3, calendar2026)).toBe('2026-10-10');
    // Without the calendar, 1 October would be the first working day.
    expect(workingDaysAfter('2026-09-30', 3)).toBe('2026-10-05');
  });

  it('counts Sunday 20 September 2026, worked instead, and skips the Mid-Autumn Festival', () => {
    expect(workingDaysAfter('2026-09-18', 1, calendar2026)).toBe('2026-09-20');
    // Thursday 24 September: Friday 25 to Sunday 27 off, Monday 28 is the next working day.
    expect(workingDaysAfter('2026-09-24', 1, calendar2026)).toBe('2026-09-28');
  });

  it('counts the Spring Festival of 2026: Saturday 14 February worked, 15–23 February off', () => {
    expect(workingDaysAfter('2026-02-13', 1, calendar2026)).toBe('2026-02-14');
    expect(workingDaysAfter('2026-02-14', 1, calendar2026)).toBe('2026-02-24');
  });
});
