import { type Fen, mulRate } from '../money/index.ts';
import { addYears, type CalendarDate, parseCalendarDate } from '../time/index.ts';
import type { SubsidyProgramme } from './programme.ts';

/**
 * The quota (补偿额度) approved for a product of the given value under a quota programme: the programme's
 * percentage of the value, rounded half up to the fen; null when the programme works without quotas. The
 * subsidy desk records it at qualification and passes what is left as the history's `quotaLeft`.
 */
export function approvedQuota(programme: SubsidyProgramme, productValue: Fen): Fen | null {
  if (programme.quota === undefined) return null;
  if (productValue < 0n) throw new RangeError('a product value cannot be negative');
  return mulRate(productValue, programme.quota.percentOfProductValue, 'HALF_UP');
}

/**
 * The day an approved quota stops serving binds: the programme's quota.years after the approval (the day
 * itself no longer served) — a policy starting before it draws on the quota. Null without a quota rule.
 */
export function quotaValidUntil(programme: SubsidyProgramme, approvedOn: string): CalendarDate | null {
  if (programme.quota === undefined) return null;
  return addYears(parseCalendarDate(approvedOn), programme.quota.years);
}
