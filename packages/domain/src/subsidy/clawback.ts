import { allocate, type Fen } from '../money/index.ts';
import { addYears, type CalendarDate, parseCalendarDate } from '../time/index.ts';
import type { SubsidyProgramme } from './programme.ts';

/** A cancellation as the clawback sees it; `fraud` when the grant was obtained by fraud (骗补). */
export interface ClawbackEvent {
  /** Premium returned to the policyholder, fen. */
  refund: Fen;
  /** The premium the grant was computed on, fen. */
  premium: Fen;
  fraud?: boolean;
}

/**
 * The part of a grant taken back (追回) when its policy is cancelled, by the programme's rule:
 * - `pro_rata`: in proportion to the premium refunded — the grant is split between refunded and kept
 *   premium with the one largest-remainder allocation, so taken back + kept = the grant to the fen;
 * - `full`: all of it; `none`: nothing.
 * Fraud takes back all of it whatever the rule (and bars the enterprise, barredUntil).
 */
export function clawbackAmount(programme: SubsidyProgramme, grant: Fen, event: ClawbackEvent): Fen {
  const { refund, premium } = event;
  if (grant < 0n || refund < 0n || premium < 0n)
    throw new RangeError('grant, refund and premium cannot be negative');
  if (event.fraud === true) return grant;
  switch (programme.clawback.onCancellation) {
    case 'none':
      return 0n;
    case 'full':
      return grant;
    case 'pro_rata': {
      if (grant === 0n || refund === 0n) return 0n;
      if (refund >= premium) return grant;
      const [takenBack] = allocate(grant, [refund, premium - refund]);
      return takenBack ?? 0n;
    }
  }
}

/**
 * The day a bar for fraud ends: `barYears` after it was found (the day itself no longer barred), or null
 * when the programme sets no bar. Pass it as the history's `barredUntil`.
 */
export function barredUntil(programme: SubsidyProgramme, fraudFoundOn: string): CalendarDate | null {
  const years = programme.clawback.barYears;
  if (years === undefined || years === 0) return null;
  return addYears(parseCalendarDate(fraudFoundOn), years);
}
