import type { DefinitionError } from '../catalog/definition-error.ts';
import { checkProgramme } from './check-programme.ts';
import type { SubsidyProgramme } from './programme.ts';
import { programmeSchemaErrors } from './schema-errors.ts';

export type ParseProgrammeResult =
  | { ok: true; programme: SubsidyProgramme }
  | { ok: false; errors: DefinitionError[] };

/**
 * Reads a subsidy programme as it arrives — a parsed YAML file, an API upload — and either accepts it or
 * lists every problem with a JSON pointer, a stable code and a message in both languages, as
 * validateDefinition does for products: first the JSON Schema (`schema.*`), then, for a document of the
 * right shape, the semantic checks (`programme.*`, and `definition.*` for conditions).
 */
export function parseProgramme(data: unknown): ParseProgrammeResult {
  const shapeErrors = programmeSchemaErrors(data);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const programme = data as SubsidyProgramme;
  const errors: DefinitionError[] = [];
  checkProgramme(programme, errors);
  return errors.length === 0 ? { ok: true, programme } : { ok: false, errors };
}
