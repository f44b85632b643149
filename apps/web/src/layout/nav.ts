import { Permission } from '@kebao/domain/org';

export type NavKey =
  | 'home'
  | 'enterprise'
  | 'recommendations'
  | 'products'
  | 'leads'
  | 'quotes'
  | 'underwriting'
  | 'placements'
  | 'policies'
  | 'claims'
  | 'claimDisputes'
  | 'reserving'
  | 'expertPool'
  | 'expertWork'
  | 'bills'
  | 'finance'
  | 'reconciliation'
  | 'subsidyGrants'
  | 'subsidyReview'
  | 'subsidyProgrammes'
  | 'enterprises'
  | 'monitorCockpit'
  | 'monitorAlerts'
  | 'monitorStatistics'
  | 'monitorIndex'
  | 'monitorRisk'
  | 'registrations'
  | 'filings'
  | 'me'
  | 'orgUsers'
  | 'tokens'
  | 'orgs'
  | 'audit';

/** The menu's names: one per item, and the other name of an item that has one. */
export type NavLabel = NavKey | 'quotesInsurer' | 'billsFunder' | 'monitorCockpitInsurer';

export interface NavItem {
  key: NavKey;
  path: string;
  /** The item and its page are for holders of any one of these; empty means every signed-in user. */
  anyOf: readonly Permission[];
  /** Another name for users without `unless`: insurers read 我的报价 as 报价. */
  otherLabel?: { unless: Permission; label: NavLabel };
  /** Not in the menu of holders of any of these, who have a page of their own for the same thing. */
  hiddenFrom?: readonly Permission[];
}

/** The menu, in order. Routes use the same permission lists, so the menu and the pages agree. */
export const navItems: readonly NavItem[] = [
  { key: 'home', path: '/', anyOf: [] },
  { key: 'enterprise', path: '/enterprise', anyOf: [Permission.EnterpriseSelf] },
  { key: 'recommendations', path: '/enterprise/recommendations', anyOf: [Permission.EnterpriseSelf] },
  { key: 'products', path: '/products', anyOf: [] },
  { key: 'leads', path: '/leads', anyOf: [Permission.LeadRead] },
  {
    key: 'quotes',
    path: '/quotes',
    anyOf: [Permission.QuoteRequest, Permission.QuoteUnderwrite],
    otherLabel: { unless: Permission.QuoteRequest, label: 'quotesInsurer' },
  },
  { key: 'underwriting', path: '/underwriting', anyOf: [Permission.QuoteUnderwrite] },
  { key: 'placements', path: '/placements', anyOf: [Permission.QuoteUnderwrite] },
  {
    key: 'policies',
    path: '/policies',
    anyOf: [Permission.QuoteRequest, Permission.QuoteUnderwrite, Permission.PolicyReadAll],
  },
  // Claims: every party reads its own (an expert those assigned to it), the regulator and the platform all
  // of them; disputes are worked by the lead's claims staff and mediated by the platform; reserving is read
  // by insurers (their own shares) and by the regulator and the platform; the platform keeps the expert
  // pool, whose experts work their assignments.
  { key: 'claims', path: '/claims', anyOf: [Permission.ClaimRead] },
  {
    key: 'claimDisputes',
    path: '/claims/disputes',
    anyOf: [Permission.ClaimHandle, Permission.ClaimReadAll, Permission.DisputeMediate],
  },
  { key: 'reserving', path: '/claims/reserving', anyOf: [Permission.ReservingRead] },
  { key: 'expertPool', path: '/claims/experts', anyOf: [Permission.ExpertManage] },
  { key: 'expertWork', path: '/expert/assignments', anyOf: [Permission.ExpertWork] },
  // Payers read their bills (a funder: the subsidies it owes); insurers keep their books in 财务, readers
  // of the whole ledger reconcile it in 账务核对.
  {
    key: 'bills',
    path: '/bills',
    anyOf: [Permission.LedgerRead],
    otherLabel: { unless: Permission.EnterpriseSelf, label: 'billsFunder' },
    hiddenFrom: [Permission.LedgerManage, Permission.LedgerReadAll],
  },
  { key: 'finance', path: '/finance', anyOf: [Permission.LedgerManage] },
  { key: 'reconciliation', path: '/reconciliation', anyOf: [Permission.LedgerReadAll] },
  // Subsidies: an enterprise follows its own grants (confirms, applies); the funder running a programme
  // reviews and pays; every holder of subsidy.read reads the programmes and their budgets.
  { key: 'subsidyGrants', path: '/subsidy/grants', anyOf: [Permission.EnterpriseSelf] },
  { key: 'subsidyReview', path: '/subsidy/review', anyOf: [Permission.SubsidyManage] },
  { key: 'subsidyProgrammes', path: '/subsidy/programmes', anyOf: [Permission.SubsidyRead] },
  { key: 'enterprises', path: '/enterprises', anyOf: [Permission.EnterpriseReadAll] },
  // Monitoring: the regulator's cockpit over the whole zone (an insurer admin reads the zone's public totals
  // and its own figures there, named 区域监测), its alerts, the statistics and the development index; insurers
  // register the policies written in their own systems (保单登记).
  {
    key: 'monitorCockpit',
    path: '/monitor',
    anyOf: [Permission.MonitorRead],
    otherLabel: { unless: Permission.MonitorReadAll, label: 'monitorCockpitInsurer' },
  },
  { key: 'monitorAlerts', path: '/monitor/alerts', anyOf: [Permission.MonitorRead] },
  { key: 'monitorStatistics', path: '/monitor/statistics', anyOf: [Permission.MonitorRead] },
  { key: 'monitorIndex', path: '/monitor/index', anyOf: [Permission.MonitorRead] },
  // 风险模拟: every reader of the cockpit sees the runs' results (an insurer its own slice); the regulator and
  // the platform (monitor.manage) start and cancel them.
  { key: 'monitorRisk', path: '/monitor/risk', anyOf: [Permission.MonitorRead] },
  { key: 'registrations', path: '/registrations', anyOf: [Permission.RegistrationSubmit] },
  { key: 'filings', path: '/filings', anyOf: [Permission.ProductReview] },
  { key: 'me', path: '/me', anyOf: [] },
  { key: 'orgUsers', path: '/org/users', anyOf: [Permission.UserRead] },
  { key: 'tokens', path: '/tokens', anyOf: [Permission.TokenManage] },
  { key: 'orgs', path: '/orgs', anyOf: [Permission.OrgReadAll] },
  { key: 'audit', path: '/audit', anyOf: [Permission.AuditRead, Permission.AuditReadAll] },
];

export function navItem(key: NavKey): NavItem {
  const item = navItems.find((i) => i.key === key);
  if (!item) throw new Error(`no nav item ${key}`);
  return item;
}

/** Whether the menu shows `item` to a holder of `permissions`. */
export function showsNavItem(item: NavItem, permissions: readonly string[]): boolean {
  const holds = (p: Permission) => permissions.includes(p);
  return (item.anyOf.length === 0 || item.anyOf.some(holds)) && !(item.hiddenFrom ?? []).some(holds);
}

/** The name of an item for a user holding `permissions`. */
export function navLabel(item: NavItem, permissions: readonly string[]): NavLabel {
  return item.otherLabel && !permissions.includes(item.otherLabel.unless) ? item.otherLabel.label : item.key;
}

/** The item whose path is the longest prefix of the current path (`/org/users/x` → orgUsers). */
export function activeNavKey(pathname: string): NavKey | undefined {
  let best: NavItem | undefined;
  for (const item of navItems) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}

/** `data-testid` of a menu item: `nav-home`, `nav-org-users`, … */
export function navTestId(key: NavKey): string {
  return `nav-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
