export type MoneyErrorCode = 'money.format' | 'money.too_many_decimals' | 'money.too_large';

/**
 * A yuan string that is not an amount. Carries a stable `code` and both languages, so the HTTP layer can
 * turn it into a problem+json answer (DESIGN.md, "Errors") without a 500.
 */
export class MoneyFormatError extends Error {
  override readonly name = 'MoneyFormatError';
  readonly code: MoneyErrorCode;
  readonly reason: string;
  readonly reasonZh: string;
  readonly input: string;

  constructor(code: MoneyErrorCode, input: string) {
    const { reason, reasonZh } = MONEY_ERROR_REASONS[code];
    super(`${reason}: ${JSON.stringify(input)}`);
    this.code = code;
    this.reason = reason;
    this.reasonZh = reasonZh;
    this.input = input;
  }
}

const MONEY_ERROR_REASONS: Record<MoneyErrorCode, { reason: string; reasonZh: string }> = {
  'money.format': {
    reason:
      'An amount is a yuan decimal string such as "1234.56" (optional "-", no spaces, signs, exponents or separators)',
    reasonZh:
      '金额应为以元为单位的十进制字符串，如 "1234.56"（可带负号，不含空格、正号、科学计数法或千分位）',
  },
  'money.too_many_decimals': {
    reason: 'An amount has at most two decimals (fen)',
    reasonZh: '金额最多保留两位小数（精确到分）',
  },
  'money.too_large': {
    reason: 'An amount has at most 16 integer digits',
    reasonZh: '金额整数部分最多 16 位',
  },
};
