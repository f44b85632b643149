import { type Fen, mulRatio } from '../money/index.ts';
import type { CalendarDate } from './calendar-date.ts';
import { daysBetween } from './date-arithmetic.ts';
import { termDays } from './policy-term.ts';

/*
 * The 1/365 method (按日计算, DESIGN.md "Dates"): premium is earned evenly over the days of cover, one day at a
 * time, using the policy's actual term as the denominator — 1/365 of an annual premium per day, 1/366 when
 * the term contains 29 February — so that a policy is exactly fully earned on its last day.
 *
 * Convention: `asOf` means "at the end of that day" (24:00 Shanghai). The start date counts as one earned
 * day once it is over, so on the start date itself one day is earned; before it none; from the end date on,
 * all of them. The unearned part is rounded HALF_UP and the earned part is the rest, so the two always add
 * up to the written premium.
 */

/** Days of cover elapsed by the end of `asOf`, between 0 and the term. */
export function earnedDays(start: CalendarDate, end: CalendarDate, asOf: CalendarDate): number {
  return clamp(daysBetween(start, asOf) + 1, termDays(start, end));
}

/** Unearned premium (未到期保费) at the end of `asOf`: written × days remaining / term days. */
export function unearnedPremium(
  written: Fen,
  start: CalendarDate,
  end: CalendarDate,
  asOf: CalendarDate,
): Fen {
  const term = termDays(start, end);
  return premiumForDays(written, term - earnedDays(start, end, asOf), term);
}

/** Earned premium (已赚保费) at the end of `asOf`: what is not unearned. */
export function earnedPremium(written: Fen, start: CalendarDate, end: CalendarDate, asOf: CalendarDate): Fen {
  return written - unearnedPremium(written, start, end, asOf);
}

/**
 * The premium returned when a policy is cancelled with effect from 00:00 of `cancelDate`: the premium for
 * the days from cancelDate to the end date, pro rata (Insurance Law art. 54 lets the insurer keep the part
 * for the time already covered). Cancelling on or before the start date returns everything; on or after
 * the day after the end date, nothing. A contract that charges a short-period rate table (短期费率) uses
 * its own rule instead of this one.
 */
export function proRataRefund(
  premium: Fen,
  start: CalendarDate,
  end: CalendarDate,
  cancelDate: CalendarDate,
): Fen {
  const term = termDays(start, end);
  return premiumForDays(premium, term - clamp(daysBetween(start, cancelDate), term), term);
}

function premiumForDays(premium: Fen, days: number, term: number): Fen {
  return mulRatio(premium, BigInt(days), BigInt(term), 'HALF_UP');
}

function clamp(days: number, term: number): number {
  return Math.min(Math.max(days, 0), term);
}
