import type { Region } from '@kebao/domain/region';
import { describe, expect, it } from 'vitest';
import { regionCache, regionName, regionPrefixText, regionText } from './regions.ts';

const names = (zh: string, en: string) => ({ zh, en });
const REGIONS: Region[] = [
  { code: '310000', level: 'province', parent: null, names: names('上海市', 'Shanghai') },
  { code: '310115', level: 'county', parent: '310000', names: names('浦东新区', 'Pudong New Area') },
  { code: '420000', level: 'province', parent: null, names: names('湖北省', 'Hubei') },
  { code: '420100', level: 'prefecture', parent: '420000', names: names('武汉市', 'Wuhan') },
  { code: '420111', level: 'county', parent: '420100', names: names('洪山区', 'Hongshan District') },
];

async function loadedIndex() {
  return regionCache(async () => REGIONS).load();
}

describe('region names', () => {
  it('names a code in full in the UI language', async () => {
    const index = await loadedIndex();
    expect(regionName(index, '310115', 'zh-CN')).toBe('上海市浦东新区');
    expect(regionName(index, '310115', 'en')).toBe('Pudong New Area, Shanghai');
    expect(regionText(index, '420111', 'zh-CN')).toBe('湖北省武汉市洪山区');
    expect(regionText(index, '420111', 'en')).toBe('Hongshan District, Wuhan, Hubei');
  });

  it('falls back to the code for a code not listed, and before the list has loaded', async () => {
    const index = await loadedIndex();
    expect(regionName(index, '440305', 'zh-CN')).toBeNull();
    expect(regionText(index, '440305', 'en')).toBe('440305');
    expect(regionName(undefined, '310115', 'zh-CN')).toBeNull();
    expect(regionText(undefined, '310115', 'zh-CN')).toBe('310115');
  });

  it('names a reviewer prefix: two digits a province, four a prefecture, six a code', async () => {
    const index = await loadedIndex();
    expect(regionPrefixText(index, '31', 'zh-CN')).toBe('上海市');
    expect(regionPrefixText(index, '4201', 'en')).toBe('Wuhan, Hubei');
    expect(regionPrefixText(index, '310115', 'zh-CN')).toBe('上海市浦东新区');
    expect(regionPrefixText(index, '3101', 'zh-CN')).toBeNull();
    expect(regionPrefixText(index, '310', 'zh-CN')).toBeNull();
    expect(regionPrefixText(undefined, '31', 'zh-CN')).toBeNull();
  });
});

describe('the shared region list', () => {
  it('is fetched once for every caller', async () => {
    let calls = 0;
    const cache = regionCache(async () => {
      calls += 1;
      return REGIONS;
    });
    expect(cache.current()).toBeUndefined();
    const [a, b] = await Promise.all([cache.load(), cache.load()]);
    expect(a).toBe(b);
    expect(await cache.load()).toBe(a);
    expect(cache.current()).toBe(a);
    expect(calls).toBe(1);
  });

  it('tries again after a failed load', async () => {
    let calls = 0;
    const cache = regionCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return REGIONS;
    });
    await expect(cache.load()).rejects.toThrow('offline');
    expect(cache.current()).toBeUndefined();
    const index = await cache.load();
    expect(regionName(index, '310115', 'zh-CN')).toBe('上海市浦东新区');
    expect(calls).toBe(2);
  });
});
