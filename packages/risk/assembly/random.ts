// The draw stream (random/draw-stream.ts describes it): draw d of the stream at (seed, year, kind, stream)
// is half d mod 2 of the Philox4x32-10 block with counter (⌊d/2⌋, year, stream, kind) under the 64-bit
// seed as key, a uniform (k + ½)·2⁻⁵³ from 53 of its bits. The same arithmetic as the reference
// (random/philox.ts, held to Random123's known-answer vectors); a test holds these draws to it.

import { key0, key1 } from './portfolio';

let streamYear: u32 = 0;
let streamKind: u32 = 0;
let streamIndex: u32 = 0;
let pair: u32 = 0;
let spare: f64 = 0;
let hasSpare = false;

// The block's four words, out of the round function.
let x0: u32 = 0;
let x1: u32 = 0;
let x2: u32 = 0;
let x3: u32 = 0;

/** The Philox4x32-10 block with counter (c0, c1, c2, c3) under the key (k0, k1), into x0 … x3. */
function block(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  for (let round = 0; round < 10; round++) {
    const p0 = <u64>0xd2511f53 * <u64>c0;
    const p1 = <u64>0xcd9e8d57 * <u64>c2;
    const y0 = <u32>(p1 >>> 32) ^ c1 ^ k0;
    const y2 = <u32>(p0 >>> 32) ^ c3 ^ k1;
    c1 = <u32>p1;
    c3 = <u32>p0;
    c0 = y0;
    c2 = y2;
    k0 += 0x9e3779b9;
    k1 += 0xbb67ae85;
  }
  x0 = c0;
  x1 = c1;
  x2 = c2;
  x3 = c3;
}

/** Points the stream at draw 0 of (year, kind, stream). */
export function start(year: u32, kind: u32, stream: u32): void {
  streamYear = year;
  streamKind = kind;
  streamIndex = stream;
  pair = 0;
  hasSpare = false;
}

/** The stream, as a class only so its hot path can be inlined (@inline). */
// biome-ignore lint/complexity/noStaticOnlyClass: @inline, which AssemblyScript honours on a method; TypeScript syntax has no decorators on functions
export class Stream {
  /** The next uniform in (0, 1). */
  @inline
  static next(): f64 {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    block(pair, streamYear, streamIndex, streamKind, key0, key1);
    pair++;
    spare = (<f64>x2 * 2097152.0 + <f64>(x3 >>> 11) + 0.5) * 1.1102230246251565e-16;
    hasSpare = true;
    return (<f64>x0 * 2097152.0 + <f64>(x1 >>> 11) + 0.5) * 1.1102230246251565e-16;
  }
}

/**
 * Draws `count` uniforms of (year, kind, stream) from block `first` (draw 2·first) into the float64 array at
 * `out`, through `Stream.next`: what random/draw-stream.ts reads in batches, and how a test holds these draws to
 * the reference.
 */
export function fill(out: usize, count: i32, first: u32, year: u32, kind: u32, stream: u32): void {
  start(year, kind, stream);
  pair = first;
  for (let d = 0; d < count; d++) store<f64>(out + ((<usize>d) << 3), Stream.next());
}
