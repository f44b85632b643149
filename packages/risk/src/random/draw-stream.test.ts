import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrawStream, seedWords } from './draw-stream.ts';
import { philox4x32 } from './philox.ts';

/** Draw d of (seed, year, kind, stream) from the reference Philox: half d mod 2 of block ⌊d/2⌋, centred. */
function reference(
  seedLow: number,
  seedHigh: number,
  year: number,
  kind: number,
  stream: number,
  d: number,
): number {
  const b = philox4x32(Math.floor(d / 2), year, stream, kind, seedLow, seedHigh, new Uint32Array(4));
  const [hi, lo] = d % 2 === 0 ? [b[0] as number, b[1] as number] : [b[2] as number, b[3] as number];
  return (hi * 2097152 + (lo >>> 11) + 0.5) / 2 ** 53;
}

describe('the simulation’s draw stream', () => {
  it('reads draw d of (seed, year, kind, stream) from Philox4x32-10, however many it computes ahead', () => {
    fc.assert(
      fc.property(
        // Key, year and stream words over all of 0 … 2³² − 1 (the module reads them as unsigned).
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 0xffffffff }),
        fc.integer({ min: 1, max: 120 }),
        (seedLow, seedHigh, year, kind, stream, count) => {
          const s = new DrawStream(seedLow, seedHigh);
          s.start(year, kind, stream);
          for (let d = 0; d < count; d++) {
            expect(s.next()).toBe(reference(seedLow, seedHigh, year, kind, stream, d));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('starts over at draw 0 of the new address on every start', () => {
    const s = new DrawStream(1);
    s.start(5, 0, 9);
    const first = [s.next(), s.next(), s.next()];
    for (let i = 0; i < 50; i++) s.next();
    s.start(6, 0, 9);
    s.next();
    s.start(5, 0, 9);
    expect([s.next(), s.next(), s.next()]).toEqual(first);
  });

  it('stays strictly inside (0, 1)', () => {
    const s = new DrawStream(2026);
    s.start(0, 0, 0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = s.next();
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // The extremes of the cells are (½)·2⁻⁵³ and 1 − (½)·2⁻⁵³.
    expect(reference(0, 0, 0, 0, 0, 0)).toBeGreaterThan(0);
  });

  it('splits a safe-integer seed into its key words', () => {
    expect(seedWords(42)).toEqual({ low: 42, high: 0 });
    expect(seedWords(2 ** 32 + 7)).toEqual({ low: 7, high: 1 });
    expect(() => seedWords(-1)).toThrow(RangeError);
    expect(() => seedWords(1.5)).toThrow(RangeError);
  });
});
