import { Permission, roleDefinitions } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { activeNavKey, navItems, navLabel, showsNavItem } from '../layout/nav.ts';

const ledgerKeys = new Set(['bills', 'finance', 'reconciliation']);

/** The ledger items of the menu a holder of `permissions` sees, with their names. */
function menuOf(permissions: readonly string[]): string[] {
  return navItems
    .filter((item) => ledgerKeys.has(item.key) && showsNavItem(item, permissions))
    .map((item) => navLabel(item, permissions));
}

describe('the menu of bills, finance and reconciliation', () => {
  it('shows an enterprise 账单 and a funder 应付补贴', () => {
    expect(menuOf(roleDefinitions.enterprise_admin.permissions)).toEqual(['bills']);
    expect(menuOf(roleDefinitions.enterprise_member.permissions)).toEqual(['bills']);
    expect(menuOf(roleDefinitions.funder_admin.permissions)).toEqual(['billsFunder']);
  });

  it('shows insurers 财务, not 账单', () => {
    expect(menuOf(roleDefinitions.insurer_admin.permissions)).toEqual(['finance']);
  });

  it('shows regulators and the platform 账务核对', () => {
    expect(menuOf(roleDefinitions.regulator_supervisor.permissions)).toEqual(['reconciliation']);
    expect(menuOf(roleDefinitions.platform_admin.permissions)).toEqual(['reconciliation']);
  });

  it('shows nothing of the ledger without its permissions', () => {
    expect(menuOf([Permission.QuoteRequest, Permission.PolicyRead])).toEqual([]);
  });

  it('keeps the detail pages under their list in the menu', () => {
    const id = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
    expect(activeNavKey(`/bills/${id}`)).toBe('bills');
    expect(activeNavKey(`/finance/invoices/${id}`)).toBe('finance');
    expect(activeNavKey(`/finance/settlements/${id}`)).toBe('finance');
    expect(activeNavKey(`/reconciliation/invoices/${id}`)).toBe('reconciliation');
    expect(activeNavKey(`/reconciliation/settlements/${id}`)).toBe('reconciliation');
  });
});
