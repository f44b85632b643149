import { describe, expect, it } from 'vitest';
import {
  contributionDelta,
  contributionRows,
  type ExposureSubject,
} from '../src/modules/monitor/contribution.ts';
import { checkRegistration, columnsOf } from '../src/modules/monitor/registration-rows.ts';

const subject: ExposureSubject = {
  source: 'platform',
  inForce: true,
  statisticalClass: 'base',
  productCode: 'KB-BR-CYBER',
  poolCode: null,
  sandbox: false,
  industry: 'C39',
  region: '310115',
  lines: [
    { orgId: 'a', sumInsured: 600n, premium: 60n, netSumInsured: 420n, netPremium: 42n },
    { orgId: 'b', sumInsured: 400n, premium: 40n, netSumInsured: 400n, netPremium: 40n },
  ],
};

describe('a policy’s contribution to the exposure', () => {
  it('counts the whole policy under each dimension and each insurer’s own line', () => {
    const rows = contributionRows(subject);
    expect(rows.find((r) => r[0] === 'zone')).toEqual(['zone', 'all', '1000', '100', '820', '82', 1]);
    expect(rows.find((r) => r[0] === 'industry_insurer' && r[1] === 'C39|a')).toEqual([
      'industry_insurer',
      'C39|a',
      '600',
      '60',
      '420',
      '42',
      1,
    ]);
    expect(rows.filter((r) => r[0] === 'insurer')).toEqual([
      ['insurer', 'a', '600', '60', '420', '42', 1],
      ['insurer', 'b', '400', '40', '400', '40', 1],
    ]);
    expect(contributionRows({ ...subject, inForce: false })).toEqual([]);
  });

  it('a change is the difference: an endorsement moves only what changed; a cancellation takes it all out', () => {
    const before = contributionRows(subject);
    const bigger = contributionRows({
      ...subject,
      lines: [
        subject.lines[0] as never,
        { orgId: 'b', sumInsured: 500n, premium: 50n, netSumInsured: 500n, netPremium: 50n },
      ],
    });
    const delta = contributionDelta(before, bigger);
    expect(delta.find((r) => r[0] === 'insurer' && r[1] === 'a')).toBeUndefined();
    expect(delta.find((r) => r[0] === 'insurer' && r[1] === 'b')).toEqual([
      'insurer',
      'b',
      '100',
      '10',
      '100',
      '10',
      0,
    ]);
    const out = contributionDelta(before, []);
    expect(out.find((r) => r[0] === 'zone')).toEqual(['zone', 'all', '-1000', '-100', '-820', '-82', -1]);
    expect(contributionDelta(before, before)).toEqual([]);
  });
});

describe('a registration row', () => {
  const good = {
    policyNumber: 'EXT-1',
    statisticalClass: '知识产权',
    insuredUscc: '91310115MA1K4D3X0X',
    insuredName: '示例公司',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    share: '40%',
    sumInsured: '1,000,000.00',
    premium: '8000',
  };

  it('takes Chinese class names, a percent share and grouped amounts; the same row has the same checksum', () => {
    const valid = '91310115MA1K4D3X0';
    // the check character of the demo code, whatever it is, is found by trying the alphabet
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const uscc = [...alphabet]
      .map((c) => valid + c)
      .find((code) => checkRegistration({ ...good, insuredUscc: code }, 2).ok);
    expect(uscc).toBeDefined();
    const a = checkRegistration({ ...good, insuredUscc: uscc }, 2);
    const b = checkRegistration({ ...good, insuredUscc: uscc }, 9);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value).toMatchObject({
      statisticalClass: 'intellectual_property',
      share: 400_000,
      sumInsured: 100_000_000n,
    });
    expect(a.value.checksum).toBe(b.value.checksum);
  });

  it('names every bad field with the row', () => {
    const r = checkRegistration(
      { ...good, insuredUscc: '123', endDate: '2025-01-01', share: '0', premium: '-1' },
      7,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [7, 'insuredUscc'],
      [7, 'endDate'],
      [7, 'share'],
      [7, 'premium'],
    ]);
  });

  it('reads headers by field name or Chinese name', () => {
    expect(columnsOf(['保单号', 'sumInsured', '备注'])).toEqual({
      fields: ['policyNumber', 'sumInsured', null],
      unknown: ['备注'],
    });
  });
});
