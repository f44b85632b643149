import { describe, expect, it } from 'vitest';
import type { Condition } from './definition.ts';
import { factsRead, quoteFields, visitFactConditions } from './factWalker.ts';
import { shippedProduct, shippedProducts } from './shippedProducts.fixture.ts';
import { enterpriseFacts, requestFacts } from './vocabulary.ts';

describe('the facts a product reads', () => {
  it('visits every condition over one fact, through all, any and not', () => {
    const condition: Condition = {
      all: [
        { fact: 'enterprise.staff', op: 'lte', value: 500 },
        {
          any: [
            { not: { fact: 'enterprise.dishonest', op: 'eq', value: true } },
            { fact: 'enterprise.trl', op: 'missing' },
          ],
        },
      ],
    };
    const seen: string[] = [];
    visitFactConditions(condition, (leaf) => seen.push(leaf.fact));
    expect(seen).toEqual(['enterprise.staff', 'enterprise.dishonest', 'enterprise.trl']);
  });

  it('finds the basis, the rules’ facts and the factors’ facts, with the values they mention', () => {
    const cyber = shippedProduct('KB-BR-CYBER');
    const read = factsRead(cyber);
    expect(read.facts[0]).toBe('request.limit');
    expect(read.facts).toEqual(
      expect.arrayContaining([
        'enterprise.dishonest',
        'enterprise.creditGrade',
        'enterprise.claimsLast3Years',
        'enterprise.scoreBand',
        'enterprise.industry',
        'request.options.security_level',
        'request.options.deductible',
      ]),
    );
    expect(new Set(read.facts).size).toBe(read.facts.length);
    expect(read.values.get('enterprise.industry')).toEqual(['I63', 'I64', 'I65', 'J66', 'Q83']);
    expect(read.values.get('enterprise.creditGrade')).toEqual(['D']);
  });

  it('asks for the request fields and enterprise facts the product needs, in dictionary order', () => {
    const cyber = quoteFields(shippedProduct('KB-BR-CYBER'));
    expect(cyber.request).toEqual(['limit', 'termDays']); // pro rata: the term matters
    expect(cyber.enterprise).toEqual([
      'industry',
      'scoreBand',
      'creditGrade',
      'claimsLast3Years',
      'dishonest',
    ]);
    expect(cyber.options.map((o) => o.key)).toEqual(['security_level', 'extortion', 'tech_eo', 'deductible']);

    const index = quoteFields(shippedProduct('KB-AP-INDEX'));
    expect(index.request).toEqual(['limit']); // annual: no term asked for
    expect(index.enterprise).toEqual(['industry', 'frontierTags', 'scoreBand', 'creditGrade']);

    const loan = quoteFields(shippedProduct('KB-BR-LOAN'));
    expect(loan.request).toEqual(expect.arrayContaining(['loanPrincipal', 'loanInterest', 'termDays']));
  });

  it('only ever asks for facts of the dictionary or the product’s own options', () => {
    const known = new Set([...Object.keys(enterpriseFacts), ...Object.keys(requestFacts)]);
    for (const product of shippedProducts()) {
      const options = new Set(product.options.map((o) => `request.options.${o.key}`));
      for (const fact of factsRead(product).facts)
        expect(known.has(fact) || options.has(fact), fact).toBe(true);
    }
  });
});
