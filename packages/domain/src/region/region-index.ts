import type { RegionLevel } from './region-list.ts';

/*
 * Looking region codes up: a code's names, its full name through its parents (湖北省武汉市洪山区 ·
 * Hongshan District, Wuhan, Hubei) and the region a code prefix stands for (31 → 上海市). Plain data in,
 * plain strings out, so the server and the web app read the list the same way. A code the list does not
 * hold has no name: callers show the code.
 */

export interface Region {
  code: string;
  level: RegionLevel;
  /** The region it belongs to; null for a province. */
  parent?: string | null | undefined;
  names: { zh: string; en: string };
}

export type RegionLanguage = 'zh' | 'en';

export interface RegionIndex {
  readonly byCode: ReadonlyMap<string, Region>;
}

export function indexRegions(regions: readonly Region[]): RegionIndex {
  return { byCode: new Map(regions.map((r) => [r.code, r])) };
}

/** The region of a code, or undefined when the list does not hold it. */
export function regionOf(index: RegionIndex, code: string): Region | undefined {
  return index.byCode.get(code);
}

/** The region and its parents, the province first (at most three; a loop in bad data ends the walk). */
function lineage(index: RegionIndex, region: Region): Region[] {
  const chain = [region];
  let at = region;
  while (at.parent && chain.length < 3) {
    const parent = index.byCode.get(at.parent);
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    at = parent;
  }
  return chain;
}

/**
 * The full name of a code: in Chinese its parents' names and its own run together (上海市浦东新区,
 * 江苏省苏州市昆山市), in English from the region up, comma-separated (Pudong New Area, Shanghai). Null for a
 * code the list does not hold.
 */
export function regionFullName(index: RegionIndex, code: string, language: RegionLanguage): string | null {
  const region = index.byCode.get(code);
  if (!region) return null;
  const chain = lineage(index, region);
  return language === 'zh'
    ? chain.map((r) => r.names.zh).join('')
    : chain
        .reverse()
        .map((r) => r.names.en)
        .join(', ');
}

/** A code's full name in the language, or the code itself when the list does not hold it. */
export function regionLabel(index: RegionIndex, code: string, language: RegionLanguage): string {
  return regionFullName(index, code, language) ?? code;
}

/**
 * The code a region-code prefix stands for, as reviewer assignments use them: a province's two digits
 * (31 → 310000), a prefecture's four (4201 → 420100) or a whole code. Null for other lengths and for
 * anything but digits.
 */
export function regionCodeOfPrefix(prefix: string): string | null {
  if (!/^[0-9]*$/.test(prefix)) return null;
  if (prefix.length === 2) return `${prefix}0000`;
  if (prefix.length === 4) return `${prefix}00`;
  return prefix.length === 6 ? prefix : null;
}

/** The full name of the region a prefix stands for, or null (an odd length, a region not listed). */
export function regionPrefixName(
  index: RegionIndex,
  prefix: string,
  language: RegionLanguage,
): string | null {
  const code = regionCodeOfPrefix(prefix);
  return code === null ? null : regionFullName(index, code, language);
}
