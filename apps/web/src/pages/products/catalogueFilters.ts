import type { ProductQuery, StatisticalClass, VersionStatus } from '../../api/types.ts';
import { versionStatuses } from '../../catalog/vocabulary.ts';

export const statisticalClasses = [
  'rd_transfer',
  'application',
  'intellectual_property',
  'base',
] as const satisfies readonly StatisticalClass[];

// The domain's list of statuses (the API's enum is built from it).
export { versionStatuses };

/** The catalogue's filters and page, kept in the address so back and reload keep them. */
export interface CatalogueFilters {
  class?: StatisticalClass;
  subsidyTag?: string;
  status?: VersionStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export const pageSizes = [10, 20, 50] as const;
const defaultPageSize = 20;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positive(value: string | null, fallback: number): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** Reads filters from the address; anything malformed is dropped rather than sent to the server. */
export function readFilters(params: URLSearchParams): CatalogueFilters {
  const text = (name: string) => params.get(name)?.trim().slice(0, 100) || undefined;
  const size = positive(params.get('size'), defaultPageSize);
  return {
    class: oneOf(statisticalClasses, params.get('class')),
    subsidyTag: text('tag')?.slice(0, 40),
    status: oneOf(versionStatuses, params.get('status')),
    q: text('q'),
    page: positive(params.get('page'), 1),
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : defaultPageSize,
  };
}

/** The address for filters: defaults are left out so the plain /products stays plain. */
export function writeFilters(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.class) params.set('class', filters.class);
  if (filters.subsidyTag) params.set('tag', filters.subsidyTag);
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== defaultPageSize) params.set('size', String(filters.pageSize));
  return params;
}

/** The query of GET /api/products for the filters; the status filter only for those who may use it. */
export function catalogueQuery(filters: CatalogueFilters, insider: boolean): ProductQuery {
  return {
    class: filters.class,
    subsidyTag: filters.subsidyTag,
    status: insider ? filters.status : undefined,
    q: filters.q,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
}
