import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProductDefinition } from '../catalog/index.ts';
import { parseYuan } from '../money/index.ts';
import { coveredSections } from '../policy/cover.ts';
import {
  CLAIM_DECLINE_ARTICLES,
  CLAIM_DECLINE_REASONS,
  ClaimInputError,
  type CoverageClaim,
  type CoverageInput,
  type CoveragePolicy,
  type CoverageResult,
  checkCoverage,
  resolveDeductible,
} from './coverage.ts';

const yuan = parseYuan;
const product = (code: string) =>
  parse(
    readFileSync(new URL(`../../../../catalog/products/${code}.yaml`, import.meta.url), 'utf8'),
  ) as ProductDefinition;

const cyber = product('KB-BR-CYBER');
const request = { limit: '5000000.00', options: { deductible: '50000.00' } };
const cover = coveredSections(cyber, request);
const policy: CoveragePolicy = { startDate: '2025-01-01', endDate: '2025-12-31', status: 'in_force' };

function check(
  claim: Partial<CoverageClaim>,
  overrides: Partial<Omit<CoverageInput, 'claim'>> = {},
): CoverageResult {
  return checkCoverage({
    definition: cyber,
    policy,
    cover,
    options: request.options,
    claim: {
      lossDate: '2025-06-01',
      reportedDate: '2025-06-03',
      sectionKey: 'direct_loss',
      claimed: yuan('800000'),
      ...claim,
    },
    ...overrides,
  });
}

function declined(result: CoverageResult) {
  if (result.covered)
    throw new Error(`expected a decline, got ${JSON.stringify(result, (_, v) => String(v))}`);
  return result;
}

function covered(result: CoverageResult) {
  if (!result.covered) throw new Error(`expected cover, got ${result.reason}: ${result.message.en}`);
  return result;
}

describe('checkCoverage: a covered occurrence claim', () => {
  it('pays the claimed loss less the chosen deductible, within the section limit', () => {
    const result = covered(check({}));
    expect(result).toEqual({
      covered: true,
      deductible: yuan('50000'),
      payable: yuan('750000'),
      limitLeft: yuan('2500000'), // direct loss: 50 % of the 5,000,000 aggregate
      sublimitLeft: null,
      limitLeftAfter: yuan('1750000'),
      notes: [],
    });
  });

  it('covers the first and the last day of the period (00:00 of the start to 24:00 of the end)', () => {
    expect(check({ lossDate: '2025-01-01', reportedDate: '2025-01-01' }).covered).toBe(true);
    expect(check({ lossDate: '2025-12-31', reportedDate: '2026-02-01' }).covered).toBe(true);
  });

  it('accepts a deductible the caller resolved, or none', () => {
    expect(covered(check({}, { deductible: { type: 'amount', amount: yuan('1000') } })).payable).toBe(
      yuan('799000'),
    );
    expect(covered(check({}, { deductible: null })).payable).toBe(yuan('800000'));
  });
});

describe('checkCoverage: declines', () => {
  it('declines a section the product does not have, and an optional section not bought, naming it', () => {
    const unknown = declined(check({ sectionKey: 'space_debris' }));
    expect(unknown.reason).toBe('claim.section_not_covered');
    expect(unknown.clause).toEqual({
      reference: '网络安全保险条款（示例）',
      article: { zh: '保险责任', en: 'Insuring clause' },
    });
    const extortion = declined(check({ sectionKey: 'extortion' }));
    expect(extortion.reason).toBe('claim.section_not_covered');
    expect(extortion.message.zh).toContain('网络勒索');
    expect(extortion.message.en).toContain('Cyber extortion');
  });

  it('sends a parametric section to the index', () => {
    const index = product('KB-AP-INDEX');
    const result = declined(
      checkCoverage({
        definition: index,
        policy,
        cover: coveredSections(index, { limit: '10000000.00', options: { plant_type: 'solar_pv' } }),
        claim: {
          lossDate: '2025-06-01',
          reportedDate: '2025-06-02',
          sectionKey: 'generation_shortfall',
          claimed: yuan('100000'),
        },
      }),
    );
    expect(result.reason).toBe('claim.parametric_by_index');
    expect(result.message.zh).toContain('实际发电量与预期发电量之比');
  });

  it('declines a claim reported before its loss', () => {
    const result = declined(check({ lossDate: '2025-06-05', reportedDate: '2025-06-04' }));
    expect(result.reason).toBe('claim.reported_before_loss');
    expect(result.message.zh).toBe(
      '报案日期（2025年6月4日）早于出险日期（2025年6月5日），请核对日期后重新报案。',
    );
  });

  it('declines an occurrence outside the period, citing 保险期间', () => {
    for (const lossDate of ['2024-12-31', '2026-01-01']) {
      const result = declined(check({ lossDate, reportedDate: '2026-01-05' }));
      expect(result.reason).toBe('claim.outside_period');
      expect(result.clause.article).toEqual({ zh: '保险期间', en: 'Period of insurance' });
    }
    expect(declined(check({ lossDate: '2024-12-31' })).message.zh).toBe(
      '出险日期2024年12月31日不在保险期间（2025年1月1日至2025年12月31日）内，本保单仅承保保险期间内发生的事故。',
    );
  });

  it('ends cover at 24:00 of the day before a cancellation (effective from 00:00 of its date)', () => {
    const cancelled: CoveragePolicy = { ...policy, status: 'cancelled', cancelledOn: '2025-07-01' };
    expect(check({ lossDate: '2025-06-30', reportedDate: '2025-07-02' }, { policy: cancelled }).covered).toBe(
      true,
    );
    const result = declined(
      check({ lossDate: '2025-07-01', reportedDate: '2025-07-02' }, { policy: cancelled }),
    );
    expect(result.reason).toBe('claim.outside_period');
    expect(result.message.zh).toContain('保单自2025年7月1日起已注销');
    const fromInception = { ...policy, status: 'cancelled' as const, cancelledOn: '2025-01-01' };
    expect(
      declined(check({ lossDate: '2025-01-01', reportedDate: '2025-01-02' }, { policy: fromInception }))
        .reason,
    ).toBe('claim.outside_period');
    // A cancellation dated after the end changes nothing.
    expect(
      check(
        { lossDate: '2025-12-31', reportedDate: '2026-01-02' },
        { policy: { ...policy, cancelledOn: '2026-03-01' } },
      ).covered,
    ).toBe(true);
  });

  it('refuses a cancelled policy without its cancellation date', () => {
    expect(() => check({}, { policy: { ...policy, status: 'cancelled' } })).toThrow(RangeError);
  });
});

describe('checkCoverage: claims-made sections (retroactive date, extended reporting period)', () => {
  const liability = { sectionKey: 'data_leak_liability' };

  it('uses the agreed retroactive date of a `required` rule, the date itself included', () => {
    const agreed = { ...policy, retroactiveDate: '2024-01-01' };
    expect(
      check({ ...liability, lossDate: '2024-01-01', reportedDate: '2025-03-01' }, { policy: agreed }).covered,
    ).toBe(true);
    const result = declined(
      check({ ...liability, lossDate: '2023-12-31', reportedDate: '2025-03-01' }, { policy: agreed }),
    );
    expect(result.reason).toBe('claim.before_retroactive_date');
    expect(result.clause.article).toEqual({ zh: '追溯期', en: 'Retroactive date' });
    expect(result.message.zh).toContain('早于追溯日2024年1月1日');
  });

  it('takes the start date when no retroactive date was agreed, or when the rule is policy_start', () => {
    expect(declined(check({ ...liability, lossDate: '2024-12-31', reportedDate: '2025-03-01' })).reason).toBe(
      'claim.before_retroactive_date',
    );
    const startRule = structuredClone(cyber);
    const section = startRule.sections.find((s) => s.key === 'data_leak_liability');
    if (section?.trigger.type !== 'claims_made') throw new Error('the shipped section is claims-made');
    section.trigger.retroactiveDate = 'policy_start';
    const startCover = coveredSections(startRule, request);
    const input = {
      definition: startRule,
      cover: startCover,
      policy: { ...policy, retroactiveDate: '2020-01-01' },
    };
    expect(declined(check({ ...liability, lossDate: '2024-12-31' }, input)).reason).toBe(
      'claim.before_retroactive_date',
    );
    section.trigger.retroactiveDate = 'none';
    const noneCover = coveredSections(startRule, request);
    expect(check({ ...liability, lossDate: '2001-05-01' }, { ...input, cover: noneCover }).covered).toBe(
      true,
    );
  });

  it('accepts a claim made up to the last day of the extended reporting period, and notes it', () => {
    const agreed = { ...policy, retroactiveDate: '2024-01-01' };
    // 2025-12-31 + 60 days = 2026-03-01.
    const inTime = covered(
      check({ ...liability, lossDate: '2025-11-01', reportedDate: '2026-03-01' }, { policy: agreed }),
    );
    expect(inTime.notes).toEqual([
      {
        zh: '索赔在延长报告期内提出（截止2026年3月1日）。',
        en: 'The claim was made within the extended reporting period (until 2026-03-01).',
      },
    ]);
    const late = declined(
      check({ ...liability, lossDate: '2025-11-01', reportedDate: '2026-03-02' }, { policy: agreed }),
    );
    expect(late.reason).toBe('claim.reported_too_late');
    expect(late.message.zh).toContain('60天延长报告期');
  });

  it('counts the extended reporting period from a cancellation', () => {
    const cancelled: CoveragePolicy = {
      ...policy,
      status: 'cancelled',
      cancelledOn: '2025-07-01',
      retroactiveDate: '2024-01-01',
    };
    // Last covered day 2025-06-30, + 60 days = 2025-08-29.
    expect(
      check({ ...liability, lossDate: '2025-06-01', reportedDate: '2025-08-29' }, { policy: cancelled })
        .covered,
    ).toBe(true);
    expect(
      declined(
        check({ ...liability, lossDate: '2025-06-01', reportedDate: '2025-08-30' }, { policy: cancelled }),
      ).reason,
    ).toBe('claim.reported_too_late');
    expect(
      declined(
        check({ ...liability, lossDate: '2025-07-01', reportedDate: '2025-07-02' }, { policy: cancelled }),
      ).reason,
    ).toBe('claim.outside_period');
  });

  it('declines a claim made before the period starts', () => {
    const agreed = { ...policy, retroactiveDate: '2024-01-01' };
    const result = declined(
      check({ ...liability, lossDate: '2024-06-01', reportedDate: '2024-12-20' }, { policy: agreed }),
    );
    expect(result.reason).toBe('claim.outside_period');
    expect(result.message.en).toContain('must first be made within the period');
  });
});

describe('checkCoverage: waiting period and deductible', () => {
  const interruption = { sectionKey: 'business_interruption', claimed: yuan('400000') };

  it('pays nothing for an interruption that does not outlast the waiting period', () => {
    const result = declined(check({ ...interruption, interruptionDays: 1 }));
    expect(result.reason).toBe('claim.waiting_period');
    expect(result.message.zh).toBe(
      '中断持续1天，未超过1天的等待期。等待期内的损失由被保险人自行承担，本次不予赔付。',
    );
  });

  it('deducts the waiting days pro rata, or as adjusted', () => {
    const result = covered(check({ ...interruption, interruptionDays: 4 }));
    expect(result.deductible).toBe(yuan('100000'));
    expect(result.payable).toBe(yuan('300000'));
    expect(result.notes[0]?.zh).toBe('扣除1天等待期内的损失 100,000.00 元。');
    // Three days split 1 : 2 to the fen.
    const odd = covered(check({ ...interruption, claimed: 100n, interruptionDays: 3 }));
    expect([odd.deductible, odd.payable]).toEqual([33n, 67n]);
    const adjusted = covered(
      check({ ...interruption, interruptionDays: 4, waitingPeriodLoss: yuan('40000') }),
    );
    expect(adjusted.payable).toBe(yuan('360000'));
  });

  it('needs the length of the interruption on a waiting-period section', () => {
    expect(() => check(interruption)).toThrow(ClaimInputError);
    try {
      check(interruption);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'claim.interruption_days_required',
        reasonZh: '“营业中断损失”设有1天等待期，请填写中断持续的天数',
      });
    }
  });

  it('declines a claim not above the deductible; one fen above pays one fen', () => {
    const result = declined(check({ claimed: yuan('50000') }));
    expect(result.reason).toBe('claim.below_deductible');
    expect(result.clause.article.zh).toBe('免赔额');
    expect(result.message.zh).toBe(
      '索赔金额 50,000.00 元未超过免赔额 50,000.00 元，免赔额以内的损失由被保险人自行承担。',
    );
    expect(covered(check({ claimed: yuan('50000.01') })).payable).toBe(1n);
  });

  it('takes a percentage deductible of the claimed loss, at least its minimum', () => {
    const percent = { type: 'percent' as const, rate: '0.1', minimum: yuan('20000') };
    const small = covered(check({ claimed: yuan('100000') }, { deductible: percent }));
    expect(small.deductible).toBe(yuan('20000'));
    expect(small.notes[0]?.en).toContain('minimum of 20,000.00 yuan');
    const large = covered(check({ claimed: yuan('1000000.05') }, { deductible: percent }));
    expect(large.deductible).toBe(yuan('100000.01')); // 10,000,005 fen × 0.1 = 1,000,000.5 → HALF_UP
  });
});

describe('checkCoverage: limits', () => {
  it('caps the payment at what is left of the section limit, and declines when nothing is left', () => {
    const capped = covered(check({}, { used: { section: yuan('2000000') } }));
    expect(capped.payable).toBe(yuan('500000'));
    expect(capped.limitLeftAfter).toBe(0n);
    expect(capped.notes[0]?.zh).toBe('赔付以“直接损失”责任赔偿限额剩余额度 500,000.00 元为限。');
    const exhausted = declined(check({}, { used: { section: yuan('2500000') } }));
    expect(exhausted.reason).toBe('claim.limit_exhausted');
    expect(exhausted.clause.article).toEqual({ zh: '赔偿限额', en: 'Limit of indemnity' });
  });

  it('caps a claim on a sublimit at what is left of it', () => {
    const agreed = { ...policy, retroactiveDate: '2024-01-01' };
    const defence = { sectionKey: 'data_leak_liability', sublimitKey: 'regulatory_defence' };
    const result = covered(
      check(defence, { policy: agreed, used: { section: yuan('900000'), sublimit: yuan('900000') } }),
    );
    // Sublimit 20 % of 5,000,000 = 1,000,000; 100,000 left.
    expect(result).toMatchObject({
      payable: yuan('100000'),
      limitLeft: yuan('4100000'),
      sublimitLeft: yuan('100000'),
      limitLeftAfter: yuan('4000000'),
    });
    expect(result.notes[0]?.zh).toContain('“监管调查应对费用”分项限额');
    const used = declined(
      check(defence, { policy: agreed, used: { section: yuan('1000000'), sublimit: yuan('1000000') } }),
    );
    expect(used.reason).toBe('claim.limit_exhausted');
    expect(used.message.zh).toContain('“监管调查应对费用”分项限额已全部用尽');
    expect(() => check({ ...defence, sublimitKey: 'fines' }, { policy: agreed })).toThrow(
      'The "Data-leak liability" cover has no sublimit "fines"',
    );
  });
});

describe('resolveDeductible', () => {
  it('reads amounts, rates, waiting days and the chosen option', () => {
    expect(resolveDeductible(undefined, {})).toBeNull();
    expect(resolveDeductible({ type: 'amount', amount: '20000.00' }, {})).toEqual({
      type: 'amount',
      amount: yuan('20000'),
    });
    expect(resolveDeductible({ type: 'percent', rate: '0.05' }, {})).toEqual({
      type: 'percent',
      rate: '0.05',
      minimum: 0n,
    });
    expect(resolveDeductible({ type: 'waiting_days', days: 5 }, {})).toEqual({
      type: 'waiting_days',
      days: 5,
    });
    expect(resolveDeductible({ type: 'option', option: 'deductible' }, { deductible: 30000 })).toEqual({
      type: 'amount',
      amount: yuan('30000'),
    });
    expect(() => resolveDeductible({ type: 'option', option: 'deductible' }, {})).toThrow(/no amount/);
  });
});

it('cites a clause article in both languages for every decline reason', () => {
  expect(Object.keys(CLAIM_DECLINE_ARTICLES).sort()).toEqual([...CLAIM_DECLINE_REASONS].sort());
  for (const reason of CLAIM_DECLINE_REASONS) {
    expect(CLAIM_DECLINE_ARTICLES[reason].zh).not.toBe('');
    expect(CLAIM_DECLINE_ARTICLES[reason].en).not.toBe('');
  }
});
