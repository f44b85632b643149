import { describe, expect, it } from 'vitest';
import {
  compactYuan,
  type ExposureRow,
  heatmapOf,
  hhiLevel,
  industrySection,
  rowsOf,
  yuanNumber,
  zoneTotals,
} from './exposure.ts';

const INSURER_A = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
const INSURER_B = '7c1d9a40-5e2b-4f6a-8c3d-2e4f6a8b0c12';

const row = (
  dimension: string,
  key: string,
  sumInsured: string,
  policies = 1,
  name: string | null = null,
) => ({
  dimension,
  key,
  name,
  sumInsured,
  premium: '1000.00',
  policies,
});

const items: ExposureRow[] = [
  row('zone', 'all', '25000000.00', 3),
  row('source', 'platform', '20000000.00', 2),
  row('source', 'registered', '5000000.00', 1),
  row('class', 'base', '5000000.00'),
  row('class', 'application', '20000000.00', 2),
  row('insurer', INSURER_B, '8000000.00', 2, '示例共保财产保险股份有限公司'),
  row('insurer', INSURER_A, '17000000.00', 3, '示例科技财产保险股份有限公司'),
  row('industry_insurer', `C39|${INSURER_A}`, '12000000.00'),
  row('industry_insurer', `I65|${INSURER_A}`, '5000000.00'),
  row('industry_insurer', `C39|${INSURER_B}`, '3000000.00'),
  row('industry_insurer', `unknown|${INSURER_B}`, '5000000.00'),
];

describe('the cockpit’s exposure figures', () => {
  it('reads the zone totals and splits them by source, zeros before any business', () => {
    expect(zoneTotals(items)).toEqual({
      sumInsured: '25000000.00',
      premium: '1000.00',
      policies: 3,
      sources: {
        platform: { sumInsured: '20000000.00', premium: '1000.00', policies: 2 },
        registered: { sumInsured: '5000000.00', premium: '1000.00', policies: 1 },
      },
    });
    expect(zoneTotals([])).toEqual({
      sumInsured: '0.00',
      premium: '0.00',
      policies: 0,
      sources: {
        platform: { sumInsured: '0.00', premium: '0.00', policies: 0 },
        registered: { sumInsured: '0.00', premium: '0.00', policies: 0 },
      },
    });
  });

  it('lists a dimension largest first, comparing exact amounts', () => {
    expect(rowsOf(items, 'class').map((r) => r.key)).toEqual(['application', 'base']);
    expect(rowsOf(items, 'insurer').map((r) => r.key)).toEqual([INSURER_A, INSURER_B]);
    const big = [row('region', 'b', '9007199254740993.01'), row('region', 'a', '9007199254740993.02')];
    expect(rowsOf(big, 'region').map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('builds the industry × insurer grid with insurers named from their rows', () => {
    const map = heatmapOf(items);
    expect(map.industries).toEqual(['C39', 'I65', 'unknown']);
    expect(map.insurers).toEqual([
      { id: INSURER_A, name: '示例科技财产保险股份有限公司' },
      { id: INSURER_B, name: '示例共保财产保险股份有限公司' },
    ]);
    expect(map.cells).toContainEqual([0, 0, 12000000]);
    expect(map.cells).toContainEqual([2, 1, 5000000]);
    expect(map.cells).toHaveLength(4);
    expect(map.max).toBe(12000000);
    // An insurer without its own row (an insurer reads only its own) is named by its id.
    const own = heatmapOf([row('industry_insurer', `C39|${INSURER_B}`, '1.00')]);
    expect(own.insurers).toEqual([{ id: INSURER_B, name: INSURER_B.slice(0, 8) }]);
    expect(heatmapOf([])).toEqual({ industries: [], insurers: [], cells: [], max: 0 });
  });

  it('bands the HHI as the merger guidelines do', () => {
    expect(hhiLevel(0)).toBe('low');
    expect(hhiLevel(1499.99)).toBe('low');
    expect(hhiLevel(1500)).toBe('moderate');
    expect(hhiLevel(2500)).toBe('moderate');
    expect(hhiLevel(2500.01)).toBe('high');
    expect(hhiLevel(10000)).toBe('high');
  });

  it('reads the GB/T 4754 section of an industry code', () => {
    expect(industrySection('C39')).toBe('C');
    expect(industrySection('I6510')).toBe('I');
    expect(industrySection('M')).toBe('M');
    expect(industrySection('unknown')).toBeNull();
    expect(industrySection('Z12')).toBeNull();
  });

  it('writes short amounts for chart axes in either language', () => {
    expect(compactYuan(125_000_000, 'zh-CN')).toBe('1.25亿');
    expect(compactYuan(34_000_000, 'zh-CN')).toBe('3400万');
    expect(compactYuan(1_000_000_000_000, 'zh-CN')).toBe('1万亿');
    expect(compactYuan(950, 'zh-CN')).toBe('950');
    expect(compactYuan(125_000_000, 'en')).toBe('125M');
    expect(compactYuan(34_500, 'en')).toBe('34.5k');
    expect(compactYuan(-2_000_000_000, 'en')).toBe('-2B');
    expect(yuanNumber('1234.56')).toBe(1234.56);
    expect(yuanNumber('abc')).toBe(0);
  });
});
