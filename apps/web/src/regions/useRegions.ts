import type { RegionIndex } from '@kebao/domain/region';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problem.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { regionCache, regionName, regionPrefixText, regionText } from './regions.ts';

/** The region code list, fetched once per page load and shared. */
const shared = regionCache(async () => (await unwrap(api.GET('/api/regions'))).items);

/** The region index, once loaded (undefined before, and when it cannot be loaded: codes show as they are). */
export function useRegionIndex(): RegionIndex | undefined {
  const [index, setIndex] = useState(shared.current);
  useEffect(() => {
    if (index) return;
    let live = true;
    shared.load().then(
      (loaded) => {
        if (live) setIndex(loaded);
      },
      () => {
        // Names are a help, not the data: without the list the codes stay as they are.
      },
    );
    return () => {
      live = false;
    };
  }, [index]);
  return index;
}

export interface RegionNames {
  /** The full name of a code in the UI language, or null. */
  name(code: string): string | null;
  /** The full name, or the code itself. */
  text(code: string): string;
  /** The region a code prefix stands for, or null. */
  prefix(prefix: string): string | null;
}

/** Region codes in words in the current language. */
export function useRegionNames(): RegionNames {
  const index = useRegionIndex();
  const language = useLanguage();
  return useMemo(
    () => ({
      name: (code) => regionName(index, code, language),
      text: (code) => regionText(index, code, language),
      prefix: (prefix) => regionPrefixText(index, prefix, language),
    }),
    [index, language],
  );
}
