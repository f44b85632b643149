/**
 * What both servers of the `quote` workload share: the shipped product read from its YAML file, the
 * answer of POST /api/quotes/preview shaped as apps/server shapes it, and the bodies to check and load with.
 */
import { readFileSync } from 'node:fs';
import {
  type BreakdownStep,
  type ProductDefinition,
  type QuoteEvaluation,
  type VersionStatus,
  validateDefinition,
} from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
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

/**
 * A breakdown step with its fields in the order apps/server's answer has them: fast-json-stringify writes
 * the required properties of the `Step` schema first (key, names, kind, value, amount), then the optional
 * ones (fact, input, bound), each only when present.
 */
function serverStep(step: BreakdownStep): BreakdownStep {
  const out: BreakdownStep = {
    key: step.key,
    names: { zh: step.names.zh, en: step.names.en },
    kind: step.kind,
    value: step.value,
    amount: step.amount,
  };
  if (step.fact !== undefined) out.fact = step.fact;
  if (step.input !== undefined) out.input = step.input;
  if (step.bound !== undefined) out.bound = step.bound;
  return out;
}

/** The 200 answer of the preview, field for field what apps/server/src/modules/quote/service.ts returns. */
export function previewAnswer(
  definition: ProductDefinition,
  status: VersionStatus,
  result: QuoteEvaluation,
): unknown {
  const rating = result.rating?.ok ? result.rating : null;
  const perPerson = definition.rating.basis === 'headcount';
  return {
    product: {
      code: definition.code,
      version: definition.version,
      names: { zh: definition.names.zh, en: definition.names.en },
      status,
    },
    outcome: result.outcome,
    eligible: result.eligible,
    eligibility: result.eligibility,
    reasons: result.reasons,
    missingFacts: result.missingFacts,
    premium: result.premium,
    rating: rating
      ? {
          basis: perPerson ? rating.basis.toString() : formatYuan(rating.basis),
          basisUnit: perPerson ? 'persons' : 'yuan',
          annualPremium: rating.annualPremium,
          effectiveRate: rating.effectiveRate,
          breakdown: rating.breakdown.map(serverStep),
        }
      : null,
  };
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
