import { describe, expect, it } from 'vitest';
import { absFen, maxFen, minFen, sumFen } from './fen.ts';

describe('small fen helpers', () => {
  it('sums any iterable of fen, empty giving zero', () => {
    expect(sumFen([1n, 2n, -3n, 100n])).toBe(100n);
    expect(sumFen([])).toBe(0n);
    expect(sumFen(new Set([5n, 7n]))).toBe(12n);
  });

  it('finds the least and the most of at least one amount', () => {
    expect(minFen(3n, -2n, 5n)).toBe(-2n);
    expect(maxFen(3n, -2n, 5n)).toBe(5n);
    expect(minFen(7n)).toBe(7n);
  });

  it('takes absolute values', () => {
    expect(absFen(-5n)).toBe(5n);
    expect(absFen(5n)).toBe(5n);
  });
});
