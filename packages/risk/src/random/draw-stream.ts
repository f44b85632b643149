import { PHILOX_WASM } from './philox-wasm.ts';

/** Draws computed ahead at most (an even number); the WebAssembly module writes at most 16 blocks a call. */
const BUFFER = 32;

type Refill = (
  blocks: number,
  pair: number,
  year: number,
  stream: number,
  kind: number,
  k0: number,
  k1: number,
) => void;

/** The module, compiled once per thread (1 KB: synchronous compilation is quick). */
let compiled: WebAssembly.Module | null = null;

/**
 * The simulation's uniforms, read in order from one (seed, year, kind, stream) address: draw d of the
 * stream is half d mod 2 of the Philox4x32-10 block with counter (⌊d/2⌋, year, stream, kind) under the
 * 64-bit seed as key — the block layout of CounterRandom, with the year and the stream in separate words.
 * A uniform takes 53 bits of its block (21 of the first word and 32 of the second, or of the third and
 * fourth) and is centred in its cell, (k + ½)·2⁻⁵³, so it lies strictly inside (0, 1): inversion methods
 * never see 0 or 1.
 *
 * Which numbers a year gets is a pure function of its address, so a year drawn on any thread, in any block
 * of years, gives the same losses. The blocks are computed by a small WebAssembly module (philox.wat):
 * WebAssembly multiplies two 32-bit words into 64 bits in one instruction, where JavaScript needs four
 * 16-bit products and their carries — 2.7 times the draws a second. Each stream has its own instance, whose
 * memory holds the draws computed ahead, so reading draws allocates nothing; a test holds the stream to
 * the reference philox4x32 (philox.ts), bit for bit.
 */
export class DrawStream {
  private readonly k0: number;
  private readonly k1: number;
  private year = 0;
  private stream = 0;
  private kind = 0;
  /** The next block (pair of draws) to compute. */
  private pair = 0;
  /** Draws computed ahead (a view of the instance's memory), and how many of them are read. */
  private readonly buffer: Float64Array;
  private readonly compute: Refill;
  private filled = 0;
  private position = 0;

  constructor(seedLow: number, seedHigh = 0) {
    if (!Number.isInteger(seedLow) || !Number.isInteger(seedHigh))
      throw new RangeError('seed halves must be integers');
    this.k0 = seedLow | 0;
    this.k1 = seedHigh | 0;
    compiled ??= new WebAssembly.Module(PHILOX_WASM);
    const { exports } = new WebAssembly.Instance(compiled, {});
    this.compute = exports.refill as Refill;
    this.buffer = new Float64Array((exports.memory as WebAssembly.Memory).buffer, 0, BUFFER);
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
    this.compute(blocks, this.pair, this.year, this.stream, this.kind, this.k0, this.k1);
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
