import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { indexRegions, parseRegionList, type RegionIndex, type RegionList } from '@kebao/domain/region';
import { parseDocument } from 'yaml';
import { CatalogError } from '../catalog/load-catalog.ts';

/*
 * The region code list (行政区划代码, GB/T 2260: catalog/regions/cn-regions.yaml): the names of the six-digit
 * codes the platform stores, read once at start and held in memory — it changes only with a release. A
 * missing or broken file stops the start, naming the file, the JSON path and the problem, as the product
 * catalogue does.
 */

export const REGIONS_FILE = 'regions/cn-regions.yaml';

/** The list as loaded, and its index for lookups. */
export interface Regions {
  list: RegionList;
  index: RegionIndex;
}

/** Reads and checks `<catalog>/regions/cn-regions.yaml`; throws a CatalogError naming every problem. */
export async function loadRegions(catalogDir: string): Promise<Regions> {
  const file = path.join(catalogDir, REGIONS_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CatalogError([`${REGIONS_FILE}: the region code list is missing`]);
    throw error;
  });
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new CatalogError(doc.errors.map((e) => `${REGIONS_FILE}: ${e.message.split('\n')[0]}`));
  const parsed = parseRegionList(doc.toJS());
  if (!parsed.ok)
    throw new CatalogError(
      parsed.errors.map((e) => `${REGIONS_FILE}: ${e.path || '/'} ${e.message_en} (${e.code})`),
    );
  return { list: parsed.list, index: indexRegions(parsed.list.regions) };
}
