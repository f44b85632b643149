export type RateErrorCode = 'rate.format' | 'rate.too_many_decimals' | 'rate.too_large' | 'rate.out_of_range';

/** A rate, share or percentage string that cannot be used; same shape as MoneyFormatError. */
export class RateFormatError extends Error {
  override readonly name = 'RateFormatError';
  readonly code: RateErrorCode;
  readonly reason: string;
  readonly reasonZh: string;
  readonly input: string;

  constructor(code: RateErrorCode, input: string) {
    const { reason, reasonZh } = RATE_ERROR_REASONS[code];
    super(`${reason}: ${JSON.stringify(input)}`);
    this.code = code;
    this.reason = reason;
    this.reasonZh = reasonZh;
    this.input = input;
  }
}

const RATE_ERROR_REASONS: Record<RateErrorCode, { reason: string; reasonZh: string }> = {
  'rate.format': {
    reason: 'A rate is a non-negative decimal string such as "0.0125" (no signs, spaces or exponents)',
    reasonZh: '费率/比例应为非负十进制字符串，如 "0.0125"（不含正负号、空格或科学计数法）',
  },
  'rate.too_many_decimals': {
    reason: 'A rate has at most 10 decimals',
    reasonZh: '费率/比例最多保留 10 位小数',
  },
  'rate.too_large': {
    reason: 'A rate has at most 16 integer digits',
    reasonZh: '费率/比例整数部分最多 16 位',
  },
  'rate.out_of_range': {
    reason: 'A share must lie between 0 and 1',
    reasonZh: '比例应在 0 到 1 之间',
  },
};
