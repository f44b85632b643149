import { Permission, roleDefinitions } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { activeNavKey, navItems, navLabel, navTestId, showsNavItem } from '../layout/nav.ts';

const claimKeys = new Set(['claims', 'claimDisputes', 'reserving', 'expertPool', 'expertWork']);

/** The claims items of the menu a holder of `permissions` sees, with their names. */
function menuOf(permissions: readonly string[]): string[] {
  return navItems
    .filter((item) => claimKeys.has(item.key) && showsNavItem(item, permissions))
    .map((item) => navLabel(item, permissions));
}

describe('the menu of claims', () => {
  it('shows an enterprise and a broker 理赔 only (disputes are on the claim’s page)', () => {
    expect(menuOf(roleDefinitions.enterprise_admin.permissions)).toEqual(['claims']);
    expect(menuOf(roleDefinitions.enterprise_member.permissions)).toEqual(['claims']);
    expect(menuOf(roleDefinitions.broker_admin.permissions)).toEqual(['claims']);
  });

  it('shows the insurer’s claims staff the disputes they answer, and reserving to those who read it', () => {
    expect(menuOf(roleDefinitions.insurer_admin.permissions)).toEqual([
      'claims',
      'claimDisputes',
      'reserving',
    ]);
    expect(menuOf(roleDefinitions.claims_handler.permissions)).toEqual(['claims', 'claimDisputes']);
    expect(menuOf(roleDefinitions.claims_manager.permissions)).toEqual([
      'claims',
      'claimDisputes',
      'reserving',
    ]);
    expect(menuOf(roleDefinitions.underwriter.permissions)).toEqual(['claims']);
  });

  it('shows the regulator the backlog, disputes and reserving; the platform the expert pool too', () => {
    expect(menuOf(roleDefinitions.regulator_supervisor.permissions)).toEqual([
      'claims',
      'claimDisputes',
      'reserving',
    ]);
    expect(menuOf(roleDefinitions.platform_admin.permissions)).toEqual([
      'claims',
      'claimDisputes',
      'reserving',
      'expertPool',
    ]);
  });

  it('shows a pool expert the claims assigned to it and its workspace', () => {
    expect(menuOf(roleDefinitions.pool_expert.permissions)).toEqual(['claims', 'expertWork']);
  });

  it('shows nothing of claims without their permissions', () => {
    expect(menuOf([Permission.QuoteUnderwrite, Permission.LedgerRead])).toEqual([]);
  });

  it('keeps each page under its own item and names the items for the tests', () => {
    const id = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
    expect(activeNavKey(`/claims/${id}`)).toBe('claims');
    expect(activeNavKey('/claims/disputes')).toBe('claimDisputes');
    expect(activeNavKey('/claims/reserving')).toBe('reserving');
    expect(activeNavKey('/claims/experts')).toBe('expertPool');
    expect(activeNavKey('/expert/assignments')).toBe('expertWork');
    expect(navTestId('claimDisputes')).toBe('nav-claim-disputes');
    expect(navTestId('expertWork')).toBe('nav-expert-work');
  });
});
