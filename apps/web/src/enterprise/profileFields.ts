import type { EnterpriseProfile } from '@kebao/domain/enterprise';

/*
 * The enterprise profile (企业画像) laid out for people: its sections in order, each field with the kind
 * of input it takes. The page shows the profile and edits it with this one layout; labels are
 * `enterprise.fields.<key>` in the i18n files, also used to name the fields an evaluation missed.
 */

export type ScalarKind =
  | 'text'
  | 'uscc'
  | 'region'
  | 'industry'
  | 'date'
  | 'stage'
  | 'tags'
  | 'count'
  | 'money'
  | 'ratio'
  | 'boolean';

type ListKey = 'qualifications' | 'catalogueListings' | 'projects' | 'contacts';
export type ScalarKey = Exclude<keyof EnterpriseProfile, ListKey>;

export interface ScalarField {
  key: ScalarKey;
  kind: ScalarKind;
  /** Identity fields every profile has. */
  required?: boolean;
}

export type SectionKey =
  | 'basic'
  | 'scale'
  | 'rd'
  | 'ip'
  | 'qualifications'
  | 'listings'
  | 'projects'
  | 'contacts'
  | 'losses'
  | 'consent';

export type Section =
  | { key: SectionKey; fields: readonly ScalarField[] }
  | { key: SectionKey; list: ListKey };

export const profileSections: readonly Section[] = [
  {
    key: 'basic',
    fields: [
      { key: 'uscc', kind: 'uscc', required: true },
      { key: 'name', kind: 'text', required: true },
      { key: 'nameEn', kind: 'text' },
      { key: 'regionCode', kind: 'region' },
      { key: 'industryCode', kind: 'industry' },
      { key: 'frontierTags', kind: 'tags' },
      { key: 'foundedOn', kind: 'date' },
      { key: 'stage', kind: 'stage' },
      { key: 'park', kind: 'text' },
    ],
  },
  {
    key: 'scale',
    fields: [
      { key: 'staff', kind: 'count' },
      { key: 'techStaff', kind: 'count' },
      { key: 'postgraduateStaff', kind: 'count' },
      { key: 'graduateHires', kind: 'count' },
      { key: 'revenue', kind: 'money' },
      { key: 'revenueLastYear', kind: 'money' },
      { key: 'totalAssets', kind: 'money' },
      { key: 'totalCost', kind: 'money' },
      { key: 'netProfit', kind: 'money' },
      { key: 'equity', kind: 'money' },
    ],
  },
  {
    key: 'rd',
    fields: [
      { key: 'rdExpense', kind: 'money' },
      { key: 'rdExpenseLastYear', kind: 'money' },
      { key: 'rdExpenseInChina', kind: 'money' },
      { key: 'highTechProductIncome', kind: 'money' },
      { key: 'techContractTurnover', kind: 'money' },
      { key: 'superDeductionSaving', kind: 'money' },
    ],
  },
  {
    key: 'ip',
    fields: [
      { key: 'ipClassI', kind: 'count' },
      { key: 'ipClassII', kind: 'count' },
      { key: 'inventionFilings', kind: 'count' },
      { key: 'pctFilings', kind: 'count' },
      { key: 'provincialPlatforms', kind: 'count' },
      { key: 'provincialAwards', kind: 'count' },
    ],
  },
  { key: 'qualifications', list: 'qualifications' },
  { key: 'listings', list: 'catalogueListings' },
  { key: 'projects', list: 'projects' },
  { key: 'contacts', list: 'contacts' },
  {
    key: 'losses',
    fields: [
      { key: 'claimsLast3Years', kind: 'count' },
      { key: 'lossRatioLast3Years', kind: 'ratio' },
    ],
  },
  { key: 'consent', fields: [{ key: 'consentToInsurers', kind: 'boolean' }] },
];

/** The fields of each list's items, in the order the form shows them. */
export const listItemFields = {
  qualifications: ['kind', 'certificateNo', 'validFrom', 'validTo'],
  catalogueListings: ['kind', 'item', 'listedOn'],
  projects: ['name', 'trl'],
  contacts: ['name', 'role', 'phone', 'email'],
} as const satisfies Record<ListKey, readonly string[]>;

export type { ListKey };

export const scalarFields: readonly ScalarField[] = profileSections.flatMap((s) =>
  'fields' in s ? s.fields : [],
);

const scalarKeys: ReadonlySet<string> = new Set(scalarFields.map((f) => f.key));
const listKeys: ReadonlySet<string> = new Set(Object.keys(listItemFields));

export function isScalarKey(key: string): key is ScalarKey {
  return scalarKeys.has(key);
}

export function isListKey(key: string): key is ListKey {
  return listKeys.has(key);
}

/** Every key with a label under `enterprise.fields` (an evaluation names the fields it missed by these). */
export function isProfileKey(key: string): key is keyof EnterpriseProfile {
  return isScalarKey(key) || isListKey(key);
}

/**
 * Where a validation error of the profile goes in the form: `/body/profile/staff` arrives as
 * `['profile', 'staff']` and goes under `staff`; `['profile', 'qualifications', '0', 'validTo']` under that
 * item's field; a tag of the multi-select under the select. Errors about a whole list, or a field the form
 * does not have, stay in the alert above the form (null).
 */
export function profileFieldOfPath(path: readonly string[]): (string | number)[] | null {
  const [root, key, index, field] = path;
  if (root !== 'profile' || key === undefined) return null;
  if (isScalarKey(key)) return [key];
  if (!isListKey(key) || index === undefined || !/^\d+$/.test(index)) return null;
  const fields: readonly string[] = listItemFields[key];
  return field !== undefined && fields.includes(field) ? [key, Number(index), field] : null;
}
