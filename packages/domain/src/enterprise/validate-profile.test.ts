import { describe, expect, it } from 'vitest';
import type { EnterpriseProfile } from './profile.ts';
import { aProfile } from './shipped-models.fixture.ts';
import { validateProfile } from './validate-profile.ts';

const codes = (document: unknown) => {
  const result = validateProfile(document);
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
};

const complete: EnterpriseProfile = aProfile({
  nameEn: 'Test Technology Co., Ltd.',
  regionCode: '310115',
  industryCode: 'C39',
  frontierTags: ['ic', 'ai'],
  foundedOn: '2016-02-29',
  stage: 'growth',
  staff: 120,
  techStaff: 120,
  postgraduateStaff: 30,
  revenue: '45000000.00',
  revenueLastYear: '38000000.00',
  totalAssets: '60000000.00',
  totalCost: '41000000.00',
  rdExpense: '3200000.00',
  rdExpenseInChina: '3200000.00',
  ipClassI: 3,
  ipClassII: 8,
  qualifications: [
    { kind: 'tech_sme', certificateNo: '2024310115A0001', validFrom: '2024-05-01', validTo: '2024-12-31' },
  ],
  catalogueListings: [{ kind: 'first_set_equipment', item: '12 英寸刻蚀设备', listedOn: '2024-09-30' }],
  projects: [{ name: '刻蚀机', trl: 7 }],
  contacts: [{ name: '张三', email: 'zhang@example.com' }],
  claimsLast3Years: 1,
  lossRatioLast3Years: '0.35',
});

describe('reading an enterprise profile', () => {
  it('accepts a complete profile, parts equal to their whole included', () => {
    expect(codes(complete)).toEqual([]);
  });

  it.each([
    ['Bank of China', '91110000802100433B'],
    ['Tencent (Shenzhen)', '91440300708461136T'],
  ])('accepts the published code of %s', (_, uscc) => {
    expect(validateProfile(aProfile({ uscc })).ok).toBe(true);
  });

  it('refuses a code with one character changed, saying the check character does not match', () => {
    // 91110000802100433B with the 9th character 8 → 9.
    const result = validateProfile(aProfile({ uscc: '91110000902100433B' }));
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '/uscc',
        code: 'profile.uscc_check',
        message_zh: '统一社会信用代码校验位不正确，请逐位核对',
        message_en:
          'the check character of the unified social credit code does not match; check every character',
      },
    ]);
  });

  it('says how long a code of the wrong length is', () => {
    const result = validateProfile(aProfile({ uscc: '91110000802100433' }));
    expect(result.ok ? [] : result.errors).toMatchObject([
      { path: '/uscc', code: 'profile.uscc_length', message_zh: '统一社会信用代码应为 18 位，实为 17 位' },
    ]);
  });

  it('names the first character outside the code alphabet, and asks for capitals', () => {
    const withI = validateProfile(aProfile({ uscc: '9111000080210043IB' }));
    expect(withI.ok ? [] : withI.errors).toMatchObject([
      { path: '/uscc', code: 'profile.uscc_character', message_zh: expect.stringContaining('第 17 位“I”') },
    ]);
    const lower = validateProfile(aProfile({ uscc: '91110000802100433b' }));
    expect(lower.ok ? [] : lower.errors).toMatchObject([
      { code: 'profile.uscc_character', message_zh: expect.stringContaining('字母须大写') },
    ]);
  });

  it('gives schema errors a JSON pointer and words in both languages', () => {
    const result = validateProfile({ ...aProfile(), staff: -1, revenue: '12.345', colour: 'red' });
    const errors = result.ok ? [] : result.errors;
    expect(errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: '/colour', code: 'schema.additionalProperties' },
      { path: '/staff', code: 'schema.minimum' },
      { path: '/revenue', code: 'schema.pattern' },
    ]);
    for (const error of errors) {
      expect(error.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message_en).toMatch(/[a-z]/);
    }
  });

  it('refuses a missing name and a document that is not an object', () => {
    expect(codes({ uscc: '91110000802100433B' })).toEqual([{ path: '/name', code: 'schema.required' }]);
    expect(codes('not a profile')).toEqual([{ path: '', code: 'schema.type' }]);
  });
});

describe('checking what the schema cannot', () => {
  it.each<[string, Partial<EnterpriseProfile>, string, string]>([
    [
      'more tech staff than staff',
      { staff: 10, techStaff: 11 },
      '/techStaff',
      'profile.tech_staff_above_staff',
    ],
    [
      'more postgraduates than staff',
      { staff: 10, postgraduateStaff: 11 },
      '/postgraduateStaff',
      'profile.postgraduates_above_staff',
    ],
    [
      'more R&D in China than R&D (by one fen)',
      { rdExpense: '1000000.00', rdExpenseInChina: '1000000.01' },
      '/rdExpenseInChina',
      'profile.rd_in_china_above_rd',
    ],
    [
      'a founding date that does not exist',
      { foundedOn: '2023-02-29' },
      '/foundedOn',
      'profile.date_nonexistent',
    ],
    [
      'a certificate that ends before it starts',
      { qualifications: [{ kind: 'high_tech_enterprise', validFrom: '2024-01-02', validTo: '2024-01-01' }] },
      '/qualifications/0/validTo',
      'profile.validity_reversed',
    ],
    [
      'a certificate valid from 30 February',
      { qualifications: [{ kind: 'tech_sme', validFrom: '2024-02-30' }] },
      '/qualifications/0/validFrom',
      'profile.date_nonexistent',
    ],
    [
      'a listing on month 13',
      { catalogueListings: [{ kind: 'first_version_software', item: 'EDA 软件', listedOn: '2024-13-01' }] },
      '/catalogueListings/0/listedOn',
      'profile.date_nonexistent',
    ],
    [
      'a negative loss ratio',
      { lossRatioLast3Years: '-0.2' },
      '/lossRatioLast3Years',
      'profile.loss_ratio_negative',
    ],
  ])('refuses %s', (_, fields, path, code) => {
    expect(codes(aProfile(fields))).toEqual([{ path, code }]);
  });

  it('accepts a certificate valid for a single day and a loss ratio of -0', () => {
    const oneDay = { kind: 'tech_sme' as const, validFrom: '2024-03-01', validTo: '2024-03-01' };
    expect(codes(aProfile({ qualifications: [oneDay], lossRatioLast3Years: '-0.0' }))).toEqual([]);
  });
});
