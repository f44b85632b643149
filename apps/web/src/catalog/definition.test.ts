import type { ProductDefinition as DomainDefinition } from '@kebao/domain/catalog';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ProductDefinition, readDefinition } from './definition.ts';
import { shippedProducts } from './shippedProducts.fixture.ts';

describe('the web app’s reading of a product definition', () => {
  it('fits every definition the domain accepts (a type check: tsc fails when the domain moves on)', () => {
    expectTypeOf<DomainDefinition>().toExtend<ProductDefinition>();
  });

  it('reads every shipped product and refuses what is not a definition', () => {
    expect(shippedProducts()).toHaveLength(19);
    expect(readDefinition(null)).toBeNull();
    expect(readDefinition({ code: 'KB-RD-X' })).toBeNull();
    expect(readDefinition([])).toBeNull();
  });
});
