import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateEnterpriseProfiles } from '../demo/enterprises.ts';
import { SHANGHAI, SHANGHAI_DISTRICT_CODES, WUHAN } from '../demo/places.ts';
import { parseRegionList } from './parse-region-list.ts';
import { indexRegions, regionFullName } from './region-index.ts';
import { RegionListSchema } from './region-list.ts';

const CATALOG = new URL('../../../../catalog/', import.meta.url);
const FILE = new URL('regions/cn-regions.yaml', CATALOG);
const SCHEMA_FILE = new URL('schema/regions.schema.json', CATALOG);

const text = readFileSync(FILE, 'utf8');
const raw = parse(text) as { regions: { code: string; level: string; parent?: string }[] };
const parsed = parseRegionList(raw);
const list = parsed.ok ? parsed.list : undefined;
const index = indexRegions(list?.regions ?? []);

describe('the shipped region codes (catalog/regions/cn-regions.yaml)', () => {
  it('validates and points editors at the published schema', () => {
    expect(text.startsWith('# yaml-language-server: $schema=../schema/regions.schema.json\n')).toBe(true);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(list?.source).toContain('民政部');
    expect(list?.edition).toBe(2023);
  });

  it('holds six-digit codes, each once, each with a listed parent but the provinces', () => {
    const codes = raw.regions.map((r) => r.code);
    for (const code of codes) expect(code).toMatch(/^[0-9]{6}$/);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of raw.regions) {
      if (r.level === 'province') expect(r.parent, r.code).toBeUndefined();
      else expect(codes, r.code).toContain(r.parent);
    }
  });

  it('lists every province-level region: 34', () => {
    expect(raw.regions.filter((r) => r.level === 'province')).toHaveLength(34);
  });

  it('lists all 16 districts of Shanghai and all 13 of Wuhan', () => {
    const children = (parent: string) =>
      raw.regions
        .filter((r) => r.parent === parent)
        .map((r) => r.code)
        .sort();
    expect(children('310000')).toEqual([...SHANGHAI_DISTRICT_CODES].sort());
    expect(children('310000')).toHaveLength(16);
    expect(children('420100')).toHaveLength(13);
    expect(regionFullName(index, '420111', 'zh')).toBe('湖北省武汉市洪山区');
    expect(regionFullName(index, '310115', 'zh')).toBe('上海市浦东新区');
    expect(regionFullName(index, '310115', 'en')).toBe('Pudong New Area, Shanghai');
  });

  it('publishes the current schema (npm run openapi writes it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${JSON.stringify(RegionListSchema, null, 2)}\n`);
  });
});

describe('every region code the demo data uses has a name', () => {
  const named = (code: string) => regionFullName(index, code, 'zh') !== null;

  it('the cities and districts of the demo places', () => {
    for (const city of [SHANGHAI, WUHAN]) {
      expect(named(city.code), city.code).toBe(true);
      expect(named(`${city.province}0000`), city.province).toBe(true);
      for (const district of city.districts) {
        expect(named(district.code), district.code).toBe(true);
        expect(index.byCode.get(district.code)?.names.zh).toBe(district.name);
      }
    }
    for (const code of SHANGHAI_DISTRICT_CODES) expect(named(code), code).toBe(true);
  });

  it('every enterprise the demo generator makes', () => {
    const codes = new Set(generateEnterpriseProfiles(500, 20_250_630).map((p) => p.regionCode));
    expect(codes.size).toBeGreaterThan(2);
    for (const code of codes) expect(code !== undefined && named(code), String(code)).toBe(true);
  });
});

/** The region codes a catalogue document names: conditions on an enterprise's region, event footprints. */
function regionCodesIn(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const item of node) regionCodesIn(item, out);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.fact === 'string' && record.fact.startsWith('enterprise.region'))
      for (const value of [record.value, ...(Array.isArray(record.values) ? record.values : [])])
        if (typeof value === 'string') out.add(value);
    if (Array.isArray(record.regions)) for (const value of record.regions) out.add(String(value));
    for (const value of Object.values(record)) regionCodesIn(value, out);
  }
  return out;
}

describe('every region code the shipped catalogue names has a name', () => {
  const dirs = ['subsidies', 'products', 'risk', 'alerts'];
  const files = dirs.flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, CATALOG))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => `${dir}/${file}`),
  );

  it.each(files)('%s', (file) => {
    const codes = regionCodesIn(parse(readFileSync(new URL(file, CATALOG), 'utf8')));
    for (const code of codes) expect(regionFullName(index, code, 'zh'), code).not.toBeNull();
  });

  it('finds the ones the subsidy programmes and the risk model name', () => {
    const codes = new Set(
      files.flatMap((file) => [...regionCodesIn(parse(readFileSync(new URL(file, CATALOG), 'utf8')))]),
    );
    expect([...codes]).toEqual(expect.arrayContaining(['310000', '320500', '440300', '110000', '310115']));
  });
});
