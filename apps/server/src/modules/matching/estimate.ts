import {
  compileProduct,
  type EnterpriseFacts,
  type ProductDefinition,
  type ProductOption,
  type QuoteEvaluation,
  type QuoteInput,
  type QuoteRequest,
} from '@kebao/domain/catalog';
import { formatYuan, parseYuan } from '@kebao/domain/money';

/**
 * The indicative premium shown next to a match (参考保费): the rating engine's price for a reference
 * request built from the profile — the enterprise's revenue for a revenue basis, its staff for a
 * headcount basis, its total assets as the sum insured, its revenue as the contract value, and fixed
 * reference amounts where the profile cannot say (a loan of 500万, a limit of 1,000万); a first year of
 * cover; and each option without a default at its first choice, its minimum, or "no". The request is
 * returned with the figure, so the page can say what the figure is the price of; a real quote asks
 * for the real amounts. No estimate when the reference request is not quotable (declined, referred
 * for a reason the profile cannot settle, or ineligible).
 */
export interface PremiumEstimate {
  premiumFen: bigint;
  premium: string;
  request: QuoteRequest;
}

const REFERENCE_LOAN_FEN = 5_000_000_00n;
const REFERENCE_LIMIT_FEN = 10_000_000_00n;
const REFERENCE_SUM_FEN = 10_000_000_00n;

function referenceRequest(definition: ProductDefinition, facts: EnterpriseFacts): QuoteRequest | null {
  const positive = (amount: string | null | undefined): amount is string =>
    amount !== undefined && amount !== null && parseYuan(amount) > 0n;
  const reference = formatYuan(REFERENCE_SUM_FEN);
  switch (definition.rating.basis) {
    case 'revenue':
      return positive(facts.revenue) ? {} : null;
    case 'headcount':
      return typeof facts.staff === 'number' && facts.staff > 0 ? { headcount: facts.staff } : null;
    case 'sum_insured':
      return { sumInsured: positive(facts.totalAssets) ? facts.totalAssets : reference };
    case 'contract_value':
      return { contractValue: positive(facts.revenue) ? facts.revenue : reference };
    case 'loan_principal_plus_interest':
      return { loanPrincipal: formatYuan(REFERENCE_LOAN_FEN), loanInterest: '0.00' };
    case 'limit':
      return { limit: formatYuan(REFERENCE_LIMIT_FEN) };
  }
}

/** The value an option without a default takes in the reference request, if it can take one. */
function referenceOption(option: ProductOption): string | number | boolean | undefined {
  if (option.default !== undefined) return undefined;
  if (option.type === 'choice') return option.choices?.[0];
  if (option.type === 'boolean') return false;
  if (option.type === 'integer') return typeof option.min === 'number' ? option.min : 0;
  return typeof option.min === 'string' ? option.min : undefined;
}

function withReferenceTerms(definition: ProductDefinition, request: QuoteRequest): QuoteRequest {
  const options: Record<string, string | number | boolean> = {};
  for (const option of definition.options) {
    const value = referenceOption(option);
    if (value !== undefined) options[option.key] = value;
  }
  return { ...request, continuousYear: 1, ...(Object.keys(options).length > 0 ? { options } : {}) };
}

const compiled = new WeakMap<ProductDefinition, (input: QuoteInput) => QuoteEvaluation>();

export function estimatePremium(
  definition: ProductDefinition,
  facts: EnterpriseFacts,
): PremiumEstimate | null {
  const basis = referenceRequest(definition, facts);
  if (basis === null) return null;
  const request = withReferenceTerms(definition, basis);
  let quote = compiled.get(definition);
  if (!quote) {
    quote = compileProduct(definition);
    compiled.set(definition, quote);
  }
  const answer = quote({ enterprise: facts, request });
  if (
    answer.premiumFen === null ||
    answer.premium === null ||
    answer.outcome === 'decline' ||
    answer.outcome === 'ineligible'
  )
    return null;
  return { premiumFen: answer.premiumFen, premium: answer.premium, request };
}
