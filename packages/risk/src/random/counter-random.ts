import { philox4x32 } from './philox.ts';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Reproducible random numbers addressed by (seed, stream, index): stream is e.g. a policy group or
 * a simulated year, index the draw within it. The same address always gives the same number, on
 * any thread, in any order. A seed is a 64-bit unsigned integer given as two 32-bit halves.
 */
export class CounterRandom {
  private readonly k0: number;
  private readonly k1: number;
  private readonly block = new Uint32Array(4);

  constructor(seedLow: number, seedHigh = 0) {
    if (!Number.isInteger(seedLow) || !Number.isInteger(seedHigh))
      throw new RangeError('seed halves must be integers');
    this.k0 = seedLow >>> 0;
    this.k1 = seedHigh >>> 0;
  }

  /**
   * Two uniforms in [0, 1) with 53 random bits each, for draw pair `pair` of `stream`
   * (stream < 2^53, pair < 2^32).
   */
  uniformPair(stream: number, pair: number, out: Float64Array): Float64Array {
    const b = philox4x32(
      pair,
      stream % TWO_POW_32,
      Math.floor(stream / TWO_POW_32),
      0,
      this.k0,
      this.k1,
      this.block,
    );
    out[0] = ((b[0] as number) * 2097152 + ((b[1] as number) >>> 11)) / TWO_POW_53; // 21 + 32 bits
    out[1] = ((b[2] as number) * 2097152 + ((b[3] as number) >>> 11)) / TWO_POW_53;
    return out;
  }

  /** The `index`-th uniform in [0, 1) of `stream`. */
  uniform(stream: number, index: number): number {
    const pair = new Float64Array(2);
    this.uniformPair(stream, Math.floor(index / 2), pair);
    return pair[index % 2] as number;
  }

  /** Fills `target` with the uniforms of `stream` starting at draw `from` (even). */
  fill(stream: number, from: number, target: Float64Array): Float64Array {
    if (from % 2 !== 0) throw new RangeError('fill starts at an even draw');
    const pair = new Float64Array(2);
    for (let i = 0; i < target.length; i += 2) {
      this.uniformPair(stream, (from + i) / 2, pair);
      target[i] = pair[0] as number;
      if (i + 1 < target.length) target[i + 1] = pair[1] as number;
    }
    return target;
  }
}
