import { tryParseCalendarDate } from '../time/index.ts';
import { factorValue } from './compile-factor.ts';
import type { BilingualText, Rating } from './definition.ts';
import type { Facts } from './facts.ts';
import { DEFAULT_TERM_DAYS, oneYearDays } from './quote-facts.ts';
import { formatFraction, formatScaled } from './scaled-decimal.ts';

/**
 * The share of the annual premium a term costs (保险期间系数), as the fraction units / (10^scale × den):
 * - annual: 1, whatever the days;
 * - pro_rata: days / 365 (the 1/365 method), except that a standard policy year counts as 1 — 365 days,
 *   or 366 when the year from the start date spans a 29 February — so a leap day costs nothing extra;
 * - short_period: the table's share for the months begun, min(12, ⌈days × 12 / 365⌉) — 31 days is 2 months.
 */
export interface TermMultiplier {
  units: bigint;
  scale: number;
  den: bigint;
  /** The multiplier for the breakdown: exact, or to 10 decimals for a day fraction such as 182/365. */
  text: string;
  names: BilingualText;
}

export type CompiledTerm = (days: number, start: Facts[string]) => TermMultiplier;

const WHOLE_YEAR: TermMultiplier = {
  units: 1n,
  scale: 0,
  den: 1n,
  text: '1',
  names: { zh: '保险期间：一年', en: 'Term: one year' },
};

export function compileTerm(term: Rating['term']): CompiledTerm {
  if (term.method === 'annual') {
    const annual: TermMultiplier = {
      ...WHOLE_YEAR,
      names: { zh: '保险期间：按年计费', en: 'Term: annual premium' },
    };
    return () => annual;
  }
  if (term.method === 'pro_rata') {
    return (days, start) => {
      if (days === DEFAULT_TERM_DAYS || isStandardYear(days, start)) return WHOLE_YEAR;
      const divisor = gcd(days, 365);
      const units = BigInt(days / divisor);
      const den = BigInt(365 / divisor);
      const names = { zh: `保险期间：按日比例 ${days}/365`, en: `Term: pro rata ${days}/365` };
      // 365 = 5 × 73: a denominator of 5 is still a finite decimal, so keep it one (×2/10).
      if (den === 5n)
        return { units: units * 2n, scale: 1, den: 1n, text: formatScaled(units * 2n, 1), names };
      const text = formatFraction(units, 0, den, 0);
      return { units, scale: 0, den, text, names };
    };
  }
  const shares = new Map(
    Object.entries(term.table).map(([months, share]) => [Number(months), factorValue(share)]),
  );
  return (days) => {
    // ⌈days × 12 / 365⌉ in whole numbers, where a part of a month counts as a month.
    const months = Math.min(12, Math.floor((days * 12 + 364) / 365));
    const share = shares.get(months);
    if (share === undefined)
      throw new TypeError(`no short-period share for ${months} months: validate the definition first`);
    return {
      units: share.units,
      scale: share.scale,
      den: 1n,
      text: share.text,
      names: { zh: `短期费率：${months} 个月`, en: `Short-period rate: ${months} months` },
    };
  };
}

/** A standard policy year from the start date: 366 days when it spans a 29 February. */
function isStandardYear(days: number, start: Facts[string]): boolean {
  if (days !== 366 || typeof start !== 'string') return false;
  const date = tryParseCalendarDate(start);
  return date.ok && oneYearDays(date.date) === days;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
