import {
  indexRegions,
  type Region,
  type RegionIndex,
  regionFullName,
  regionPrefixName,
} from '@kebao/domain/region';
import type { Language } from '../i18n/index.ts';

/*
 * Region codes (行政区划代码, GB/T 2260) in words: the web app reads the server's list once
 * (`GET /api/regions`) and names a code from it — 310115 as 上海市浦东新区 / Pudong New Area, Shanghai. Until
 * the list has arrived, and for a code it does not hold, the code is shown as it is.
 */

const languageOf = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** The full name of a code in the UI language; null while the list is not loaded or does not hold it. */
export function regionName(index: RegionIndex | undefined, code: string, language: Language): string | null {
  return index ? regionFullName(index, code, languageOf(language)) : null;
}

/** A code in words, or the code itself when it has no name (yet). */
export function regionText(index: RegionIndex | undefined, code: string, language: Language): string {
  return regionName(index, code, language) ?? code;
}

/** The region a reviewer's code prefix stands for (31 上海市, 4201 湖北省武汉市), or null. */
export function regionPrefixText(
  index: RegionIndex | undefined,
  prefix: string,
  language: Language,
): string | null {
  return index ? regionPrefixName(index, prefix, languageOf(language)) : null;
}

export interface RegionCache {
  /** The index once loaded; undefined before. */
  current(): RegionIndex | undefined;
  /** Loads the list once for every caller; after a failure the next call tries again. */
  load(): Promise<RegionIndex>;
}

/** One load of the list shared by every component that names a region. */
export function regionCache(fetchRegions: () => Promise<readonly Region[]>): RegionCache {
  let index: RegionIndex | undefined;
  let pending: Promise<RegionIndex> | null = null;
  return {
    current: () => index,
    load() {
      if (index) return Promise.resolve(index);
      pending ??= fetchRegions().then(
        (regions) => {
          index = indexRegions(regions);
          return index;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
  };
}
