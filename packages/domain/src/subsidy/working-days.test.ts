import { describe, expect, it } from 'vitest';
import { loadProgramme } from './shipped-programmes.fixture.ts';
import { confirmationDeadline, isWeekend, workingDaysAfter } from './working-days.ts';

describe('working days (calendar dates, weekends skipped)', () => {
  it('counts 3 working days from a Friday to the Wednesday', () => {
    expect(workingDaysAfter('2025-03-07', 3)).toBe('2025-03-12');
  });

  it('gives the date itself for 0 days and counts from a Saturday as from the weekend', () => {
    expect(workingDaysAfter('2025-03-08', 0)).toBe('2025-03-08');
    expect(workingDaysAfter('2025-03-08', 1)).toBe('2025-03-10');
  });

  it('skips the public holidays given and counts the weekend days worked instead (调休)', () => {
    // National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    const holidays = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'];
    const workdays = ['2025-09-28', '2025-10-11'];
    expect(workingDaysAfter('2025-09-26', 1, { holidays, workdays })).toBe('2025-09-28');
    expect(workingDaysAfter('2025-09-30', 1, { holidays, workdays })).toBe('2025-10-09');
    expect(workingDaysAfter('2025-09-30', 3, { holidays, workdays })).toBe('2025-10-11');
    // Without the calendar only weekends are skipped.
    expect(workingDaysAfter('2025-09-30', 1)).toBe('2025-10-01');
  });

  it('knows the weekend', () => {
    expect(['2025-03-08', '2025-03-09', '2025-03-10'].map((d) => isWeekend(d as never))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('refuses a negative count', () => {
    expect(() => workingDaysAfter('2025-03-07', -1)).toThrow(RangeError);
  });
});

describe('the confirmation deadline of an automatic grant (免申即享)', () => {
  it('is the programme’s working days after the push, and none in apply mode', () => {
    expect(confirmationDeadline(loadProgramme('shanghai-tech-loan'), '2025-03-07')).toBe('2025-03-12');
    expect(confirmationDeadline(loadProgramme('suzhou-city'), '2025-03-07')).toBeNull();
  });
});
