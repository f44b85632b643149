import { describe, expect, it } from 'vitest';
import { barredUntil, clawbackAmount } from './clawback.ts';
import type { SubsidyProgramme } from './programme.ts';
import { loadProgramme, yuan } from './shipped-programmes.fixture.ts';

const tiered = loadProgramme('shanghai-2025-tiered');
const withRule = (onCancellation: SubsidyProgramme['clawback']['onCancellation']): SubsidyProgramme => ({
  ...tiered,
  clawback: { ...tiered.clawback, onCancellation },
});

describe('claw-back on cancellation', () => {
  it('takes back the part of the grant pro rata to the refunded premium', () => {
    // 182 of 365 days refunded on a 36,500.00 premium: 18,200.00 refunded; grant 18,250.00 → 9,100.00.
    const taken = clawbackAmount(tiered, yuan('18250.00'), {
      refund: yuan('18200.00'),
      premium: yuan('36500.00'),
    });
    expect(taken).toBe(yuan('9100.00'));
  });

  it('splits exactly: taken back and kept add up to the grant, rounding the half fen back', () => {
    // 0.01 × 1/2: the half fen goes to the part taken back (largest remainder, ties to the first part).
    expect(clawbackAmount(tiered, 1n, { refund: 50n, premium: 100n })).toBe(1n);
    expect(clawbackAmount(tiered, 10n, { refund: 1n, premium: 3n })).toBe(3n);
    expect(clawbackAmount(tiered, 10n, { refund: 2n, premium: 3n })).toBe(7n);
  });

  it('takes all on a full refund, nothing without one', () => {
    expect(clawbackAmount(tiered, 500n, { refund: 1000n, premium: 1000n })).toBe(500n);
    expect(clawbackAmount(tiered, 500n, { refund: 0n, premium: 1000n })).toBe(0n);
  });

  it('follows the programme’s rule: full or none', () => {
    expect(clawbackAmount(withRule('full'), 500n, { refund: 1n, premium: 1000n })).toBe(500n);
    expect(clawbackAmount(withRule('none'), 500n, { refund: 1000n, premium: 1000n })).toBe(0n);
  });

  it('takes all of it after fraud, whatever the rule, and bars the enterprise for the programme’s years', () => {
    expect(clawbackAmount(withRule('none'), 500n, { refund: 0n, premium: 1000n, fraud: true })).toBe(500n);
    expect(barredUntil(tiered, '2025-07-15')).toBe('2028-07-15');
    expect(barredUntil(loadProgramme('suzhou-city'), '2025-07-15')).toBeNull();
  });

  it('refuses negative amounts', () => {
    expect(() => clawbackAmount(tiered, -1n, { refund: 0n, premium: 1n })).toThrow(RangeError);
  });
});
