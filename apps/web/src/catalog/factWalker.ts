import type {
  Condition,
  FactCondition,
  ProductDefinition,
  ProductOption,
  RatingBasis,
} from './definition.ts';
import {
  type EnterpriseFactName,
  enterpriseFacts,
  type RequestFactName,
  requestFacts,
} from './vocabulary.ts';

/** Calls `visit` for every condition over one fact, depth first, in the order written. */
export function visitFactConditions(condition: Condition, visit: (leaf: FactCondition) => void): void {
  if ('all' in condition) for (const part of condition.all) visitFactConditions(part, visit);
  else if ('any' in condition) for (const part of condition.any) visitFactConditions(part, visit);
  else if ('not' in condition) visitFactConditions(condition.not, visit);
  else visit(condition);
}

/** The facts each rating basis (计费基础) is read from; principal and interest add up. */
export const basisFacts: Record<RatingBasis, readonly string[]> = {
  sum_insured: ['request.sumInsured'],
  contract_value: ['request.contractValue'],
  loan_principal_plus_interest: ['request.loanPrincipal', 'request.loanInterest'],
  revenue: ['enterprise.revenue'],
  limit: ['request.limit'],
  headcount: ['request.headcount'],
};

/** The values a product writes about a fact (in its rules, or as keys of a factor table). */
export type FactValues = ReadonlyMap<string, readonly string[]>;

export interface FactsRead {
  /** Every fact the product reads, each once: rating basis, eligibility, underwriting, factors. */
  facts: string[];
  /** Per fact, the distinct values its rules and factor tables mention: suggestions for the form. */
  values: FactValues;
}

/** Walks the definition for the facts its decisions and price depend on. */
export function factsRead(definition: ProductDefinition): FactsRead {
  const facts = new Set<string>();
  const values = new Map<string, Set<string>>();
  const note = (fact: string, mentioned: readonly (string | number | boolean)[] = []) => {
    facts.add(fact);
    let set = values.get(fact);
    if (!set) {
      set = new Set();
      values.set(fact, set);
    }
    for (const value of mentioned) set.add(String(value));
  };
  for (const fact of basisFacts[definition.rating.basis]) note(fact);
  for (const rule of [...definition.eligibility, ...definition.underwriting]) {
    visitFactConditions(rule.when, (leaf) => {
      if ('value' in leaf) note(leaf.fact, [leaf.value]);
      else if ('values' in leaf) note(leaf.fact, leaf.values);
      else note(leaf.fact);
    });
  }
  for (const factor of definition.rating.factors) note(factor.fact, Object.keys(factor.table ?? {}));
  return {
    facts: [...facts],
    values: new Map([...values].map(([fact, set]) => [fact, [...set]])),
  };
}

/** The enterprise facts by their key in a quote (`staff` for `enterprise.staff`), in dictionary order. */
export type EnterpriseKey = EnterpriseFactName extends `enterprise.${infer Key}` ? Key : never;
/** The fields of a quote's request other than the options, in dictionary order. */
export type RequestField = RequestFactName extends `request.${infer Key}` ? Key : never;

export const enterpriseKeys = Object.keys(enterpriseFacts).map((fact) =>
  fact.slice('enterprise.'.length),
) as EnterpriseKey[];
export const requestFields = Object.keys(requestFacts).map((fact) =>
  fact.slice('request.'.length),
) as RequestField[];

/** What the quote form asks for a product. */
export interface QuoteFields {
  /** Every declared option: the requester chooses them. */
  options: ProductOption[];
  /** The request fields the basis, the rules or the term need. */
  request: RequestField[];
  /** The enterprise facts the rules and factors read (and the revenue for a revenue basis). */
  enterprise: EnterpriseKey[];
}

/**
 * The fields of the quote form for a product, found by walking its rules and rating for the facts
 * they read. The term in days is asked for whenever the premium depends on it (pro rata or a
 * short-period table); the start date only when a rule reads it.
 */
export function quoteFields(definition: ProductDefinition): QuoteFields {
  const read = new Set(factsRead(definition).facts);
  if (definition.rating.term.method !== 'annual') read.add('request.termDays');
  return {
    options: definition.options,
    request: requestFields.filter((field) => read.has(`request.${field}`)),
    enterprise: enterpriseKeys.filter((key) => read.has(`enterprise.${key}`)),
  };
}
