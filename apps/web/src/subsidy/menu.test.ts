import { Permission, roleDefinitions } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { activeNavKey, navItems, navLabel, showsNavItem } from '../layout/nav.ts';

const subsidyKeys = new Set(['subsidyGrants', 'subsidyReview', 'subsidyProgrammes']);

/** The subsidy items of the menu a holder of `permissions` sees, with their names. */
function menuOf(permissions: readonly string[]): string[] {
  return navItems
    .filter((item) => subsidyKeys.has(item.key) && showsNavItem(item, permissions))
    .map((item) => navLabel(item, permissions));
}

describe('the menu of subsidies', () => {
  it('shows an enterprise 我的补贴 and 补贴项目', () => {
    expect(menuOf(roleDefinitions.enterprise_admin.permissions)).toEqual([
      'subsidyGrants',
      'subsidyProgrammes',
    ]);
    expect(menuOf(roleDefinitions.enterprise_member.permissions)).toEqual([
      'subsidyGrants',
      'subsidyProgrammes',
    ]);
  });

  it('shows a funder 补贴审核 and 补贴项目', () => {
    expect(menuOf(roleDefinitions.funder_admin.permissions)).toEqual(['subsidyReview', 'subsidyProgrammes']);
    expect(menuOf(roleDefinitions.funder_officer.permissions)).toEqual([
      'subsidyReview',
      'subsidyProgrammes',
    ]);
  });

  it('shows insurers, regulators and the platform 补贴项目 only', () => {
    expect(menuOf(roleDefinitions.insurer_admin.permissions)).toEqual(['subsidyProgrammes']);
    expect(menuOf(roleDefinitions.regulator_supervisor.permissions)).toEqual(['subsidyProgrammes']);
    expect(menuOf(roleDefinitions.platform_admin.permissions)).toEqual(['subsidyProgrammes']);
  });

  it('shows nothing of subsidies without their permissions', () => {
    expect(menuOf([Permission.QuoteUnderwrite, Permission.PolicyRead])).toEqual([]);
  });

  it('keeps the detail pages under their list in the menu', () => {
    const id = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
    expect(activeNavKey(`/subsidy/grants/${id}`)).toBe('subsidyGrants');
    expect(activeNavKey(`/subsidy/review/${id}`)).toBe('subsidyReview');
    expect(activeNavKey('/subsidy/programmes/shanghai-2025-tiered')).toBe('subsidyProgrammes');
  });
});
