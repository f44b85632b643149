import type {
  BilingualText,
  BreakdownStep,
  ProductDefinition,
  QuoteEvaluation,
  QuoteInput,
  VersionStatus,
} from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import type { CachedVersion, CatalogCache } from '../catalog/catalog-cache.ts';

export interface PreviewInput extends QuoteInput {
  productCode: string;
  version?: number | undefined;
}

/**
 * A quote preview (报价试算): eligibility, underwriting outcome and premium with its breakdown, for
 * facts the caller gives. Nothing is stored. Anyone may preview a filed or sandbox version; drafts
 * and filings only their writer and the regulator.
 */
export async function previewQuote(cache: CatalogCache, actor: Actor, input: PreviewInput) {
  return previewCached(await cache.get(input.productCode, input.version), actor, input);
}

/** The preview of a version the catalogue cache gave (null: no such product or version). */
export function previewCached(cached: CachedVersion | null, actor: Actor, input: PreviewInput) {
  if (!cached) throw problem(input.version === undefined ? 'product.not_found' : 'product.version_not_found');
  const { version, product } = cached;
  const published = version.status === 'filed' || version.status === 'sandbox';
  const insider =
    can(actor, Permission.ProductReadAll) || (actor.orgId !== null && product.writer_org_id === actor.orgId);
  if (!published && !insider) throw problem('product.version_not_found');
  if (version.status === 'withdrawn' || version.status === 'stopped' || version.status === 'rejected') {
    throw problem('quote.product_unavailable');
  }

  const result = cached.quote({ enterprise: input.enterprise, request: input.request });
  if (result.inputErrors.length > 0) {
    throw problem('quote.invalid_input', {
      errors: result.inputErrors.map((e) => ({ ...e, path: `/body${e.path}` })),
    });
  }
  return previewAnswer(cached.definition, version, result);
}

const text = (t: BilingualText): BilingualText => ({ zh: t.zh, en: t.en });

/**
 * A breakdown step with exactly the fields of the answer's `Step` schema: the required ones first, then
 * the optional ones when present.
 */
function answerStep(step: BreakdownStep): BreakdownStep {
  const out: BreakdownStep = {
    key: step.key,
    names: text(step.names),
    kind: step.kind,
    value: step.value,
    amount: step.amount,
  };
  if (step.fact !== undefined) out.fact = step.fact;
  if (step.input !== undefined) out.input = step.input;
  if (step.bound !== undefined) out.bound = step.bound;
  return out;
}

/**
 * The preview's answer, built field for field in the order of the `PreviewAnswer` schema and with no
 * other field, so that `JSON.stringify` writes exactly what the schema's serializer would (a test holds
 * the two equal for every shipped product): the route answers with `JSON.stringify`, several times
 * faster than the compiled serializer on these many short Chinese strings.
 */
export function previewAnswer(
  definition: ProductDefinition,
  version: { code: string; version: number; status: VersionStatus },
  result: QuoteEvaluation,
) {
  const rating = result.rating?.ok ? result.rating : null;
  // A headcount basis is a number of persons, every other basis an amount in fen.
  const perPerson = definition.rating.basis === 'headcount';
  return {
    product: {
      code: version.code,
      version: version.version,
      names: text(definition.names),
      status: version.status,
    },
    outcome: result.outcome,
    eligible: result.eligible,
    eligibility: result.eligibility.map((e) => ({
      reason: e.reason,
      message: text(e.message),
      result: e.result,
    })),
    reasons: result.reasons.map((r) => ({ reason: r.reason, message: text(r.message) })),
    missingFacts: result.missingFacts,
    premium: result.premium,
    rating: rating
      ? {
          basis: perPerson ? rating.basis.toString() : formatYuan(rating.basis),
          basisUnit: perPerson ? ('persons' as const) : ('yuan' as const),
          annualPremium: rating.annualPremium,
          effectiveRate: rating.effectiveRate,
          breakdown: rating.breakdown.map(answerStep),
        }
      : null,
  };
}
