/**
 * The match score (匹配分): whole points, so the JavaScript engine, the worker threads and the C baseline
 * compute the same number for the same pair, bit for bit. docs/matching.md explains each part.
 *
 *   score = 1000                                   every match starts here
 *         + 400   when every eligibility rule holds or waits only for the request
 *         − 300   when a refer rule holds
 *         −  40 × rules undecided because an enterprise fact is missing (at most 7 counted)
 *         +  60 × frontier tags the product's eligibility asks for and the enterprise holds
 *         +  60 × catalogue listings likewise
 *         +  20 × qualifications likewise
 *         + the enterprise's preference points for the product's statistical class (0–60, classPreferences)
 *
 * Ties rank by product (code, version) for an enterprise and by enterprise id for a product.
 */
export const SCORE = {
  base: 1000,
  eligible: 400,
  referred: 300,
  undecidedRule: 40,
  /** The undecided count saturates here (three bits per lane in the scoring loop). */
  undecidedCap: 7,
} as const;

/** Points per value of a set fact that the product's eligibility asks for and the enterprise holds. */
export const RELEVANCE_WEIGHTS = {
  'enterprise.frontierTags': 60,
  'enterprise.catalogueListings': 60,
  'enterprise.qualifications': 20,
} as const satisfies Record<string, number>;

/** The lowest int32: below every score, the threshold of a ranking that still has room. */
export const NO_THRESHOLD = -2147483648;

/** Bits set in a 32-bit word (the same count as C's __builtin_popcount). */
export function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
