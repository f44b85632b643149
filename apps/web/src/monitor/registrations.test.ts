import { describe, expect, it } from 'vitest';
import { bordereauTemplate, readRegistered, refusedRows, sortedRowErrors } from './registrations.ts';

const error = (row: number, field: string) => ({
  row,
  field,
  message_zh: `${field}有误`,
  message_en: `${field} is wrong`,
});

describe('policy registration', () => {
  it('offers a template with the Chinese headers in the order of the rules, readable by Excel', () => {
    expect(bordereauTemplate()).toBe(
      '\uFEFF保单号,产品代码,统计类别,被保险人统一社会信用代码,被保险人名称,行业代码,行政区划代码,起保日期,终保日期,保单状态,承保份额,保险金额,保费,已决赔款,已发生赔款\r\n',
    );
  });

  it('lists errors by row, then in the order of the columns, and counts the rows refused', () => {
    const errors = [
      error(5, 'premium'),
      error(4, 'sumInsured'),
      error(4, 'insuredUscc'),
      error(4, 'mystery'),
    ];
    expect(sortedRowErrors(errors).map((e) => `${e.row}:${e.field}`)).toEqual([
      '4:insuredUscc',
      '4:sumInsured',
      '4:mystery',
      '5:premium',
    ]);
    expect(refusedRows(errors)).toBe(2);
    expect(refusedRows([])).toBe(0);
  });

  it('reads a registered policy and refuses what is not one', () => {
    expect(
      readRegistered({
        id: 'a',
        policyNumber: 'EXT-1',
        productCode: null,
        statisticalClass: 'application',
        insured: { uscc: '91310115MA1K4D3X0W', name: '某公司' },
        industry: 'C39',
        region: '310115',
        startDate: '2026-01-01',
        endDate: '2027-01-01',
        status: 'in_force',
        share: '100.0000',
        sumInsured: '1.00',
        premium: '0.10',
        claimsPaid: '0.00',
        claimsIncurred: '0.00',
        updatedAt: '2026-01-01T00:00:00Z',
      }),
    ).toMatchObject({
      policyNumber: 'EXT-1',
      insured: { name: '某公司' },
      productCode: null,
      region: '310115',
    });
    expect(readRegistered({ id: 'a' })).toBeNull();
    expect(readRegistered('x')).toBeNull();
  });
});
