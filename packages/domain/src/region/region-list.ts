import { type Static, Type } from 'typebox';

/**
 * The administrative region code list (行政区划代码, GB/T 2260) as data: the six-digit codes the platform
 * stores for enterprises, organisations, experts and registered policies, with their names in Chinese and
 * English, so people read 上海市浦东新区 where the data says 310115. The same schema validates the shipped
 * file `catalog/regions/cn-regions.yaml` and editors (it is published as
 * `catalog/schema/regions.schema.json`). The file holds the codes the platform uses, not the whole
 * national list; a code not in it is shown as the code.
 *
 * Levels, as the Ministry of Civil Affairs (民政部) lists them: province (省级: 省、自治区、直辖市、特别行政区,
 * code `XX0000`), prefecture (地级: 地级市、地区、自治州、盟, `XXYY00`) and county (县级: 市辖区、县级市、县、
 * 自治县、旗, `XXYYZZ`). A county hangs from its prefecture, or directly from its province where the list has
 * no prefecture above it (the districts of a municipality such as Shanghai, 省直辖县级行政单位).
 */

export const regionLevels = ['province', 'prefecture', 'county'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/** Six digits, the first two a province (GB/T 2260). */
export const REGION_CODE_PATTERN = '^[1-9][0-9]{5}$';

const RegionCode = Type.String({ pattern: REGION_CODE_PATTERN, description: 'GB/T 2260 code, 6 digits' });

const RegionSchema = Type.Object(
  {
    code: RegionCode,
    level: Type.Enum([...regionLevels], {
      description: 'province 省级 (XX0000) · prefecture 地级 (XXYY00) · county 县级 (XXYYZZ)',
    }),
    parent: Type.Optional(
      Type.String({
        pattern: REGION_CODE_PATTERN,
        description:
          'the code of the region it belongs to, listed in the same file: a province for a prefecture; a prefecture, or the province where none stands between, for a county. None for a province.',
      }),
    ),
    names: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 浦东新区' }),
        en: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. Pudong New Area' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RegionListSchema = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'where the codes and names come from: the Ministry of Civil Affairs list and its year',
    }),
    edition: Type.Integer({
      minimum: 1980,
      maximum: 2100,
      description: 'the year of the list the codes and names follow',
    }),
    regions: Type.Array(RegionSchema, {
      minItems: 1,
      maxItems: 5000,
      description: 'every region, each code once; a parent is listed too',
    }),
  },
  {
    additionalProperties: false,
    $id: 'https://kebao.dev/schemas/regions.schema.json',
    title: 'Kebao administrative region codes (行政区划代码, GB/T 2260)',
  },
);

export type RegionList = Static<typeof RegionListSchema>;
export type RegionEntry = RegionList['regions'][number];
