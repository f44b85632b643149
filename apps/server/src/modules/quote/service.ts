import type { QuoteInput } from '@kebao/domain/catalog';
import { formatYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';

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
  const cached = await cache.get(input.productCode, input.version);
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
  const rating = result.rating?.ok ? result.rating : null;
  // A headcount basis is a number of persons, every other basis an amount in fen.
  const perPerson = cached.definition.rating.basis === 'headcount';
  return {
    product: {
      code: version.code,
      version: version.version,
      names: cached.definition.names,
      status: version.status,
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
          basisUnit: perPerson ? ('persons' as const) : ('yuan' as const),
          annualPremium: rating.annualPremium,
          effectiveRate: rating.effectiveRate,
          breakdown: rating.breakdown,
        }
      : null,
  };
}
