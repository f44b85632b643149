import { describe, expect, it } from 'vitest';
import { approvedQuota, quotaValidUntil } from './quota.ts';
import { loadProgramme } from './shipped-programmes.fixture.ts';

describe('approved quotas', () => {
  const firstSet = loadProgramme('central-first-set-2024');
  const tiered = loadProgramme('shanghai-2025-tiered');

  it('are the programme’s share of the product value, to the fen', () => {
    expect(approvedQuota(firstSet, 300_000_000n)).toBe(9_000_000n);
    expect(approvedQuota(firstSet, 1n)).toBe(0n);
    expect(approvedQuota(tiered, 300_000_000n)).toBeNull();
  });

  it('serve policies starting within quota.years of the approval', () => {
    expect(quotaValidUntil(firstSet, '2026-11-23')).toBe('2029-11-23');
    expect(quotaValidUntil(firstSet, '2028-02-29')).toBe('2031-02-28');
    expect(quotaValidUntil(tiered, '2026-11-23')).toBeNull();
  });
});
