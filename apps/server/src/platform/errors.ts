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
