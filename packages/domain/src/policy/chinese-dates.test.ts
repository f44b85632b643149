import { describe, expect, it } from 'vitest';
import { DateFormatError } from '../time/index.ts';
import { chineseDate, chinesePeriod } from './chinese-dates.ts';

describe('dates in Chinese (中文日期)', () => {
  it.each([
    ['2026-01-01', '2026年1月1日'],
    ['2026-12-31', '2026年12月31日'],
    ['2024-02-29', '2024年2月29日'],
    ['2030-10-09', '2030年10月9日'],
  ])('writes %s as %s', (date, expected) => {
    expect(chineseDate(date)).toBe(expected);
  });

  it('refuses a string that is not a calendar date', () => {
    expect(() => chineseDate('2026-1-1')).toThrow(DateFormatError);
    expect(() => chineseDate('2025-02-29')).toThrow(DateFormatError);
  });
});

describe('the period of insurance (保险期间)', () => {
  it('runs from 零时 of the first day to 二十四时 of the last', () => {
    expect(chinesePeriod('2026-01-01', '2026-12-31')).toBe('自2026年1月1日零时起至2026年12月31日二十四时止');
  });

  it('allows a one-day period', () => {
    expect(chinesePeriod('2026-03-15', '2026-03-15')).toBe('自2026年3月15日零时起至2026年3月15日二十四时止');
  });

  it('refuses an end before the start', () => {
    expect(() => chinesePeriod('2026-12-31', '2026-01-01')).toThrow(RangeError);
  });

  it('refuses a date that does not exist', () => {
    expect(() => chinesePeriod('2026-02-30', '2026-12-31')).toThrow(DateFormatError);
  });
});
