import { Permission, roleDefinitions } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import { activeNavKey, navItems, navLabel, navTestId, showsNavItem } from '../layout/nav.ts';

const monitorKeys = new Set([
  'monitorCockpit',
  'monitorAlerts',
  'monitorStatistics',
  'monitorIndex',
  'monitorRisk',
  'registrations',
]);

/** The monitoring items of the menu a holder of `permissions` sees, with their names. */
function menuOf(permissions: readonly string[]): string[] {
  return navItems
    .filter((item) => monitorKeys.has(item.key) && showsNavItem(item, permissions))
    .map((item) => navLabel(item, permissions));
}

describe('the menu of monitoring', () => {
  it('shows regulators and the platform the cockpit, alerts, statistics, the index and risk runs', () => {
    const cockpit = ['monitorCockpit', 'monitorAlerts', 'monitorStatistics', 'monitorIndex', 'monitorRisk'];
    expect(menuOf(roleDefinitions.regulator_supervisor.permissions)).toEqual(cockpit);
    expect(menuOf(roleDefinitions.regulator_analyst.permissions)).toEqual(cockpit);
    expect(menuOf(roleDefinitions.platform_admin.permissions)).toEqual(cockpit);
  });

  it('shows an insurer admin its zone monitoring and policy registration', () => {
    expect(menuOf(roleDefinitions.insurer_admin.permissions)).toEqual([
      'monitorCockpitInsurer',
      'monitorAlerts',
      'monitorStatistics',
      'monitorIndex',
      'monitorRisk',
      'registrations',
    ]);
  });

  it('shows nothing of monitoring to others', () => {
    for (const role of [
      'enterprise_admin',
      'underwriter',
      'broker_admin',
      'funder_admin',
      'pool_expert',
    ] as const)
      expect(menuOf(roleDefinitions[role].permissions)).toEqual([]);
    expect(menuOf([Permission.PolicyReadAll])).toEqual([]);
  });

  it('keeps each page under its own item and names the items for the tests', () => {
    expect(activeNavKey('/monitor')).toBe('monitorCockpit');
    expect(activeNavKey('/monitor/alerts')).toBe('monitorAlerts');
    expect(activeNavKey('/monitor/statistics')).toBe('monitorStatistics');
    expect(activeNavKey('/monitor/index')).toBe('monitorIndex');
    expect(activeNavKey('/monitor/risk')).toBe('monitorRisk');
    expect(activeNavKey('/registrations')).toBe('registrations');
    expect(navTestId('monitorCockpit')).toBe('nav-monitor-cockpit');
    expect(navTestId('registrations')).toBe('nav-registrations');
    expect(navTestId('monitorRisk')).toBe('nav-monitor-risk');
  });
});
