import type { BilingualText, Section } from '../catalog/index.ts';
import { compareDecimals, parseDecimal, type ScaledDecimal } from '../catalog/scaled-decimal.ts';
import {
  type Fen,
  formatYuanGrouped,
  maxFen,
  minFen,
  mulRate,
  parseShare,
  type Rate,
} from '../money/index.ts';
import { parseCalendarDate } from '../time/index.ts';

/*
 * Parametric (index) covers (指数保险, domain products.md: "pays a fixed schedule when a published index
 * crosses a trigger; no loss adjustment"). The section's trigger lists tiers {threshold,
 * payoutShareOfLimit} and a direction; an observation of the index pays the share of the limit of the
 * most severe tier it meets (the lowest threshold met for `below`, the highest for `above`). Tiers are
 * not cumulative: 90 → 10 %, 85 → 30 % pays 30 % at 84, not 40 %.
 *
 * Strictness. The product wording (KB-AP-INDEX) pays when the generation ratio is "低于触发值" (below the
 * trigger) and when the rainfall "超过触发值" (exceeds the trigger). Civil Code art. 1259: "以上、以下、
 * 以内、届满" include the figure itself, "不满、超过、以外" do not; "低于" is read like "不满". So both
 * comparisons are strict: `below` is met when observed < threshold, `above` when observed > threshold. A
 * generation ratio of exactly 90 % pays nothing, and neither does exactly 50 mm of rain, although
 * GB/T 28592-2012 grades 50.0 mm as 暴雨: a product meaning "50 mm or more" has to say 以上 and would need
 * a trigger direction of its own. Comparisons are exact decimals (no floats).
 *
 * A payout is share × limit, HALF_UP to the fen, and never more than the limit left after what earlier
 * observations of the same period already paid (an aggregate limit across, say, several storms).
 */

export type ParametricTrigger = Extract<Section['trigger'], { type: 'parametric' }>;

export interface ParametricPayout {
  triggered: boolean;
  /** The threshold of the tier met, as written in the definition; null when none is met. */
  threshold: string | null;
  /** The payout share of that tier ('0' when none is met). */
  share: Rate;
  /** share × limit, HALF_UP, capped at the limit left. */
  payout: Fen;
  /** Set when the payout was cut to the limit left. */
  cappedByLimit: boolean;
  explanation: BilingualText;
}

export function parametricPayout(input: {
  trigger: ParametricTrigger;
  /** The section limit, in fen. */
  limit: Fen;
  /** The observed index value, decimal text in the trigger's unit ('84.7', '-3.5'). */
  observed: string;
  /** Already paid under this section on the policy, in fen (default 0). */
  alreadyPaid?: Fen;
}): ParametricPayout {
  const { trigger, limit } = input;
  const alreadyPaid = input.alreadyPaid ?? 0n;
  if (limit < 0n || alreadyPaid < 0n) throw new RangeError('a limit and an amount paid are not negative');
  if (trigger.direction !== 'above' && trigger.direction !== 'below') {
    throw new RangeError(`unknown trigger direction ${JSON.stringify(trigger.direction)}`);
  }
  const observed = decimalOf(input.observed, 'an observed index value');
  const below = trigger.direction === 'below';
  const unit = unitText(trigger.unit);

  let met: { threshold: string; value: ScaledDecimal; share: Rate } | null = null;
  for (const tier of trigger.payouts) {
    const value = decimalOf(tier.threshold, 'a trigger threshold');
    const share = parseShare(tier.payoutShareOfLimit);
    const comparison = compareDecimals(observed, value);
    const meets = below ? comparison < 0 : comparison > 0;
    if (!meets) continue;
    const moreSevere =
      met === null || (below ? compareDecimals(value, met.value) < 0 : compareDecimals(value, met.value) > 0);
    if (moreSevere) met = { threshold: tier.threshold, value, share };
  }

  const index = trigger.index;
  if (met === null) {
    return {
      triggered: false,
      threshold: null,
      share: '0',
      payout: 0n,
      cappedByLimit: false,
      explanation: {
        zh: `${index.zh}为 ${input.observed}${unit}，未${below ? '低于' : '超过'}任何触发值，不触发赔付。`,
        en: `${index.en} was ${input.observed}${unit}, not ${below ? 'below' : 'above'} any trigger: nothing is payable.`,
      },
    };
  }
  const full = mulRate(limit, met.share, 'HALF_UP');
  const left = maxFen(limit - alreadyPaid, 0n);
  const payout = minFen(full, left);
  const capped = payout < full;
  const percent = percentText(met.share);
  const cappedZh = capped ? `；因累计赔付已达限额，本次以剩余限额 ${formatYuanGrouped(left)} 元为限` : '';
  const cappedEn = capped ? `; cut to the ${formatYuanGrouped(left)} yuan left of the limit` : '';
  return {
    triggered: true,
    threshold: met.threshold,
    share: met.share,
    payout,
    cappedByLimit: capped,
    explanation: {
      zh: `${index.zh}为 ${input.observed}${unit}，${below ? '低于' : '超过'}触发值 ${met.threshold}${unit}，按限额的 ${percent}% 赔付 ${formatYuanGrouped(payout)} 元${cappedZh}。`,
      en: `${index.en} was ${input.observed}${unit}, ${below ? 'below' : 'above'} the trigger of ${met.threshold}${unit}: ${percent}% of the limit is payable, ${formatYuanGrouped(payout)} yuan${cappedEn}.`,
    },
  };
}

/**
 * The idempotency key of one index observation, for imports: the same observation imported twice gives
 * the same key, a corrected value a different one (the caller spots two values for one source and date).
 * `source` is the station or index code (a national weather station number, a grid settlement account),
 * trimmed and upper-cased; the value is normalised so '120', '120.0' and '120.00' are one observation.
 * Form: `<source>|<YYYY-MM-DD>|<value>`, the source percent-encoded so it cannot contain the separator.
 */
export function observationKey(input: { source: string; date: string; value: string }): string {
  const source = input.source.trim().toUpperCase();
  if (source === '') throw new RangeError('an observation needs the code of its station or index');
  const date = parseCalendarDate(input.date);
  return `${encodeURIComponent(source)}|${date}|${normaliseDecimal(input.value)}`;
}

/** A decimal text without trailing zeros after the point, and without a point or sign it does not need. */
function normaliseDecimal(text: string): string {
  const value = decimalOf(text, 'an observed index value');
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

function decimalOf(text: string, what: string): ScaledDecimal {
  const value = typeof text === 'string' ? parseDecimal(text) : undefined;
  if (value === undefined) throw new RangeError(`${what} ${JSON.stringify(text)} is not a decimal number`);
  return value;
}

function unitText(unit: string): string {
  return unit === '' || unit === '%' ? unit : ` ${unit}`;
}

/** '0.30' → '30', '0.125' → '12.5'. */
function percentText(share: Rate): string {
  return normaliseDecimal(movePoint(share, 2));
}

function movePoint(text: string, places: number): string {
  const [whole = '0', fraction = ''] = text.split('.');
  const padded = fraction.padEnd(places, '0');
  const digits = `${whole}${padded.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(places);
  return rest === '' ? digits : `${digits}.${rest}`;
}
