import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterRandom } from './counter-random.ts';

describe('counter-addressed random numbers', () => {
  it('gives the same number for the same seed, stream and index, whatever was drawn before', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 1_000_000 }), fc.nat({ max: 100_000 }), (seed, stream, index) => {
        const a = new CounterRandom(seed);
        const b = new CounterRandom(seed);
        b.fill(stream + 1, 0, new Float64Array(17));
        expect(a.uniform(stream, index)).toBe(b.uniform(stream, index));
      }),
    );
  });

  it('draws a year in two chunks exactly as in one', () => {
    const r = new CounterRandom(42);
    const whole = r.fill(7, 0, new Float64Array(1000));
    const first = r.fill(7, 0, new Float64Array(500));
    const second = r.fill(7, 500, new Float64Array(500));
    expect([...first, ...second]).toEqual([...whole]);
  });

  it('stays in [0, 1) and looks uniform', () => {
    const draws = new CounterRandom(2026).fill(1, 0, new Float64Array(200_000));
    let sum = 0;
    let min = 1;
    let max = 0;
    const bins = new Array(10).fill(0);
    // One assertion over the extremes: 400,000 `expect` calls made this test slow on a busy machine.
    for (const u of draws) {
      if (u < min) min = u;
      if (u > max) max = u;
      sum += u;
      bins[Math.floor(u * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / draws.length).toBeCloseTo(0.5, 2);
    // Chi-square with 9 degrees of freedom; 27.9 is the 0.999 quantile.
    const expected = draws.length / 10;
    const chi = bins.reduce((acc, n) => acc + (n - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(27.9);
  });

  it('differs between seeds and between streams', () => {
    expect(new CounterRandom(1).uniform(0, 0)).not.toBe(new CounterRandom(2).uniform(0, 0));
    expect(new CounterRandom(1).uniform(0, 0)).not.toBe(new CounterRandom(1).uniform(1, 0));
    expect(new CounterRandom(1, 1).uniform(0, 0)).not.toBe(new CounterRandom(1, 0).uniform(0, 0));
  });
});
