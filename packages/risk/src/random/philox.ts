/**
 * Philox4x32-10, the counter-based generator of Salmon et al., "Parallel random numbers: as easy
 * as 1, 2, 3" (SC'11), as in Random123, NumPy and JAX. A block of four 32-bit words is a pure
 * function of (key, counter), so each simulated year can be drawn independently of every other and a
 * simulation gives the same numbers for any number of worker threads and any chunking.
 */
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * High 32 bits of the 64-bit product of two unsigned 32-bit integers, from four 16 × 16-bit products in
 * 32-bit integer arithmetic (Math.imul wraps, `>>>` reads the words unsigned), so V8 keeps every step in
 * integer registers; JavaScript has no 64-bit multiply outside BigInt, which is far slower.
 */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = Math.imul(aLo, bLo);
  const mid1 = (Math.imul(aHi, bLo) + (lolo >>> 16)) | 0;
  const mid2 = (Math.imul(aLo, bHi) + (mid1 & 0xffff)) | 0;
  return (Math.imul(aHi, bHi) + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

/** Writes the 4 output words for `counter` under `key` into `out` (reused to avoid allocation). */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): Uint32Array {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulHi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}
