import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { computeIndex, type IndexMethodology, type IndexYearValues } from './development-index.ts';
import { deriveIndicatorValues, TECH_INSURANCE_INDEX_V1 } from './development-index-v1.ts';
import { IndexMethodologyError } from './index-weights.ts';

const names = (en: string) => ({ zh: en, en });
const indicator = (key: string, direction: 'positive' | 'negative' = 'positive') => ({
  key,
  names: names(key),
  direction,
  unit: 'count',
  definition: names(key),
});

/** Two sub-indices: s1 = {a (more is better), b (less is better)}, s2 = {c}. */
const small = (weights: { s1: string; s2: string; a: string; b: string }): IndexMethodology => ({
  version: 'test-1',
  baseYear: 2024,
  subIndices: [
    { key: 's1', names: names('S1'), indicators: [indicator('a'), indicator('b', 'negative')] },
    { key: 's2', names: names('S2'), indicators: [indicator('c')] },
  ],
  weighting: {
    method: 'fixed',
    subIndices: { s1: weights.s1, s2: weights.s2 },
    indicators: { a: weights.a, b: weights.b, c: '1' },
  },
});

const years: Record<string, IndexYearValues> = {
  2024: { a: '200', b: '10', c: '50' },
  2025: { a: '250', b: '12.5', c: '40' },
};

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof IndexMethodologyError) return `${error.code} ${error.path}`;
    throw error;
  }
  return 'no error';
}

describe('computeIndex: the formula', () => {
  it('normalises to the base year = 100 and weighs as the formula says', () => {
    // 2025: a = 250 / 200 × 100 = 125; b (less is better) = 10 / 12.5 × 100 = 80; c = 40 / 50 × 100 = 80.
    // S1 = 0.5 × 125 + 0.5 × 80 = 102.5; S2 = 80; composite = 0.6 × 102.5 + 0.4 × 80 = 61.5 + 32 = 93.5.
    const result = computeIndex({ methodology: small({ s1: '0.6', s2: '0.4', a: '0.5', b: '0.5' }), years });
    expect(result.years[0]).toMatchObject({
      year: 2024,
      composite: '100.000000',
      subIndices: { s1: '100.000000', s2: '100.000000' },
    });
    expect(result.years[1]).toEqual({
      year: 2025,
      composite: '93.500000',
      subIndices: { s1: '102.500000', s2: '80.000000' },
      indicators: {
        a: { value: '250', carriedFrom: null, normalised: '125.000000', weight: '0.300000' },
        b: { value: '12.5', carriedFrom: null, normalised: '80.000000', weight: '0.300000' },
        c: { value: '40', carriedFrom: null, normalised: '80.000000', weight: '0.400000' },
      },
    });
    expect(result.weights).toEqual({
      method: 'fixed',
      subIndices: { s1: '0.600000', s2: '0.400000' },
      indicators: {
        a: { withinSubIndex: '0.500000', overall: '0.300000' },
        b: { withinSubIndex: '0.500000', overall: '0.300000' },
        c: { withinSubIndex: '1.000000', overall: '0.400000' },
      },
    });
  });

  it('moves the composite by exactly Δweight × the difference of the parts', () => {
    const composite = (weights: Parameters<typeof small>[0]) =>
      computeIndex({ methodology: small(weights), years }).years[1]?.composite;
    // Sub-index weight 0.6 → 0.7: + 0.1 × (S1 − S2) = 0.1 × (102.5 − 80) = + 2.25 → 95.75.
    expect(composite({ s1: '0.7', s2: '0.3', a: '0.5', b: '0.5' })).toBe('95.750000');
    // Within S1, a 0.5 → 0.7: S1 = 0.7 × 125 + 0.3 × 80 = 111.5, + 0.6 × 9 = + 5.4 → 98.9.
    expect(composite({ s1: '0.6', s2: '0.4', a: '0.7', b: '0.3' })).toBe('98.900000');
  });

  it('rounds only at the output, HALF_UP to 6 decimals', () => {
    // c: 30 → 40 is 133.333…; with c alone the composite is 133.333333, and 2/3 × 133.33… = 88.888889.
    const only = (s2: string) =>
      computeIndex({
        methodology: small({ s1: String(1 - Number(s2)), s2, a: '0.5', b: '0.5' }),
        years: { 2024: { a: '1', b: '1', c: '30' }, 2025: { a: '1', b: '1', c: '40' } },
      }).years[1];
    expect(only('1')?.composite).toBe('133.333333');
    expect(only('1')?.indicators.c?.normalised).toBe('133.333333');
    // 0.5 × 100 + 0.5 × 133.333… = 116.6666…67: from the unrounded parts, not 116.6666665.
    expect(only('0.5')?.composite).toBe('116.666667');
  });
});

describe('computeIndex: missing data', () => {
  const methodology = small({ s1: '0.6', s2: '0.4', a: '0.5', b: '0.5' });

  it('carries a missing value forward from the last year that has it', () => {
    const result = computeIndex({
      methodology,
      years: {
        2024: { a: '200', b: '10', c: '50' },
        2025: { a: null, b: '10', c: '50' },
        2026: { b: '10', c: '50' },
      },
    });
    expect(result.years.map((y) => y.indicators.a)).toEqual([
      { value: '200', carriedFrom: null, normalised: '100.000000', weight: '0.300000' },
      { value: '200', carriedFrom: 2024, normalised: '100.000000', weight: '0.300000' },
      { value: '200', carriedFrom: 2024, normalised: '100.000000', weight: '0.300000' },
    ]);
    expect(result.inputs['2025']).toEqual({ a: null, b: '10', c: '50' });
    expect(result.inputs['2026']).toEqual({ b: '10', c: '50' });
  });

  it('counts 0 as missing for an indicator where less is better', () => {
    const result = computeIndex({
      methodology,
      years: { 2024: { a: '1', b: '10', c: '1' }, 2025: { a: '1', b: '0', c: '1' } },
    });
    expect(result.years[1]?.indicators.b).toMatchObject({
      value: '10',
      carriedFrom: 2024,
      normalised: '100.000000',
    });
  });

  it('leaves out an indicator without a base-year value and renormalises its sub-index', () => {
    const result = computeIndex({
      methodology,
      years: { 2024: { b: '10', c: '50' }, 2025: { a: '250', b: '12.5', c: '40' } },
    });
    expect(result.excluded).toEqual([{ indicator: 'a', reason: 'missing_in_base_year' }]);
    expect(result.weights.indicators.a).toEqual({ withinSubIndex: '0.000000', overall: '0.000000' });
    expect(result.weights.indicators.b).toEqual({ withinSubIndex: '1.000000', overall: '0.600000' });
    // S1 = b = 80; composite = 0.6 × 80 + 0.4 × 80 = 80.
    expect(result.years[1]).toMatchObject({
      composite: '80.000000',
      subIndices: { s1: '80.000000', s2: '80.000000' },
    });
    expect(result.years[1]?.indicators.a).toBeUndefined();
  });

  it('leaves out a sub-index left empty and renormalises the sub-indices', () => {
    const result = computeIndex({
      methodology,
      years: { 2024: { a: '200', b: '10', c: '0' }, 2025: { a: '250', b: '12.5', c: '40' } },
    });
    expect(result.excluded).toEqual([{ indicator: 'c', reason: 'zero_in_base_year' }]);
    expect(result.weights.subIndices).toEqual({ s1: '1.000000', s2: '0.000000' });
    expect(result.years[1]).toMatchObject({ composite: '102.500000', subIndices: { s1: '102.500000' } });
    expect(result.years[1]?.subIndices.s2).toBeUndefined();
  });
});

describe('computeIndex: refusals', () => {
  const methodology = small({ s1: '0.6', s2: '0.4', a: '0.5', b: '0.5' });

  it('names what is wrong with a path into the input', () => {
    expect(
      codeOf(() => computeIndex({ methodology, years: { 2025: years['2025'] as IndexYearValues } })),
    ).toBe('index.years /years/2024');
    expect(codeOf(() => computeIndex({ methodology, years: { ...years, 2023: {} } }))).toBe(
      'index.years /years/2023',
    );
    expect(codeOf(() => computeIndex({ methodology, years: { ...years, '25': {} } }))).toBe(
      'index.years /years/25',
    );
    expect(codeOf(() => computeIndex({ methodology, years: { 2024: { a: '-1', b: '1', c: '1' } } }))).toBe(
      'index.value /years/2024/a',
    );
    expect(codeOf(() => computeIndex({ methodology, years: { 2024: { a: '1e3', b: '1', c: '1' } } }))).toBe(
      'index.value /years/2024/a',
    );
    expect(codeOf(() => computeIndex({ methodology, years: { 2024: { z: '1' } } }))).toBe(
      'index.value /years/2024/z',
    );
    expect(codeOf(() => computeIndex({ methodology, years: { 2024: { a: '0', b: null, c: '0' } } }))).toBe(
      'index.value /years',
    );
    expect(
      codeOf(() => computeIndex({ methodology: small({ s1: '0.6', s2: '0.5', a: '0.5', b: '0.5' }), years })),
    ).toBe('index.weights /methodology/weighting/subIndices');
    expect(
      codeOf(() => computeIndex({ methodology: small({ s1: '0.6', s2: '0.4', a: '0.5', b: '' }), years })),
    ).toBe('index.weights /methodology/weighting/indicators/b');
    const duplicate = {
      ...methodology,
      subIndices: [...methodology.subIndices, methodology.subIndices[1]],
    } as IndexMethodology;
    expect(codeOf(() => computeIndex({ methodology: duplicate, years }))).toBe(
      'index.methodology /methodology/subIndices/2/key',
    );
    const inconsistent: IndexMethodology = {
      ...methodology,
      weighting: {
        method: 'ahp',
        subIndices: [
          ['1', '3'],
          ['1/3', '1'],
        ],
        indicators: {
          s1: [
            ['1', '2'],
            ['1', '1'],
          ],
        },
      },
    };
    expect(codeOf(() => computeIndex({ methodology: inconsistent, years }))).toBe(
      'index.ahp_reciprocal /methodology/weighting/indicators/s1/0/1',
    );
  });
});

describe('computeIndex: weighting by AHP and by entropy', () => {
  it('takes AHP weights from the matrices and reports their consistency', () => {
    const result = computeIndex({
      methodology: {
        ...small({ s1: '0', s2: '0', a: '0', b: '0' }),
        weighting: {
          method: 'ahp',
          subIndices: [
            ['1', '3'],
            ['1/3', '1'],
          ],
          indicators: {
            s1: [
              ['1', '1'],
              ['1', '1'],
            ],
          },
        },
      },
      years,
    });
    // S1 weighs 0.75, S2 0.25: 0.75 × 102.5 + 0.25 × 80 = 76.875 + 20 = 96.875.
    expect(result.weights.subIndices).toEqual({ s1: '0.750000', s2: '0.250000' });
    expect(result.years[1]?.composite).toBe('96.875000');
    expect(result.weights.consistency?.subIndices).toEqual({
      lambdaMax: '2.000000',
      consistencyIndex: '0.000000',
      consistencyRatio: '0.000000',
    });
  });

  it('takes entropy weights from the normalised data', () => {
    const result = computeIndex({
      methodology: { ...small({ s1: '0', s2: '0', a: '0', b: '0' }), weighting: { method: 'entropy' } },
      years: {
        2024: { a: '10', b: '30', c: '7' },
        2025: { a: '20', b: '30', c: '7' },
        2026: { a: '30', b: '15', c: '7' },
      },
    });
    // a normalises to 100, 200, 300 and b (less is better) to 100, 100, 200: the hand example of
    // index-weights.test.ts, 0.596908 and 0.403092. c does not vary: no weight, and so neither has S2.
    expect(result.weights.indicators).toEqual({
      a: { withinSubIndex: '0.596908', overall: '0.596908' },
      b: { withinSubIndex: '0.403092', overall: '0.403092' },
      c: { withinSubIndex: '1.000000', overall: '0.000000' },
    });
    expect(result.weights.subIndices).toEqual({ s1: '1.000000', s2: '0.000000' });
    expect(result.weights.entropy?.c).toEqual({ entropy: '1.000000', divergence: '0.000000' });
  });
});

describe('the v1 methodology (科技保险发展指数)', () => {
  const yuan = parseYuan;
  const data = {
    2024: deriveIndicatorValues({
      writtenPremium: yuan('3880000000.00'),
      riskProtection: yuan('700000000000.00'),
      insuredEnterprises: 4_200,
      insuredTechEnterprises: 3_900,
      techEnterprises: 21_000,
      rdSpending: yuan('180000000000.00'),
      industryHhi: 2_150.4,
      newProducts: 24,
      sandboxGraduations: 3,
      lossRatio: '0.583000',
      claimDays: '21.5',
      subsidyPaid: yuan('150000000.00'),
    }),
    2025: deriveIndicatorValues({
      writtenPremium: yuan('4650000000.00'),
      riskProtection: yuan('910000000000.00'),
      insuredEnterprises: 5_300,
      insuredTechEnterprises: 5_000,
      techEnterprises: 23_500,
      rdSpending: yuan('196000000000.00'),
      industryHhi: 1_980,
      newProducts: 31,
      lossRatio: '0.612500',
      claimDays: 17,
      subsidyPaid: yuan('172000000.00'),
    }),
  };

  it('derives the indicator values exactly from the statistics', () => {
    expect(data[2024]).toMatchObject({
      written_premium: '3880000000.00',
      density: '923809.5238095238',
      depth: '0.0215555556',
      penetration: '0.1857142857',
      concentration_hhi: '2150.4',
      subsidy_leverage: '4666.6666666667',
      claim_speed: '21.5',
    });
    expect(data[2025].sandbox_graduations).toBeNull();
    expect(deriveIndicatorValues({ writtenPremium: 1n, insuredEnterprises: 0 }).density).toBeNull();
  });

  it('is accepted as it ships (every AHP matrix has CR < 0.1)', () => {
    const result = computeIndex({ methodology: TECH_INSURANCE_INDEX_V1, years: data });
    expect(result.weights.consistency?.subIndices).toEqual({
      lambdaMax: '6.036839',
      consistencyIndex: '0.007368',
      consistencyRatio: '0.005942',
    });
    expect(result.weights.subIndices).toEqual({
      scale: '0.194658',
      protection: '0.332748',
      inclusiveness: '0.194658',
      innovation: '0.107187',
      claims_service: '0.107187',
      policy_support: '0.063561',
    });
    expect(result.years[0]?.composite).toBe('100.000000');
    expect(result.years[1]?.indicators.sandbox_graduations).toMatchObject({ value: '3', carriedFrom: 2024 });
    expect(Number(result.years[1]?.composite)).toBeGreaterThan(100);
  });

  it('reproduces a stored result to the last digit from what the result echoes', () => {
    const first = computeIndex({ methodology: TECH_INSURANCE_INDEX_V1, years: data });
    const again = computeIndex({ methodology: TECH_INSURANCE_INDEX_V1, years: structuredClone(data) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const stored = JSON.parse(JSON.stringify(first));
    expect(JSON.stringify(computeIndex({ methodology: stored.methodology, years: stored.inputs }))).toBe(
      JSON.stringify(first),
    );
    for (const weighting of [{ method: 'entropy' as const }]) {
      const entropy = computeIndex({ methodology: { ...TECH_INSURANCE_INDEX_V1, weighting }, years: data });
      const replay = JSON.parse(JSON.stringify(entropy));
      expect(computeIndex({ methodology: replay.methodology, years: replay.inputs })).toEqual(entropy);
    }
  });

  it('reads numbers by their decimal form and echoes them as such', () => {
    const result = computeIndex({
      methodology: small({ s1: '0.5', s2: '0.5', a: '0.5', b: '0.5' }),
      years: { 2024: { a: 0.1, b: 3, c: 1 }, 2025: { a: 0.30000000000000004, b: 3, c: 1 } },
    });
    expect(result.inputs['2025']).toEqual({ a: '0.30000000000000004', b: '3', c: '1' });
    expect(result.years[1]?.indicators.a?.normalised).toBe('300.000000');
  });
});
