import { type CompiledRating, compileRating } from './compile-rating.ts';
import type { ProductDefinition, Rule, UnderwritingRule } from './definition.ts';
import { type CompiledCondition, compileCondition } from './evaluate-condition.ts';
import { factTypeResolver } from './fact-types.ts';

/** A product's rules compiled once: every condition and the rating parsed, ready for many quotes. */
export interface ProductRules {
  readonly definition: ProductDefinition;
  readonly eligibility: readonly { readonly rule: Rule; readonly holds: CompiledCondition }[];
  readonly underwriting: readonly { readonly rule: UnderwritingRule; readonly holds: CompiledCondition }[];
  readonly rate: CompiledRating;
}

/** Compiles a definition that validateDefinition accepted; an unvalidated one may throw a TypeError. */
export function compileProductRules(definition: ProductDefinition): ProductRules {
  const typeOf = factTypeResolver(definition);
  return {
    definition,
    eligibility: definition.eligibility.map((rule) => ({ rule, holds: compileCondition(rule.when, typeOf) })),
    underwriting: definition.underwriting.map((rule) => ({
      rule,
      holds: compileCondition(rule.when, typeOf),
    })),
    rate: compileRating(definition),
  };
}

// Keyed by the definition object: a definition is data read once and never changed afterwards, so its
// compiled rules can be reused by every call that passes the same object (and vanish with it).
const compiled = new WeakMap<ProductDefinition, ProductRules>();

/** The compiled rules of a definition, compiled on first use. */
export function productRulesOf(definition: ProductDefinition): ProductRules {
  let rules = compiled.get(definition);
  if (rules === undefined) {
    rules = compileProductRules(definition);
    compiled.set(definition, rules);
  }
  return rules;
}
