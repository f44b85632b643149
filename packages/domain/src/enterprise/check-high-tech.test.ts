import { describe, expect, it } from 'vitest';
import { checkHighTech } from './check-high-tech.ts';
import type { EnterpriseProfile } from './profile.ts';
import { aProfile, highTechModel } from './shipped-models.fixture.ts';

const model = highTechModel();
const check = (fields: Partial<EnterpriseProfile>) => checkHighTech(aProfile(fields), model);
const gate = (fields: Partial<EnterpriseProfile>, key: string) => {
  const found = check(fields).gates.find((item) => item.key === key);
  if (found === undefined) throw new Error(`no gate ${key}`);
  return found;
};

/**
 * Every criterion met, and an innovation estimate of exactly 70:
 * IP: one class-I right → 24. Conversion: high-tech income 30,000,000 / 40,000,000 = 75% → 24 (the better of
 * that and a turnover of 100,000 → 6). R&D management: no super-deduction 0 + a platform 6 + technology
 * contracts 4 + graduate hires 4 = 14. Growth: revenue 40,000,000 / 32,000,000 − 1 = 25% → 8, R&D flat → 0.
 * 24 + 24 + 14 + 8 = 70, which does not exceed 70.
 */
const atSeventy: Partial<EnterpriseProfile> = {
  staff: 100,
  techStaff: 10,
  revenue: '40000000.00',
  revenueLastYear: '32000000.00',
  rdExpense: '2400000.00',
  rdExpenseLastYear: '2400000.00',
  rdExpenseInChina: '2400000.00',
  highTechProductIncome: '30000000.00',
  techContractTurnover: '100000.00',
  superDeductionSaving: '0.00',
  provincialPlatforms: 1,
  graduateHires: 2,
  ipClassI: 1,
  ipClassII: 0,
};

describe('the R&D intensity floor of each revenue band', () => {
  it.each([
    // revenue ≤ 50,000,000 (edge included) → 5%
    ['50000000.00', '2500000.00', '5%', true],
    ['50000000.00', '2499999.99', '≈4.99%', false],
    // 50,000,000 < revenue ≤ 200,000,000 → 4%
    ['100000000.00', '4000000.00', '4%', true],
    ['100000000.00', '3999999.99', '≈3.99%', false],
    ['200000000.00', '7000000.00', '3.5%', false], // 2亿 exactly is still the 4% band
    // revenue > 200,000,000 → 3%
    ['200000000.01', '7000000.00', '≈3.49%', true], // one fen more and 3.5% is enough
    ['300000000.00', '9000000.00', '3%', true],
    ['300000000.00', '8999999.99', '≈2.99%', false],
  ])('on revenue %s, R&D of %s (%s) passes: %s', (revenue, rdExpense, input, passed) => {
    expect(gate({ revenue, rdExpense }, 'rd_intensity')).toMatchObject({ input, passed });
  });

  it('names the floor that applied and its revenue band', () => {
    expect(gate({ revenue: '50000000.00', rdExpense: '1.00' }, 'rd_intensity').limit).toEqual({
      zh: '不低于 5%（营业收入 5000万元（含）以下）',
      en: 'at least 5% (revenue up to 50,000,000 yuan)',
    });
    expect(gate({ revenue: '60000000.00', rdExpense: '1.00' }, 'rd_intensity').limit.en).toBe(
      'at least 4% (revenue over 50,000,000 yuan up to 200,000,000 yuan)',
    );
    expect(gate({ revenue: '300000000.00', rdExpense: '1.00' }, 'rd_intensity').limit.zh).toBe(
      '不低于 3%（营业收入 2亿元以上）',
    );
  });

  it('leaves the floor undecided without revenue, naming every band', () => {
    const found = gate({ rdExpense: '1000000.00' }, 'rd_intensity');
    expect(found).toMatchObject({ input: 'missing', passed: null });
    expect(found.limit.en).toContain('at least 3% (revenue over 200,000,000 yuan)');
  });
});

describe('the other criteria, limits included', () => {
  it.each<[string, string, Partial<EnterpriseProfile>, boolean]>([
    ['R&D in China at 60%', 'rd_in_china', { rdExpense: '2400000.00', rdExpenseInChina: '1440000.00' }, true],
    [
      'R&D in China one fen short of 60%',
      'rd_in_china',
      { rdExpense: '2400000.00', rdExpenseInChina: '1439999.99' },
      false,
    ],
    [
      'high-tech income at 60%',
      'high_tech_income',
      { revenue: '40000000.00', highTechProductIncome: '24000000.00' },
      true,
    ],
    [
      'high-tech income one fen short',
      'high_tech_income',
      { revenue: '40000000.00', highTechProductIncome: '23999999.99' },
      false,
    ],
    ['tech staff at 10%', 'tech_staff_share', { staff: 1000, techStaff: 100 }, true],
    ['tech staff at 9.9%', 'tech_staff_share', { staff: 1000, techStaff: 99 }, false],
    ['one class-II right', 'owns_ip', { ipClassI: 0, ipClassII: 1 }, true],
    ['no IP at all', 'owns_ip', { ipClassI: 0, ipClassII: 0 }, false],
  ])('%s: passes %s', (_, key, fields, passed) => {
    expect(gate(fields, key).passed).toBe(passed);
  });
});

describe('the innovation score, estimated from the profile', () => {
  it('meets every criterion but does not qualify at exactly 70', () => {
    const result = check(atSeventy);
    expect(result.indicators.map(({ key, points }) => [key, points])).toEqual([
      ['ip', '24'],
      ['conversion', '24'],
      ['rd_management', '14'],
      ['growth', '8'],
    ]);
    expect(result).toMatchObject({ score: '70', criteriaMet: true, qualified: false, missing: [] });
    expect(result.notes[0]?.zh).toContain('创新能力估算 70 分，未高于 70 分');
  });

  it('qualifies once R&D grew by 5%', () => {
    // 2,400,000 / 2,280,000 − 1 ≈ 5.26% → 4 more: 74 > 70.
    const result = check({ ...atSeventy, rdExpenseLastYear: '2280000.00' });
    expect(result).toMatchObject({ score: '74', criteriaMet: true, qualified: true });
  });

  it('counts growth only above 0: a flat year scores nothing, a fen of growth 2', () => {
    const growth = (rdExpenseLastYear: string) =>
      check({ ...atSeventy, rdExpenseLastYear }).indicators.find((item) => item.key === 'growth')?.points;
    expect(growth('2400000.00')).toBe('8'); // 8 + 0
    expect(growth('2399999.99')).toBe('10'); // 8 + 2
  });

  it('says every innovation item is an estimate, not the expert review', () => {
    const result = check(atSeventy);
    for (const item of result.indicators) expect(item.estimate?.zh).toMatch(/^估算：/);
    expect(result.notes[1]?.en).toContain('the official score comes from an expert review');
    expect(result.notes[2]?.zh).toContain('注册成立一年以上');
  });

  it('refuses a firm that misses a criterion whatever its score', () => {
    const result = check({ ...atSeventy, rdExpenseLastYear: '2280000.00', techStaff: 9 });
    expect(result).toMatchObject({
      score: '74',
      criteriaMet: false,
      qualified: false,
      missingCouldChange: false,
    });
  });

  it('says when the missing fields could still make the difference', () => {
    // Without the super-deduction saving (0 now, worth 6) the firm sits at 70; filled in, up to 76.
    const result = check({ ...atSeventy, superDeductionSaving: undefined });
    expect(result).toMatchObject({
      score: '70',
      qualified: false,
      missing: ['superDeductionSaving'],
      missingCouldChange: true,
    });
  });
});
