import type { BilingualText, ProductDefinition, Section } from '../catalog/index.ts';
import {
  allocate,
  type Fen,
  formatYuanGrouped,
  maxFen,
  minFen,
  mulRate,
  parseRate,
  type Rate,
  tryParseYuan,
} from '../money/index.ts';
import { chineseDate } from '../policy/chinese-dates.ts';
import { addDays, type CalendarDate, compareDates, parseCalendarDate } from '../time/index.ts';

/*
 * Is a notified claim (报案) covered by its policy, and for how much? The first decision of the claim
 * process: Insurance Law art. 23 asks the insurer to decide (核定) promptly, and art. 24 to decline in
 * writing with the reason; so every decline here carries a stable code, a message in both languages an
 * enterprise can act on, and the clause article it rests on.
 *
 * The checks run in this order and the first that fails is the answer:
 * 1. the section is on the policy (`claim.section_not_covered`: not in the product, or an optional section
 *    the policyholder did not choose);
 * 2. a parametric section is settled on the published index, never on a notice of loss
 *    (`claim.parametric_by_index`; see parametric.ts);
 * 3. the claim is not reported before the loss it reports (`claim.reported_before_loss`);
 * 4. the period, by the section's trigger (domain products.md: occurrence, or claims-made with a
 *    retroactive date):
 *    - cover runs from 00:00 of the start date to 24:00 of the end date, both inclusive; a cancellation
 *      takes effect from 00:00 of its date (policy/cancellation.ts), so its last covered day is the day
 *      before;
 *    - occurrence (期内发生制): the loss must happen within the cover (`claim.outside_period`); a loss in the
 *      period may be reported after the period ends;
 *    - claims-made (期内索赔制): the loss (the wrongful act) must not be after the cover ends
 *      (`claim.outside_period`), nor before the retroactive date (`claim.before_retroactive_date`; the
 *      date itself is covered); the claim must be made no earlier than the start date
 *      (`claim.outside_period`) and no later than the last covered day + extendedReportingDays
 *      (`claim.reported_too_late`; the extended reporting period also follows a cancellation). The
 *      retroactive date is the start date for `policy_start`, the agreed date for `required` (the start
 *      date when none was agreed) and there is none for `none`;
 * 5. a waiting period (`waiting_days` deductible, 等待期) is a time deductible of the interruption covers
 *    that carry it in the shipped products (business interruption, R&D interruption): the first N days of
 *    an interruption are the insured's own. An interruption that does not last longer than N days pays
 *    nothing (`claim.waiting_period`); a longer one pays the loss after the waiting days. The loss of the
 *    waiting days is `claim.waitingPeriodLoss` when the adjuster measured it, else the claimed amount
 *    split pro rata by days (allocate(claimed, [N, days − N])), an even loss per day;
 * 6. the deductible (免赔额): an amount, or a rate of the claimed loss (HALF_UP to the fen) with a minimum;
 *    a claim not above it pays nothing (`claim.below_deductible`);
 * 7. the limits (赔偿限额): what is left of the section limit and, for a claim on a sublimit, of the
 *    sublimit, after what was already paid and reserved against them on this policy; nothing left
 *    (`claim.limit_exhausted`).
 * A covered claim pays min(claimed − deductible, section limit left, sublimit limit left), never negative.
 *
 * A claim that cannot be decided as given throws: a ClaimInputError (stable code, both languages, for a
 * 400 answer) when the claimant left something out or named something the section does not have (the
 * interruption's length on a waiting-period section, an unknown sublimit); a RangeError or DateFormatError
 * for input the caller should never pass (negative amounts, malformed dates, a cancelled policy without
 * its cancellation date).
 */

export type ClaimDeclineReason =
  | 'claim.section_not_covered'
  | 'claim.parametric_by_index'
  | 'claim.reported_before_loss'
  | 'claim.outside_period'
  | 'claim.before_retroactive_date'
  | 'claim.reported_too_late'
  | 'claim.waiting_period'
  | 'claim.below_deductible'
  | 'claim.limit_exhausted';

export const CLAIM_DECLINE_REASONS: readonly ClaimDeclineReason[] = [
  'claim.section_not_covered',
  'claim.parametric_by_index',
  'claim.reported_before_loss',
  'claim.outside_period',
  'claim.before_retroactive_date',
  'claim.reported_too_late',
  'claim.waiting_period',
  'claim.below_deductible',
  'claim.limit_exhausted',
];

/** The clause article each decline rests on (the heading of the article in a Chinese clause). */
export const CLAIM_DECLINE_ARTICLES: Readonly<Record<ClaimDeclineReason, BilingualText>> = {
  'claim.section_not_covered': { zh: '保险责任', en: 'Insuring clause' },
  'claim.parametric_by_index': { zh: '赔偿处理（指数触发）', en: 'Claims settlement (index trigger)' },
  'claim.reported_before_loss': { zh: '索赔', en: 'Making a claim' },
  'claim.outside_period': { zh: '保险期间', en: 'Period of insurance' },
  'claim.before_retroactive_date': { zh: '追溯期', en: 'Retroactive date' },
  'claim.reported_too_late': { zh: '延长报告期', en: 'Extended reporting period' },
  'claim.waiting_period': { zh: '等待期', en: 'Waiting period' },
  'claim.below_deductible': { zh: '免赔额', en: 'Deductible' },
  'claim.limit_exhausted': { zh: '赔偿限额', en: 'Limit of indemnity' },
};

export type ClaimInputErrorCode = 'claim.interruption_days_required' | 'claim.sublimit_unknown';

/** A claim that is missing a fact its section needs, or names a part the section does not have. */
export class ClaimInputError extends Error {
  override readonly name = 'ClaimInputError';
  readonly code: ClaimInputErrorCode;
  readonly reason: string;
  readonly reasonZh: string;

  constructor(code: ClaimInputErrorCode, message: BilingualText) {
    super(message.en);
    this.code = code;
    this.reason = message.en;
    this.reasonZh = message.zh;
  }
}

export type ClaimPolicyStatus = 'in_force' | 'cancelled' | 'expired';

export interface CoveragePolicy {
  /** 'YYYY-MM-DD', the first covered day (from 00:00). */
  startDate: string;
  /** 'YYYY-MM-DD', the last covered day (to 24:00). */
  endDate: string;
  status: ClaimPolicyStatus;
  /** The cancellation date, effective from 00:00 of that day; required when the status is cancelled. */
  cancelledOn?: string | null;
  /** The retroactive date agreed on the policy, for a claims-made section whose rule is `required`. */
  retroactiveDate?: string | null;
}

export interface CoverageClaim {
  /** 出险日期: the day the loss happened (claims-made: the act or event the claim arises from). */
  lossDate: string;
  /** 报案日期: the day the claim was notified to the insurer. */
  reportedDate: string;
  sectionKey: string;
  /** The sublimit of the section the claim falls under, when it falls under one. */
  sublimitKey?: string | null;
  /** The loss claimed, in fen (≥ 0). */
  claimed: Fen;
  /** Whole days the interruption lasted; required on a section whose deductible is a waiting period. */
  interruptionDays?: number;
  /** The loss of the waiting days as adjusted, in fen; otherwise it is taken pro rata by days. */
  waitingPeriodLoss?: Fen;
}

/** A section the policy covers, with its limits in fen: the shape coveredSections (policy/cover.ts) returns. */
export interface CoveredSection {
  key: string;
  section: Section;
  limit: Fen;
  sublimits: readonly { key: string; limit: Fen; names?: BilingualText }[];
}

/** A section deductible with its amounts in fen and an `option` deductible replaced by the option's value. */
export type ResolvedDeductible =
  | { type: 'amount'; amount: Fen }
  | { type: 'percent'; rate: Rate; minimum: Fen }
  | { type: 'waiting_days'; days: number };

export interface CoverageInput {
  /** The product definition of the policy's product version: its sections name a section not bought, its clause is cited. */
  definition: Pick<ProductDefinition, 'sections' | 'clause'>;
  policy: CoveragePolicy;
  claim: CoverageClaim;
  /** The sections the policy covers, with limits (coveredSections of the policy's request). */
  cover: readonly CoveredSection[];
  /**
   * The claimed section's deductible, resolved; null when it has none. When left out it is resolved from
   * the section's definition with `options` (resolveDeductible).
   */
  deductible?: ResolvedDeductible | null;
  /** The options chosen on the policy (the quote request's options), for an `option` deductible. */
  options?: Readonly<Record<string, string | number | boolean>>;
  /** Already paid plus outstanding reserves against the section and the claim's sublimit on this policy, in fen. */
  used?: { section: Fen; sublimit?: Fen };
}

export interface CoverageCovered {
  covered: true;
  deductible: Fen;
  /** min(claimed − deductible, limitLeft, sublimitLeft), never negative. */
  payable: Fen;
  /** The section limit left before this claim. */
  limitLeft: Fen;
  /** The sublimit left before this claim; null when the claim is on no sublimit. */
  sublimitLeft: Fen | null;
  /** The section limit left once this claim is paid. */
  limitLeftAfter: Fen;
  notes: BilingualText[];
}

export interface CoverageDeclined {
  covered: false;
  reason: ClaimDeclineReason;
  message: BilingualText;
  clause: { reference: string; article: BilingualText };
}

export type CoverageResult = CoverageCovered | CoverageDeclined;

export function checkCoverage(input: CoverageInput): CoverageResult {
  const { definition, policy, claim } = input;
  const decline = (reason: ClaimDeclineReason, zh: string, en: string): CoverageDeclined => ({
    covered: false,
    reason,
    message: { zh, en },
    clause: { reference: definition.clause.reference, article: CLAIM_DECLINE_ARTICLES[reason] },
  });
  requireAmount(claim.claimed, 'a claimed amount');
  const start = parseCalendarDate(policy.startDate);
  const end = parseCalendarDate(policy.endDate);
  const loss = parseCalendarDate(claim.lossDate);
  const reported = parseCalendarDate(claim.reportedDate);
  if (compareDates(end, start) < 0)
    throw new RangeError(`the policy ends (${end}) before it starts (${start})`);
  const lastDay = lastCoveredDay(policy);

  // 1. The section.
  const covered = input.cover.find((entry) => entry.key === claim.sectionKey);
  if (covered === undefined) {
    const named = definition.sections.find((section) => section.key === claim.sectionKey);
    return named === undefined
      ? decline(
          'claim.section_not_covered',
          `本产品不含“${claim.sectionKey}”保险责任，请选择保单列明的保险责任后重新报案。`,
          `The product has no "${claim.sectionKey}" cover; choose one of the covers listed on the policy and notify the claim again.`,
        )
      : decline(
          'claim.section_not_covered',
          `本保单未投保“${named.names.zh}”责任（可选责任，投保时未选择），该损失不在保险责任范围内。`,
          `The policy does not include the "${named.names.en}" cover (an optional cover not chosen when the policy was bought), so this loss is not covered.`,
        );
  }
  const { section } = covered;
  const trigger = section.trigger;
  const sectionZh = section.names.zh;
  const sectionEn = section.names.en;

  // 2. Parametric covers pay on the index.
  if (trigger.type === 'parametric') {
    return decline(
      'claim.parametric_by_index',
      `“${sectionZh}”为指数保险责任，按约定的${trigger.index.zh}数据自动触发赔付，无需报案，也不按实际损失核定。`,
      `"${sectionEn}" is an index cover: it pays automatically when the published ${lowerFirst(trigger.index.en)} crosses its trigger, with no claim notice and no loss adjustment.`,
    );
  }

  // 3. A claim cannot come before its loss.
  if (compareDates(reported, loss) < 0) {
    return decline(
      'claim.reported_before_loss',
      `报案日期（${chineseDate(reported)}）早于出险日期（${chineseDate(loss)}），请核对日期后重新报案。`,
      `The claim was reported (${reported}) before the loss it reports (${loss}); check the dates and notify the claim again.`,
    );
  }

  // 4. The period.
  const notes: BilingualText[] = [];
  const periodZh = `${chineseDate(start)}至${chineseDate(lastDay)}`;
  const periodEn = `${start} to ${lastDay}`;
  const cancelledZh = lastDay === end ? '' : `（保单自${chineseDate(addDays(lastDay, 1))}起已注销）`;
  const cancelledEn = lastDay === end ? '' : ` (the policy was cancelled from ${addDays(lastDay, 1)})`;
  if (compareDates(lastDay, start) < 0) {
    return decline(
      'claim.outside_period',
      `保单自起保日起即已注销，保险期间内没有保障，该损失不在保险责任范围内。`,
      'The policy was cancelled from its start date, so it gave no cover at any time and this loss is not covered.',
    );
  }
  if (trigger.type === 'occurrence') {
    if (compareDates(loss, start) < 0 || compareDates(loss, lastDay) > 0) {
      return decline(
        'claim.outside_period',
        `出险日期${chineseDate(loss)}不在保险期间（${periodZh}）内${cancelledZh}，本保单仅承保保险期间内发生的事故。`,
        `The loss on ${loss} is outside the period of insurance (${periodEn})${cancelledEn}; the policy covers only losses that happen within that period.`,
      );
    }
  } else {
    if (compareDates(loss, lastDay) > 0) {
      return decline(
        'claim.outside_period',
        `出险日期${chineseDate(loss)}晚于保险期间（${periodZh}）${cancelledZh}，本保单不承保保险期间结束后发生的事故。`,
        `The loss on ${loss} is after the period of insurance (${periodEn})${cancelledEn}; the policy does not cover events after the period ends.`,
      );
    }
    const retroactive = retroactiveDateOf(trigger.retroactiveDate, policy, start);
    if (retroactive !== null && compareDates(loss, retroactive) < 0) {
      return decline(
        'claim.before_retroactive_date',
        `出险日期${chineseDate(loss)}早于追溯日${chineseDate(retroactive)}。本责任为期内索赔制，只承保追溯日及以后发生的事故。`,
        `The loss on ${loss} is before the retroactive date ${retroactive}. This is a claims-made cover: only events on or after the retroactive date are covered.`,
      );
    }
    if (compareDates(reported, start) < 0) {
      return decline(
        'claim.outside_period',
        `索赔提出日期${chineseDate(reported)}早于保险期间（${periodZh}）。本责任为期内索赔制，须在保险期间内首次提出索赔。`,
        `The claim was made on ${reported}, before the period of insurance (${periodEn}). This is a claims-made cover: the claim must first be made within the period.`,
      );
    }
    const reportingDays = trigger.extendedReportingDays ?? 0;
    const reportBy = addDays(lastDay, reportingDays);
    if (compareDates(reported, reportBy) > 0) {
      const extendedZh = reportingDays > 0 ? `及${reportingDays}天延长报告期` : '';
      const extendedEn = reportingDays > 0 ? ` and its ${reportingDays}-day extended reporting period` : '';
      return decline(
        'claim.reported_too_late',
        `索赔于${chineseDate(reported)}提出，晚于保险期间${extendedZh}的截止日${chineseDate(reportBy)}${cancelledZh}。本责任为期内索赔制，逾期提出的索赔不予受理。`,
        `The claim was made on ${reported}, after ${reportBy}, the end of the period of insurance${extendedEn}${cancelledEn}. This is a claims-made cover: a claim made later is not accepted.`,
      );
    }
    if (compareDates(reported, lastDay) > 0) {
      notes.push({
        zh: `索赔在延长报告期内提出（截止${chineseDate(reportBy)}）。`,
        en: `The claim was made within the extended reporting period (until ${reportBy}).`,
      });
    }
  }

  // 5 and 6. Waiting period and deductible.
  const deductible =
    input.deductible === undefined
      ? resolveDeductible(section.deductible, input.options ?? {})
      : input.deductible;
  let deductibleFen = 0n;
  if (deductible !== null) {
    switch (deductible.type) {
      case 'waiting_days': {
        const days = claim.interruptionDays;
        if (days === undefined || !Number.isSafeInteger(days) || days < 0) {
          throw new ClaimInputError('claim.interruption_days_required', {
            zh: `“${sectionZh}”设有${deductible.days}天等待期，请填写中断持续的天数`,
            en: `"${sectionEn}" has a ${deductible.days}-day waiting period: give the number of whole days the interruption lasted`,
          });
        }
        if (days <= deductible.days) {
          return decline(
            'claim.waiting_period',
            `中断持续${days}天，未超过${deductible.days}天的等待期。等待期内的损失由被保险人自行承担，本次不予赔付。`,
            `The interruption lasted ${days} day${days === 1 ? '' : 's'}, not longer than the ${deductible.days}-day waiting period. Loss within the waiting period is the insured's own, so nothing is payable.`,
          );
        }
        if (claim.waitingPeriodLoss === undefined) {
          deductibleFen = allocate(claim.claimed, [deductible.days, days - deductible.days])[0] as Fen;
        } else {
          requireAmount(claim.waitingPeriodLoss, 'the loss of the waiting period');
          deductibleFen = minFen(claim.waitingPeriodLoss, claim.claimed);
        }
        notes.push({
          zh: `扣除${deductible.days}天等待期内的损失 ${formatYuanGrouped(deductibleFen)} 元。`,
          en: `The loss of the ${deductible.days}-day waiting period, ${formatYuanGrouped(deductibleFen)} yuan, is deducted.`,
        });
        break;
      }
      case 'amount':
        requireAmount(deductible.amount, 'a deductible');
        deductibleFen = deductible.amount;
        break;
      case 'percent': {
        requireAmount(deductible.minimum, 'a minimum deductible');
        const byRate = mulRate(claim.claimed, parseRate(deductible.rate), 'HALF_UP');
        deductibleFen = maxFen(byRate, deductible.minimum);
        if (deductible.minimum > byRate) {
          notes.push({
            zh: `按比例计算的免赔额低于最低免赔额，按最低免赔额 ${formatYuanGrouped(deductible.minimum)} 元扣除。`,
            en: `The deductible by rate is below the minimum, so the minimum of ${formatYuanGrouped(deductible.minimum)} yuan applies.`,
          });
        }
        break;
      }
      default: {
        const unknown: never = deductible;
        throw new TypeError(`unknown deductible ${JSON.stringify(unknown)}`);
      }
    }
    if (deductible.type !== 'waiting_days' && claim.claimed <= deductibleFen) {
      return decline(
        'claim.below_deductible',
        `索赔金额 ${formatYuanGrouped(claim.claimed)} 元未超过免赔额 ${formatYuanGrouped(deductibleFen)} 元，免赔额以内的损失由被保险人自行承担。`,
        `The claimed ${formatYuanGrouped(claim.claimed)} yuan is not above the deductible of ${formatYuanGrouped(deductibleFen)} yuan; loss within the deductible is the insured's own.`,
      );
    }
  }
  if (claim.claimed - deductibleFen <= 0n) {
    return decline(
      'claim.below_deductible',
      `扣除免赔后无可赔付金额（索赔金额 ${formatYuanGrouped(claim.claimed)} 元）。`,
      `Nothing is left to pay after the deductible (claimed ${formatYuanGrouped(claim.claimed)} yuan).`,
    );
  }

  // 7. The limits.
  const usedSection = input.used?.section ?? 0n;
  const usedSublimit = input.used?.sublimit ?? 0n;
  requireAmount(usedSection, 'the amount used of a section limit');
  requireAmount(usedSublimit, 'the amount used of a sublimit');
  const limitLeft = maxFen(covered.limit - usedSection, 0n);
  let sublimitLeft: Fen | null = null;
  let sublimitZh = '';
  let sublimitEn = '';
  if (claim.sublimitKey !== undefined && claim.sublimitKey !== null) {
    const sublimitKey = claim.sublimitKey;
    const sublimit = covered.sublimits.find((entry) => entry.key === sublimitKey);
    if (sublimit === undefined) {
      throw new ClaimInputError('claim.sublimit_unknown', {
        zh: `“${sectionZh}”责任下没有“${sublimitKey}”分项限额`,
        en: `The "${sectionEn}" cover has no sublimit "${sublimitKey}"`,
      });
    }
    sublimitLeft = maxFen(sublimit.limit - usedSublimit, 0n);
    const names = sublimit.names ?? section.sublimits?.find((entry) => entry.key === sublimitKey)?.names;
    sublimitZh = names ? `“${names.zh}”` : `“${sublimitKey}”`;
    sublimitEn = names ? `"${names.en}"` : `"${sublimitKey}"`;
  }
  const available = sublimitLeft === null ? limitLeft : minFen(limitLeft, sublimitLeft);
  if (available === 0n) {
    const onSublimit = sublimitLeft !== null && sublimitLeft === 0n && limitLeft > 0n;
    return onSublimit
      ? decline(
          'claim.limit_exhausted',
          `本保单${sublimitZh}分项限额已全部用尽（含已赔付和已立案未决金额），无剩余可赔付额度。`,
          `The ${sublimitEn} sublimit of this policy is used up (paid and outstanding claims), so nothing is left to pay.`,
        )
      : decline(
          'claim.limit_exhausted',
          `本保单“${sectionZh}”责任的赔偿限额已全部用尽（含已赔付和已立案未决金额），无剩余可赔付额度。`,
          `The limit of the "${sectionEn}" cover on this policy is used up (paid and outstanding claims), so nothing is left to pay.`,
        );
  }
  const afterDeductible = claim.claimed - deductibleFen;
  const payable = minFen(afterDeductible, available);
  if (payable < afterDeductible) {
    const bySublimit = sublimitLeft !== null && sublimitLeft < limitLeft;
    notes.push(
      bySublimit
        ? {
            zh: `赔付以${sublimitZh}分项限额剩余额度 ${formatYuanGrouped(available)} 元为限。`,
            en: `Payment is capped at the ${formatYuanGrouped(available)} yuan left of the ${sublimitEn} sublimit.`,
          }
        : {
            zh: `赔付以“${sectionZh}”责任赔偿限额剩余额度 ${formatYuanGrouped(available)} 元为限。`,
            en: `Payment is capped at the ${formatYuanGrouped(available)} yuan left of the "${sectionEn}" limit.`,
          },
    );
  }
  return {
    covered: true,
    deductible: deductibleFen,
    payable,
    limitLeft,
    sublimitLeft,
    limitLeftAfter: limitLeft - payable,
    notes,
  };
}

/**
 * A section's deductible in fen. An `option` deductible takes the value of the option the policyholder
 * chose: a yuan string ('50000.00') or a whole number of yuan; a missing or non-amount value throws.
 */
export function resolveDeductible(
  deductible: Section['deductible'],
  options: Readonly<Record<string, string | number | boolean>>,
): ResolvedDeductible | null {
  if (deductible === undefined) return null;
  switch (deductible.type) {
    case 'amount':
      return { type: 'amount', amount: yuanOf(deductible.amount, 'the deductible amount') };
    case 'percent':
      return {
        type: 'percent',
        rate: parseRate(deductible.rate),
        minimum: deductible.minimum === undefined ? 0n : yuanOf(deductible.minimum, 'the minimum deductible'),
      };
    case 'waiting_days':
      return { type: 'waiting_days', days: deductible.days };
    case 'option': {
      const value = options[deductible.option];
      let fen: Fen | undefined;
      if (typeof value === 'string') {
        const parsed = tryParseYuan(value);
        if (parsed.ok) fen = parsed.fen;
      } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
        fen = BigInt(value) * 100n;
      }
      if (fen === undefined || fen < 0n) {
        throw new RangeError(
          `the deductible option "${deductible.option}" has no amount (${JSON.stringify(value)})`,
        );
      }
      return { type: 'amount', amount: fen };
    }
  }
}

/**
 * The last day of cover: the end date, or the day before a cancellation that takes effect within the
 * period (a cancellation from 00:00 of its date). Before the start date when cancelled from inception.
 */
export function lastCoveredDay(policy: CoveragePolicy): CalendarDate {
  const end = parseCalendarDate(policy.endDate);
  const cancelledOn = policy.cancelledOn ?? null;
  if (policy.status === 'cancelled' && cancelledOn === null) {
    throw new RangeError('a cancelled policy needs the date its cancellation took effect');
  }
  if (cancelledOn === null) return end;
  const dayBefore = addDays(parseCalendarDate(cancelledOn), -1);
  return compareDates(dayBefore, end) < 0 ? dayBefore : end;
}

function retroactiveDateOf(
  rule: 'required' | 'policy_start' | 'none',
  policy: CoveragePolicy,
  start: CalendarDate,
): CalendarDate | null {
  switch (rule) {
    case 'none':
      return null;
    case 'policy_start':
      return start;
    case 'required':
      return policy.retroactiveDate ? parseCalendarDate(policy.retroactiveDate) : start;
  }
}

function yuanOf(text: string, what: string): Fen {
  const parsed = tryParseYuan(text);
  if (!parsed.ok) throw new RangeError(`${what} ${JSON.stringify(text)} is not an amount`);
  return parsed.fen;
}

function requireAmount(amount: Fen, what: string): void {
  if (typeof amount !== 'bigint' || amount < 0n) {
    throw new RangeError(`${what} is a non-negative number of fen, not ${String(amount)}`);
  }
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
