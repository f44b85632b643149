import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIVE_SAMES, fiveSamesDifferences, type PlacementTerms, termsFingerprint } from './five-sames.ts';

const lead: PlacementTerms = {
  contract: 'KB-BR-ICPOOL 条款 2026 版',
  subject: '晶圆厂一期厂房及设备',
  liability: ['fire', 'machinery_breakdown', 'business_interruption'],
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  sumInsured: '3000000000.00',
};

describe('the five sames of co-insurance', () => {
  it('finds no difference in the same terms, whatever the order of the liability codes', () => {
    const follower = { ...lead, liability: ['business_interruption', 'fire', 'machinery_breakdown'] };
    expect(fiveSamesDifferences(lead, follower)).toEqual([]);
    expect(termsFingerprint(follower)).toBe(termsFingerprint(lead));
  });

  it('reads the sum insured as an amount, so 1000 and 1000.00 agree', () => {
    expect(fiveSamesDifferences(lead, { ...lead, sumInsured: '3000000000' })).toEqual([]);
  });

  it('names each of the five that differs, in a fixed order', () => {
    expect(fiveSamesDifferences(lead, { ...lead, endDate: '2027-01-31' })).toEqual(['period']);
    expect(fiveSamesDifferences(lead, { ...lead, startDate: '2026-01-02' })).toEqual(['period']);
    expect(fiveSamesDifferences(lead, { ...lead, liability: ['fire'] })).toEqual(['liability']);
    expect(
      fiveSamesDifferences(lead, {
        contract: 'other',
        subject: 'other',
        liability: [],
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        sumInsured: '1.00',
      }),
    ).toEqual([...FIVE_SAMES]);
  });

  it('compares an amount that does not parse as its text, without throwing', () => {
    expect(fiveSamesDifferences({ ...lead, sumInsured: '1,000' }, { ...lead, sumInsured: '1,000' })).toEqual(
      [],
    );
    expect(fiveSamesDifferences({ ...lead, sumInsured: '1,000' }, { ...lead, sumInsured: '1000' })).toEqual([
      'sumInsured',
    ]);
  });

  it('has equal fingerprints exactly when nothing differs', () => {
    const terms = fc.record({
      contract: fc.constantFrom('A', 'B'),
      subject: fc.constantFrom('S', 'T'),
      liability: fc
        .subarray(['fire', 'theft', 'cyber'])
        .chain((codes) => fc.shuffledSubarray(codes, { minLength: codes.length })),
      startDate: fc.constantFrom('2026-01-01', '2026-02-01'),
      endDate: fc.constantFrom('2026-12-31', '2027-01-31'),
      sumInsured: fc.constantFrom('100', '100.00', '100.01'),
    });
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        expect(termsFingerprint(a) === termsFingerprint(b)).toBe(fiveSamesDifferences(a, b).length === 0);
        expect(fiveSamesDifferences(a, b)).toEqual(fiveSamesDifferences(b, a));
      }),
    );
  });
});
