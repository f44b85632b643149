import type { DefinitionError } from '../catalog/definition-error.ts';
import { checkProfile, usccError } from './check-profile.ts';
import { type EnterpriseProfile, EnterpriseProfileSchema } from './profile.ts';
import { lazyValidator, schemaProblems } from './schema-problems.ts';

export type ValidateProfileResult =
  | { ok: true; profile: EnterpriseProfile }
  | { ok: false; errors: DefinitionError[] };

const profileValidator = lazyValidator(EnterpriseProfileSchema);

/**
 * Reads an enterprise profile as it arrives (a form, an API call, an import row) and accepts it or lists
 * every problem with a JSON pointer, a stable code and words in zh and en. First the JSON Schema (codes
 * `schema.*`); a malformed USCC is worded precisely there (length, which character) instead of as a failed
 * pattern. Only a document of the right shape gets the semantic checks (`profile.*`, check-profile.ts).
 */
export function validateProfile(document: unknown): ValidateProfileResult {
  const shapeErrors = schemaProblems(profileValidator(), document).map((error) => {
    if (error.path !== '/uscc' || error.code !== 'schema.pattern') return error;
    const uscc = (document as { uscc?: unknown }).uscc;
    return (typeof uscc === 'string' ? usccError('/uscc', uscc) : undefined) ?? error;
  });
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const profile = document as EnterpriseProfile;
  const errors = checkProfile(profile);
  return errors.length === 0 ? { ok: true, profile } : { ok: false, errors };
}
