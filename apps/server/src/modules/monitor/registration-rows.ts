import { createHash } from 'node:crypto';
import { tryParseYuan } from '@kebao/domain/money';
import { isValidUscc } from '@kebao/domain/org';
import { parsePercent } from '@kebao/domain/placement';
import { isCalendarDate } from '@kebao/domain/time';

/*
 * A row of a policy registration (保单登记) — by API or in a bordereau (清单) — checked field by field.
 * Every problem names the row and the field, in Chinese and English, so a bordereau with bad rows can be
 * fixed and sent again: good rows are stored, bad ones reported, and sending the same file again changes
 * nothing (rows are keyed by insurer + policy number and compared by checksum).
 */

export const REGISTRATION_FIELDS = [
  'policyNumber',
  'productCode',
  'statisticalClass',
  'insuredUscc',
  'insuredName',
  'industry',
  'region',
  'startDate',
  'endDate',
  'status',
  'share',
  'sumInsured',
  'premium',
  'claimsPaid',
  'claimsIncurred',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];
export type RegistrationInput = Partial<Record<RegistrationField, string>>;

/** Column names a bordereau may use: the field name or its Chinese header. */
export const REGISTRATION_HEADERS: Record<RegistrationField, string> = {
  policyNumber: '保单号',
  productCode: '产品代码',
  statisticalClass: '统计类别',
  insuredUscc: '被保险人统一社会信用代码',
  insuredName: '被保险人名称',
  industry: '行业代码',
  region: '行政区划代码',
  startDate: '起保日期',
  endDate: '终保日期',
  status: '保单状态',
  share: '承保份额',
  sumInsured: '保险金额',
  premium: '保费',
  claimsPaid: '已决赔款',
  claimsIncurred: '已发生赔款',
};

const CLASSES: Record<string, string> = {
  rd_transfer: 'rd_transfer',
  研发及成果转化: 'rd_transfer',
  application: 'application',
  应用及推广: 'application',
  intellectual_property: 'intellectual_property',
  知识产权: 'intellectual_property',
  base: 'base',
  基础风险: 'base',
};
const STATUSES: Record<string, 'in_force' | 'cancelled' | 'expired'> = {
  in_force: 'in_force',
  有效: 'in_force',
  cancelled: 'cancelled',
  退保: 'cancelled',
  已注销: 'cancelled',
  expired: 'expired',
  满期: 'expired',
};

export interface RegistrationRow {
  policyNumber: string;
  productCode: string | null;
  statisticalClass: string;
  insuredUscc: string;
  insuredName: string;
  industry: string | null;
  region: string | null;
  startDate: string;
  endDate: string;
  status: 'in_force' | 'cancelled' | 'expired';
  share: number;
  sumInsured: bigint;
  premium: bigint;
  claimsPaid: bigint;
  claimsIncurred: bigint;
  checksum: string;
}

export interface RowProblem {
  row: number;
  field: string;
  message_zh: string;
  message_en: string;
}

/** The row checked: the registration, or the problems (row numbers as the caller counts them). */
export function checkRegistration(
  input: RegistrationInput,
  row: number,
): { ok: true; value: RegistrationRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (field: RegistrationField, zh: string, en: string) =>
    problems.push({ row, field, message_zh: zh, message_en: en });
  const text = (f: RegistrationField) => (input[f] ?? '').trim();
  const money = (f: RegistrationField, required: boolean): bigint => {
    const v = text(f);
    if (v === '') {
      if (required) bad(f, `${REGISTRATION_HEADERS[f]}必填`, `${f} is required`);
      return 0n;
    }
    const parsed = tryParseYuan(v.replaceAll(',', ''));
    if (!parsed.ok || parsed.fen < 0n) {
      bad(
        f,
        `${REGISTRATION_HEADERS[f]}须为不小于 0 的金额（元，最多两位小数）`,
        `${f} must be an amount in yuan ≥ 0`,
      );
      return 0n;
    }
    return parsed.fen;
  };
  const policyNumber = text('policyNumber');
  if (policyNumber === '' || policyNumber.length > 60)
    bad('policyNumber', '保单号必填（不超过 60 字符）', 'policyNumber is required (≤ 60 characters)');
  const productCode = text('productCode') || null;
  const statisticalClass = CLASSES[text('statisticalClass')];
  if (!statisticalClass)
    bad(
      'statisticalClass',
      '统计类别须为 研发及成果转化 / 应用及推广 / 知识产权 / 基础风险',
      'statisticalClass must be rd_transfer, application, intellectual_property or base',
    );
  const insuredUscc = text('insuredUscc').toUpperCase();
  if (!isValidUscc(insuredUscc))
    bad('insuredUscc', '统一社会信用代码无效（校验位不符）', 'not a valid unified social credit code');
  const insuredName = text('insuredName');
  if (insuredName === '' || insuredName.length > 200)
    bad('insuredName', '被保险人名称必填', 'insuredName is required');
  const industry = text('industry') || null;
  if (industry !== null && !/^[A-T]([0-9]{2,4})?$/.test(industry))
    bad(
      'industry',
      '行业代码须为 GB/T 4754 门类或代码（如 C39）',
      'industry must be a GB/T 4754 code such as C39',
    );
  const region = text('region') || null;
  if (region !== null && !/^[0-9]{6}$/.test(region))
    bad('region', '行政区划代码须为 6 位数字', 'region must be a 6-digit GB/T 2260 code');
  const startDate = text('startDate');
  const endDate = text('endDate');
  if (!isCalendarDate(startDate)) bad('startDate', '起保日期须为 YYYY-MM-DD', 'startDate must be YYYY-MM-DD');
  if (!isCalendarDate(endDate)) bad('endDate', '终保日期须为 YYYY-MM-DD', 'endDate must be YYYY-MM-DD');
  else if (isCalendarDate(startDate) && endDate < startDate)
    bad('endDate', '终保日期不能早于起保日期', 'endDate is before startDate');
  const status = STATUSES[text('status') || 'in_force'];
  if (!status)
    bad('status', '保单状态须为 有效 / 退保 / 满期', 'status must be in_force, cancelled or expired');
  let share = 1_000_000;
  const shareText = text('share').replace(/%$/, '');
  if (shareText !== '') {
    try {
      share = parsePercent(shareText);
    } catch {
      bad(
        'share',
        '承保份额须为大于 0、不超过 100 的百分数',
        'share must be a percent above 0 and at most 100',
      );
    }
  }
  const sumInsured = money('sumInsured', true);
  const premium = money('premium', true);
  const claimsPaid = money('claimsPaid', false);
  const claimsIncurred = money('claimsIncurred', false);
  if (claimsIncurred < claimsPaid)
    bad('claimsIncurred', '已发生赔款不能小于已决赔款', 'claimsIncurred is below claimsPaid');
  if (problems.length > 0) return { ok: false, problems };
  const value = {
    policyNumber,
    productCode,
    statisticalClass: statisticalClass as string,
    insuredUscc,
    insuredName,
    industry,
    region,
    startDate,
    endDate,
    status: status as RegistrationRow['status'],
    share,
    sumInsured,
    premium,
    claimsPaid,
    claimsIncurred,
  };
  const checksum = createHash('sha256')
    .update(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('hex');
  return { ok: true, value: { ...value, checksum } };
}

/** A bordereau's header cells → the field each column holds (field names or the Chinese headers). */
export function columnsOf(header: readonly string[]): {
  fields: (RegistrationField | null)[];
  unknown: string[];
} {
  const byName = new Map<string, RegistrationField>();
  for (const f of REGISTRATION_FIELDS) {
    byName.set(f.toLowerCase(), f);
    byName.set(REGISTRATION_HEADERS[f], f);
  }
  const fields = header.map((h) => byName.get(h.trim()) ?? byName.get(h.trim().toLowerCase()) ?? null);
  return {
    fields,
    unknown: header
      .filter((_, i) => fields[i] === null)
      .map((h) => h.trim())
      .filter(Boolean),
  };
}
