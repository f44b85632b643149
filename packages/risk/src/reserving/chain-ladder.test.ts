import { describe, expect, it } from 'vitest';
import { type ChainLadderResult, chainLadder, estimateFactors } from './chain-ladder.ts';
import { RAA, RAA_ROWS } from './raa.fixture.ts';
import type { Triangle } from './triangle.ts';

/** `value` rounded to `places` decimals, as R prints it. */
const printed = (value: number | null, places = 0): number | null =>
  value === null ? null : Number(value.toFixed(places));

/** Every number in the result is finite (no NaN, no infinity). */
function expectFinite(result: unknown): void {
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    }
  };
  walk(result, 'result');
}

const triangle = (rows: (number | null)[][]): Triangle => ({
  origins: rows.map((_, i) => `O${i + 1}`),
  ages: (rows[0] ?? []).map((_, k) => k + 1),
  values: rows,
});

describe('the chain ladder on the RAA triangle', () => {
  // Published figures: the vignette of the R package ChainLadder ("ChainLadder: Claims reserving with R",
  // version 0.2.21, sections "Basic idea" and "Mack chain-ladder"), output of
  // `MackChainLadder(RAA, est.sigma = "Mack")` — Mack's chain ladder with volume-weighted factors (α = 1),
  // no tail, and Mack's extrapolation of the last σ². Integers are checked as printed.
  const result = chainLadder(RAA);

  it('has the published age-to-age factors', () => {
    expect(result.factors.map((f) => printed(f.factor, 3))).toEqual([
      2.999, 1.624, 1.271, 1.172, 1.113, 1.042, 1.033, 1.017, 1.009,
    ]);
    expect(result.factors.map((f) => f.observations)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(result.factors.map((f) => f.sigma2Source)).toEqual([...new Array(8).fill('data'), 'extrapolated']);
  });

  it('has the published summary by origin: latest, dev. to date, ultimate, IBNR, Mack S.E., CV', () => {
    const byOrigin = result.origins.map((o) => [
      Number(o.origin),
      o.latest,
      printed(o.developedToDate, 3),
      printed(o.ultimate),
      printed(o.ibnr),
      printed(o.se),
      printed(o.cv, 3),
    ]);
    expect(byOrigin).toEqual([
      [1981, 18834, 1.0, 18834, 0, 0, null], // printed CV NaN (0/0): null here
      [1982, 16704, 0.991, 16858, 154, 206, 1.339],
      [1983, 23466, 0.974, 24083, 617, 623, 1.01],
      [1984, 27067, 0.943, 28703, 1636, 747, 0.457],
      [1985, 26180, 0.905, 28927, 2747, 1469, 0.535],
      [1986, 15852, 0.813, 19501, 3649, 2002, 0.549],
      [1987, 12314, 0.694, 17749, 5435, 2209, 0.406],
      [1988, 13112, 0.546, 24019, 10907, 5358, 0.491],
      [1989, 5395, 0.336, 16045, 10650, 6333, 0.595],
      [1990, 2063, 0.112, 18402, 16339, 24566, 1.503],
    ]);
  });

  it('has the published summary by origin to its finer precision (summary(mack)$ByOrigin)', () => {
    expect(result.origins.map((o) => printed(o.developedToDate, 4))).toEqual([
      1.0, 0.9909, 0.9744, 0.943, 0.905, 0.8129, 0.6938, 0.5459, 0.3362, 0.1121,
    ]);
    expect(result.origins.map((o) => printed(o.ibnr, 1))).toEqual([
      0, 154, 617.4, 1636.1, 2746.7, 3649.1, 5435.3, 10907.2, 10650, 16339.4,
    ]);
    expect(result.origins.map((o) => printed(o.se, 1))).toEqual([
      0, 206.2, 623.4, 747.2, 1469.5, 2001.9, 2209.2, 5357.9, 6333.2, 24566.3,
    ]);
    expect(result.origins.map((o) => printed(o.cv, 4))).toEqual([
      null,
      1.3395,
      1.0097,
      0.4567,
      0.535,
      0.5486,
      0.4065,
      0.4912,
      0.5947,
      1.5035,
    ]);
  });

  it('has the published totals: IBNR 52,135.23 and Mack S.E. 26,909.01', () => {
    const { totals } = result;
    expect(totals.latest).toBe(160987);
    expect(printed(totals.developedToDate, 2)).toBe(0.76);
    expect(printed(totals.ultimate, 2)).toBe(213122.23);
    expect(printed(totals.ibnr, 2)).toBe(52135.23);
    expect(printed(totals.se, 2)).toBe(26909.01);
    expect(printed(totals.cv, 2)).toBe(0.52);
  });

  it('squares the triangle as published (mack$FullTriangle, row 1990)', () => {
    expect(result.projected[9]?.map((v) => printed(v))).toEqual([
      2063, 6188, 10046, 12767, 14959, 16655, 17353, 17931, 18234, 18402,
    ]);
    // Observed cells are kept as they are.
    expect(result.projected[1]?.slice(0, 9)).toEqual(RAA_ROWS[1]);
  });

  it('applies a tail factor as in the published LDF exhibit (tail 1.05)', () => {
    const tailed = chainLadder(RAA, { tail: 1.05 });
    expect(tailed.origins.map((o) => printed(o.cdf, 3))).toEqual([
      1.05, 1.06, 1.078, 1.113, 1.16, 1.292, 1.513, 1.923, 3.123, 9.366,
    ]);
    expect(tailed.origins.map((o) => printed(o.ultimate))).toEqual([
      19776, 17701, 25288, 30138, 30373, 20476, 18637, 25220, 16847, 19323,
    ]);
    expect(printed(tailed.totals.ultimate)).toBe(223778);
    // The tail is taken as known: it scales the standard errors.
    expect(tailed.totals.se).toBeCloseTo((result.totals.se as number) * 1.05, 6);
    expect(tailed.origins[0]?.ibnr).toBeCloseTo(18834 * 0.05, 9);
    expect(tailed.origins[0]?.se).toBe(0);
  });

  it('agrees with Mack’s closed formulas (1993), covariance term included', () => {
    const f = result.factors.map((x) => x.factor);
    const sigma2 = result.factors.map((x) => x.sigma2 as number);
    const volume = result.factors.map((x) => x.volume);
    const n = RAA.ages.length;
    const ultimate = result.origins.map((o) => o.ultimate);
    let total = 0;
    result.origins.forEach((origin, i) => {
      const latestAge = n - 1 - i; // 0-based age of the latest cell
      let sum = 0;
      let covariance = 0;
      for (let k = latestAge; k < n - 1; k += 1) {
        const projected = result.projected[i]?.[k] as number;
        const term = (sigma2[k] as number) / (f[k] as number) ** 2;
        sum += term * (1 / projected + 1 / (volume[k] as number));
        covariance += (2 * term) / (volume[k] as number);
      }
      const mse = (ultimate[i] as number) ** 2 * sum;
      expect(Math.sqrt(mse)).toBeCloseTo(origin.se as number, 6);
      const younger = ultimate.slice(i + 1).reduce((a, b) => a + b, 0);
      total += mse + (ultimate[i] as number) * younger * covariance;
    });
    expect(Math.sqrt(total)).toBeCloseTo(result.totals.se as number, 6);
    const { processSe, parameterSe, se } = result.totals;
    expect((processSe as number) ** 2 + (parameterSe as number) ** 2).toBeCloseTo((se as number) ** 2, 3);
  });

  it('extrapolates the last σ² by Mack’s rule', () => {
    const s = result.factors.map((x) => x.sigma2 as number);
    expect(s[8]).toBe(Math.min((s[7] as number) ** 2 / (s[6] as number), s[6] as number, s[7] as number));
  });
});

describe('the chain ladder’s edge cases', () => {
  it('returns zeros for an empty triangle', () => {
    const result = chainLadder({ origins: [], ages: [], values: [] });
    expect(result.origins).toEqual([]);
    expect(result.factors).toEqual([]);
    expect(result.totals).toEqual({
      latest: 0,
      ultimate: 0,
      developedToDate: null,
      ibnr: 0,
      processSe: 0,
      parameterSe: 0,
      se: 0,
      cv: null,
    });
  });

  it('takes a single origin as developed (no factor to learn), tail aside', () => {
    const result = chainLadder(triangle([[120]]), { tail: 1.1 });
    expect(result.factors).toEqual([]);
    expect(result.origins[0]).toMatchObject({ latest: 120, ibnr: expect.closeTo(12, 9), se: 0, cv: 0 });
    expectFinite(result);
  });

  it('leaves the standard error null when a σ² rests on a single ratio with nothing to extrapolate from', () => {
    const two = chainLadder(
      triangle([
        [100, 150],
        [80, null],
      ]),
    );
    expect(two.factors[0]).toMatchObject({ factor: 1.5, estimated: true, sigma2: null, sigma2Source: null });
    expect(two.origins[1]).toMatchObject({ ultimate: 120, ibnr: 40, se: null, cv: null });
    expect(two.origins[0]?.se).toBe(0);
    expect(two.totals).toMatchObject({ ibnr: 40, se: null, processSe: null, parameterSe: null, cv: null });
    expectFinite(two);

    const three = chainLadder(
      triangle([
        [100, 150, 165],
        [100, 170, null],
        [50, null, null],
      ]),
    );
    expect(three.factors.map((x) => x.factor)).toEqual([1.6, 1.1]);
    expect(three.factors[0]?.sigma2).toBeCloseTo(100 * 0.1 ** 2 + 100 * 0.1 ** 2, 12);
    expect(three.factors[1]?.sigma2).toBeNull(); // extrapolation needs two earlier σ²
    expect(three.origins.map((o) => o.se)).toEqual([0, null, null]);
    expectFinite(three);
  });

  it('takes factor 1 with no σ² for a column of zeros, and never divides by zero', () => {
    const result = chainLadder(
      triangle([
        [0, 50, 60],
        [0, 40, null],
        [0, null, null],
      ]),
    );
    expect(result.factors[0]).toMatchObject({ factor: 1, estimated: false, volume: 0, sigma2: null });
    expect(result.factors[1]).toMatchObject({ factor: 1.2, estimated: true });
    expect(result.origins.map((o) => o.ultimate)).toEqual([60, 40 * (60 / 50), 0]);
    expect(result.origins[2]).toMatchObject({ ibnr: 0, se: null, developedToDate: null, cv: null });
    expectFinite(result);
  });

  it('handles an all-zero triangle', () => {
    const result = chainLadder(
      triangle([
        [0, 0, 0],
        [0, 0, null],
        [0, null, null],
      ]),
    );
    expect(result.factors.map((x) => [x.factor, x.estimated])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(result.totals).toMatchObject({ ultimate: 0, ibnr: 0, se: null, developedToDate: null });
    expectFinite(result);
  });

  it('skips origins at zero in σ² and extrapolates a σ² over zeros', () => {
    const factors = estimateFactors(
      triangle([
        [10, 20, 30, 33],
        [0, 10, 16, null],
        [10, 30, null, null],
        [5, null, null, null],
      ]),
    );
    // Age 1→2: three pairs, volume 20, factor 60/20; only the two origins above 0 enter σ².
    expect(factors[0]).toMatchObject({ observations: 3, volume: 20, factor: 3, sigma2Source: 'data' });
    expect(factors[0]?.sigma2).toBeCloseTo((10 * (2 - 3) ** 2 + 10 * (3 - 3) ** 2) / 1, 12);
    // Age 2→3: σ² = (20·(1.5 − 46/30)² + 10·(1.6 − 46/30)²) / 1.
    const f2 = 46 / 30;
    expect(factors[1]?.sigma2).toBeCloseTo(20 * (1.5 - f2) ** 2 + 10 * (1.6 - f2) ** 2, 12);
    // Age 3→4: one ratio; min(σ⁴(2)/σ²(1), σ²(1), σ²(2)).
    const [s1, s2] = [factors[0]?.sigma2 as number, factors[1]?.sigma2 as number];
    expect(factors[2]).toMatchObject({ sigma2Source: 'extrapolated', observations: 1 });
    expect(factors[2]?.sigma2).toBeCloseTo(Math.min(s2 ** 2 / s1, s1, s2), 12);
  });

  it('extrapolates σ² = 0 when the σ² two factors back is 0 (no division by it)', () => {
    const result = chainLadder(
      triangle([
        [100, 200, 220, 230],
        [50, 100, 112, null],
        [40, 80, null, null],
        [10, null, null, null],
      ]),
    );
    expect(result.factors[0]?.sigma2).toBe(0); // every ratio is 2
    expect(result.factors[1]?.sigma2).toBeGreaterThan(0);
    expect(result.factors[2]).toMatchObject({ sigma2: 0, sigma2Source: 'extrapolated' });
    expectFinite(result);
  });

  it('leaves the standard error null for a projection from a negative amount', () => {
    const result = chainLadder(
      triangle([
        [100, 120, 126, 130],
        [80, 100, 106, null],
        [90, 110, null, null],
        [-10, null, null, null],
      ]),
    );
    expect(result.origins[3]?.se).toBeNull();
    expect(result.origins[2]?.se).toBeGreaterThan(0);
    expect(result.totals.se).toBeNull();
    expectFinite(result);
  });

  it('rejects malformed triangles and tails', () => {
    expect(() => chainLadder(triangle([[1, null, 3]]))).toThrow(/after a missing/);
    expect(() => chainLadder(triangle([[null]]))).toThrow(/no observed cell/);
    expect(() => chainLadder(triangle([[Number.NaN]]))).toThrow(/not finite/);
    expect(() => chainLadder({ origins: ['a'], ages: [1, 2], values: [[1]] })).toThrow(/cells for 2 ages/);
    expect(() => chainLadder({ origins: ['a', 'b'], ages: [1], values: [[1]] })).toThrow(/rows/);
    expect(() => chainLadder(triangle([[1]]), { tail: -1 })).toThrow(RangeError);
    expect(() => chainLadder(triangle([[1]]), { tail: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('has no NaN on RAA either', () => {
    const result: ChainLadderResult = chainLadder(RAA);
    expectFinite(result);
  });
});
