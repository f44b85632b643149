import type { EnterpriseProfile } from '@kebao/domain/enterprise';
import { normaliseYuan } from '../format/money.ts';
import { isListKey, type ListKey, listItemFields, scalarFields } from './profileFields.ts';

/**
 * The profile form's values: the profile's own shape, except that a cleared input holds '' or null.
 * Amounts stay yuan strings as the profile has them, dates 'YYYY-MM-DD' from the browser's date input.
 */
export type ProfileFormValues = {
  [K in keyof EnterpriseProfile]?: EnterpriseProfile[K] | null;
};

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function cleanItem(list: ListKey, item: unknown): Record<string, unknown> | null {
  if (typeof item !== 'object' || item === null) return null;
  const source = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of listItemFields[list]) {
    const value = source[field];
    if (!isBlank(value)) out[field] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/**
 * The profile to send: blanks left out (unknown, not zero), text trimmed, the USCC in capitals, amounts
 * with two places (`1,000,000` → `1000000.00`), list rows left empty dropped. Whatever still does not fit
 * goes as typed, so the server names the problem under its field.
 */
export function profileOfValues(values: ProfileFormValues): EnterpriseProfile {
  const out: Record<string, unknown> = {};
  for (const { key, kind } of scalarFields) {
    const value = values[key];
    if (isBlank(value)) continue;
    if (typeof value === 'string') {
      const text = value.trim();
      out[key] =
        kind === 'uscc' ? text.toUpperCase() : kind === 'money' ? (normaliseYuan(text) ?? text) : text;
    } else out[key] = value;
  }
  for (const list of Object.keys(listItemFields)) {
    if (!isListKey(list)) continue;
    const items = values[list];
    // An empty list says "none"; no list at all says "not told".
    if (!Array.isArray(items)) continue;
    out[list] = items.flatMap((item) => cleanItem(list, item) ?? []);
  }
  // The server checks the document in full and answers every problem with its pointer.
  return out as EnterpriseProfile;
}

/** The form's starting values: the profile as it is, or the organisation's names for a first profile. */
export function valuesOfProfile(
  profile: EnterpriseProfile | null,
  start: ProfileFormValues,
): ProfileFormValues {
  return profile ? { ...profile } : { ...start };
}
