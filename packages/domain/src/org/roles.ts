import type { OrganisationKind } from './organisation-kinds.ts';
import { Permission } from './permissions.ts';

/**
 * Roles (角色) and the permissions each grants. A role belongs to one organisation kind: a user
 * can only hold roles of its own organisation's kind.
 */
export const Role = {
  EnterpriseAdmin: 'enterprise_admin',
  EnterpriseMember: 'enterprise_member',
  InsurerAdmin: 'insurer_admin',
  Underwriter: 'underwriter',
  ClaimsHandler: 'claims_handler',
  ClaimsManager: 'claims_manager',
  BrokerAdmin: 'broker_admin',
  BrokerAgent: 'broker_agent',
  FunderAdmin: 'funder_admin',
  FunderOfficer: 'funder_officer',
  RegulatorSupervisor: 'regulator_supervisor',
  RegulatorAnalyst: 'regulator_analyst',
  PlatformAdmin: 'platform_admin',
  PoolExpert: 'pool_expert',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

const P = Permission;
const orgAdmin = [P.OrgRead, P.UserRead, P.UserManage, P.TokenManage, P.AuditRead, P.EventsRead] as const;
const orgMember = [P.OrgRead, P.UserRead, P.EventsRead] as const;
const enterpriseClaims = [P.ClaimFile, P.ClaimRead] as const;

interface RoleDefinition {
  kind: OrganisationKind;
  label: { zh: string; en: string };
  permissions: readonly Permission[];
}

export const roleDefinitions: Record<Role, RoleDefinition> = {
  enterprise_admin: {
    kind: 'enterprise',
    label: { zh: '企业管理员', en: 'Enterprise admin' },
    permissions: [
      ...orgAdmin,
      P.EnterpriseSelf,
      P.QuoteRequest,
      P.PolicyRead,
      P.LedgerRead,
      P.SubsidyRead,
      ...enterpriseClaims,
    ],
  },
  enterprise_member: {
    kind: 'enterprise',
    label: { zh: '企业经办人', en: 'Enterprise member' },
    permissions: [
      ...orgMember,
      P.EnterpriseSelf,
      P.QuoteRequest,
      P.PolicyRead,
      P.LedgerRead,
      P.SubsidyRead,
      ...enterpriseClaims,
    ],
  },
  insurer_admin: {
    kind: 'insurer',
    label: { zh: '保险公司管理员', en: 'Insurer admin' },
    permissions: [
      ...orgAdmin,
      P.ProductPublish,
      P.LeadRead,
      P.QuoteUnderwrite,
      P.PlacementWrite,
      P.PolicyRead,
      P.PolicyManage,
      P.ReinsuranceManage,
      P.LedgerRead,
      P.LedgerManage,
      P.SubsidyRead,
      P.ClaimRead,
      P.ClaimHandle,
      P.ReservingRead,
      P.MonitorRead,
      P.RegistrationSubmit,
      P.WebhookManage,
    ],
  },
  underwriter: {
    kind: 'insurer',
    label: { zh: '核保人', en: 'Underwriter' },
    permissions: [
      ...orgMember,
      P.LeadRead,
      P.QuoteUnderwrite,
      P.PlacementWrite,
      P.PolicyRead,
      P.PolicyManage,
      P.ClaimRead,
    ],
  },
  claims_handler: {
    kind: 'insurer',
    label: { zh: '理赔人员', en: 'Claims handler' },
    permissions: [...orgMember, P.PolicyRead, P.ClaimRead, P.ClaimHandle],
  },
  claims_manager: {
    kind: 'insurer',
    label: { zh: '理赔经理', en: 'Claims manager' },
    permissions: [...orgMember, P.PolicyRead, P.ClaimRead, P.ClaimHandle, P.ReservingRead],
  },
  broker_admin: {
    kind: 'broker',
    label: { zh: '中介管理员', en: 'Broker admin' },
    permissions: [
      ...orgAdmin,
      P.EnterpriseSearch,
      P.LeadRead,
      P.QuoteRequest,
      P.PolicyRead,
      ...enterpriseClaims,
    ],
  },
  broker_agent: {
    kind: 'broker',
    label: { zh: '中介经办人', en: 'Broker agent' },
    permissions: [
      ...orgMember,
      P.EnterpriseSearch,
      P.LeadRead,
      P.QuoteRequest,
      P.PolicyRead,
      ...enterpriseClaims,
    ],
  },
  funder_admin: {
    kind: 'government',
    label: { zh: '资金方管理员', en: 'Funder admin' },
    permissions: [
      ...orgAdmin,
      P.EnterpriseReadAll,
      P.EnterpriseManage,
      P.CreditRecord,
      P.LedgerRead,
      P.SubsidyRead,
      P.SubsidyManage,
    ],
  },
  funder_officer: {
    kind: 'government',
    label: { zh: '补贴审核员', en: 'Subsidy officer' },
    permissions: [
      ...orgMember,
      P.EnterpriseReadAll,
      P.EnterpriseManage,
      P.CreditRecord,
      P.LedgerRead,
      P.SubsidyRead,
      P.SubsidyManage,
    ],
  },
  regulator_supervisor: {
    kind: 'regulator',
    label: { zh: '监管负责人', en: 'Supervisor' },
    permissions: [
      ...orgAdmin,
      P.OrgReadAll,
      P.AuditReadAll,
      P.EventsReadAll,
      P.ProductReview,
      P.ProductReadAll,
      P.EnterpriseReadAll,
      P.PolicyRead,
      P.PolicyReadAll,
      P.LedgerRead,
      P.LedgerReadAll,
      P.SubsidyRead,
      P.SubsidyReadAll,
      P.ClaimRead,
      P.ClaimReadAll,
      P.ReservingRead,
      P.MonitorRead,
      P.MonitorReadAll,
      P.MonitorManage,
      P.WebhookManage,
    ],
  },
  regulator_analyst: {
    kind: 'regulator',
    label: { zh: '监管分析员', en: 'Analyst' },
    permissions: [
      ...orgMember,
      P.OrgReadAll,
      P.EventsReadAll,
      P.ProductReadAll,
      P.EnterpriseReadAll,
      P.PolicyRead,
      P.PolicyReadAll,
      P.LedgerRead,
      P.LedgerReadAll,
      P.SubsidyRead,
      P.SubsidyReadAll,
      P.ClaimRead,
      P.ClaimReadAll,
      P.ReservingRead,
      P.MonitorRead,
      P.MonitorReadAll,
    ],
  },
  platform_admin: {
    kind: 'platform',
    label: { zh: '平台管理员', en: 'Platform admin' },
    permissions: [
      ...orgAdmin,
      P.OrgReadAll,
      P.OrgManage,
      P.UserManageAll,
      P.AuditReadAll,
      P.EventsReadAll,
      P.ProductReadAll,
      P.EnterpriseReadAll,
      P.EnterpriseManage,
      P.PolicyRead,
      P.PolicyReadAll,
      P.PoolManage,
      P.LedgerRead,
      P.LedgerReadAll,
      P.LedgerClose,
      P.SubsidyRead,
      P.SubsidyReadAll,
      P.ClaimRead,
      P.ClaimReadAll,
      P.ExpertManage,
      P.DisputeMediate,
      P.ReservingRead,
      P.MonitorRead,
      P.MonitorReadAll,
      P.MonitorManage,
      P.WebhookManage,
      P.CalendarManage,
    ],
  },
  pool_expert: {
    kind: 'platform',
    label: { zh: '专家库专家', en: 'Pool expert' },
    permissions: [...orgMember, P.ClaimRead, P.ExpertWork],
  },
};

export const allRoles: readonly Role[] = Object.keys(roleDefinitions) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(roleDefinitions, value);
}

export function rolesForKind(kind: OrganisationKind): Role[] {
  return allRoles.filter((r) => roleDefinitions[r].kind === kind);
}

/** The permissions a set of roles grants, deduplicated and sorted. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of roleDefinitions[role].permissions) set.add(p);
  return [...set].sort();
}
