import { checkRuleConditions } from './check-conditions.ts';
import { checkIdentity, checkOptions, checkSections, checkUniqueness } from './check-definition-parts.ts';
import { checkRating } from './check-rating.ts';
import type { ProductDefinition } from './definition.ts';
import type { DefinitionError } from './definition-error.ts';
import { factTypeResolver } from './fact-types.ts';
import { schemaErrors } from './schema-errors.ts';

export type ValidateDefinitionResult =
  | { ok: true; definition: ProductDefinition }
  | { ok: false; errors: DefinitionError[] };

/**
 * Reads a product definition (产品定义) as it arrives — a parsed YAML file, an API upload — and either
 * accepts it or lists every problem with a JSON pointer, a stable code and a message in both languages.
 *
 * First the JSON Schema (codes `schema.*`); only a document of the right shape gets the semantic checks
 * (codes `definition.*`), since they read fields the schema guarantees. A definition that passes can be
 * compiled and priced without any further check failing.
 */
export function validateDefinition(document: unknown): ValidateDefinitionResult {
  const shapeErrors = schemaErrors(document);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const definition = document as ProductDefinition;
  const errors: DefinitionError[] = [];
  const typeOf = factTypeResolver(definition);
  checkIdentity(definition, errors);
  checkOptions(definition, errors);
  checkSections(definition, errors);
  checkRuleConditions(definition, typeOf, errors);
  checkRating(definition, typeOf, errors);
  checkUniqueness(definition, errors);
  return errors.length === 0 ? { ok: true, definition } : { ok: false, errors };
}
