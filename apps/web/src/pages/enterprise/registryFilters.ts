import {
  type CreditGrade,
  creditGrades,
  oneOf,
  type ScoreBand,
  scoreBands,
} from '../../enterprise/vocabulary.ts';

/** The registry's filters and page, kept in the address so back and reload keep them. */
export interface RegistryFilters {
  /** Text in the name or the USCC. */
  q?: string;
  /** Administrative division code (GB/T 2260), six digits. */
  region?: string;
  /** GB/T 4754 prefix: a section letter and up to four digits (C, C39, C3973). */
  industry?: string;
  band?: ScoreBand;
  grade?: CreditGrade;
  consented?: boolean;
  page: number;
  pageSize: number;
}

export const registryPageSizes = [10, 20, 50, 100] as const;
const defaultPageSize = 20;

export const regionPattern = /^\d{6}$/;
export const industryPattern = /^[A-T](\d{2,4})?$/;

function positive(value: string | null, fallback: number): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** Reads filters from the address; anything malformed is dropped rather than sent to the server. */
export function readRegistryFilters(params: URLSearchParams): RegistryFilters {
  const region = params.get('region')?.trim();
  const industry = params.get('industry')?.trim().toUpperCase();
  const consented = params.get('consented');
  const band = params.get('band');
  const grade = params.get('grade');
  const size = positive(params.get('size'), defaultPageSize);
  return {
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    region: region && regionPattern.test(region) ? region : undefined,
    industry: industry && industryPattern.test(industry) ? industry : undefined,
    band: oneOf(scoreBands, band) ? band : undefined,
    grade: oneOf(creditGrades, grade) ? grade : undefined,
    consented: consented === 'true' ? true : consented === 'false' ? false : undefined,
    page: positive(params.get('page'), 1),
    pageSize: (registryPageSizes as readonly number[]).includes(size) ? size : defaultPageSize,
  };
}

/** The filters alone, as query parameters (the list's and the export's): defaults left out. */
function filterParams(filters: RegistryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.region) params.set('region', filters.region);
  if (filters.industry) params.set('industry', filters.industry);
  if (filters.band) params.set('band', filters.band);
  if (filters.grade) params.set('grade', filters.grade);
  if (filters.consented !== undefined) params.set('consented', String(filters.consented));
  return params;
}

/** The address for filters and page: the plain /enterprises stays plain. */
export function writeRegistryFilters(filters: RegistryFilters): URLSearchParams {
  const params = filterParams(filters);
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== defaultPageSize) params.set('size', String(filters.pageSize));
  return params;
}

/** The query of GET /api/enterprises. */
export function registryQuery(filters: RegistryFilters) {
  return {
    q: filters.q,
    region: filters.region,
    industry: filters.industry,
    band: filters.band,
    grade: filters.grade,
    consented: filters.consented,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
}

/** The download address of the registry with the filters on screen (every page, not only this one). */
export function exportHref(format: 'csv' | 'xlsx', filters: RegistryFilters): string {
  const params = filterParams(filters);
  params.set('format', format);
  return `/api/enterprises/export?${params.toString()}`;
}
