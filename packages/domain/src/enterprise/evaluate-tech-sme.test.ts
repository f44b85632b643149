import { describe, expect, it } from 'vitest';
import { evaluateTechSme } from './evaluate-tech-sme.ts';
import type { EnterpriseProfile } from './profile.ts';
import { aProfile, techSmeModel } from './shipped-models.fixture.ts';

const model = techSmeModel();
const evaluate = (fields: Partial<EnterpriseProfile>) => evaluateTechSme(aProfile(fields), model);
const indicator = (fields: Partial<EnterpriseProfile>, key: string) => {
  const found = evaluate(fields).indicators.find((item) => item.key === key);
  if (found === undefined) throw new Error(`no indicator ${key}`);
  return found;
};

/** A small firm inside every gate, with every input known. */
const sme: Partial<EnterpriseProfile> = {
  staff: 100,
  techStaff: 30,
  revenue: '50000000.00',
  totalAssets: '80000000.00',
  totalCost: '45000000.00',
  rdExpense: '3000000.00',
  ipClassI: 1,
  ipClassII: 0,
};

describe('the tech-staff indicator (20)', () => {
  it.each([
    // staff 10,000 leaves the 500-staff gate behind; only the indicator is read here.
    [3000, '30%', '20'],
    [2999, '29.99%', '16'], // 2999 / 10000 = 29.99% < 30%
    [2500, '25%', '16'],
    [2499, '24.99%', '12'],
    [2000, '20%', '12'],
    [1999, '19.99%', '8'],
    [1500, '15%', '8'],
    [1499, '14.99%', '4'],
    [1000, '10%', '4'],
    [999, '9.99%', '0'],
  ])('gives %i tech staff of 10,000 (%s) %s points', (techStaff, input, points) => {
    expect(indicator({ staff: 10_000, techStaff }, 'tech_staff')).toMatchObject({ input, points, max: '20' });
  });

  it('says which band was reached, in words', () => {
    expect(indicator({ staff: 100, techStaff: 27 }, 'tech_staff').band).toEqual({
      zh: '25%（含）至 30%（不含）',
      en: '25% (incl.) to 30% (excl.)',
    });
    expect(indicator({ staff: 100, techStaff: 5 }, 'tech_staff').band).toEqual({
      zh: '低于 10%',
      en: 'below 10%',
    });
  });

  it('shows a ratio without a finite decimal as cut, never rounded up to an edge', () => {
    // 2 / 3 = 66.666…% → "≈66.66%"; 1 / 3 of 30%: 100 / 334 = 29.94…% stays below 30%.
    expect(indicator({ staff: 3, techStaff: 2 }, 'tech_staff').input).toBe('≈66.66%');
    expect(indicator({ staff: 334, techStaff: 100 }, 'tech_staff')).toMatchObject({
      input: '≈29.94%',
      points: '16',
    });
  });
});

describe('the R&D indicator (50), the better of two ratios', () => {
  // Revenue 100,000,000 and total cost 95,000,000: R&D / cost stays below 10% for every R&D here.
  const byRevenue = (rdExpense: string) =>
    indicator({ revenue: '100000000.00', totalCost: '95000000.00', rdExpense }, 'rd_input');

  it.each([
    ['6000000.00', '50'], // 6% exactly
    ['5999999.99', '40'], // 5.99999999%
    ['5000000.00', '40'], // 5%
    ['4999999.99', '30'],
    ['4000000.00', '30'], // 4%
    ['3999999.99', '20'],
    ['3000000.00', '20'], // 3%
    ['2999999.99', '10'],
    ['2000000.00', '10'], // 2%
    ['1999999.99', '0'],
  ])('gives R&D of %s on revenue of 100 million %s points', (rdExpense, points) => {
    expect(byRevenue(rdExpense).points).toBe(points);
  });

  // No revenue yet: R&D / revenue is not defined, R&D / total cost of 10,000,000 decides.
  it.each([
    ['3000000.00', '30%', '50'],
    ['2999999.99', '≈29.99%', '40'],
    ['2500000.00', '25%', '40'],
    ['2000000.00', '20%', '30'],
    ['1500000.00', '15%', '20'],
    ['1000000.00', '10%', '10'],
    ['999999.99', '≈9.99%', '0'],
  ])(
    'gives a firm without revenue spending %s of 10 million cost (%s) %s points',
    (rdExpense, ratio, points) => {
      const found = indicator({ revenue: '0.00', totalCost: '10000000.00', rdExpense }, 'rd_input');
      expect(found).toMatchObject({ input: `n/a | ${ratio}`, points });
    },
  );

  it('takes R&D / total cost when it scores better than R&D / revenue', () => {
    // 4,500,000 / 100,000,000 = 4.5% → 30; 4,500,000 / 17,000,000 ≈ 26.47% → 40. The better: 40.
    const found = indicator(
      { revenue: '100000000.00', totalCost: '17000000.00', rdExpense: '4500000.00' },
      'rd_input',
    );
    expect(found).toMatchObject({ input: '4.5% | ≈26.47%', points: '40' });
    expect(found.note?.en).toBe('the better of: R&D / revenue 4.5% → 30; R&D / total cost ≈26.47% → 40');
    expect(found.band.en).toBe('R&D / total cost: 25% (incl.) to 30% (excl.)');
  });

  it('scores the known ratio when the other is missing, and lists the missing field', () => {
    // 6,000,000 / 100,000,000 = 6% → 50, the most there is: total cost could add nothing.
    const result = evaluate({
      ...sme,
      revenue: '100000000.00',
      rdExpense: '6000000.00',
      totalCost: undefined,
    });
    expect(result.indicators[1]).toMatchObject({ input: '6% | missing', points: '50' });
    expect(result.missing).toEqual(['totalCost']);
  });
});

describe('the IP indicator (30)', () => {
  it.each([
    [1, 0, '30'], // one class-I right is enough for all 30
    [1, 9, '30'],
    [0, 7, '24'], // class II only: 4 or more → 24
    [0, 4, '24'],
    [0, 3, '18'],
    [0, 2, '12'],
    [0, 1, '6'],
    [0, 0, '0'],
  ])('gives %i class-I and %i class-II rights %s points', (ipClassI, ipClassII, points) => {
    expect(indicator({ ipClassI, ipClassII }, 'ip').points).toBe(points);
  });

  it('words the class-II bands by count', () => {
    expect(indicator({ ipClassI: 0, ipClassII: 3 }, 'ip').band).toEqual({
      zh: 'II 类知识产权数：3',
      en: 'Class-II IP rights: exactly 3',
    });
    expect(indicator({ ipClassI: 0, ipClassII: 0 }, 'ip').band.zh).toBe('I 类知识产权数：无（0）');
  });
});

describe('qualifying as a tech SME', () => {
  it('qualifies a small firm scoring 100', () => {
    // tech staff 30 / 100 = 30% → 20; R&D 3,000,000 / 50,000,000 = 6% → 50; one class-I right → 30. 100.
    const result = evaluate(sme);
    expect(result).toMatchObject({
      modelCode: 'tech-sme',
      modelVersion: 1,
      score: '100',
      qualified: true,
      missing: [],
    });
    expect(result.gates.map((gate) => gate.passed)).toEqual([true, true, true]);
  });

  it('qualifies at exactly 60', () => {
    // 30% → 20; R&D 1,000,000 / 50,000,000 = 2% → 10 (and 1,000,000 / 45,000,000 ≈ 2.2% of cost → 0); class I → 30. 60.
    expect(evaluate({ ...sme, rdExpense: '1000000.00' })).toMatchObject({ score: '60', qualified: true });
  });

  it('refuses 54 points', () => {
    // 27 / 100 = 27% → 16; R&D 1,500,000 / 50,000,000 = 3% → 20 (of cost: 1,500,000 / 45,000,000 ≈ 3.3% → 0);
    // no class I, three class II → 18. 16 + 20 + 18 = 54.
    const result = evaluate({ ...sme, techStaff: 27, rdExpense: '1500000.00', ipClassI: 0, ipClassII: 3 });
    expect(result).toMatchObject({ score: '54', qualified: false, missingCouldChange: false });
    expect(result.notes[0]?.zh).toContain('得分 54 低于 60 分');
  });

  it('refuses a firm whose tech-staff score is 0, however high the rest', () => {
    // 9 / 100 = 9% → 0; R&D 6% → 50; class I → 30. 80 points, but personnel scored 0.
    const result = evaluate({ ...sme, techStaff: 9 });
    expect(result).toMatchObject({ score: '80', qualified: false });
    expect(result.notes[0]?.en).toBe('Does not qualify as a tech SME: Technical staff scored 0.');
  });

  it.each<[string, Partial<EnterpriseProfile>, Partial<EnterpriseProfile>]>([
    ['staff', { staff: 500, techStaff: 150 }, { staff: 501, techStaff: 151 }],
    [
      'revenue',
      { revenue: '200000000.00', rdExpense: '12000000.00' },
      { revenue: '200000000.01', rdExpense: '12000000.00' },
    ],
    ['total assets', { totalAssets: '200000000.00' }, { totalAssets: '200000000.01' }],
  ])('admits %s exactly at the limit and refuses one unit more', (_, atLimit, over) => {
    expect(evaluate({ ...sme, ...atLimit }).qualified).toBe(true);
    const refused = evaluate({ ...sme, ...over });
    expect(refused.qualified).toBe(false);
    expect(refused.gates.filter((gate) => gate.passed === false)).toHaveLength(1);
  });
});

describe('missing inputs', () => {
  it('scores a missing tech-staff count 0, lists it, and says filling it in could qualify the firm', () => {
    // R&D 6% → 50 and class I → 30 give 80 already; tech staff could add up to 20.
    const result = evaluate({ ...sme, techStaff: undefined });
    expect(result.indicators[0]).toMatchObject({ input: 'missing', points: '0', band: { en: 'missing' } });
    expect(result).toMatchObject({
      score: '80',
      qualified: false,
      missing: ['techStaff'],
      missingCouldChange: true,
    });
    expect(result.notes[1]?.zh).toBe('补全缺失字段（techStaff）可能改变结论：补全后最高可得 100 分。');
  });

  it('says when filling in cannot change a refusal', () => {
    // Tech staff missing (at best 20), R&D 1% → 0, no IP → 0: at best 20 points.
    const result = evaluate({ ...sme, techStaff: undefined, rdExpense: '500000.00', ipClassI: 0 });
    expect(result).toMatchObject({ qualified: false, missingCouldChange: false });
    expect(result.notes[1]?.en).toBe(
      'The missing fields (techStaff) cannot change the outcome: at best 20 points, still below 60.',
    );
  });

  it('leaves a gate undecided when its input is missing, which refuses the firm for now', () => {
    const result = evaluate({ ...sme, totalAssets: undefined });
    expect(result.gates[2]).toMatchObject({ key: 'total_assets_limit', input: 'missing', passed: null });
    expect(result).toMatchObject({ qualified: false, missing: ['totalAssets'], missingCouldChange: true });
  });

  it('lets nothing missing rescue a firm that fails a gate', () => {
    const result = evaluate({ ...sme, staff: 600, techStaff: 180, totalAssets: undefined });
    expect(result).toMatchObject({ qualified: false, missingCouldChange: false });
  });

  it('cannot lose a qualification to a missing input', () => {
    const result = evaluate({ ...sme, ipClassII: undefined });
    expect(result).toMatchObject({ qualified: true, missing: ['ipClassII'], missingCouldChange: false });
  });

  it('treats a firm with no staff as having no tech-staff share, not 0%', () => {
    const found = indicator({ staff: 0, techStaff: 0 }, 'tech_staff');
    expect(found).toMatchObject({ input: 'n/a', points: '0', note: { zh: '职工总数为零，比例无法计算' } });
  });
});
