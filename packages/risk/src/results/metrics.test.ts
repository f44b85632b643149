import { describe, expect, it } from 'vitest';
import type { YearLosses } from '../engine/run.ts';
import type { PortfolioLabels } from '../model/compile.ts';
import { lossAtReturnPeriod, summarise, summarisePerspective, tailMean } from './metrics.ts';

describe('return-period losses and tail means', () => {
  // Ten years, ascending: 0 0 0 0 1 2 3 5 8 13.
  const years = Float64Array.of(0, 0, 0, 0, 1, 2, 3, 5, 8, 13);

  it('takes the ⌊n/T⌋ + 1-th largest year', () => {
    expect(lossAtReturnPeriod(years, 1)).toBe(0); // the 11th largest does not exist: the least, 0
    expect(lossAtReturnPeriod(years, 2)).toBe(1); // 6th largest: exceeded in 5 of 10 years ≤ 10/2
    expect(lossAtReturnPeriod(years, 5)).toBe(5); // 3rd largest
    expect(lossAtReturnPeriod(years, 10)).toBe(8); // 2nd largest: only 13 exceeds it
    expect(lossAtReturnPeriod(years, 11)).toBeNull();
  });

  it('averages the worst n/T years, with a fraction of a year at the edge', () => {
    expect(tailMean(years, 10)).toBe(13);
    expect(tailMean(years, 5)).toBe((13 + 8) / 2);
    expect(tailMean(years, 4)).toBe((13 + 8 + 0.5 * 5) / 2.5);
    expect(tailMean(years, 20)).toBeNull();
  });

  it('summarises a perspective', () => {
    const annual = Float64Array.of(13, 0, 5, 0, 2, 0, 8, 1, 3, 0);
    const summary = summarisePerspective({ key: 'gross', kind: 'gross', id: null }, annual, annual);
    expect(summary.aal).toBe(3.2);
    expect(summary.lossYearProbability).toBe(0.6);
    expect(summary.maxAnnual).toBe(13);
    expect(summary.ep.map((p) => p.returnPeriod)).toEqual([2, 5, 10]);
    expect(summary.pml.map((p) => p.aep)).toEqual([8, null, null, null, null, null]);
    expect(summary.var995).toBeNull();
    // The input is not reordered.
    expect(annual[0]).toBe(13);
  });
});

describe('the capacity view', () => {
  it('sets each insurer’s capital against its net 1-in-200 loss', () => {
    // 400 years of two perspectives per insurer (gross, net) for one insurer: net year y = y.
    const years = 400;
    const labels: PortfolioLabels = {
      name: 't',
      classes: [],
      insurers: ['INS-A'],
      reinsurers: [],
      pools: [],
      events: [],
      units: [],
      risks: 0,
      perspectives: [
        { key: 'insurer_gross:INS-A', kind: 'insurer_gross', id: 'INS-A' },
        { key: 'insurer_net:INS-A', kind: 'insurer_net', id: 'INS-A' },
      ],
    };
    const annual = new Float64Array(years * 2);
    for (let y = 0; y < years; y++) {
      annual[2 * y] = 2 * y;
      annual[2 * y + 1] = y;
    }
    const losses: YearLosses = {
      years,
      perspectiveCount: 2,
      annual,
      maxOccurrence: annual,
      losses: 0,
      blockYears: years,
      threads: 0,
      elapsedMs: 0,
    };
    const { capacity } = summarise(losses, labels, Float64Array.of(796));
    // 1-in-200 of 400 years: the 3rd largest net year, 397; TVaR: the worst 2 years, (399 + 398)/2.
    expect(capacity).toEqual([
      {
        insurer: 'INS-A',
        capital: 796,
        netAal: 199.5,
        netPml200: 397,
        netTvar995: 398.5,
        grossPml200: 794,
        coverageRatio: 796 / 397,
        utilisation: 397 / 796,
      },
    ]);
  });
});
