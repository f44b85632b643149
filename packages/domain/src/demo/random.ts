/**
 * A small seeded pseudo-random generator for demo data: xoshiro128** (Blackman and Vigna), its state
 * filled by splitmix32 from a hashed seed. Every step is 32-bit integer arithmetic (Math.imul, shifts),
 * so a seed gives the same integers on every platform. Not for anything secret.
 *
 * The continuous helpers (normal, lognormal) go through Math.log, Math.cos and Math.exp; V8 computes
 * these with its own port of fdlibm, the same bits on every platform it runs on.
 */

const TWO_POW_32 = 4_294_967_296;

/** The 32-bit finaliser of MurmurHash3: every input bit reaches every output bit. */
function fmix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * One 32-bit seed from several safe integers (a run's seed, an enterprise's index, a stream number), so
 * seed 1 index 0 and seed 0 index 1 are unrelated streams rather than the same one. Each part enters as
 * its 64-bit two's complement, low word then high word.
 */
export function hashSeed(...parts: readonly number[]): number {
  let h = 0x2545f491;
  for (const part of parts) {
    if (!Number.isSafeInteger(part)) throw new RangeError(`seed part ${part} is not a safe integer`);
    const low = part >>> 0;
    const high = Math.floor(part / TWO_POW_32) >>> 0;
    h = fmix32((h ^ low) + 0x9e3779b9);
    h = fmix32((h ^ high) + 0x7f4a7c15);
  }
  return h;
}

/** A precomputed table for weighted choices that are made many times. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  /** Running totals of the weights. */
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weightedTable<T>(entries: readonly (readonly [item: T, weight: number])[]): WeightedTable<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`weight ${weight} is not a finite non-negative number`);
    if (weight === 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new RangeError('a weighted table needs a positive weight');
  return { items, cumulative, total };
}

export class SeededRandom {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(seed: number) {
    // splitmix32 over the hashed seed fills the four words of state.
    const start = hashSeed(seed);
    this.#s0 = fmix32(start + 0x9e3779b9);
    this.#s1 = fmix32(start + 0x3c6ef372);
    this.#s2 = fmix32(start + 0xdaa66d2b);
    this.#s3 = fmix32(start + 0x78dde6e4);
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A float in [0, 1), a multiple of 2^-32. */
  float(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min)
      throw new RangeError(`no integer range ${min}..${max}`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** An item of a weighted table, each with probability weight / total. */
  weighted<T>(table: WeightedTable<T>): T {
    const target = this.float() * table.total;
    const { cumulative, items } = table;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return items[low] as T;
  }

  /** A standard normal deviate (Box–Muller; the second deviate of the pair is not kept). */
  standardNormal(): number {
    const u1 = 1 - this.float(); // (0, 1]: log stays finite
    const u2 = this.float();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.standardNormal();
  }

  /** A lognormal deviate given its median (e^μ) and σ of the underlying normal. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.standardNormal());
  }

  /** A Poisson count (Knuth's product of uniforms; a rounded normal above mean 30). */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count += 1;
      product *= this.float();
    }
    return count;
  }
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
