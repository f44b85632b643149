import { type EnterpriseProfile, validateProfile } from '@kebao/domain/enterprise';
import { describe, expect, it } from 'vitest';
import { profileOfValues, valuesOfProfile } from './profileForm.ts';

const profile: EnterpriseProfile = {
  uscc: '91110000802100433B',
  name: '测试芯片科技有限公司',
  regionCode: '310115',
  industryCode: 'C3973',
  frontierTags: ['ic', 'ai'],
  foundedOn: '2019-06-18',
  stage: 'growth',
  staff: 186,
  techStaff: 92,
  revenue: '128000000.00',
  rdExpense: '15400000.00',
  qualifications: [{ kind: 'high_tech_enterprise', validFrom: '2024-12-01', validTo: '2027-11-30' }],
  projects: [{ name: '晶圆缺陷检测设备', trl: 7 }],
  consentToInsurers: true,
  lossRatioLast3Years: '0.35',
};

describe('the profile form', () => {
  it('sends back an unedited profile exactly as it was stored', () => {
    expect(profileOfValues(valuesOfProfile(profile, {}))).toEqual(profile);
  });

  it('starts a first profile from the organisation’s names', () => {
    expect(valuesOfProfile(null, { name: '临港示例', uscc: profile.uscc })).toEqual({
      name: '临港示例',
      uscc: profile.uscc,
    });
  });

  it('leaves cleared fields out as unknown, never as zero or an empty string', () => {
    const sent = profileOfValues({ ...profile, staff: null, revenue: '  ', park: '', nameEn: undefined });
    expect(sent).not.toHaveProperty('staff');
    expect(sent).not.toHaveProperty('revenue');
    expect(sent).not.toHaveProperty('park');
    expect(validateProfile(sent).ok).toBe(true);
  });

  it('writes amounts with two places, the code in capitals and trims text', () => {
    const sent = profileOfValues({
      uscc: ' 91110000802100433b ',
      name: ' 测试芯片 ',
      revenue: '1,280,000',
      rdExpense: '15400000.5',
    });
    expect(sent).toEqual({
      uscc: '91110000802100433B',
      name: '测试芯片',
      revenue: '1280000.00',
      rdExpense: '15400000.50',
    });
  });

  it('sends an amount it cannot read as typed, so the server names the problem under its field', () => {
    const sent = profileOfValues({ ...profile, revenue: '12.345' });
    expect(sent.revenue).toBe('12.345');
    const result = validateProfile(sent);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['/revenue']);
  });

  it('drops list rows left empty and the empty parts of a row; an emptied list says "none"', () => {
    const sent = profileOfValues({
      ...profile,
      qualifications: [{ kind: 'tech_sme', certificateNo: '', validFrom: undefined }, {} as never],
      contacts: [],
    });
    expect(sent.qualifications).toEqual([{ kind: 'tech_sme' }]);
    expect(sent.contacts).toEqual([]);
    expect(sent).not.toHaveProperty('catalogueListings');
  });
});
