import { describe, expect, it } from 'vitest';
import { hashSeed, SeededRandom, weightedTable } from './random.ts';

const draws = (random: SeededRandom, count: number, draw: (r: SeededRandom) => number) =>
  Array.from({ length: count }, () => draw(random));

describe('SeededRandom', () => {
  it('gives the same integers for the same seed, pinned so a platform difference shows', () => {
    const random = new SeededRandom(1);
    expect(draws(random, 4, (r) => r.nextUint32())).toEqual([4180412834, 555240079, 3211955343, 2050283338]);
    expect(draws(new SeededRandom(1), 100, (r) => r.float())).toEqual(
      draws(new SeededRandom(1), 100, (r) => r.float()),
    );
  });

  it('gives different streams for different seeds', () => {
    expect(new SeededRandom(1).nextUint32()).not.toBe(new SeededRandom(2).nextUint32());
  });

  it('keeps int within its bounds, both included, and reaches both', () => {
    const values = draws(new SeededRandom(7), 2000, (r) => r.int(3, 6));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(6);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(() => new SeededRandom(7).int(5, 4)).toThrow(RangeError);
  });

  it('keeps float in [0, 1)', () => {
    const values = draws(new SeededRandom(8), 5000, (r) => r.float());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('picks by weight', () => {
    const table = weightedTable([
      ['rare', 1],
      ['never', 0],
      ['common', 3],
    ] as const);
    const random = new SeededRandom(9);
    const counts = { rare: 0, never: 0, common: 0 };
    for (let i = 0; i < 8000; i++) counts[random.weighted(table)] += 1;
    expect(counts.never).toBe(0);
    expect(counts.common / 8000).toBeGreaterThan(0.72);
    expect(counts.common / 8000).toBeLessThan(0.78);
    expect(() => weightedTable([['x', 0]])).toThrow(RangeError);
    expect(() => weightedTable([['x', -1]])).toThrow(RangeError);
  });

  it('draws normal, lognormal and Poisson deviates with about the right centre', () => {
    const random = new SeededRandom(10);
    const normals = draws(random, 20_000, (r) => r.normal(5, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    expect(mean).toBeGreaterThan(4.95);
    expect(mean).toBeLessThan(5.05);
    const logs = draws(random, 20_000, (r) => r.lognormal(100, 0.8)).sort((a, b) => a - b);
    expect(logs[10_000]).toBeGreaterThan(95);
    expect(logs[10_000]).toBeLessThan(105);
    const counts = draws(random, 20_000, (r) => r.poisson(2.5));
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeCloseTo(2.5, 1);
    expect(random.poisson(0)).toBe(0);
  });
});

describe('hashSeed', () => {
  it('separates the parts, so (seed 1, index 0) and (seed 0, index 1) are unrelated', () => {
    expect(hashSeed(1, 0)).not.toBe(hashSeed(0, 1));
    expect(hashSeed(0)).not.toBe(hashSeed(0, 0));
  });

  it('takes any safe integer, negative and above 32 bits included, and nothing else', () => {
    expect(hashSeed(2 ** 40)).not.toBe(hashSeed(0));
    expect(hashSeed(-1)).not.toBe(hashSeed(2 ** 32 - 1));
    expect(() => hashSeed(1.5)).toThrow(RangeError);
    expect(() => hashSeed(Number.NaN)).toThrow(RangeError);
  });
});
