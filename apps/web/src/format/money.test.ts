import { describe, expect, it } from 'vitest';
import { groupYuan, normaliseYuan } from './money.ts';

describe('showing and entering yuan amounts', () => {
  it('groups thousands without passing through a float', () => {
    expect(groupYuan('1000000.00')).toBe('1,000,000.00');
    expect(groupYuan('9007199254740993.07')).toBe('9,007,199,254,740,993.07');
    expect(groupYuan('-1234.5')).toBe('-1,234.50');
    expect(groupYuan('not money')).toBe('not money');
  });

  it('normalises what people type to two places, refusing more than two decimals', () => {
    expect(normaliseYuan('1,000,000')).toBe('1000000.00');
    expect(normaliseYuan(' 50000000.5 ')).toBe('50000000.50');
    expect(normaliseYuan('12.345')).toBeNull();
    expect(normaliseYuan('1e5')).toBeNull();
    expect(normaliseYuan('-3')).toBeNull();
  });
});
