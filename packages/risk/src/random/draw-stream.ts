import { engineModule } from '../engine/engine-module.ts';

/** Draws computed ahead at most (an even number). */
const BUFFER = 32;

type Fill = (out: number, count: number, first: number, year: number, kind: number, stream: number) => void;

/**
 * The simulation's uniforms, read in order from one (seed, year, kind, stream) address: draw d of the
 * stream is half d mod 2 of the Philox4x32-10 block with counter (⌊d/2⌋, year, stream, kind) under the
 * 64-bit seed as key — the block layout of CounterRandom, with the year and the stream in separate words.
 * A uniform takes 53 bits of its block (21 of the first word and 32 of the second, or of the third and
 * fourth) and is centred in its cell, (k + ½)·2⁻⁵³, so it lies strictly inside (0, 1): inversion methods
 * never see 0 or 1.
 *
 * Which numbers a year gets is a pure function of its address, so a year drawn on any thread, in any block
 * of years, gives the same losses. The draws are computed by the engine's WebAssembly module
 * (assembly/random.ts, the stream the simulated years read): WebAssembly multiplies two 32-bit words into
 * 64 bits in one instruction, where JavaScript needs four 16-bit products and their carries. Each stream
 * has its own instance, whose memory holds the draws computed ahead, so reading draws allocates nothing;
 * a test holds the stream to the reference philox4x32 (philox.ts), bit for bit.
 */
export class DrawStream {
  private year = 0;
  private stream = 0;
  private kind = 0;
  /** The next block (pair of draws) to compute. */
  private pair = 0;
  /** Draws computed ahead (a view of the instance's memory), and how many of them are read. */
  private readonly buffer: Float64Array;
  private readonly address: number;
  private readonly compute: Fill;
  private filled = 0;
  private position = 0;

  constructor(seedLow: number, seedHigh = 0) {
    if (!Number.isInteger(seedLow) || !Number.isInteger(seedHigh))
      throw new RangeError('seed halves must be integers');
    const { exports } = new WebAssembly.Instance(engineModule(), {});
    (exports.key0 as WebAssembly.Global).value = seedLow | 0;
    (exports.key1 as WebAssembly.Global).value = seedHigh | 0;
    this.compute = exports.fill as Fill;
    this.address = (exports.allocate as (bytes: number) => number)(8 * BUFFER);
    this.buffer = new Float64Array((exports.memory as WebAssembly.Memory).buffer, this.address, BUFFER);
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
    this.compute(this.address, 2 * blocks, this.pair, this.year, this.kind, this.stream);
    this.pair = (this.pair + blocks) | 0;
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
