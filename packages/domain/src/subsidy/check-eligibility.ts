import type { Facts } from '../catalog/facts.ts';
import { compareDates, parseCalendarDate } from '../time/index.ts';
import type { CompiledProgramme } from './compile-programme.ts';
import type { SubsidyHistory, SubsidyPolicy, SubsidyRefusal, SubsidyStep } from './decision.ts';
import type { SubsidyProgramme } from './programme.ts';
import { subsidyFactNames } from './subsidy-facts.ts';

/** The eligibility checks' steps, the first definite failure of each and the facts still missing. */
export interface EligibilityChecks {
  steps: SubsidyStep[];
  failures: SubsidyRefusal[];
  missing: string[];
}

/** Whether a programme is for the policy's product: one of its tags, its code or its class is listed. */
export function programmeCovers(
  programme: SubsidyProgramme,
  policy: Pick<SubsidyPolicy, 'productCode' | 'statisticalClass' | 'subsidyTags'>,
): boolean {
  return coverage(programme, policy) !== null;
}

function coverage(
  programme: SubsidyProgramme,
  policy: Pick<SubsidyPolicy, 'productCode' | 'statisticalClass' | 'subsidyTags'>,
): { zh: string; en: string } | null {
  const tags = programme.eligibility.tags ?? [programme.code];
  const tag = policy.subsidyTags.find((candidate) => tags.includes(candidate));
  if (tag !== undefined)
    return {
      zh: `产品 ${policy.productCode} 带有补贴标签 ${tag}`,
      en: `The product ${policy.productCode} carries the subsidy tag ${tag}`,
    };
  if (programme.eligibility.products?.includes(policy.productCode) === true)
    return {
      zh: `产品 ${policy.productCode} 在项目的产品清单内`,
      en: `The product ${policy.productCode} is on the programme’s list`,
    };
  if (programme.eligibility.classes?.some((one) => one === policy.statisticalClass) === true)
    return {
      zh: `统计大类 ${policy.statisticalClass} 在项目范围内`,
      en: `The statistical class ${policy.statisticalClass} is covered`,
    };
  return null;
}

/**
 * Every eligibility rule of a programme, in order: window, product, bar, years, no-double-dip group, each
 * condition, quota. All are checked, so the steps show every rule that failed; the refusal is the first.
 */
export function checkEligibility(
  programme: SubsidyProgramme,
  compiled: CompiledProgramme,
  policy: SubsidyPolicy,
  history: SubsidyHistory,
  facts: Facts,
  groupsGranted: readonly string[],
): EligibilityChecks {
  const steps: SubsidyStep[] = [];
  const failures: SubsidyRefusal[] = [];
  const check = (
    rule: SubsidyStep['rule'],
    holds: boolean,
    said: { zh: string; en: string },
    refusal: SubsidyRefusal,
  ) => {
    steps.push({ rule, result: holds ? 'pass' : 'fail', ...said });
    if (!holds) failures.push(refusal);
  };
  const start = parseCalendarDate(policy.startDate);

  const { from, to } = programme.window;
  const inWindow = !before(start, from) && (to === undefined || !before(to, start));
  const period = { zh: `${from} 至 ${to ?? '长期'}`, en: `${from} to ${to ?? 'open'}` };
  check(
    'window',
    inWindow,
    {
      zh: `起保日期 ${start}${inWindow ? '在' : '不在'}申报期（${period.zh}）内`,
      en: `The start date ${start} is ${inWindow ? 'within' : 'outside'} the window (${period.en})`,
    },
    {
      reason: 'subsidy.outside_window',
      zh: `起保日期不在申报期（${period.zh}）内`,
      en: `The policy starts outside the programme’s window (${period.en})`,
    },
  );

  const covered = coverage(programme, policy);
  check(
    'product',
    covered !== null,
    covered ?? {
      zh: `产品 ${policy.productCode} 不在本项目范围内`,
      en: `The product ${policy.productCode} is not covered`,
    },
    {
      reason: 'subsidy.product_not_covered',
      zh: '该产品不在本补贴项目范围内',
      en: 'The product is not covered by the programme',
    },
  );

  const barredUntil = history.barredUntil ?? null;
  if (barredUntil !== null) {
    const barred = before(start, barredUntil);
    check(
      'bar',
      !barred,
      {
        zh: barred ? `企业被取消申报资格至 ${barredUntil}` : `取消申报资格已于 ${barredUntil} 届满`,
        en: barred ? `The enterprise is barred until ${barredUntil}` : `The bar ended on ${barredUntil}`,
      },
      {
        reason: 'subsidy.barred',
        zh: `企业因违规被取消申报资格至 ${barredUntil}`,
        en: `The enterprise is barred from the programme until ${barredUntil}`,
      },
    );
  }

  if (programme.maxYears !== undefined) {
    const { maxYears } = programme;
    const within = history.yearIndex <= maxYears;
    check(
      'max_years',
      within,
      {
        zh: `第 ${history.yearIndex} 年度，最多补贴 ${maxYears} 年`,
        en: `Year ${history.yearIndex} of at most ${maxYears}`,
      },
      {
        reason: 'subsidy.max_years',
        zh: `已超过最长补贴年限（${maxYears} 年）`,
        en: `The programme subsidises at most ${maxYears} years`,
      },
    );
  }

  const group = programme.noDoubleDipGroup;
  if (group !== undefined) {
    const taken = groupsGranted.includes(group);
    check(
      'no_double_dip',
      !taken,
      {
        zh: taken ? `同组（${group}）补贴已享受，不得重复` : `同组（${group}）补贴尚未享受`,
        en: taken
          ? `A programme of the group ${group} already subsidises the policy`
          : `No programme of the group ${group} subsidises the policy yet`,
      },
      {
        reason: 'subsidy.double_dip',
        zh: `同一保单不得重复享受同组（${group}）补贴`,
        en: `The policy already has a subsidy of the group ${group}`,
      },
    );
  }

  const missing: string[] = [];
  for (const { rule, holds } of compiled.conditions) {
    const needed: string[] = [];
    const result = holds(facts, needed);
    missing.push(...needed);
    const names = [...new Set(needed)].map(subsidyFactNames);
    steps.push({
      rule: 'condition',
      reason: rule.reason,
      result: result === 'true' ? 'pass' : result === 'false' ? 'fail' : 'unknown',
      zh:
        result === 'unknown'
          ? `${rule.message.zh}：待确认（${names.map((name) => name.zh).join('、')}）`
          : `${rule.message.zh}：${result === 'true' ? '符合' : '不符合'}`,
      en:
        result === 'unknown'
          ? `${rule.message.en}: to be established (${names.map((name) => name.en).join(', ')})`
          : `${rule.message.en}: ${result === 'true' ? 'met' : 'not met'}`,
    });
    if (result === 'false') failures.push({ reason: rule.reason, ...rule.message });
  }

  if (programme.quota !== undefined) {
    const quotaLeft = history.quotaLeft ?? null;
    const { years } = programme.quota;
    if (quotaLeft === null) {
      check(
        'quota',
        false,
        { zh: '产品没有核定的补偿额度', en: 'The product has no approved quota' },
        {
          reason: 'subsidy.no_quota',
          zh: '须先通过资格审定、核定补偿额度，再申请资金',
          en: 'The product needs an approved quota first (qualification comes before the money)',
        },
      );
    } else {
      check(
        'quota',
        history.yearIndex <= years,
        {
          zh: `核定额度有效期 ${years} 年，现为第 ${history.yearIndex} 年度`,
          en: `The quota is valid for ${years} years; this is year ${history.yearIndex}`,
        },
        {
          reason: 'subsidy.quota_expired',
          zh: `核定额度已过有效期（${years} 年）`,
          en: `The approved quota expired after ${years} years`,
        },
      );
    }
  }
  return { steps, failures, missing };
}

function before(a: string, b: string): boolean {
  return compareDates(parseCalendarDate(a), parseCalendarDate(b)) < 0;
}
