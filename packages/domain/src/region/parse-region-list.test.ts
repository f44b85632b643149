import { describe, expect, it } from 'vitest';
import { parseRegionList } from './parse-region-list.ts';
import {
  indexRegions,
  regionCodeOfPrefix,
  regionFullName,
  regionLabel,
  regionPrefixName,
} from './region-index.ts';

const names = (zh: string, en: string) => ({ zh, en });

function list(regions: unknown[]) {
  return { source: '民政部《2023年中华人民共和国县以上行政区划代码》', edition: 2023, regions };
}

const good = list([
  { code: '420111', level: 'county', parent: '420100', names: names('洪山区', 'Hongshan District') },
  { code: '420000', level: 'province', names: names('湖北省', 'Hubei') },
  { code: '420100', level: 'prefecture', parent: '420000', names: names('武汉市', 'Wuhan') },
  { code: '310000', level: 'province', names: names('上海市', 'Shanghai') },
  { code: '310115', level: 'county', parent: '310000', names: names('浦东新区', 'Pudong New Area') },
]);

const errorsOf = (data: unknown) => {
  const result = parseRegionList(data);
  return result.ok ? [] : result.errors.map((e) => [e.path, e.code]);
};

describe('parseRegionList', () => {
  it('accepts a sound list and sorts it by code', () => {
    const result = parseRegionList(good);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.list.regions.map((r) => r.code)).toEqual([
        '310000',
        '310115',
        '420000',
        '420100',
        '420111',
      ]);
  });

  it('names the JSON path of a shape problem', () => {
    expect(errorsOf(list([{ code: '31011', level: 'county', names: names('x', 'x') }]))).toContainEqual([
      '/regions/0/code',
      'schema.pattern',
    ]);
    expect(errorsOf({ ...good, edition: undefined })).toContainEqual(['/edition', 'schema.required']);
    expect(errorsOf(list([{ code: '310000', level: 'city', names: names('上海市', 'Shanghai') }]))).toEqual([
      ['/regions/0/level', 'schema.enum'],
    ]);
  });

  it('refuses a code listed twice', () => {
    const twice = list([
      ...good.regions,
      { code: '420000', level: 'province', names: names('湖北', 'Hubei') },
    ]);
    expect(errorsOf(twice)).toEqual([['/regions/5/code', 'region.code_repeated']]);
  });

  it('refuses a level the digits contradict', () => {
    const wrong = list([{ code: '420100', level: 'province', names: names('武汉市', 'Wuhan') }]);
    expect(errorsOf(wrong)).toEqual([['/regions/0/level', 'region.level_mismatch']]);
  });

  it('wants a parent for all but a province, and one that is listed, above and a prefix of the code', () => {
    const province = { code: '420000', level: 'province', names: names('湖北省', 'Hubei') };
    expect(
      errorsOf(list([province, { code: '420100', level: 'prefecture', names: names('武汉市', 'Wuhan') }])),
    ).toEqual([['/regions/1/parent', 'region.parent_missing']]);
    expect(errorsOf(list([{ ...province, parent: '420000' }]))).toEqual([
      ['/regions/0/parent', 'region.parent_of_province'],
    ]);
    expect(
      errorsOf(
        list([{ code: '420111', level: 'county', parent: '420100', names: names('洪山区', 'Hongshan') }]),
      ),
    ).toEqual([['/regions/0/parent', 'region.parent_unknown']]);
    expect(
      errorsOf(
        list([
          province,
          { code: '420100', level: 'prefecture', parent: '420000', names: names('武汉市', 'Wuhan') },
          { code: '420200', level: 'prefecture', parent: '420100', names: names('黄石市', 'Huangshi') },
        ]),
      ),
    ).toEqual([['/regions/2/parent', 'region.parent_level']]);
    expect(
      errorsOf(
        list([
          province,
          { code: '310000', level: 'province', names: names('上海市', 'Shanghai') },
          { code: '420111', level: 'county', parent: '310000', names: names('洪山区', 'Hongshan') },
        ]),
      ),
    ).toEqual([['/regions/2/parent', 'region.parent_prefix']]);
  });

  it('words every problem in both languages', () => {
    const result = parseRegionList(
      list([{ code: '420100', level: 'prefecture', names: names('武汉市', 'Wuhan') }]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({
        message_zh: expect.stringContaining('上级'),
        message_en: expect.stringContaining('parent'),
      });
  });
});

describe('looking codes up', () => {
  const parsed = parseRegionList(good);
  const index = indexRegions(parsed.ok ? parsed.list.regions : []);

  it('gives the full name through the parents, Chinese run together, English from the region up', () => {
    expect(regionFullName(index, '420111', 'zh')).toBe('湖北省武汉市洪山区');
    expect(regionFullName(index, '420111', 'en')).toBe('Hongshan District, Wuhan, Hubei');
    expect(regionFullName(index, '310115', 'zh')).toBe('上海市浦东新区');
    expect(regionFullName(index, '310000', 'en')).toBe('Shanghai');
  });

  it('has no name for a code not listed; the label is then the code', () => {
    expect(regionFullName(index, '440305', 'zh')).toBeNull();
    expect(regionLabel(index, '440305', 'en')).toBe('440305');
    expect(regionLabel(index, '310115', 'en')).toBe('Pudong New Area, Shanghai');
  });

  it('reads a reviewer prefix: a province, a prefecture or a whole code', () => {
    expect(regionCodeOfPrefix('31')).toBe('310000');
    expect(regionCodeOfPrefix('4201')).toBe('420100');
    expect(regionCodeOfPrefix('310115')).toBe('310115');
    for (const odd of ['', '3', '310', '31011', '31a', '3101150'])
      expect(regionCodeOfPrefix(odd), odd).toBeNull();
    expect(regionPrefixName(index, '31', 'zh')).toBe('上海市');
    expect(regionPrefixName(index, '4201', 'en')).toBe('Wuhan, Hubei');
    expect(regionPrefixName(index, '3101', 'zh')).toBeNull();
  });

  it('stops at a parent loop in unchecked data', () => {
    const loop = indexRegions([
      { code: '420100', level: 'prefecture', parent: '420111', names: names('武汉市', 'Wuhan') },
      { code: '420111', level: 'county', parent: '420100', names: names('洪山区', 'Hongshan') },
    ]);
    expect(regionFullName(loop, '420111', 'zh')).toBe('武汉市洪山区');
  });
});
