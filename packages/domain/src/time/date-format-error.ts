export type DateErrorCode = 'date.format' | 'date.nonexistent';

/** A calendar date string that is not a date; same shape as the money errors (code, reason, reasonZh, input). */
export class DateFormatError extends Error {
  override readonly name = 'DateFormatError';
  readonly code: DateErrorCode;
  readonly reason: string;
  readonly reasonZh: string;
  readonly input: string;

  constructor(code: DateErrorCode, input: string) {
    const { reason, reasonZh } = DATE_ERROR_REASONS[code];
    super(`${reason}: ${JSON.stringify(input)}`);
    this.code = code;
    this.reason = reason;
    this.reasonZh = reasonZh;
    this.input = input;
  }
}

const DATE_ERROR_REASONS: Record<DateErrorCode, { reason: string; reasonZh: string }> = {
  'date.format': {
    reason: 'A date is written YYYY-MM-DD, such as "2026-01-01" (years 0001 to 9999)',
    reasonZh: '日期格式应为 YYYY-MM-DD，如 "2026-01-01"（年份 0001 至 9999）',
  },
  'date.nonexistent': {
    reason: 'This day does not exist in the calendar',
    reasonZh: '日历中不存在该日期',
  },
};
