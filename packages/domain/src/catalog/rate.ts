import type { ProductDefinition } from './definition.ts';
import type { Facts } from './facts.ts';
import { productRulesOf } from './product-rules.ts';
import type { RatingResult } from './rating-result.ts';

/**
 * The premium of a product for a set of facts, exact to the fen and explained step by step
 * (compile-rating.ts has the formula). Missing basis, unresolved factors and impossible terms come back
 * as `{ ok: false, errors }` with stable codes, never as exceptions.
 */
export function rate(definition: ProductDefinition, facts: Facts): RatingResult {
  return productRulesOf(definition).rate(facts);
}
