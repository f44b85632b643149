import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { regionFullName } from '@kebao/domain/region';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_DIR, CatalogError } from '../src/modules/catalog/load-catalog.ts';
import { loadRegions } from '../src/modules/region/load-regions.ts';

/* The region code list read at start: the shipped one loads; a broken one stops the start, naming why. */

let dir: string;

async function catalogWith(text: string | null): Promise<string> {
  const root = await mkdtemp(path.join(dir, 'catalog-'));
  if (text !== null) {
    await mkdir(path.join(root, 'regions'));
    await writeFile(path.join(root, 'regions', 'cn-regions.yaml'), text);
  }
  return root;
}

async function problemsOf(catalogDir: string): Promise<string[]> {
  const error = await loadRegions(catalogDir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).problems;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kebao-regions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadRegions', () => {
  it('loads the shipped list and indexes it', async () => {
    const { list, index } = await loadRegions(CATALOG_DIR);
    expect(list.regions.length).toBeGreaterThan(60);
    expect(regionFullName(index, '310115', 'zh')).toBe('上海市浦东新区');
    expect(regionFullName(index, '420111', 'en')).toBe('Hongshan District, Wuhan, Hubei');
  });

  it('refuses a list whose region names a parent not listed, naming the file and the JSON path', async () => {
    const root = await catalogWith(
      [
        'source: 民政部《2023年中华人民共和国县以上行政区划代码》',
        'edition: 2023',
        'regions:',
        "  - { code: '420111', level: county, parent: '420100', names: { zh: 洪山区, en: Hongshan District } }",
      ].join('\n'),
    );
    expect(await problemsOf(root)).toEqual([
      'regions/cn-regions.yaml: /regions/0/parent the parent 420100 is not listed (region.parent_unknown)',
    ]);
  });

  it('refuses a list of the wrong shape, a file that is no YAML, and a missing file', async () => {
    const shape = await problemsOf(await catalogWith('source: x\nedition: 2023\nregions: []\n'));
    expect(shape).toEqual([
      expect.stringMatching(/^regions\/cn-regions\.yaml: \/regions .*\(schema\.minItems\)$/),
    ]);
    const yaml = await problemsOf(await catalogWith('regions: [\n'));
    expect(yaml[0]).toMatch(/^regions\/cn-regions\.yaml: /);
    expect(await problemsOf(await catalogWith(null))).toEqual([
      'regions/cn-regions.yaml: the region code list is missing',
    ]);
  });
});
