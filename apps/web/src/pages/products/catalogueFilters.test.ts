import { describe, expect, it } from 'vitest';
import { catalogueQuery, readFilters, writeFilters } from './catalogueFilters.ts';

describe('the catalogue’s filters in the address', () => {
  it('reads known values and drops malformed ones', () => {
    const filters = readFilters(
      new URLSearchParams('class=base&status=bogus&tag=%20sh-1%20&q=cyber&page=3&size=50'),
    );
    expect(filters).toEqual({
      class: 'base',
      subsidyTag: 'sh-1',
      status: undefined,
      q: 'cyber',
      page: 3,
      pageSize: 50,
    });
    expect(readFilters(new URLSearchParams('class=x&page=-2&size=7'))).toEqual({
      class: undefined,
      subsidyTag: undefined,
      status: undefined,
      q: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('writes only what differs from the defaults, and reads it back', () => {
    expect(writeFilters({ page: 1, pageSize: 20 }).toString()).toBe('');
    const filters = {
      class: 'rd_transfer' as const,
      status: 'sandbox' as const,
      q: 'x y',
      page: 2,
      pageSize: 10,
    };
    expect(readFilters(writeFilters(filters))).toEqual({ ...filters, subsidyTag: undefined });
  });

  it('sends the status filter only for insiders, and pages by offset', () => {
    const filters = readFilters(new URLSearchParams('status=draft&page=3&size=10'));
    expect(catalogueQuery(filters, true)).toMatchObject({ status: 'draft', limit: 10, offset: 20 });
    expect(catalogueQuery(filters, false).status).toBeUndefined();
  });
});
