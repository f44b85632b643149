import { Permission, roleDefinitions } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { activeNavKey, navItems, navLabel } from '../layout/nav.ts';

const policyKeys = new Set(['quotes', 'underwriting', 'placements', 'policies']);

/** The quote and policy items of the menu a holder of `permissions` sees, with their names. */
function menuOf(permissions: readonly string[]): string[] {
  return navItems
    .filter((item) => policyKeys.has(item.key))
    .filter((item) => item.anyOf.some((p) => permissions.includes(p)))
    .map((item) => navLabel(item, permissions));
}

describe('the menu of quotes, underwriting, placement and policies', () => {
  it('shows 我的报价 and 保单 to whoever asks for quotes', () => {
    expect(menuOf([Permission.QuoteRequest])).toEqual(['quotes', 'policies']);
    expect(menuOf(roleDefinitions.enterprise_admin.permissions)).toEqual(['quotes', 'policies']);
    expect(menuOf(roleDefinitions.broker_agent.permissions)).toEqual(['quotes', 'policies']);
  });

  it('shows underwriters 报价, 核保工作台, 共保安排 and 保单', () => {
    expect(menuOf([Permission.QuoteUnderwrite])).toEqual([
      'quotesInsurer',
      'underwriting',
      'placements',
      'policies',
    ]);
    expect(menuOf(roleDefinitions.insurer_admin.permissions)).toEqual([
      'quotesInsurer',
      'underwriting',
      'placements',
      'policies',
    ]);
  });

  it('shows readers of every policy only 保单', () => {
    expect(menuOf([Permission.PolicyReadAll])).toEqual(['policies']);
    expect(menuOf(roleDefinitions.regulator_supervisor.permissions)).toEqual(['policies']);
  });

  it('keeps the detail pages under their list in the menu', () => {
    expect(activeNavKey('/quotes/0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10')).toBe('quotes');
    expect(activeNavKey('/placements/0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10')).toBe('placements');
    expect(activeNavKey('/policies/0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10')).toBe('policies');
  });
});
