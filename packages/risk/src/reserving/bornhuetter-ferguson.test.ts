import { describe, expect, it } from 'vitest';
import { bornhuetterFerguson } from './bornhuetter-ferguson.ts';
import { chainLadder } from './chain-ladder.ts';
import { RAA } from './raa.fixture.ts';

describe('Bornhuetter-Ferguson', () => {
  it('takes the unreported share of the prior ultimate (hand-checked)', () => {
    const result = bornhuetterFerguson(
      [
        { origin: '2022', latest: 600, cdf: 1.25 }, // 1 − 1/1.25 = 0.2 unreported
        { origin: '2023', latest: 200, cdf: 4 }, // 0.75 unreported
        { origin: '2024', latest: 100, cdf: 1 }, // developed
      ],
      { '2022': 1000, '2023': 2000, '2024': 500 },
      { '2022': 0.8, '2023': 0.6, '2024': 0.5 },
    );
    // 2022: prior 0.8 × 1000 = 800, IBNR 800 × 0.2 = 160, ultimate 600 + 160 = 760.
    // 2023: prior 0.6 × 2000 = 1200, IBNR 1200 × 0.75 = 900, ultimate 200 + 900 = 1100.
    // 2024: prior 250, IBNR 0, ultimate 100.
    expect(result.origins.map((o) => [o.origin, o.priorUltimate, o.unreported, o.ibnr, o.ultimate])).toEqual([
      ['2022', 800, expect.closeTo(0.2, 12), expect.closeTo(160, 9), expect.closeTo(760, 9)],
      ['2023', 1200, 0.75, 900, 1100],
      ['2024', 250, 0, 0, 100],
    ]);
    expect(result.totals).toEqual({
      latest: 900,
      priorUltimate: 2250,
      ibnr: expect.closeTo(1060, 9),
      ultimate: expect.closeTo(1960, 9),
    });
    expect(result.skipped).toEqual([]);
  });

  it('skips origins without premium or development pattern, and takes one ratio for all', () => {
    const result = bornhuetterFerguson(
      [
        { origin: 'A', latest: 50, cdf: 2 },
        { origin: 'B', latest: 50, cdf: 2 },
        { origin: 'C', latest: 50, cdf: 0 },
      ],
      { A: 100, C: 100 },
      0.7,
    );
    expect(result.origins).toHaveLength(1);
    expect(result.origins[0]).toMatchObject({ origin: 'A', priorUltimate: 70, ibnr: 35, ultimate: 85 });
    expect(result.skipped).toEqual([
      { origin: 'B', reason: 'no premium' },
      { origin: 'C', reason: 'no development pattern' },
    ]);
    expect(result.totals).toEqual({ latest: 50, priorUltimate: 70, ibnr: 35, ultimate: 85 });
  });

  it('gives a negative IBNR for a CDF below 1', () => {
    const [origin] = bornhuetterFerguson([{ origin: 'A', latest: 110, cdf: 0.8 }], { A: 100 }, 1).origins;
    expect(origin?.ibnr).toBeCloseTo(-25, 12); // 100 × (1 − 1.25)
    expect(origin?.ultimate).toBeCloseTo(85, 12);
  });

  it('returns zeros for no origins', () => {
    expect(bornhuetterFerguson([], {}, 0.6)).toEqual({
      origins: [],
      totals: { latest: 0, priorUltimate: 0, ibnr: 0, ultimate: 0 },
      skipped: [],
    });
  });

  it('runs on a chain ladder’s origins (RAA with a flat prior)', () => {
    const cl = chainLadder(RAA);
    const premium = Object.fromEntries(RAA.origins.map((origin) => [origin, 40000]));
    const result = bornhuetterFerguson(cl.origins, premium, 0.5);
    // The oldest origin is developed: no IBNR. 1990: 20,000 × (1 − 1/CDF), CDF = ultimate / latest.
    expect(result.origins[0]?.ibnr).toBe(0);
    const cdf1990 = 18402.4 / 2063;
    expect(result.origins[9]?.ibnr).toBeCloseTo(20000 * (1 - 1 / cdf1990), -1);
    expect(result.origins[9]?.cdf).toBeCloseTo((cl.origins[9]?.ultimate as number) / 2063, 12);
  });

  it('rejects a bad premium or ratio', () => {
    expect(() => bornhuetterFerguson([{ origin: 'A', latest: 1, cdf: 2 }], { A: -1 }, 0.5)).toThrow(
      RangeError,
    );
    expect(() => bornhuetterFerguson([{ origin: 'A', latest: 1, cdf: 2 }], { A: 1 }, Number.NaN)).toThrow(
      RangeError,
    );
    expect(() => bornhuetterFerguson([{ origin: 'A', latest: 1, cdf: 2 }], { A: 1 }, { B: 0.5 })).toThrow(
      /loss ratio of A/,
    );
  });
});
