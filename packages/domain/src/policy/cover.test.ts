import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProductDefinition } from '../catalog/index.ts';
import { coveredSections, sumInsuredOf } from './cover.ts';

const product = (code: string) =>
  parse(
    readFileSync(new URL(`../../../../catalog/products/${code}.yaml`, import.meta.url), 'utf8'),
  ) as ProductDefinition;

describe('cover of a request', () => {
  const icpool = product('KB-BR-ICPOOL');
  const cyber = product('KB-BR-CYBER');

  it('takes the sum insured of the rating basis first', () => {
    expect(sumInsuredOf(icpool, { sumInsured: '100000000.00', limit: '5.00' })).toBe(10_000_000_000n);
    expect(sumInsuredOf(cyber, { sumInsured: '100000000.00', limit: '5000000.00' })).toBe(500_000_000n);
  });

  it('limits sections by basis × multiple, with sublimits as shares of the limit', () => {
    const sections = coveredSections(icpool, { sumInsured: '100000000.00' });
    const bi = sections.find((s) => s.key === 'business_interruption');
    expect(bi?.limit).toBe(3_000_000_000n); // 30 % of 1亿
    const quake = sections
      .find((s) => s.key === 'property_all_risks')
      ?.sublimits.find((x) => x.key === 'earthquake');
    expect(quake?.limit).toBe(1_000_000_000n); // 10 % of the limit
  });

  it('covers an optional section only when its option is chosen', () => {
    expect(coveredSections(icpool, { sumInsured: '100000000.00' }).map((s) => s.key)).not.toContain(
      'construction',
    );
    expect(
      coveredSections(icpool, { sumInsured: '100000000.00', options: { construction: true } }).map(
        (s) => s.key,
      ),
    ).toContain('construction');
  });
});
