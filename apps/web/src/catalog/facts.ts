import type { Language } from '../i18n/index.ts';
import { type Bilingual, pick } from '../i18n/labels.ts';
import type { ProductDefinition, ProductOption } from './definition.ts';
import { enterpriseFacts, type FactType, requestFacts } from './vocabulary.ts';

/** Options the requester chooses are facts too: `request.options.<key>`. */
export const OPTION_FACT_PREFIX = 'request.options.';

const dictionary: ReadonlyMap<string, { type: FactType; zh: string; en: string }> = new Map(
  Object.entries({ ...enterpriseFacts, ...requestFacts }),
);

const optionFactTypes: Record<ProductOption['type'], FactType> = {
  choice: 'string',
  money: 'money',
  integer: 'integer',
  boolean: 'boolean',
};

type WithOptions = Pick<ProductDefinition, 'options'>;

/** The option a `request.options.<key>` fact names, when the product declares it. */
export function optionOfFact(definition: WithOptions, fact: string): ProductOption | undefined {
  if (!fact.startsWith(OPTION_FACT_PREFIX)) return undefined;
  const key = fact.slice(OPTION_FACT_PREFIX.length);
  return definition.options.find((option) => option.key === key);
}

/** How a fact is named to people: the dictionary's label or the option's names; else the path itself. */
export function factNames(definition: WithOptions, fact: string): Bilingual {
  const option = optionOfFact(definition, fact);
  if (option) return option.names;
  const entry = dictionary.get(fact);
  return entry ? { zh: entry.zh, en: entry.en } : { zh: fact, en: fact };
}

export function factLabel(definition: WithOptions, fact: string, language: Language): string {
  return pick(factNames(definition, fact), language);
}

/** The type of a fact of the dictionary or of the product's options; undefined for anything else. */
export function factType(definition: WithOptions, fact: string): FactType | undefined {
  const option = optionOfFact(definition, fact);
  if (option) return optionFactTypes[option.type];
  return dictionary.get(fact)?.type;
}
