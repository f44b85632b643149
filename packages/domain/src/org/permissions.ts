/**
 * The one permission vocabulary (权限). Every HTTP route declares one of these, or `public` /
 * `session`; roles map to sets of them (see roles.ts). A `*.read_all` permission crosses
 * organisation boundaries; its plain counterpart is scoped to the actor's own organisation.
 */
export const Permission = {
  OrgRead: 'org.read',
  OrgReadAll: 'org.read_all',
  OrgManage: 'org.manage',
  UserRead: 'user.read',
  UserManage: 'user.manage',
  UserManageAll: 'user.manage_all',
  TokenManage: 'token.manage',
  AuditRead: 'audit.read',
  AuditReadAll: 'audit.read_all',
  EventsRead: 'events.read',
  EventsReadAll: 'events.read_all',
  ProductPublish: 'product.publish',
  ProductReview: 'product.review',
  ProductReadAll: 'product.read_all',
  EnterpriseSelf: 'enterprise.self',
  EnterpriseReadAll: 'enterprise.read_all',
  EnterpriseManage: 'enterprise.manage',
  CreditRecord: 'credit.record',
  EnterpriseSearch: 'enterprise.search',
  LeadRead: 'lead.read',
  QuoteRequest: 'quote.request',
  QuoteUnderwrite: 'quote.underwrite',
  PlacementWrite: 'placement.write',
  PolicyRead: 'policy.read',
  PolicyReadAll: 'policy.read_all',
  PolicyManage: 'policy.manage',
  ReinsuranceManage: 'reinsurance.manage',
  PoolManage: 'pool.manage',
  LedgerRead: 'ledger.read',
  LedgerReadAll: 'ledger.read_all',
  LedgerManage: 'ledger.manage',
  LedgerClose: 'ledger.close',
  SubsidyRead: 'subsidy.read',
  SubsidyReadAll: 'subsidy.read_all',
  SubsidyManage: 'subsidy.manage',
  ClaimFile: 'claim.file',
  ClaimRead: 'claim.read',
  ClaimReadAll: 'claim.read_all',
  ClaimHandle: 'claim.handle',
  ExpertManage: 'expert.manage',
  ExpertWork: 'expert.work',
  DisputeMediate: 'dispute.mediate',
  ReservingRead: 'reserving.read',
  MonitorRead: 'monitor.read',
  MonitorReadAll: 'monitor.read_all',
  MonitorManage: 'monitor.manage',
  RegistrationSubmit: 'registration.submit',
  WebhookManage: 'webhook.manage',
  CalendarManage: 'calendar.manage',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export const allPermissions: readonly Permission[] = Object.values(Permission);

export function isPermission(value: string): value is Permission {
  return (allPermissions as readonly string[]).includes(value);
}

/** Labels shown wherever a permission is listed (token scopes, role tables). */
export const permissionLabels: Record<Permission, { zh: string; en: string }> = {
  'org.read': { zh: '查看本机构', en: 'Read own organisation' },
  'org.read_all': { zh: '查看全部机构', en: 'Read all organisations' },
  'org.manage': { zh: '管理机构', en: 'Manage organisations' },
  'user.read': { zh: '查看本机构用户', en: 'Read own users' },
  'user.manage': { zh: '管理本机构用户', en: 'Manage own users' },
  'user.manage_all': { zh: '管理全部机构用户', en: 'Manage users of any organisation' },
  'token.manage': { zh: '管理接口令牌', en: 'Manage API tokens' },
  'audit.read': { zh: '查看本机构审计日志', en: 'Read own audit log' },
  'audit.read_all': { zh: '查看全部审计日志', en: 'Read the whole audit log' },
  'events.read': { zh: '接收本机构事件', en: 'Receive own events' },
  'events.read_all': { zh: '接收全部事件', en: 'Receive all events' },
  'product.publish': { zh: '发布与报备本公司产品', en: "Publish and file own organisation's products" },
  'product.review': { zh: '审查产品报备与沙盒', en: 'Review product filings and the sandbox' },
  'product.read_all': { zh: '查看全部产品（含草稿）', en: 'Read all products, drafts included' },
  'enterprise.self': { zh: '查看与维护本企业画像', en: "Read and keep own enterprise's profile" },
  'enterprise.read_all': { zh: '查看全部企业名录', en: 'Read the whole enterprise registry' },
  'enterprise.manage': { zh: '维护企业名录（含批量导入）', en: 'Maintain the registry, imports included' },
  'credit.record': { zh: '登记企业信用记录', en: 'Record enterprise credit events' },
  'enterprise.search': {
    zh: '按名称或统一社会信用代码检索企业名录（仅名称、代码、地区、行业）',
    en: 'Search the registry by name or USCC (name, code, region, industry only)',
  },
  'lead.read': { zh: '查看同意推送的企业线索', en: 'Read leads of enterprises that consented' },
  'quote.request': {
    zh: '询价、接受报价与投保（本企业或委托客户）',
    en: 'Ask for quotes, accept and bind (own or mandated clients)',
  },
  'quote.underwrite': {
    zh: '核保：处理本公司的转人工报价',
    en: "Underwrite: decide own company's referred quotes",
  },
  'placement.write': {
    zh: '共保：签写份额、邀请共保人、安排临分',
    en: 'Co-insurance: write lines, invite followers, arrange facultative',
  },
  'policy.read': { zh: '查看相关保单（本企业、客户或参与共保的）', en: 'Read policies one is party to' },
  'policy.read_all': { zh: '查看全部保单', en: 'Read all policies' },
  'policy.manage': { zh: '批改与注销本公司主承保的保单', en: 'Endorse and cancel policies one leads' },
  'reinsurance.manage': {
    zh: '维护本公司再保合约与自留额',
    en: 'Maintain own reinsurance treaties and retention',
  },
  'pool.manage': { zh: '管理共保体及其成员', en: 'Manage co-insurance pools and their members' },
  'ledger.read': { zh: '查看本机构账单、收付款与结算', en: 'Read own bills, payments and settlements' },
  'ledger.read_all': { zh: '查看全平台账务与试算平衡', en: 'Read the whole ledger and trial balance' },
  'ledger.manage': { zh: '登记收付款、分期与结算', en: 'Record payments, instalments and settlements' },
  'ledger.close': { zh: '执行月结', en: 'Run the monthly close' },
  'subsidy.read': { zh: '查看补贴项目与本机构相关的补贴', en: 'Read subsidy programmes and own grants' },
  'subsidy.read_all': { zh: '查看全部补贴', en: 'Read every grant' },
  'subsidy.manage': {
    zh: '管理本机构补贴项目、审核与拨付',
    en: "Run own organisation's programmes: review and pay",
  },
  'claim.file': { zh: '报案与索赔（本企业或委托客户）', en: 'File claims (own or mandated clients)' },
  'claim.read': { zh: '查看相关赔案', en: 'Read claims one is party to' },
  'claim.read_all': { zh: '查看全部赔案与纠纷', en: 'Read every claim and dispute' },
  'claim.handle': {
    zh: '理赔：立案、定损、准备金、核赔与支付（本公司主承保）',
    en: 'Handle claims on policies one leads: reserve, approve, pay',
  },
  'expert.manage': { zh: '管理专家库', en: 'Manage the expert pool' },
  'expert.work': { zh: '专家：查看受托赔案并提交报告', en: 'Expert: read assigned claims, submit reports' },
  'dispute.mediate': { zh: '理赔纠纷调解', en: 'Mediate claim disputes' },
  'monitor.read': {
    zh: '查看监测：本公司敞口、预警与公开的区域总量',
    en: 'Monitoring: own exposure and alerts, public zone totals',
  },
  'monitor.read_all': { zh: '查看全部监测数据（驾驶舱）', en: 'Read all monitoring (the cockpit)' },
  'monitor.manage': {
    zh: '管理预警规则、处理预警、设定区域目标、发布发展指数',
    en: 'Run alert rules and alerts, zone targets, publish the index',
  },
  'registration.submit': {
    zh: '登记场外承保的科技保险保单（接口或清单）',
    en: 'Register policies written off the platform (API or bordereau)',
  },
  'reserving.read': {
    zh: '查看准备金评估（本公司份额或全平台）',
    en: 'Read reserving: own shares, or the platform',
  },
  'webhook.manage': {
    zh: '管理本机构的预警推送（Webhook）订阅',
    en: "Manage the organisation's alert webhook subscriptions",
  },
  'calendar.manage': {
    zh: '维护工作日历（法定节假日与调休上班日）',
    en: 'Maintain the working-day calendar (public holidays, weekend days worked)',
  },
};
