import { describe, expect, it } from 'vitest';
import type { Section } from '../catalog/definition.ts';
import { toChineseCapital } from '../money/index.ts';
import {
  describeDeductible,
  describeTrigger,
  renderPolicySchedule,
  renderSlip,
  type ScheduleData,
} from './schedule.ts';

function scheduleData(overrides: Partial<ScheduleData> = {}): ScheduleData {
  return {
    policyNumber: 'KBP-2026-000123',
    productCode: 'KB-AP-EQUIP',
    productVersion: 3,
    productName: '首台（套）重大技术装备综合保险',
    statisticalClass: 'application',
    policyholder: { name: '上海临港智能装备有限公司', uscc: '91310000MA1FL0AB3X' },
    insured: { name: '上海临港智能装备有限公司', uscc: '91310000MA1FL0AB3X' },
    beneficiary: null,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    issuedOn: '2025-12-20',
    sumInsured: 6_500_000_000n,
    sections: [
      {
        key: 'quality',
        name: '质量风险（修理、更换、退货）',
        limit: 6_500_000_000n,
        sublimits: [],
        deductible: '每次事故免赔额 ¥50,000.00',
        trigger: '期内发生制',
      },
      {
        key: 'liability',
        name: '责任风险（用户财产损失、人身伤亡）',
        limit: 6_500_000_000n,
        sublimits: [{ name: '每人人身伤亡', limit: 100_000_000n }],
        deductible: '每次事故免赔额 ¥50,000.00',
        trigger: '期内发生制',
      },
    ],
    coinsurers: [
      {
        name: '共保财产保险股份有限公司',
        role: 'follower',
        share: '15.3846',
        premium: 1_538_460n,
        sumInsured: 1_000_000_000n,
      },
      {
        name: '主承财产保险股份有限公司',
        role: 'lead',
        share: '84.6154',
        premium: 8_461_541n,
        sumInsured: 5_500_000_000n,
      },
    ],
    collectionMode: 'lead_collects',
    premium: 10_000_001n,
    subsidy: 8_000_000n,
    netPayable: 2_000_001n,
    cessions: [
      {
        insurer: '主承财产保险股份有限公司',
        reinsurer: '中再分入再保险股份有限公司',
        kind: 'quota_share',
        cededSumInsured: 1_100_000_000n,
        cededPremium: 1_692_308n,
      },
      {
        insurer: '共保财产保险股份有限公司',
        reinsurer: '临分接受再保险有限公司',
        kind: 'facultative',
        cededSumInsured: 500_000_000n,
        cededPremium: 769_230n,
      },
    ],
    endorsements: [
      { seq: 2, effectiveDate: '2026-06-01', description: '退还部分保费', premiumDelta: -50_000n },
      { seq: 1, effectiveDate: '2026-03-01', description: '变更被保险人地址', premiumDelta: 0n },
    ],
    clauseReference: '首台（套）重大技术装备综合保险条款（2026版）',
    status: 'in_force',
    masterPolicyNumber: null,
    ...overrides,
  };
}

describe('the policy schedule (保险单明细表)', () => {
  const page = renderPolicySchedule(scheduleData());

  it('is a whole zh-CN HTML5 document with A4 print CSS', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('<h1>保险单明细表</h1>');
    expect(page).toContain('保险单号：KBP-2026-000123');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('names the product with its code, version and statistical class', () => {
    expect(page).toContain('首台（套）重大技术装备综合保险');
    expect(page).toContain('KB-AP-EQUIP（第 3 版）');
    expect(page).toContain('应用推广类');
    expect(renderPolicySchedule(scheduleData({ statisticalClass: 'toString' }))).toContain(
      '<td>toString</td>',
    );
  });

  it('names the parties with their unified social credit codes', () => {
    expect(page).toContain('投保人');
    expect(page).toContain('被保险人');
    expect(page).toContain('统一社会信用代码');
    expect(page).toContain('91310000MA1FL0AB3X');
    expect(page).toContain('<th scope="row">受益人</th><td colspan="3">未指定</td>');
  });

  it('prints the period in the 零时 … 二十四时 wording', () => {
    expect(page).toContain('自2026年1月1日零时起至2026年12月31日二十四时止');
  });

  it('prints the sum insured in figures and in capitals', () => {
    expect(page).toContain('¥65,000,000.00');
    expect(page).toContain(`人民币${toChineseCapital(6_500_000_000n)}`);
    expect(page).toContain('人民币陆仟伍佰万元整');
  });

  it('lists each section with its limit, sublimits, deductible and trigger', () => {
    for (const heading of ['保障项目', '责任限额', '分项限额', '免赔', '触发方式']) {
      expect(page).toContain(`>${heading}</th>`);
    }
    expect(page).toContain('质量风险（修理、更换、退货）');
    expect(page).toContain('每人人身伤亡：<span class="figure">¥1,000,000.00</span>');
    expect(page).toContain('每次事故免赔额 ¥50,000.00');
    expect(page).toContain('期内发生制');
  });

  it('lists every co-insurer with role, share, premium and sum insured, the lead first', () => {
    expect(page).toContain('共保信息');
    expect(page).toContain(
      '<tr><td>主承财产保险股份有限公司</td><td>主承保</td><td class="num">84.6154%</td><td class="num">¥55,000,000.00</td><td class="num">¥84,615.41</td></tr>',
    );
    expect(page).toContain(
      '<tr><td>共保财产保险股份有限公司</td><td>共保</td><td class="num">15.3846%</td><td class="num">¥10,000,000.00</td><td class="num">¥15,384.60</td></tr>',
    );
    expect(page.indexOf('主承财产保险股份有限公司')).toBeLessThan(page.indexOf('共保财产保险股份有限公司'));
    expect(page).toContain('收费方式：主代从收：由主承保人代收全部保费并向共保人划付');
  });

  it('prints the each-collects mode and an insured retention line', () => {
    const each = renderPolicySchedule(
      scheduleData({
        collectionMode: 'each_collects',
        coinsurers: [
          ...scheduleData().coinsurers,
          { name: '被保险人', role: 'insured_retention', share: '0', premium: 0n, sumInsured: 0n },
        ],
      }),
    );
    expect(each).toContain('收费方式：各收各份额');
    expect(each).toContain('被保险人自留');
  });

  it('prints the premium, the subsidy and what the policyholder pays, in figures and capitals', () => {
    expect(toChineseCapital(10_000_001n)).toBe('壹拾万元零壹分');
    expect(page).toContain(
      '<th scope="row">总保费</th><td><span class="figure">¥100,000.01</span><span class="capital">（人民币壹拾万元零壹分）</span></td>',
    );
    expect(page).toContain('财政补贴');
    expect(page).toContain('¥80,000.00');
    expect(page).toContain('人民币捌万元整');
    expect(page).toContain('投保人应缴保费');
    expect(page).toContain('¥20,000.01');
    expect(page).toContain('人民币贰万元零壹分');
  });

  it('lists the endorsements in order with their premium change', () => {
    expect(page.indexOf('变更被保险人地址')).toBeLessThan(page.indexOf('退还部分保费'));
    expect(page).toContain('2026年3月1日');
    expect(page).toContain('无保费变化');
    expect(page).toContain('退还 <span class="figure">¥500.00</span>');
    expect(renderPolicySchedule(scheduleData({ endorsements: [] }))).toContain('无批改。');
  });

  it('prints the clause and the date of issue', () => {
    expect(page).toContain('适用条款：首台（套）重大技术装备综合保险条款（2026版）');
    expect(page).toContain('签发日期：2025年12月20日');
  });

  it('never shows a cession to the insured', () => {
    expect(page).not.toContain('中再分入再保险股份有限公司');
    expect(page).not.toContain('临分接受再保险有限公司');
    expect(page).not.toContain('分保信息');
    expect(page).not.toContain('分入人');
    expect(page).not.toContain('成数');
    expect(page).not.toContain('临分');
  });

  it('escapes every text it prints', () => {
    const hostile = renderPolicySchedule(
      scheduleData({
        policyholder: { name: '<script>alert("x")</script>', uscc: null },
        productName: 'A & B <b>',
        coinsurers: [{ name: "O'Brien <img>", role: 'lead', share: '100', premium: 1n, sumInsured: 1n }],
      }),
    );
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img>');
    expect(hostile).not.toContain('<b>');
    expect(hostile).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(hostile).toContain('A &amp; B &lt;b&gt;');
    expect(hostile).toContain('O&#39;Brien &lt;img&gt;');
  });

  it('puts a 已注销 banner on a cancelled policy only', () => {
    const cancelled = renderPolicySchedule(scheduleData({ status: 'cancelled' }));
    expect(cancelled).toContain('<div class="banner" role="status">已注销</div>');
    expect(page).not.toContain('class="banner"');
    expect(page).toContain('保单状态：有效');
  });

  it('titles a group member certificate 团体保险成员凭证 with the master policy number', () => {
    const certificate = renderPolicySchedule(scheduleData({ masterPolicyNumber: 'KBP-2026-G0001' }));
    expect(certificate).toContain('<h1>团体保险成员凭证</h1>');
    expect(certificate).toContain('团体保险单号：KBP-2026-G0001');
    expect(certificate).toContain('凭证号：KBP-2026-000123');
    expect(certificate).not.toContain('<h1>保险单明细表</h1>');
  });
});

describe('the insurers’ slip (共保/分保条)', () => {
  const slip = renderSlip(scheduleData());

  it('carries the same terms', () => {
    expect(slip).toContain('<html lang="zh-CN">');
    expect(slip).toContain('<h1>共保/分保条</h1>');
    expect(slip).toContain('自2026年1月1日零时起至2026年12月31日二十四时止');
    expect(slip).toContain('人民币壹拾万元零壹分');
    expect(slip).toContain('质量风险（修理、更换、退货）');
  });

  it("gives every participant's written line, signed share and a place to sign", () => {
    expect(slip).toContain('签署份额');
    expect(slip).toContain('承保额（书面份额）');
    expect(slip).toContain('<th>签章</th>');
    expect(slip).toContain(
      '<tr><td>共保财产保险股份有限公司</td><td>共保</td><td class="num">15.3846%</td><td class="num">¥10,000,000.00</td><td class="num">¥15,384.60</td><td class="sign"></td></tr>',
    );
    expect(slip).toContain('84.6154%');
  });

  it('lists every cession with its kind, ceded sum insured and premium', () => {
    expect(slip).toContain(
      '<tr><td>主承财产保险股份有限公司</td><td>中再分入再保险股份有限公司</td><td>成数</td><td class="num">¥11,000,000.00</td><td class="num">¥16,923.08</td></tr>',
    );
    expect(slip).toContain('<td>临分接受再保险有限公司</td><td>临分</td>');
    expect(slip).toContain('<td class="num">¥16,000,000.00</td><td class="num">¥24,615.38</td>');
    const surplus = renderSlip(
      scheduleData({
        cessions: [{ insurer: 'A', reinsurer: 'B', kind: 'surplus', cededSumInsured: 1n, cededPremium: 1n }],
      }),
    );
    expect(surplus).toContain('<td>溢额</td>');
    expect(renderSlip(scheduleData({ cessions: [] }))).toContain('无分保安排');
  });

  it('escapes the reinsurer too', () => {
    const hostile = renderSlip(
      scheduleData({
        cessions: [
          {
            insurer: 'A',
            reinsurer: '<script>x</script>',
            kind: 'surplus',
            cededSumInsured: 1n,
            cededPremium: 1n,
          },
        ],
      }),
    );
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('shows the cancelled banner', () => {
    expect(renderSlip(scheduleData({ status: 'cancelled' }))).toContain('已注销');
  });
});

describe('deductibles in words', () => {
  const none = {};

  it.each<[Section['deductible'], string]>([
    [{ type: 'amount', amount: '5000000.00' }, '每次事故免赔额 ¥5,000,000.00'],
    [{ type: 'percent', rate: '0.1' }, '损失金额的 10%'],
    [{ type: 'percent', rate: '0.025', minimum: '5000' }, '损失金额的 2.5%（最低 ¥5,000.00）'],
    [{ type: 'waiting_days', days: 5 }, '等待期 5 天'],
    [undefined, '无'],
  ])('describes %j as %s', (deductible, expected) => {
    expect(describeDeductible(deductible, none)).toBe(expected);
  });

  it('reads a deductible chosen by option from the resolved options', () => {
    const deductible: Section['deductible'] = { type: 'option', option: 'deductible' };
    expect(describeDeductible(deductible, { deductible: '50000.00' })).toBe('每次事故免赔额 ¥50,000.00');
    expect(describeDeductible(deductible, { deductible: 20000 })).toBe('每次事故免赔额 ¥20,000.00');
  });

  it('refuses an option that is missing or not an amount', () => {
    const deductible: Section['deductible'] = { type: 'option', option: 'deductible' };
    expect(() => describeDeductible(deductible, {})).toThrow(RangeError);
    expect(() => describeDeductible(deductible, { deductible: true })).toThrow(RangeError);
    expect(() => describeDeductible(deductible, { deductible: 'high' })).toThrow(RangeError);
  });
});

describe('triggers in words', () => {
  it('describes an occurrence trigger', () => {
    expect(describeTrigger({ type: 'occurrence' })).toBe('期内发生制');
  });

  it('describes a claims-made trigger with its retroactive date and extended reporting', () => {
    const required: Section['trigger'] = {
      type: 'claims_made',
      retroactiveDate: 'required',
      extendedReportingDays: 60,
    };
    expect(describeTrigger(required, { retroactiveDate: '2024-01-01' })).toBe(
      '期内索赔制（追溯日 2024年1月1日；延长报告期 60 天）',
    );
    expect(describeTrigger(required)).toBe('期内索赔制（须约定追溯日；延长报告期 60 天）');
    expect(
      describeTrigger({ type: 'claims_made', retroactiveDate: 'policy_start' }, { startDate: '2026-01-01' }),
    ).toBe('期内索赔制（追溯日 2026年1月1日）');
    expect(describeTrigger({ type: 'claims_made', retroactiveDate: 'policy_start' })).toBe(
      '期内索赔制（追溯日为起保日）',
    );
    expect(describeTrigger({ type: 'claims_made', retroactiveDate: 'none' })).toBe(
      '期内索赔制（不设追溯日）',
    );
  });

  it('describes a parametric trigger with its payout table', () => {
    expect(
      describeTrigger({
        type: 'parametric',
        index: { zh: '晶圆良率', en: 'Wafer yield' },
        unit: '%',
        direction: 'below',
        payouts: [
          { threshold: '90', payoutShareOfLimit: '0.5' },
          { threshold: '80', payoutShareOfLimit: '1' },
        ],
      }),
    ).toBe('参数触发：晶圆良率（低于 90% 时赔付限额的 50%；低于 80% 时赔付限额的 100%）');
  });
});
