import type { BilingualText, ProductDefinition, ProductOption } from './definition.ts';
import { builtInFacts, type FactType } from './facts.ts';

/** Options the requester chooses are facts too: `request.options.<key>`. */
export const OPTION_FACT_PREFIX = 'request.options.';

/** The type of a fact by its path, or undefined when the path is not a fact of the product. */
export type FactTypeOf = (fact: string) => FactType | undefined;

// A choice is compared as a string even when its choices look like amounts ('50000.00'): it is a label.
const OPTION_FACT_TYPES: Record<ProductOption['type'], FactType> = {
  choice: 'string',
  money: 'money',
  integer: 'integer',
  boolean: 'boolean',
};

export function optionFactType(option: ProductOption): FactType {
  return OPTION_FACT_TYPES[option.type];
}

export function builtInFactType(fact: string): FactType | undefined {
  return Object.hasOwn(builtInFacts, fact) ? builtInFacts[fact]?.type : undefined;
}

/** The option a `request.options.<key>` fact names, if the product declares it. */
export function optionOfFact(
  definition: Pick<ProductDefinition, 'options'>,
  fact: string,
): ProductOption | undefined {
  if (!fact.startsWith(OPTION_FACT_PREFIX)) return undefined;
  const key = fact.slice(OPTION_FACT_PREFIX.length);
  return definition.options.find((option) => option.key === key);
}

/** The dictionary plus the product's own options, looked up in one map. */
export function factTypeResolver(definition: Pick<ProductDefinition, 'options'>): FactTypeOf {
  const types = new Map<string, FactType>();
  for (const [fact, entry] of Object.entries(builtInFacts)) types.set(fact, entry.type);
  for (const option of definition.options) types.set(OPTION_FACT_PREFIX + option.key, optionFactType(option));
  return (fact) => types.get(fact);
}

/** How to name a fact to a person ("please provide …"): the dictionary's or the option's names. */
export function factNames(definition: Pick<ProductDefinition, 'options'>, fact: string): BilingualText {
  const option = optionOfFact(definition, fact);
  if (option !== undefined) return option.names;
  const entry = Object.hasOwn(builtInFacts, fact) ? builtInFacts[fact] : undefined;
  return entry === undefined ? { zh: fact, en: fact } : { zh: entry.zh, en: entry.en };
}
