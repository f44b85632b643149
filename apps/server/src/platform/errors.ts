/**
 * Application errors rendered as RFC 9457 problem+json with a stable `code`, a Chinese and an
 * English message, and for validation errors the field paths. Every code the API can answer with
 * is listed here, so clients and translators have one place to look.
 */
export interface FieldError {
  /** JSON pointer into the request: `/body/email`, `/querystring/limit`, `/headers/idempotency-key`. */
  path: string;
  code: string;
  message_zh: string;
  message_en: string;
}

interface ProblemDefinition {
  status: number;
  zh: string;
  en: string;
}

export const problemCatalogue = {
  'request.not_found': { status: 404, zh: '请求的地址不存在', en: 'No such endpoint' },
  'request.method_not_allowed': { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  'request.invalid_json': {
    status: 400,
    zh: '请求体不是合法的 JSON',
    en: 'The request body is not valid JSON',
  },
  'request.body_too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; send application/json',
  },
  'request.invalid': { status: 400, zh: '请求参数不正确', en: 'The request is invalid' },
  'request.too_many': {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; try again later',
  },
  'auth.required': { status: 401, zh: '请先登录', en: 'Sign-in required' },
  'auth.invalid_credentials': { status: 401, zh: '邮箱或密码不正确', en: 'Wrong email or password' },
  'auth.too_many_attempts': {
    status: 429,
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.session_expired': {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired; sign in again',
  },
  'auth.token_invalid': {
    status: 401,
    zh: '接口令牌无效、已过期或已吊销',
    en: 'The API token is invalid, expired or revoked',
  },
  'auth.csrf': {
    status: 403,
    zh: '缺少或错误的 CSRF 令牌，请刷新页面后重试',
    en: 'Missing or wrong CSRF token; reload the page and retry',
  },
  'auth.forbidden': { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  'auth.account_disabled': { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  'org.not_found': { status: 404, zh: '机构不存在', en: 'No such organisation' },
  'org.uscc_taken': {
    status: 409,
    zh: '该统一社会信用代码已被其他机构使用',
    en: 'Another organisation already has this unified social credit code',
  },
  'user.not_found': { status: 404, zh: '用户不存在', en: 'No such user' },
  'user.email_taken': { status: 409, zh: '该邮箱已被注册', en: 'This email is already registered' },
  'user.role_not_allowed': {
    status: 422,
    zh: '角色 {role} 不适用于该类机构',
    en: 'Role {role} does not belong to this kind of organisation',
  },
  'user.cannot_disable_self': {
    status: 422,
    zh: '不能停用自己的账号',
    en: 'You cannot disable your own account',
  },
  'user.cannot_change_own_roles': {
    status: 422,
    zh: '不能修改自己的角色，请由其他管理员操作',
    en: 'You cannot change your own roles; ask another administrator',
  },
  'session.not_found': { status: 404, zh: '会话不存在', en: 'No such session' },
  'token.not_found': { status: 404, zh: '接口令牌不存在', en: 'No such API token' },
  'token.scope_not_held': {
    status: 422,
    zh: '不能授予自己没有的权限：{scope}',
    en: 'You cannot grant a permission you do not hold: {scope}',
  },
  'product.not_found': { status: 404, zh: '产品不存在', en: 'No such product' },
  'product.version_not_found': { status: 404, zh: '产品版本不存在', en: 'No such product version' },
  'product.invalid_definition': {
    status: 422,
    zh: '产品定义有误，请按提示修改',
    en: 'The product definition has errors; see the list',
  },
  'product.version_exists': {
    status: 409,
    zh: '产品 {code} 的第 {version} 版已存在；已发布的版本不可修改，请提交新版本',
    en: 'Version {version} of {code} exists; published versions never change, publish a new version',
  },
  'product.version_sequence': {
    status: 409,
    zh: '产品 {code} 的下一个版本应为第 {expected} 版',
    en: 'The next version of {code} must be {expected}',
  },
  'product.writer_mismatch': {
    status: 422,
    zh: '只能发布本公司承保的产品（writer 应为本公司统一社会信用代码）',
    en: "You can only publish your own organisation's products (writer must be your USCC)",
  },
  'product.not_writer': {
    status: 403,
    zh: '只有承保该产品的公司可以操作',
    en: 'Only the writer of this product may do this',
  },
  'filing.invalid_transition': {
    status: 409,
    zh: '当前状态（{status}）下不能执行该操作',
    en: 'This action is not possible while the version is {status}',
  },
  'filing.comment_required': { status: 422, zh: '请填写理由', en: 'Give the reasons' },
  'filing.sandbox_limits_required': {
    status: 422,
    zh: '纳入沙盒需设定测试上限（保单数、累计保额、截止日期）',
    en: 'Admission to the sandbox needs its limits (policies, aggregate sum insured, end date)',
  },
  'filing.assessment_required': {
    status: 422,
    zh: '毕业需完成全部退出评估项（1–5 分）',
    en: 'Graduation needs every exit-assessment criterion scored 1–5',
  },
  'filing.exit_not_requested': {
    status: 409,
    zh: '申请方尚未申请退出沙盒',
    en: 'The applicant has not asked to leave the sandbox',
  },
  'sandbox.ended': {
    status: 409,
    zh: '沙盒测试期已结束，不能再出单',
    en: 'The sandbox test has ended; no new policies',
  },
  'sandbox.policy_limit': {
    status: 409,
    zh: '已达沙盒测试保单数上限',
    en: 'The sandbox test has reached its maximum number of policies',
  },
  'sandbox.sum_insured_limit': {
    status: 409,
    zh: '超过沙盒测试累计保额上限',
    en: 'This policy would exceed the sandbox test’s aggregate sum insured',
  },
  'sandbox.closed': { status: 409, zh: '沙盒测试已结束评估', en: 'The sandbox test is closed' },
  'sandbox.not_eligible': {
    status: 422,
    zh: '该企业不在沙盒测试的适用范围内',
    en: 'This enterprise is outside the sandbox test’s eligible group',
  },
  'quote.invalid_input': {
    status: 422,
    zh: '报价信息有误，请按提示修改',
    en: 'The quote request has errors; see the list',
  },
  'quote.product_unavailable': {
    status: 409,
    zh: '该产品版本当前不可报价',
    en: 'This product version cannot be quoted now',
  },
  // enterprise registry
  'enterprise.invalid_profile': {
    status: 422,
    zh: '企业画像有误，请按提示修改',
    en: 'The enterprise profile has errors; see the list',
  },
  'enterprise.not_found': { status: 404, zh: '企业不存在', en: 'No such enterprise' },
  'enterprise.version_not_found': { status: 404, zh: '该画像版本不存在', en: 'No such profile version' },
  'enterprise.not_registered': {
    status: 404,
    zh: '本企业尚未填写企业画像',
    en: 'Your enterprise has no profile yet',
  },
  'enterprise.uscc_mismatch': {
    status: 422,
    zh: '统一社会信用代码与本企业账户登记的不一致',
    en: "The unified social credit code differs from your organisation's",
  },
  'credit.record_not_found': { status: 404, zh: '信用记录不存在', en: 'No such credit record' },
  'credit.already_revoked': {
    status: 409,
    zh: '该信用记录已撤销',
    en: 'This credit record is already revoked',
  },
  'credit.invalid_dates': {
    status: 422,
    zh: '日期不正确：发生日期不能晚于今天，撤销日期不能早于发生日期',
    en: 'Wrong dates: a record cannot occur after today, nor be revoked before it occurred',
  },
  // enterprise import
  'import.not_found': { status: 404, zh: '导入任务不存在', en: 'No such import' },
  'import.missing_columns': {
    status: 422,
    zh: '文件缺少必需的列：{columnsZh}（第一行应为表头）',
    en: 'The file lacks required columns: {columnsEn} (the first row must be the header)',
  },
  'import.unreadable': {
    status: 422,
    zh: '无法读取该文件，请上传 CSV（UTF-8 或 GBK）或 XLSX 文件',
    en: 'The file cannot be read; upload a CSV (UTF-8 or GBK) or an XLSX file',
  },
  'import.too_many_rows': {
    status: 422,
    zh: '文件超过 {max} 行数据，未导入任何数据；请拆分后分批导入',
    en: 'The file has more than {max} data rows; nothing was imported. Split it and import the parts',
  },
  'import.already_running': {
    status: 409,
    zh: '本机构已有一个导入正在进行，请待其完成后再导入',
    en: 'An import of your organisation is still running; wait for it to finish',
  },
  'import.interrupted': {
    status: 503,
    zh: '导入因服务停止而中断；已提交的行已保存，重新导入同一文件即可继续（已保存的行不会重复变更）',
    en: 'The import stopped with the server; rows committed are kept, and importing the same file again continues (stored rows stay unchanged)',
  },
  'import.failed': {
    status: 500,
    zh: '导入因内部错误中止；已提交的行已保存，可重新导入同一文件',
    en: 'The import stopped on an internal error; rows committed are kept, and the same file can be imported again',
  },
  // quotes, placement, policies
  'quote.not_found': { status: 404, zh: '报价不存在', en: 'No such quote' },
  'quote.mandate_required': {
    status: 422,
    zh: '经纪人代客户询价须登记客户的有效委托书',
    en: "A broker asking on a client's behalf must record the client's valid mandate",
  },
  'quote.needs_information': {
    status: 422,
    zh: '报价还缺少以下信息：{facts}',
    en: 'The quote needs more information: {facts}',
  },
  'quote.not_referred': {
    status: 409,
    zh: '该报价不在人工核保队列中（当前状态：{status}）',
    en: 'This quote is not waiting for an underwriter (status: {status})',
  },
  'quote.not_offered': {
    status: 409,
    zh: '该报价当前不可接受（当前状态：{status}）',
    en: 'This quote cannot be accepted now (status: {status})',
  },
  'quote.not_accepted': {
    status: 409,
    zh: '请先接受报价再投保（当前状态：{status}）',
    en: 'Accept the quote before binding it (status: {status})',
  },
  'quote.expired': {
    status: 409,
    zh: '报价已于 {validUntil} 过期，请重新询价',
    en: 'The quote expired at {validUntil}; ask for a new one',
  },
  'quote.already_bound': {
    status: 409,
    zh: '该报价已出单（保单号 {policyNumber}）',
    en: 'This quote is already bound (policy {policyNumber})',
  },
  'quote.start_in_past': {
    status: 422,
    zh: '起保日期不能早于今天',
    en: 'The start date cannot be in the past',
  },
  'placement.not_found': { status: 404, zh: '共保安排不存在', en: 'No such placement' },
  'placement.not_lead': {
    status: 403,
    zh: '只有主承保人可以进行此操作',
    en: 'Only the lead insurer may do this',
  },
  'placement.not_invited': {
    status: 403,
    zh: '本公司未被邀请参与该共保安排',
    en: 'Your company is not invited to this placement',
  },
  'placement.closed': {
    status: 409,
    zh: '共保安排已截止（当前状态：{status}），不能再签写份额',
    en: 'The placement is closed (status: {status}); lines can no longer be written',
  },
  'placement.terms_differ': {
    status: 409,
    zh: '份额所依据的条件与主承保人确定的条件不一致（五个同一：{differences}），请按最新条件重新签写',
    en: "The line was written on terms that differ from the lead's (five sames: {differences}); write it again on the current terms",
  },
  'placement.lines_to_stand_exceed_whole': {
    status: 409,
    zh: '不可缩减的份额合计超过 100%，无法签定',
    en: 'Lines to stand add up to more than 100%; the slip cannot be signed',
  },
  'placement.under_placed': {
    status: 409,
    zh: '共保份额合计仅 {placed}%，尚有 {unplaced}% 未安排；请补足份额，或由投保人明确自留其余部分',
    en: 'Lines total only {placed}%, {unplaced}% is not placed; complete the lines, or the insured must explicitly retain the rest',
  },
  'placement.invalid_invitee': {
    status: 422,
    zh: '被邀请的机构必须是其他保险公司',
    en: 'Invitees must be other insurers',
  },
  'pool.not_found': { status: 404, zh: '共保体不存在', en: 'No such co-insurance pool' },
  'pool.no_members': {
    status: 409,
    zh: '共保体在起保日没有有效成员',
    en: 'The pool has no active members on the start date',
  },
  'pool.capacity_per_risk': {
    status: 409,
    zh: '保险金额 {sumInsured} 元超过共保体单一风险承保能力 {capacity} 元',
    en: 'The sum insured of {sumInsured} yuan exceeds the pool capacity per risk of {capacity} yuan',
  },
  'pool.capacity_aggregate': {
    status: 409,
    zh: '共保体累计承保能力不足：已用 {used} 元，上限 {capacity} 元',
    en: 'The pool aggregate capacity is exhausted: {used} of {capacity} yuan used',
  },
  'pool.member_exists': { status: 409, zh: '该机构已是共保体成员', en: 'The insurer is already a member' },
  'pool.member_not_found': { status: 404, zh: '该机构不是共保体成员', en: 'The insurer is not a member' },
  'bind.retention_exceeded': {
    status: 409,
    zh: '{insurer} 的自留额 {net} 元超过单一风险自留上限 {limit} 元（《保险法》第一百零三条），请先安排再保险',
    en: "{insurer}'s net retention of {net} yuan exceeds its per-risk limit of {limit} yuan (Insurance Law art. 103); arrange reinsurance first",
  },
  'policy.not_found': { status: 404, zh: '保单不存在', en: 'No such policy' },
  'policy.not_in_force': {
    status: 409,
    zh: '保单当前状态为 {status}，不能批改或注销',
    en: 'The policy is {status}; it cannot be endorsed or cancelled',
  },
  'endorsement.out_of_sequence': {
    status: 409,
    zh: '批改生效日 {effective} 早于上一次批改的生效日 {last}；请先撤回后续批改，或按顺序批改',
    en: 'The endorsement takes effect on {effective}, before the last one ({last}); endorse in sequence',
  },
  'endorsement.outside_period': {
    status: 422,
    zh: '生效日期必须在保险期间内（{start} 至 {end}）',
    en: 'The effective date must be within the policy period ({start} to {end})',
  },
  'endorsement.no_change': {
    status: 422,
    zh: '批改内容与现有保单相同',
    en: 'The endorsement changes nothing',
  },
  'endorsement.refused': {
    status: 422,
    zh: '按批改后的条件无法承保：{reasons}',
    en: 'The changed terms cannot be underwritten: {reasons}',
  },
  'endorsement.group_master': {
    status: 409,
    zh: '团体保单的条件即各成员凭证的条件，不能直接批改团体保单；请批改成员凭证，团体保单的保费、保额随之变动',
    en: "A group policy's terms are its members': endorse the member certificates instead, and the group policy follows",
  },
  'endorsement.group_period': {
    status: 422,
    zh: '成员凭证的保险期间即团体保单的保险期间（至 {end}），不能单独变更',
    en: "A member certificate's period is the group policy's (to {end}); it cannot be changed on its own",
  },
  'group.last_member': {
    status: 409,
    zh: '这是团体保单 {number} 最后一位在保成员，不能减员；请注销团体保单',
    en: 'This is the last member in force on group policy {number}; cancel the group policy instead',
  },
  'treaty.invalid': { status: 422, zh: '再保合约不完整：{detail}', en: 'The treaty is incomplete: {detail}' },
  'group.member_not_eligible': {
    status: 422,
    zh: '成员企业不符合投保条件：{name}',
    en: 'A member enterprise is not eligible: {name}',
  },
  'invoice.not_found': { status: 404, zh: '账单不存在', en: 'No such invoice' },
  'invoice.settled': {
    status: 409,
    zh: '账单 {number} 已有缴费或冲抵记录，不能再调整分期',
    en: 'Invoice {number} already has payments or offsets; its instalments cannot change',
  },
  'invoice.not_instalable': {
    status: 422,
    zh: '只有应收保费账单可以分期',
    en: 'Only premium invoices can be paid in instalments',
  },
  'invoice.not_credit_note': {
    status: 422,
    zh: '账单 {number} 不是退费通知，不能退款',
    en: 'Invoice {number} is not a credit note; nothing is to be refunded',
  },
  'invoice.refunded': { status: 409, zh: '退费已全部支付', en: 'The refund has been paid in full' },
  'invoice.not_issuer': {
    status: 403,
    zh: '只有开具账单的保险公司可以办理此操作',
    en: 'Only the insurer that issued the invoice may do this',
  },
  'payment.duplicate_reference': {
    status: 409,
    zh: '流水号 {channelRef} 已登记为另一笔收款（{number}），金额或付款人不同',
    en: 'Transaction reference {channelRef} is already recorded as another payment ({number}) with a different amount or payer',
  },
  'payment.payer_not_found': {
    status: 422,
    zh: '付款人不存在：企业或补贴资金方',
    en: 'No such payer (an enterprise or a subsidy funder)',
  },
  'payment.reference_other_payer': {
    status: 422,
    zh: '账单 {number} 的付款人不是该付款人',
    en: 'Invoice {number} is billed to another payer',
  },
  'payment.no_credit': {
    status: 409,
    zh: '该付款人在本公司没有可用的预收/溢缴款',
    en: 'The payer has no unapplied money with this insurer',
  },
  'ledger.month_closed': { status: 409, zh: '{month} 已月结，不能重复月结', en: '{month} is already closed' },
  'ledger.month_not_ended': {
    status: 422,
    zh: '{month} 尚未结束，不能月结',
    en: '{month} has not ended yet; it cannot be closed',
  },
  'ledger.month_out_of_order': {
    status: 409,
    zh: '请按月份顺序月结：下一个应结月份为 {next}',
    en: 'Close the months in order: the next month to close is {next}',
  },
  'settlement.not_found': { status: 404, zh: '结算单不存在', en: 'No such settlement statement' },
  'settlement.open_exists': {
    status: 409,
    zh: '与该对手方已有未结算的结算单 {number}；请先结算或作废',
    en: 'An open statement ({number}) with this counterparty exists; settle or void it first',
  },
  'settlement.nothing_due': {
    status: 409,
    zh: '截至 {asOf} 与该对手方没有待结算的余额',
    en: 'Nothing is due with this counterparty as of {asOf}',
  },
  'settlement.not_open': {
    status: 409,
    zh: '结算单状态为 {status}，不能办理',
    en: 'The statement is {status}',
  },
  'settlement.not_drawer': {
    status: 403,
    zh: '只有出具结算单的一方可以办理结算或作废',
    en: 'Only the party that drew up the statement may settle or void it',
  },
  'settlement.invalid_counterparty': {
    status: 422,
    zh: '对手方无效：{detail}',
    en: 'Invalid counterparty: {detail}',
  },
  'settlement.subsidy_by_funder': {
    status: 403,
    zh: '补贴结算单由补贴资金方出具、结算或作废',
    en: 'Subsidy statements are drawn up, settled and voided by the subsidy funder',
  },
  'settlement.changed': {
    status: 409,
    zh: '结算单 {number} 出具后，保单 {policy} 的待结算补贴已有变动（已另行缴付或追回）；请作废后重新出具',
    en: 'The open subsidy on policy {policy} changed after statement {number} was drawn up (paid or clawed back otherwise); void it and draw up a new one',
  },
  'subsidy.programme_not_found': { status: 404, zh: '补贴项目不存在', en: 'No such subsidy programme' },
  'subsidy.version_exists': {
    status: 409,
    zh: '补贴项目 {code} 已有第 {version} 版；修改请提交更高版本号',
    en: 'Programme {code} already has version {version}; submit a higher version',
  },
  'subsidy.grant_not_found': { status: 404, zh: '补贴记录不存在', en: 'No such subsidy grant' },
  'subsidy.quota_not_found': { status: 404, zh: '核定额度不存在', en: 'No such approved quota' },
  'subsidy.no_quota_rule': {
    status: 422,
    zh: '补贴项目 {code} 不按核定额度补偿，无需核定额度',
    en: 'Programme {code} does not pay against approved quotas',
  },
  'subsidy.quota_exists': {
    status: 409,
    zh: '该企业的“{item}”已有有效的核定额度；如需调整请先撤销',
    en: 'The enterprise already has an active quota for “{item}”; revoke it first to change it',
  },
  'subsidy.quota_revoked': { status: 409, zh: '该核定额度已撤销', en: 'The quota is already revoked' },
  'subsidy.not_pending': {
    status: 409,
    zh: '补贴状态为 {status}，不能办理此操作',
    en: 'The grant is {status}; this cannot be done now',
  },
  'subsidy.confirmation_late': {
    status: 409,
    zh: '确认期限已过（{date}），补贴未确认',
    en: 'The confirmation period ended on {date}',
  },
  'subsidy.budget_below_committed': {
    status: 409,
    zh: '预算不能低于已承诺金额 {committed} 元',
    en: 'The budget cannot go below the {committed} yuan already committed',
  },
  'subsidy.not_your_stage': {
    status: 409,
    zh: '该申报正处于“{stage}”环节，由{reviewer}审核',
    en: 'The application is at the “{stageEn}” stage, reviewed by {reviewer}',
  },
  'subsidy.nothing_requested': {
    status: 422,
    zh: '要求补正时须说明需补充的材料或事项',
    en: 'A request for more must say what is missing',
  },
  'subsidy.supplement_missing': {
    status: 409,
    zh: '尚未重新上传要求补正的材料：{keys}',
    en: 'The materials asked for have not been uploaded again: {keys}',
  },
  'subsidy.stage_unknown': {
    status: 422,
    zh: '补贴项目 {code} 没有审核环节 {stage}',
    en: 'Programme {code} has no review stage {stage}',
  },
  'subsidy.reviewer_not_funder': {
    status: 422,
    zh: '审核机构须为政府部门',
    en: 'A reviewer must be a government body',
  },
  'subsidy.enterprise_barred': {
    status: 409,
    zh: '企业因违规被取消该项目申报资格至 {until}',
    en: 'The enterprise is barred from this programme until {until}',
  },
  'subsidy.material_not_listed': {
    status: 422,
    zh: '材料 {key} 不在该项目的申报清单中',
    en: 'Material {key} is not on the programme’s checklist',
  },
  'subsidy.material_type': {
    status: 415,
    zh: '材料须为 PDF、JPEG 或 PNG，且不超过 10 MB',
    en: 'Materials must be PDF, JPEG or PNG and at most 10 MB',
  },
  'subsidy.materials_missing': {
    status: 409,
    zh: '申报材料不全：{keys}',
    en: 'Materials missing: {keys}',
  },
  'claim.not_found': { status: 404, zh: '赔案不存在', en: 'No such claim' },
  'claim.policy_not_found': {
    status: 404,
    zh: '保单不存在或无权报案',
    en: 'No such policy you may claim on',
  },
  'claim.wrong_status': {
    status: 409,
    zh: '赔案当前为「{status}」，不能{action}',
    en: 'The claim is {status}; it cannot be {action} now',
  },
  'claim.not_lead': {
    status: 403,
    zh: '仅主承保人可处理该赔案',
    en: 'Only the lead insurer handles this claim',
  },
  'claim.over_authority': {
    status: 403,
    zh: '金额 {amount} 元超出您的核赔权限（{limit}），须由 {needed} 审批',
    en: 'The amount of {amount} yuan is above your authority ({limit}); it needs {needed}',
  },
  'claim.amount_too_high': {
    status: 422,
    zh: '金额 {amount} 元超过可赔付金额 {max} 元',
    en: 'The amount of {amount} yuan is above the {max} yuan payable',
  },
  'claim.document_type': {
    status: 415,
    zh: '索赔材料须为 PDF、JPEG 或 PNG，且不超过 10 MB',
    en: 'Claim documents must be PDF, JPEG or PNG and at most 10 MB',
  },
  'claim.fx_rate_required': {
    status: 422,
    zh: '外币金额须同时填写币种与汇率',
    en: 'A foreign-currency amount needs its currency and exchange rate',
  },
  'claim.event_not_found': { status: 404, zh: '事件不存在', en: 'No such loss event' },
  'claim.dispute_open': {
    status: 409,
    zh: '该赔案已有进行中的纠纷',
    en: 'This claim already has a dispute in progress',
  },
  'claim.dispute_not_found': { status: 404, zh: '纠纷不存在', en: 'No such dispute' },
  'claim.dispute_closed': { status: 409, zh: '纠纷已结束', en: 'The dispute is closed' },
  'expert.not_found': { status: 404, zh: '专家不存在', en: 'No such expert' },
  'expert.conflict': {
    status: 409,
    zh: '专家与案件当事方存在利益冲突：{reason}',
    en: 'The expert has a conflict of interest: {reason}',
  },
  'expert.none_available': {
    status: 409,
    zh: '没有可指派的无利益冲突专家（领域：{field}）',
    en: 'No expert without a conflict is available (field: {field})',
  },
  'index.import_invalid': {
    status: 400,
    zh: '指数数据有误，请按行查看错误',
    en: 'The index data has errors; see the rows',
  },
  'registration.too_many_rows': {
    status: 422,
    zh: '清单最多 {max} 行，请分批提交',
    en: 'A bordereau holds at most {max} rows; send it in parts',
  },
  'alert.not_found': { status: 404, zh: '预警不存在', en: 'No such alert' },
  'alert.not_open': { status: 409, zh: '预警状态为「{status}」，不能办理此操作', en: 'The alert is {state}' },
  'alert.rule_version': {
    status: 409,
    zh: '预警规则 {code} 已有第 {version} 版；修改请提交更高版本号',
    en: 'Rule {code} already has version {version}; submit a higher version',
  },
  'index.before_base': {
    status: 422,
    zh: '{year} 年早于发展指数的基期（{base} 年 = 100），不计算指数',
    en: '{year} is before the index base year ({base} = 100); no index is computed for it',
  },
  'index.no_data': {
    status: 422,
    zh: '{year} 年及以前没有业务数据，无法计算发展指数',
    en: 'There is no business up to {year} to compute the index from',
  },
  'index.invalid': {
    status: 422,
    zh: '指数方法不成立：{detail}',
    en: 'The index methodology is not valid: {detail}',
  },
  'index.published': {
    status: 409,
    zh: '{year} 年指数（方法 {methodology}）已发布',
    en: 'The {year} index ({methodology}) is already published',
  },
  'webhook.not_found': { status: 404, zh: '推送订阅不存在', en: 'No such webhook subscription' },
  'webhook.delivery_not_found': { status: 404, zh: '推送记录不存在', en: 'No such webhook delivery' },
  'webhook.too_many': {
    status: 409,
    zh: '每个机构最多 {max} 个推送订阅，请先删除不用的',
    en: 'An organisation has at most {max} webhook subscriptions; delete one first',
  },
  'webhook.inactive': {
    status: 409,
    zh: '推送订阅已停用，请先启用',
    en: 'The webhook subscription is switched off; switch it on first',
  },
  'risk.run_not_found': { status: 404, zh: '风险模拟不存在', en: 'No such risk run' },
  'risk.run_finished': {
    status: 409,
    zh: '该风险模拟已结束（{status}），不能取消',
    en: 'The risk run has ended ({status}); it cannot be cancelled',
  },
  'risk.as_of_future': {
    status: 422,
    zh: '评估日 {asOf} 晚于今天（{today}）：只能模拟已有的在保组合',
    en: 'The day {asOf} is after today ({today}): only a portfolio that exists can be simulated',
  },
  'risk.queue_full': {
    status: 409,
    zh: '已有 {max} 个风险模拟在排队或运行，请等其完成或取消一个',
    en: '{max} risk runs are already queued or running; wait for one or cancel one',
  },
  'risk.portfolio_not_built': {
    status: 409,
    zh: '该风险模拟尚未生成组合数据',
    en: 'The run has not built its portfolio yet',
  },
  'calendar.year_not_found': {
    status: 404,
    zh: '尚未载入 {year} 年的工作日历',
    en: 'No working-day calendar is loaded for {year}',
  },
  'idempotency.key_reused': {
    status: 409,
    zh: '该幂等键已用于内容不同的请求',
    en: 'This Idempotency-Key was already used with a different request',
  },
  'server.not_ready': { status: 503, zh: '服务尚未就绪', en: 'The service is not ready' },
  'server.internal': {
    status: 500,
    zh: '服务器内部错误，请稍后再试',
    en: 'Internal server error; try again later',
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof problemCatalogue;

export interface AppErrorOptions {
  params?: Record<string, string | number>;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, options: AppErrorOptions = {}) {
    const def: ProblemDefinition = problemCatalogue[code];
    const messageEn = interpolate(def.en, options.params);
    super(messageEn);
    this.name = 'AppError';
    this.status = def.status;
    this.code = code;
    this.messageZh = interpolate(def.zh, options.params);
    this.messageEn = messageEn;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** Shorthand: `throw problem('user.not_found')`. */
export function problem(code: ProblemCode, options?: AppErrorOptions): AppError {
  return new AppError(code, options);
}

function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
