import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseAhpMatrix, entropyWeights, IndexMethodologyError } from './index-weights.ts';

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof IndexMethodologyError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('AHP', () => {
  it('gives the textbook weights and consistency of a 3 × 3 matrix', () => {
    // The classic example (e.g. Saaty, The Analytic Hierarchy Process, 1980): A is moderately more
    // important than B (3) and strongly more than C (5), B moderately more than C (3).
    // Principal eigenvector ≈ (0.6370, 0.2583, 0.1047), λmax ≈ 3.0385,
    // CI = (3.0385 − 3) / 2 ≈ 0.0193, CR = CI / RI(3) = 0.0193 / 0.58 ≈ 0.0332 < 0.1: accepted.
    expect(
      analyseAhpMatrix([
        ['1', '3', '5'],
        ['1/3', '1', '3'],
        ['1/5', '1/3', '1'],
      ]),
    ).toEqual({
      weights: ['0.636986', '0.258285', '0.104729'],
      lambdaMax: '3.038511',
      consistencyIndex: '0.019256',
      consistencyRatio: '0.033199',
    });
  });

  it('gives the ratios of a perfectly consistent matrix, with CR 0', () => {
    // a_ij = w_i / w_j for w = (0.5, 0.25, 0.25).
    expect(
      analyseAhpMatrix([
        [1, 2, 2],
        ['0.5', 1, 1],
        ['1/2', 1, 1],
      ]),
    ).toEqual({
      weights: ['0.500000', '0.250000', '0.250000'],
      lambdaMax: '3.000000',
      consistencyIndex: '0.000000',
      consistencyRatio: '0.000000',
    });
    expect(analyseAhpMatrix([['1']]).weights).toEqual(['1.000000']);
    expect(
      analyseAhpMatrix([
        ['1', '1/4'],
        ['4', '1'],
      ]).weights,
    ).toEqual(['0.200000', '0.800000']);
  });

  it('refuses an inconsistent matrix (CR ≥ 0.1)', () => {
    // A > B (9), B > C (9) but C > A (9): circular.
    const circular = [
      ['1', '9', '1/9'],
      ['1/9', '1', '9'],
      ['9', '1/9', '1'],
    ];
    expect(codeOf(() => analyseAhpMatrix(circular))).toBe('index.ahp_inconsistent');
  });

  it('refuses a matrix that is not a reciprocal matrix on Saaty’s scale', () => {
    expect(
      codeOf(() =>
        analyseAhpMatrix([
          ['1', '3'],
          ['0.333', '1'],
        ]),
      ),
    ).toBe('index.ahp_reciprocal');
    expect(
      codeOf(() =>
        analyseAhpMatrix([
          ['2', '1'],
          ['1', '1'],
        ]),
      ),
    ).toBe('index.ahp_matrix');
    expect(
      codeOf(() =>
        analyseAhpMatrix([
          ['1', '10'],
          ['1/10', '1'],
        ]),
      ),
    ).toBe('index.ahp_matrix');
    expect(
      codeOf(() =>
        analyseAhpMatrix([
          ['1', '-1'],
          ['-1', '1'],
        ]),
      ),
    ).toBe('index.ahp_matrix');
    expect(
      codeOf(() =>
        analyseAhpMatrix([
          ['1', 'x'],
          ['1', '1'],
        ]),
      ),
    ).toBe('index.ahp_matrix');
    expect(codeOf(() => analyseAhpMatrix([['1', '1']]))).toBe('index.ahp_matrix');
    expect(codeOf(() => analyseAhpMatrix([]))).toBe('index.ahp_matrix');
    const eleven = Array.from({ length: 11 }, () => Array.from({ length: 11 }, () => '1'));
    expect(codeOf(() => analyseAhpMatrix(eleven))).toBe('index.ahp_matrix');
  });

  it('recovers any weights from their consistent matrix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 6 }), (raw) => {
        const matrix = raw.map((a) => raw.map((b) => `${a}/${b}`));
        const total = raw.reduce((sum, x) => sum + x, 0);
        const { weights, consistencyRatio } = analyseAhpMatrix(matrix);
        expect(consistencyRatio).toBe('0.000000');
        weights.forEach((w, i) => {
          expect(Math.abs(Number(w) - (raw[i] as number) / total)).toBeLessThanOrEqual(0.0000005);
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe('entropy weights', () => {
  it('weighs a small example as computed by hand', () => {
    // Indicator A over three years: 100, 200, 300 → p = 1/6, 2/6, 3/6.
    //   Σ p ln p = (1/6)ln(1/6) + (1/3)ln(1/3) + (1/2)ln(1/2) = −0.298627 − 0.366204 − 0.346574 = −1.011404
    //   e_A = 1.011404 / ln 3 (1.098612) = 0.920620, d_A = 0.079380
    // Indicator B: 100, 100, 200 → p = 1/4, 1/4, 1/2.
    //   Σ p ln p = 2 · (1/4)ln(1/4) + (1/2)ln(1/2) = −0.693147 − 0.346574 = −1.039721
    //   e_B = 1.039721 / 1.098612 = 0.946395, d_B = 0.053605
    // w_A = 0.079380 / (0.079380 + 0.053605) = 0.596908, w_B = 0.403092.
    expect(
      entropyWeights([
        ['100', '200', '300'],
        ['100', '100', '200'],
      ]),
    ).toEqual({
      entropy: ['0.920620', '0.946395'],
      divergence: ['0.079380', '0.053605'],
      weights: ['0.596908', '0.403092'],
    });
  });

  it('gives no weight to an indicator that does not vary, and equal weights when none varies', () => {
    expect(
      entropyWeights([
        ['100', '150'],
        ['100', '100'],
      ]).weights,
    ).toEqual(['1.000000', '0.000000']);
    expect(
      entropyWeights([
        ['100', '100'],
        ['100', '100'],
      ]).weights,
    ).toEqual(['0.500000', '0.500000']);
    expect(entropyWeights([['100'], ['100'], ['100'], ['100']]).weights).toEqual([
      '0.250000',
      '0.250000',
      '0.250000',
      '0.250000',
    ]);
  });

  it('does not depend on the scale of an indicator', () => {
    expect(
      entropyWeights([
        ['1', '2', '3'],
        ['7', '7', '14'],
      ]).weights,
    ).toEqual(['0.596908', '0.403092']);
  });
});
