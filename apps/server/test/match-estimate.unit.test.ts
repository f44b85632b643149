import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ProductDefinition, validateDefinition } from '@kebao/domain/catalog';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG_DIR } from '../src/modules/catalog/load-catalog.ts';
import { estimatePremium } from '../src/modules/matching/estimate.ts';

function product(code: string): ProductDefinition {
  const result = validateDefinition(
    parse(readFileSync(path.join(CATALOG_DIR, 'products', `${code}.yaml`), 'utf8')),
  );
  if (!result.ok) throw new Error(`${code} does not validate`);
  return result.definition;
}

const facts = {
  staff: 120,
  techStaff: 40,
  revenue: '40000000.00',
  totalAssets: '300000000.00',
  rdExpense: '2400000.00',
  frontierTags: ['ic'],
  trl: 7,
  yearsInOperation: 6,
  scoreBand: 'B',
  creditGrade: 'A',
  dishonest: false,
  claimsLast3Years: 0,
};

describe('the indicative premium of a match', () => {
  it('prices the sum insured at the total assets, first year, options at their first choice', () => {
    const estimate = estimatePremium(product('KB-BR-ICPOOL'), facts);
    expect(estimate).not.toBeNull();
    expect(estimate?.request.sumInsured).toBe('300000000.00');
    expect(estimate?.request.continuousYear).toBe(1);
    expect(Object.keys(estimate?.request.options ?? {})).toContain('fab_type');
    expect(estimate?.premiumFen).toBeGreaterThan(0n);
    expect(estimate?.premium).toMatch(/^\d+\.\d{2}$/);
  });

  it('falls back to the reference amount when the profile lacks it, and says so in the request', () => {
    const { totalAssets: _assets, ...withoutAssets } = facts;
    const estimate = estimatePremium(product('KB-RD-EQUIP'), withoutAssets);
    expect(estimate?.request.sumInsured).toBe('10000000.00');
    expect(estimate?.premiumFen).toBeGreaterThan(0n);
  });

  it('gives no estimate when the reference request is not quotable', () => {
    // The IC pool insures from 100 million yuan: 20 million of assets is below its floor.
    expect(estimatePremium(product('KB-BR-ICPOOL'), { ...facts, totalAssets: '20000000.00' })).toBeNull();
  });

  it('gives no estimate for a product the enterprise is declined for', () => {
    expect(
      estimatePremium(product('KB-BR-ICPOOL'), { ...facts, creditGrade: 'D', dishonest: true }),
    ).toBeNull();
  });

  it('is the same premium for the same inputs, always', () => {
    const a = estimatePremium(product('KB-BR-CYBER'), facts);
    const b = estimatePremium(product('KB-BR-CYBER'), facts);
    expect(a?.premiumFen).toBe(b?.premiumFen);
    expect(a?.request.limit).toBe('10000000.00');
  });
});
