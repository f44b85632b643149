/**
 * What both servers of the `quote` workload share: the shipped product read from its YAML file and the
 * bodies to check and load with. The bare server shapes its answer with apps/server's own `previewAnswer`
 * (the same function, so the same work), and writes it with JSON.stringify as the server does.
 */
import { readFileSync } from 'node:fs';
import { type ProductDefinition, type VersionStatus, validateDefinition } from '@kebao/domain/catalog';
// `yaml` is a dependency of @kebao/server (and a dev dependency of @kebao/domain) that npm hoists; the
// shipped catalogue is YAML, and this reads it the way apps/server's load-catalog.ts does.
import { parse } from 'yaml';

export const PRODUCT_CODE = 'KB-AP-EQUIP';
export const PREVIEW_PATH = '/api/quotes/preview';

const catalogDir = new URL('../../../catalog/', import.meta.url);

/** A shipped product definition, checked with validateDefinition as the server checks it at start. */
export function readProduct(code: string): ProductDefinition {
  const file = new URL(`products/${code}.yaml`, catalogDir);
  const result = validateDefinition(parse(readFileSync(file, 'utf8')));
  if (!result.ok) {
    const problems = result.errors.map((e) => `${e.path || '/'} ${e.message_en} (${e.code})`);
    throw new Error(`catalog/products/${code}.yaml is not a valid definition:\n${problems.join('\n')}`);
  }
  return result.definition;
}

/** The status a shipped version has on a new installation: as catalog/filings.yaml says, else filed. */
export function shippedStatus(code: string, version: number): VersionStatus {
  const filings = parse(readFileSync(new URL('filings.yaml', catalogDir), 'utf8')) as Record<
    string,
    { version?: number; status?: VersionStatus } | undefined
  > | null;
  const entry = filings?.[code];
  return entry?.version === version && entry.status ? entry.status : 'filed';
}

const enterprise = {
  scoreBand: 'B',
  trl: 8,
  claimsLast3Years: 0,
  catalogueListings: ['first_set_equipment'],
  dishonest: false,
  creditGrade: 'A',
};
const request = { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } };

/** The body every load request sends: an eligible equipment maker, accepted at 91,200.00 yuan. */
export const LOAD_BODY = { productCode: PRODUCT_CODE, enterprise, request };
export const LOAD_PREMIUM = '91200.00';

const withEnterprise = (changes: Record<string, unknown>) => ({
  ...LOAD_BODY,
  enterprise: { ...enterprise, ...changes },
});
const withRequest = (changes: Record<string, unknown>) => ({
  ...LOAD_BODY,
  request: { ...request, ...changes },
});

/** Bodies both servers must answer with the same 200 body, byte for byte: one of each outcome and term. */
export const ANSWERED_BODIES: Record<string, unknown> = {
  'the load body (accept)': LOAD_BODY,
  'early TRL (refer, priced)': withEnterprise({ trl: 5, scoreBand: 'D', claimsLast3Years: 2 }),
  'large contract, 182 days (refer, pro rata)': withRequest({ contractValue: '250000000.00', termDays: 182 }),
  'small contract (minimum premium)': withRequest({ contractValue: '100000.00' }),
  'key component, 20,000 deductible': withRequest({
    options: { deductible: '20000.00', key_component: true },
  }),
  'dishonest (ineligible)': withEnterprise({ dishonest: true }),
  'credit grade D (decline)': withEnterprise({ creditGrade: 'D' }),
  'facts left out (needs_information)': { ...LOAD_BODY, enterprise: { scoreBand: 'B' } },
};

/** A deductible the product does not offer: the domain refuses it, both servers answer 422. */
export const BAD_OPTION_BODY = withRequest({ options: { deductible: '12345.00' } });
