/**
 * What the JavaScript engine and the C baseline share: the input file (the enterprise rows and the
 * compiled program code, exactly the typed arrays matchAll reads) and the checksum both compute over
 * their results.
 */
import { writeFileSync } from 'node:fs';
import type { EnterpriseFeatures, MatchResults, ProgramCode } from '@kebao/domain/matching';

export const MAGIC = 'KBMATCH1';

/**
 * The input file, little-endian: the 8-byte magic, 24 int32 — width, consent column, preference column,
 * enterprises, products, leaves, stack depth, products per enterprise, leads per product, profiles, then
 * the lengths of the arrays that follow, in their order: set columns, order columns, cut starts, cuts,
 * leaf bound starts, bounds, leaves, constants, code starts, code, product profiles, profile classes,
 * profile term starts, terms — int32 but cuts and constants (float64) — and last the rows (float64,
 * row-major).
 */
export function writeInput(
  file: string,
  features: EnterpriseFeatures,
  code: ProgramCode,
  productsPerEnterprise: number,
  leadsPerProduct: number,
): void {
  const arrays: (Int32Array | Float64Array)[] = [
    code.setColumns,
    code.orderColumns,
    code.cutStart,
    code.cuts,
    code.leafBoundStart,
    code.bounds,
    code.leaves,
    code.constants,
    code.codeStart,
    code.code,
    code.productProfile,
    code.profileClass,
    code.profileTermStart,
    code.terms,
  ];
  const header = new Int32Array([
    code.width,
    code.consentColumn,
    code.preferenceColumn,
    features.count,
    code.productCount,
    code.leafCount,
    code.stackDepth,
    productsPerEnterprise,
    leadsPerProduct,
    code.profileCount,
    ...arrays.map((array) => array.length),
  ]);
  const rows = features.rows.subarray(0, features.count * features.width);
  const parts: Uint8Array[] = [
    new TextEncoder().encode(MAGIC),
    bytes(header),
    ...arrays.map(bytes),
    bytes(rows),
  ];
  writeFileSync(file, Buffer.concat(parts));
}

function bytes(array: Int32Array | Float64Array): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new Error('the input file is little-endian');
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** FNV-1a over 32-bit words, as match.c computes it. */
function fnv(hash: number, values: Int32Array | Int8Array): number {
  let h = hash;
  for (let i = 0; i < values.length; i++) h = Math.imul(h ^ (values[i] as number), 16777619);
  return h >>> 0;
}

const OFFSET_BASIS = 2166136261;

/**
 * The checksums match.c prints: over the scores (each enterprise's ranked scores, each product's lead
 * scores) and over the rankings (counts, products, leads, statuses, match counts), every array whole.
 */
export function checksums(results: MatchResults): { scores: string; rankings: string } {
  const scores = fnv(fnv(OFFSET_BASIS, results.topScores), results.leadScores);
  let rankings = OFFSET_BASIS;
  for (const array of [
    results.topCount,
    results.topProducts,
    results.topStatuses,
    results.productMatches,
    results.leadCount,
    results.leads,
    results.leadStatuses,
    results.matches,
    results.consentingMatches,
  ]) {
    rankings = fnv(rankings, array);
  }
  const hex = (h: number) => h.toString(16).padStart(8, '0');
  return { scores: hex(scores), rankings: hex(rankings) };
}
