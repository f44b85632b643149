import {
  isPermission,
  isRole,
  type OrganisationKind,
  organisationKindLabels,
  organisationKinds,
  permissionLabels,
  roleDefinitions,
} from '@kebao/domain/org';
import type { Language } from './index.ts';

/** A label the domain carries in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export function pick(label: Bilingual, language: Language): string {
  return language === 'en' ? label.en : label.zh;
}

export function isOrganisationKind(value: string): value is OrganisationKind {
  return (organisationKinds as readonly string[]).includes(value);
}

/** Unknown codes (from a newer server) are shown as they are rather than hidden. */
export function permissionLabel(code: string, language: Language): string {
  return isPermission(code) ? pick(permissionLabels[code], language) : code;
}

export function roleLabel(code: string, language: Language): string {
  return isRole(code) ? pick(roleDefinitions[code].label, language) : code;
}

export function kindLabel(code: string, language: Language): string {
  return isOrganisationKind(code) ? pick(organisationKindLabels[code], language) : code;
}

export function orgName(org: { nameZh: string; nameEn: string }, language: Language): string {
  const name = language === 'en' ? org.nameEn : org.nameZh;
  return name || org.nameZh || org.nameEn;
}
