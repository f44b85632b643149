import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasPick, aliasTable } from './alias.ts';
import { countProbabilities, countTable, invertCount, negativeBinomialParameters } from './frequency.ts';
import { erfc, lognormalLimitedExpectedValue, normalCdf, normalQuantile } from './normal.ts';
import { severityCode } from './severity.ts';

describe('the normal distribution', () => {
  it('has the textbook quantiles', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798409, 10);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('is symmetric and inverts the CDF', () => {
    for (const p of [1e-300, 1e-12, 1e-6, 0.01, 0.07, 0.075, 0.2, 0.4, 0.5, 0.6, 0.925, 0.99, 1 - 1e-9]) {
      if (p >= 1e-6) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 7);
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-12);
    }
  });

  it('has erfc and Φ to double precision at known points', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 13);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
  });

  it('gives the lognormal limited expected value its limits', () => {
    const mean = Math.exp(1 + 0.5 ** 2 / 2);
    expect(lognormalLimitedExpectedValue(1, 0.5, Number.POSITIVE_INFINITY)).toBe(mean);
    expect(lognormalLimitedExpectedValue(1, 0.5, 1e9)).toBeCloseTo(mean, 12);
    expect(lognormalLimitedExpectedValue(1, 0.5, 1e-9)).toBeCloseTo(1e-9, 15);
    expect(lognormalLimitedExpectedValue(1, 0.5, 0)).toBe(0);
  });
});

describe('claim-count tables', () => {
  const mean = (pmf: Float64Array) => pmf.reduce((sum, p, k) => sum + k * p, 0);
  const variance = (pmf: Float64Array) => pmf.reduce((sum, p, k) => sum + (k - mean(pmf)) ** 2 * p, 0);

  it('hold Poisson and negative binomial with their moments, for single risks and large groups', () => {
    for (const m of [0.01, 0.3, 2, 45, 5000]) {
      const pmf = countProbabilities({ kind: 'poisson', mean: m });
      expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(mean(pmf) / m).toBeCloseTo(1, 10);
      expect(variance(pmf) / m).toBeCloseTo(1, 8);
    }
    expect(countProbabilities({ kind: 'poisson', mean: 0 })).toEqual(Float64Array.of(1));
    // 200 members of NB(0.08, 0.2): NB with mean 16 and variance 40.
    const nb = countProbabilities({ kind: 'negative_binomial', mean: 0.08, variance: 0.2 }, 200);
    expect(mean(nb)).toBeCloseTo(16, 9);
    expect(variance(nb)).toBeCloseTo(40, 7);
    expect(negativeBinomialParameters(2, 6)).toEqual({ r: 1, p: 1 / 3 });
    expect(() => negativeBinomialParameters(2, 2)).toThrow(/exceed/);
  });

  it('invert a uniform to the least k with F(k) ≥ u, as a plain scan does', () => {
    const table = countTable(countProbabilities({ kind: 'poisson', mean: 3.7 }));
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (u) => {
        let k = 0;
        while ((table.cdf[k] as number) < u) k++;
        expect(invertCount(table, u)).toBe(k);
      }),
    );
    expect(table.cdf.at(-1)).toBe(1);
  });
});

describe('alias tables', () => {
  it('give each index its weight’s share of the unit interval', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (weights) => {
          fc.pre(weights.some((w) => w > 0));
          const table = aliasTable(weights);
          const n = weights.length;
          const mass = new Array(n).fill(0);
          for (let k = 0; k < n; k++) {
            mass[k] += (table.probability[k] as number) / n;
            mass[table.alias[k] as number] += (1 - (table.probability[k] as number)) / n;
          }
          const total = weights.reduce((a, b) => a + b, 0);
          weights.forEach((w, i) => {
            expect(mass[i]).toBeCloseTo(w / total, 9);
          });
        },
      ),
    );
    const table = aliasTable([1, 0, 3]);
    expect(aliasPick(table, 0.999999)).not.toBe(1);
    expect(() => aliasTable([0, 0])).toThrow(RangeError);
  });
});

describe('severity parameters', () => {
  it('turn a mean and coefficient of variation into the sampler’s numbers', () => {
    const lognormal = severityCode({ kind: 'lognormal', mean: 1000, cv: 2 });
    expect(lognormal.mean).toBeCloseTo(1000, 9);
    expect(Math.sqrt(Math.exp(lognormal.b ** 2) - 1)).toBeCloseTo(2, 12);
    const gamma = severityCode({ kind: 'gamma', mean: 1000, cv: 2 }); // shape 0.25 < 1: boosted
    expect(gamma.mean).toBeCloseTo(1000, 9);
    expect(gamma.e).toBe(4);
    expect(severityCode({ kind: 'pareto', scale: 10, shape: 1 }).mean).toBe(Number.POSITIVE_INFINITY);
    expect(() => severityCode({ kind: 'pareto', scale: 10, shape: 0 })).toThrow(RangeError);
  });
});
