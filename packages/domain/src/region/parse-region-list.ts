import { type DefinitionError, pointer, problem } from '../catalog/definition-error.ts';
import { lazyValidator, schemaProblems } from '../enterprise/schema-problems.ts';
import { type RegionEntry, type RegionLevel, type RegionList, RegionListSchema } from './region-list.ts';

export type ParseRegionListResult = { ok: true; list: RegionList } | { ok: false; errors: DefinitionError[] };

const validator = lazyValidator(RegionListSchema);

const LEVEL_NAMES: Record<RegionLevel, [string, string]> = {
  province: ['省级', 'a province'],
  prefecture: ['地级', 'a prefecture'],
  county: ['县级', 'a county'],
};

/** The level a code's digits say: XX0000 a province, XXYY00 a prefecture, anything else a county. */
function levelOfCode(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'prefecture' : 'county';
}

/** The levels a region's parent may have. */
const PARENT_LEVELS: Record<RegionLevel, readonly RegionLevel[]> = {
  province: [],
  prefecture: ['province'],
  county: ['prefecture', 'province'],
};

/** How many leading digits a region shares with a parent of that level. */
const PREFIX_OF: Record<RegionLevel, number> = { province: 2, prefecture: 4, county: 6 };

/**
 * Reads a region code list as it arrives (a parsed YAML file) and either accepts it, its regions in code
 * order, or lists every problem with a JSON pointer, a stable code and a message in both languages: first
 * the JSON Schema (`schema.*`), then, for a list of the right shape, what GB/T 2260 itself holds
 * (`region.*`): each code once; the level its digits say (XX0000 province, XXYY00 prefecture); a parent
 * for every prefecture and county and none for a province; a parent that is listed, of a level above, and
 * whose code the region's begins with.
 */
export function parseRegionList(data: unknown): ParseRegionListResult {
  const shapeErrors = schemaProblems(validator(), data);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const list = data as RegionList;
  const errors: DefinitionError[] = [];
  const byCode = new Map<string, RegionEntry>();
  const firstIndex = new Map<string, number>();
  list.regions.forEach((region, index) => {
    const first = firstIndex.get(region.code);
    if (first !== undefined) {
      errors.push(
        problem(
          pointer('/regions', index, 'code'),
          'region.code_repeated',
          `${region.code} 已在第 ${first + 1} 项列出`,
          `${region.code} is already listed as region ${first + 1}`,
        ),
      );
      return;
    }
    firstIndex.set(region.code, index);
    byCode.set(region.code, region);
  });
  list.regions.forEach((region, index) => {
    if (firstIndex.get(region.code) !== index) return;
    const [levelZh, levelEn] = LEVEL_NAMES[region.level];
    const digitsSay = levelOfCode(region.code);
    if (digitsSay !== region.level) {
      const [zh, en] = LEVEL_NAMES[digitsSay];
      errors.push(
        problem(
          pointer('/regions', index, 'level'),
          'region.level_mismatch',
          `${region.code} 按代码是${zh}区划，不是${levelZh}`,
          `${region.code} is ${en} by its digits, not ${levelEn}`,
        ),
      );
    }
    const at = pointer('/regions', index, 'parent');
    if (region.level === 'province') {
      if (region.parent !== undefined)
        errors.push(problem(at, 'region.parent_of_province', '省级区划没有上级', 'a province has no parent'));
      return;
    }
    if (region.parent === undefined) {
      errors.push(
        problem(
          at,
          'region.parent_missing',
          `${region.code} 须写明上级区划`,
          `${region.code} needs the code of its parent`,
        ),
      );
      return;
    }
    const parent = byCode.get(region.parent);
    if (!parent) {
      errors.push(
        problem(
          at,
          'region.parent_unknown',
          `上级区划 ${region.parent} 未列出`,
          `the parent ${region.parent} is not listed`,
        ),
      );
      return;
    }
    if (!PARENT_LEVELS[region.level].includes(parent.level)) {
      errors.push(
        problem(
          at,
          'region.parent_level',
          `${levelZh}区划的上级不能是${LEVEL_NAMES[parent.level][0]}区划 ${parent.code}`,
          `${levelEn} cannot belong to ${LEVEL_NAMES[parent.level][1]} (${parent.code})`,
        ),
      );
      return;
    }
    const shared = PREFIX_OF[parent.level];
    if (region.code.slice(0, shared) !== parent.code.slice(0, shared)) {
      errors.push(
        problem(
          at,
          'region.parent_prefix',
          `${region.code} 不以上级 ${parent.code} 的前 ${shared} 位开头`,
          `${region.code} does not begin with the first ${shared} digits of its parent ${parent.code}`,
        ),
      );
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const regions = [...list.regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ok: true, list: { source: list.source, edition: list.edition, regions } };
}
