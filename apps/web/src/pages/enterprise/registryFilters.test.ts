import { describe, expect, it } from 'vitest';
import { exportHref, readRegistryFilters, registryQuery, writeRegistryFilters } from './registryFilters.ts';

describe('the registry filters in the address', () => {
  it('reads every filter and drops malformed ones instead of sending them', () => {
    const read = readRegistryFilters(
      new URLSearchParams('q= 芯片 &region=310115&industry=c39&band=B&grade=Z&consented=true&page=3&size=50'),
    );
    expect(read).toEqual({
      q: '芯片',
      region: '310115',
      industry: 'C39',
      band: 'B',
      grade: undefined,
      consented: true,
      page: 3,
      pageSize: 50,
    });
    const bad = readRegistryFilters(
      new URLSearchParams('region=3101&industry=Z99&consented=yes&page=-1&size=7'),
    );
    expect(bad).toEqual({
      q: undefined,
      region: undefined,
      industry: undefined,
      band: undefined,
      grade: undefined,
      consented: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('keeps the plain address plain and round-trips what it writes', () => {
    expect(writeRegistryFilters({ page: 1, pageSize: 20 }).toString()).toBe('');
    const filters = { q: 'A', grade: 'D' as const, consented: false, page: 2, pageSize: 50 };
    expect(readRegistryFilters(writeRegistryFilters(filters))).toMatchObject(filters);
  });

  it('asks the list for the page and the export for every row of the same filters', () => {
    const filters = { industry: 'C39', band: 'A' as const, consented: true, page: 3, pageSize: 20 };
    expect(registryQuery(filters)).toMatchObject({
      industry: 'C39',
      band: 'A',
      consented: true,
      limit: 20,
      offset: 40,
    });
    expect(exportHref('csv', filters)).toBe(
      '/api/enterprises/export?industry=C39&band=A&consented=true&format=csv',
    );
    expect(exportHref('xlsx', { page: 1, pageSize: 20 })).toBe('/api/enterprises/export?format=xlsx');
  });
});
