import { rolesForKind } from '@kebao/domain/org';
import type { Language } from '../../i18n/index.ts';
import { isOrganisationKind, roleLabel } from '../../i18n/labels.ts';

/** A user can hold only roles of their organisation's kind (roles.ts). */
export function roleOptions(kind: string, language: Language): Array<{ value: string; label: string }> {
  if (!isOrganisationKind(kind)) return [];
  return rolesForKind(kind).map((role) => ({ value: role, label: roleLabel(role, language) }));
}

/** Initial passwords are long because the user may keep them (NIST SP 800-63B favours length). */
export const minPasswordLength = 12;
