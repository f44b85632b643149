import { describe, expect, it } from 'vitest';
import { quoteFields } from '../../catalog/factWalker.ts';
import { shippedProduct } from '../../catalog/shippedProducts.fixture.ts';
import { fieldOfErrorPath, fieldOfFact, initialQuoteValues, inputOf, toPreviewBody } from './quoteForm.ts';

const cyber = shippedProduct('KB-BR-CYBER');
const fields = quoteFields(cyber);

describe('from the quote form to the preview request', () => {
  it('sends amounts as two-place yuan strings, integers as numbers and leaves blanks out', () => {
    expect(inputOf('money', ' 7,700,000 ')).toBe('7700000.00');
    expect(inputOf('money', '12.345')).toBe('12.345'); // sent as typed: the server names the problem
    expect(inputOf('money', 5000)).toBe('5000');
    expect(inputOf('integer', 12)).toBe(12);
    expect(inputOf('integer', '12')).toBe(12);
    expect(inputOf('decimal', ' 0.8 ')).toBe('0.8');
    expect(inputOf('boolean', 'false')).toBe(false);
    expect(inputOf('boolean', true)).toBe(true);
    expect(inputOf('set', [' a ', 'a', '', 'b'])).toEqual(['a', 'b']);
    expect(inputOf('set', [])).toBeUndefined();
    expect(inputOf('string', '   ')).toBeUndefined();
    expect(inputOf('integer', null)).toBeUndefined();
    expect(inputOf('integer', Number.NaN)).toBeUndefined();
  });

  it('builds the body from the fields the product asks for, options included', () => {
    const body = toPreviewBody({ code: 'KB-BR-CYBER', version: 1 }, fields, {
      enterprise: { scoreBand: 'B', dishonest: 'false', claimsLast3Years: 0, staff: 99, industry: '' },
      request: {
        limit: '7700000',
        termDays: 200,
        sumInsured: '1', // not a field of this product: ignored
        options: { deductible: '20000.00', extortion: true, tech_eo: undefined, security_level: null },
      },
    });
    expect(body).toEqual({
      productCode: 'KB-BR-CYBER',
      version: 1,
      enterprise: { scoreBand: 'B', claimsLast3Years: 0, dishonest: false },
      request: { limit: '7700000.00', termDays: 200, options: { extortion: true, deductible: '20000.00' } },
    });
  });

  it('leaves options out altogether when none is set', () => {
    const body = toPreviewBody({ code: 'KB-BR-CYBER', version: 1 }, fields, { request: { options: {} } });
    expect(body.request).toEqual({});
    expect(body.enterprise).toEqual({});
  });

  it('starts each option at its default', () => {
    expect(initialQuoteValues(cyber)).toEqual({
      enterprise: {},
      request: {
        options: { security_level: 'level_2', extortion: true, tech_eo: false, deductible: '50000.00' },
      },
    });
  });

  it('finds the field of a missing fact and of a server error path', () => {
    expect(fieldOfFact(fields, 'enterprise.creditGrade')).toEqual(['enterprise', 'creditGrade']);
    expect(fieldOfFact(fields, 'request.options.deductible')).toEqual(['request', 'options', 'deductible']);
    expect(fieldOfFact(fields, 'request.limit')).toEqual(['request', 'limit']);
    expect(fieldOfFact(fields, 'enterprise.trl')).toBeNull(); // not asked by this product
    expect(fieldOfFact(fields, 'request.options.nope')).toBeNull();
    expect(fieldOfErrorPath(fields, ['request', 'options', 'deductible'])).toEqual([
      'request',
      'options',
      'deductible',
    ]);
    expect(fieldOfErrorPath(fields, ['enterprise', 'industry', '0'])).toEqual(['enterprise', 'industry']);
    expect(fieldOfErrorPath(fields, ['request', 'limit'])).toEqual(['request', 'limit']);
    expect(fieldOfErrorPath(fields, ['productCode'])).toBeNull();
    expect(fieldOfErrorPath(fields, ['request'])).toBeNull();
  });
});
