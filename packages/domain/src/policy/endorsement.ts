import type { Fen } from '../money/index.ts';
import { parseCalendarDate, proRataRefund } from '../time/index.ts';

/**
 * Premium of an endorsement (批改保费) by the 1/365 method (DESIGN.md "Dates", domain README §4): the
 * unearned premium of the terms after the change minus that of the terms before it, both measured from
 * 00:00 of the effective date exactly as a cancellation on that date would (proRataRefund). One rule
 * covers sum insured, section and period changes: an extension is simply a later end date with the
 * premium for the longer term.
 */

/** Premium movement of an endorsement effective 00:00 of `effective`, 1/365 method: unearned(next) − unearned(old), both as what proRataRefund would return on `effective`. Positive = additional premium (加费), negative = return premium (退费). Works for sum insured, section and period changes (next may have another end date). */
export function endorsementPremium(input: {
  old: { premium: bigint; startDate: string; endDate: string };
  next: { premium: bigint; startDate: string; endDate: string };
  effective: string;
}): bigint {
  const effective = parseCalendarDate(input.effective);
  return unearnedFrom(input.next, effective) - unearnedFrom(input.old, effective);
}

function unearnedFrom(
  terms: { premium: bigint; startDate: string; endDate: string },
  effective: string,
): Fen {
  return proRataRefund(
    terms.premium,
    parseCalendarDate(terms.startDate),
    parseCalendarDate(terms.endDate),
    parseCalendarDate(effective),
  );
}
