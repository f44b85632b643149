/** 2^-53: one unit in the last place of a 53-bit uniform. */
const TWO_POW_M53 = 1.1102230246251565e-16;
// Philox4x32-10 constants as signed 32-bit integers, so V8 keeps every word in an integer register.
const M0 = 0xd2511f53 | 0;
const M1 = 0xcd9e8d57 | 0;
const W0 = 0x9e3779b9 | 0;
const W1 = 0xbb67ae85 | 0;
const M0_LO = 0x1f53;
const M0_HI = 0xd251;
const M1_LO = 0x8d57;
const M1_HI = 0xcd9e;
/** Draws computed ahead at most (an even number). */
const BUFFER = 32;

/**
 * The simulation's uniforms, read in order from one (seed, year, kind, stream) address: draw d of the
 * stream is half d mod 2 of the Philox4x32-10 block with counter (⌊d/2⌋, year, stream, kind) under the
 * 64-bit seed as key — the block layout of CounterRandom, with the year and the stream in separate words.
 * A uniform takes 53 bits of its block (21 of the first word and 32 of the second, or of the third and
 * fourth) and is centred in its cell, (k + ½)·2⁻⁵³, so it lies strictly inside (0, 1): inversion methods
 * never see 0 or 1.
 *
 * Which numbers a year gets is a pure function of its address, so a year drawn on any thread, in any block
 * of years, gives the same losses. The stream holds its state in numbers and one small Uint32Array, so
 * reading draws allocates nothing. The ten Philox rounds of philox.ts run inline on int32 words (the high
 * half of each 32 × 32-bit product from 16-bit limbs); a test holds the stream to philox4x32.
 */
export class DrawStream {
  private readonly k0: number;
  private readonly k1: number;
  private year = 0;
  private stream = 0;
  private kind = 0;
  /** The next block (pair of draws) to compute. */
  private pair = 0;
  /** Draws computed ahead, and how many of them are read. */
  private readonly buffer = new Float64Array(BUFFER);
  private filled = 0;
  private position = 0;

  constructor(seedLow: number, seedHigh = 0) {
    if (!Number.isInteger(seedLow) || !Number.isInteger(seedHigh))
      throw new RangeError('seed halves must be integers');
    this.k0 = seedLow | 0;
    this.k1 = seedHigh | 0;
  }

  /** Points the stream at draw 0 of (year, kind, stream); year and stream below 2^32, kind below 2^32. */
  start(year: number, kind: number, stream: number): void {
    this.year = year | 0;
    this.kind = kind | 0;
    this.stream = stream | 0;
    this.pair = 0;
    this.filled = 0;
    this.position = 0;
  }

  /**
   * The next uniform in (0, 1). Small enough for V8 to inline at every call site, so a draw is a typed-array
   * read and no number is boxed; the Philox work happens in `refill`.
   */
  next(): number {
    if (this.position === this.filled) this.refill();
    return this.buffer[this.position++] as number;
  }

  /**
   * Computes the next blocks: one block (two draws) right after `start` — most event streams read one
   * draw a year — then twice as many each time, up to BUFFER draws. Which blocks are computed together
   * does not change any draw.
   */
  private refill(): void {
    const blocks = Math.min(BUFFER / 2, Math.max(1, this.filled));
    const buffer = this.buffer;
    const year = this.year;
    const stream = this.stream;
    const kind = this.kind;
    const pair = this.pair;
    this.pair = (pair + blocks) | 0;
    for (let b = 0; b < blocks; b++) {
      let x0 = (pair + b) | 0;
      let x1 = year;
      let x2 = stream;
      let x3 = kind;
      let key0 = this.k0;
      let key1 = this.k1;
      // The ten rounds written out (about a quarter faster than a loop in V8). Each computes
      // hi0:lo0 = M0 · x0 and hi1:lo1 = M1 · x2 as unsigned 64-bit products, the high words from 16-bit limbs.
      let a: number;
      let h: number;
      let t: number;
      let m1: number;
      let m2: number;
      let hi0: number;
      let hi1: number;
      let lo0: number;
      let lo1: number;
      // round 1
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 2
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 3
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 4
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 5
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 6
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 7
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 8
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 9
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) | 0;
      key1 = (key1 + W1) | 0;
      // round 10
      a = x0 & 0xffff;
      h = x0 >>> 16;
      t = Math.imul(M0_LO, a);
      m1 = (Math.imul(M0_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M0_LO, h) + (m1 & 0xffff)) | 0;
      hi0 = (Math.imul(M0_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      a = x2 & 0xffff;
      h = x2 >>> 16;
      t = Math.imul(M1_LO, a);
      m1 = (Math.imul(M1_HI, a) + (t >>> 16)) | 0;
      m2 = (Math.imul(M1_LO, h) + (m1 & 0xffff)) | 0;
      hi1 = (Math.imul(M1_HI, h) + (m1 >>> 16) + (m2 >>> 16)) | 0;
      lo0 = Math.imul(M0, x0);
      lo1 = Math.imul(M1, x2);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      buffer[2 * b] = ((x0 >>> 0) * 2097152 + (x1 >>> 11) + 0.5) * TWO_POW_M53;
      buffer[2 * b + 1] = ((x2 >>> 0) * 2097152 + (x3 >>> 11) + 0.5) * TWO_POW_M53;
    }
    this.filled = 2 * blocks;
    this.position = 0;
  }
}

/** A 64-bit seed given as a safe integer (0 ≤ seed < 2^53), split into the two 32-bit key words. */
export function seedWords(seed: number): { low: number; high: number } {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`a seed is a whole number from 0 to 2^53 − 1, not ${seed}`);
  }
  return { low: seed % 4294967296, high: Math.floor(seed / 4294967296) };
}
