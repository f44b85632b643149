import { EnterpriseProfileSchema } from '@kebao/domain/enterprise';
import { describe, expect, it } from 'vitest';
import zhCN from '../i18n/zh-CN.json';
import { isProfileKey, listItemFields, profileFieldOfPath, profileSections } from './profileFields.ts';

describe('the profile laid out in sections', () => {
  it('shows every field of the profile schema exactly once, each with a label', () => {
    const schemaKeys = Object.keys(EnterpriseProfileSchema.properties).sort();
    const laidOut = profileSections.flatMap((s) => ('fields' in s ? s.fields.map((f) => f.key) : [s.list]));
    expect([...laidOut].sort()).toEqual(schemaKeys);
    expect(Object.keys(zhCN.enterprise.fields).sort()).toEqual(schemaKeys);
    for (const key of schemaKeys) expect(isProfileKey(key)).toBe(true);
  });

  it('labels every field of every list item', () => {
    for (const [list, fields] of Object.entries(listItemFields)) {
      const labels: Record<string, Record<string, string>> = zhCN.enterprise.items;
      expect(Object.keys(labels[list] ?? {})).toEqual([...fields]);
    }
  });
});

describe('server validation errors under the profile form fields', () => {
  const at = (pointer: string) => profileFieldOfPath(pointer.split('/').slice(2));

  it('puts a field error under its field and an item error under that item’s field', () => {
    expect(at('/body/profile/staff')).toEqual(['staff']);
    expect(at('/body/profile/uscc')).toEqual(['uscc']);
    expect(at('/body/profile/qualifications/0/validTo')).toEqual(['qualifications', 0, 'validTo']);
    expect(at('/body/profile/contacts/2/email')).toEqual(['contacts', 2, 'email']);
  });

  it('puts a bad tag under the multi-select it was chosen in', () => {
    expect(at('/body/profile/frontierTags/3')).toEqual(['frontierTags']);
  });

  it('leaves errors about a whole list, an unknown field or the body itself in the alert', () => {
    expect(at('/body/profile/qualifications')).toBeNull();
    expect(at('/body/profile/qualifications/0/colour')).toBeNull();
    expect(at('/body/profile/nickname')).toBeNull();
    expect(at('/body/profile')).toBeNull();
    expect(profileFieldOfPath(['profileX', 'staff'])).toBeNull();
  });
});
