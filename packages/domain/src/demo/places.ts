import type { frontierTags } from '../enterprise/profile.ts';

export type FrontierTag = (typeof frontierTags)[number];

/**
 * Where demo enterprises sit: districts of Shanghai and Wuhan's East Lake High-tech Zone (东湖新技术开发区,
 * 光谷), with real GB/T 2260 codes and the parks each district is known for. A park lists the frontier
 * tags it gathers; an enterprise picks among the parks that match its tag.
 */

export interface Park {
  readonly name: string;
  readonly tags: readonly FrontierTag[];
}

export interface District {
  readonly code: string;
  readonly name: string;
  /** How many of the city's demo enterprises sit here, relative to its other districts. */
  readonly weight: number;
  /** Tags this district is strong in, as multipliers of the city-wide share. */
  readonly focus: Readonly<Partial<Record<FrontierTag, number>>>;
  readonly parks: readonly Park[];
}

export interface City {
  readonly key: 'shanghai' | 'wuhan';
  readonly name: string;
  readonly nameEn: string;
  /** GB/T 2260 code of the city (市辖区 level), used by municipal-level registrations. */
  readonly code: string;
  /** 2-digit province code used in certificate numbers. */
  readonly province: string;
  readonly areaCode: string;
  readonly districts: readonly District[];
}

export const SHANGHAI: City = {
  key: 'shanghai',
  name: '上海',
  nameEn: 'Shanghai',
  code: '310000',
  province: '31',
  areaCode: '021',
  districts: [
    {
      code: '310115',
      name: '浦东新区',
      weight: 36,
      focus: {
        ic: 2,
        biomedicine: 2,
        ai: 1.5,
        civil_aviation: 3,
        nev: 1.5,
        hydrogen: 1.5,
        high_end_equipment: 1.3,
      },
      parks: [
        { name: '张江科学城', tags: ['ic', 'ai', 'biomedicine', 'quantum', 'new_materials'] },
        { name: '张江人工智能岛', tags: ['ai', 'humanoid_robots'] },
        {
          name: '临港新片区',
          tags: [
            'ic',
            'nev',
            'high_end_equipment',
            'hydrogen',
            'new_energy',
            'new_materials',
            'humanoid_robots',
            'green_remanufacturing',
            'low_altitude',
          ],
        },
        { name: '临港新片区大飞机园', tags: ['civil_aviation', 'low_altitude', 'new_materials'] },
        { name: '金桥经济技术开发区', tags: ['nev', 'high_end_equipment', 'ai', 'humanoid_robots'] },
      ],
    },
    {
      code: '310112',
      name: '闵行区',
      weight: 16,
      focus: {
        ai: 1.3,
        biomedicine: 1.3,
        high_end_equipment: 1.3,
        humanoid_robots: 1.5,
        civil_aviation: 1.5,
      },
      parks: [
        { name: '紫竹高新技术产业开发区', tags: ['ic', 'ai', 'biomedicine', 'new_materials', 'quantum'] },
        { name: '漕河泾开发区浦江高科技园', tags: ['ai', 'biomedicine', 'high_end_equipment', 'ic'] },
        {
          name: '莘庄工业区',
          tags: [
            'high_end_equipment',
            'new_energy',
            'new_materials',
            'civil_aviation',
            'green_remanufacturing',
          ],
        },
        { name: '马桥人工智能创新试验区', tags: ['ai', 'humanoid_robots'] },
      ],
    },
    {
      code: '310114',
      name: '嘉定区',
      weight: 14,
      focus: { nev: 3, hydrogen: 3, high_end_equipment: 1.3, green_remanufacturing: 1.5 },
      parks: [
        { name: '上海国际汽车城', tags: ['nev', 'hydrogen', 'ai'] },
        { name: '嘉定氢能港', tags: ['hydrogen'] },
        {
          name: '嘉定工业区',
          tags: ['high_end_equipment', 'ic', 'new_materials', 'nev', 'green_remanufacturing', 'low_altitude'],
        },
      ],
    },
    {
      code: '310104',
      name: '徐汇区',
      weight: 12,
      focus: {
        ai: 2,
        biomedicine: 1.5,
        humanoid_robots: 1.5,
        quantum: 1.5,
        high_end_equipment: 0.3,
        green_remanufacturing: 0.2,
      },
      parks: [
        { name: '漕河泾新兴技术开发区', tags: ['ic', 'ai', 'biomedicine', 'quantum', 'new_materials'] },
        { name: '西岸智慧谷', tags: ['ai', 'humanoid_robots'] },
        { name: '枫林生命健康产业园区', tags: ['biomedicine'] },
      ],
    },
    {
      code: '310110',
      name: '杨浦区',
      weight: 10,
      focus: { ai: 2, quantum: 1.5, new_materials: 1.2, nev: 0.3, high_end_equipment: 0.5 },
      parks: [
        { name: '创智天地', tags: ['ai', 'quantum'] },
        { name: '长阳创谷', tags: ['ai', 'humanoid_robots', 'low_altitude'] },
        { name: '复旦大学国家大学科技园', tags: ['ai', 'biomedicine', 'quantum', 'new_materials', 'ic'] },
        {
          name: '同济大学国家大学科技园',
          tags: ['high_end_equipment', 'green_remanufacturing', 'new_energy', 'nev', 'ai'],
        },
      ],
    },
    {
      code: '310117',
      name: '松江区',
      weight: 12,
      focus: { ic: 1.5, new_materials: 1.8, high_end_equipment: 1.3, new_energy: 1.3, ai: 0.8 },
      parks: [
        { name: 'G60科创云廊', tags: ['ai', 'ic', 'biomedicine', 'low_altitude'] },
        {
          name: '松江经济技术开发区',
          tags: [
            'ic',
            'new_materials',
            'high_end_equipment',
            'new_energy',
            'biomedicine',
            'green_remanufacturing',
          ],
        },
      ],
    },
  ],
};

export const WUHAN: City = {
  key: 'wuhan',
  name: '武汉',
  nameEn: 'Wuhan',
  code: '420100',
  province: '42',
  areaCode: '027',
  districts: [
    {
      code: '420111',
      name: '洪山区',
      weight: 60,
      focus: { ic: 2, ai: 1.5, quantum: 1.5, new_energy: 1.2, civil_aviation: 0.3, biomedicine: 0.6 },
      parks: [
        { name: '光谷软件园', tags: ['ai', 'quantum'] },
        { name: '光谷光电子信息产业园', tags: ['ic', 'ai', 'quantum', 'new_materials'] },
        {
          name: '武汉未来科技城',
          tags: [
            'ic',
            'new_energy',
            'high_end_equipment',
            'new_materials',
            'hydrogen',
            'quantum',
            'humanoid_robots',
          ],
        },
      ],
    },
    {
      code: '420115',
      name: '江夏区',
      weight: 40,
      focus: { biomedicine: 2.5, high_end_equipment: 1.3, nev: 1.5, low_altitude: 1.5, civil_aviation: 0.3 },
      parks: [
        { name: '光谷生物城', tags: ['biomedicine'] },
        {
          name: '光谷智能制造产业园',
          tags: ['high_end_equipment', 'humanoid_robots', 'nev', 'low_altitude'],
        },
        {
          name: '江夏经济开发区',
          tags: ['nev', 'green_remanufacturing', 'new_materials', 'new_energy', 'hydrogen', 'low_altitude'],
        },
      ],
    },
  ],
};

/** Shares of the demo population: Shanghai's districts outnumber Wuhan's East Lake zone about two to one. */
export const CITY_WEIGHTS: readonly (readonly [City, number])[] = [
  [SHANGHAI, 65],
  [WUHAN, 35],
];

/** City-wide prevalence of each frontier tag among tech enterprises, before a district's focus. */
export const TAG_PREVALENCE: Readonly<Record<FrontierTag, number>> = {
  ai: 14,
  ic: 10,
  biomedicine: 12,
  high_end_equipment: 12,
  new_materials: 10,
  new_energy: 8,
  nev: 7,
  humanoid_robots: 4,
  civil_aviation: 3,
  low_altitude: 4,
  hydrogen: 3,
  green_remanufacturing: 4,
  quantum: 2,
};

/**
 * The sixteen district codes of Shanghai (GB/T 2260, 上海市各区), in code order: where the synthetic
 * business of the scale load and the exposure benchmark sits.
 */
export const SHANGHAI_DISTRICT_CODES: readonly string[] = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
];
