/** The small, deterministic work both servers do for POST /quote-preview, so they give the same answer. */

/** GB/T 4754 industry codes a tech enterprise may declare. */
export const INDUSTRIES = ['I63', 'I64', 'I65', 'C39', 'C40', 'M73'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Yuan as a decimal string with at most two decimals, no leading zeros. */
export const MONEY_PATTERN = '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$';
export const MONEY_MAX_LENGTH = 20;
export const PRODUCT_CODE_MAX_LENGTH = 32;
export const TERM_DAYS_MIN = 1;
export const TERM_DAYS_MAX = 3650;

export interface QuoteInput {
  productCode: string;
  sumInsured: string;
  termDays: number;
  industry: Industry;
  options: { deductible: string };
}

export interface QuotePreview {
  productCode: string;
  premium: string;
  annualRate: string;
  termDays: number;
}

/** Annual rate in millionths of the sum insured, by industry. */
const ANNUAL_RATE_PPM: Record<Industry, bigint> = {
  I63: 3800n,
  I64: 4200n,
  I65: 3500n,
  C39: 6800n,
  C40: 5600n,
  M73: 2900n,
};

const DAYS_PER_YEAR = 365n;
const PPM = 1_000_000n;

export function toFen(yuan: string): bigint {
  const dot = yuan.indexOf('.');
  if (dot < 0) return BigInt(yuan) * 100n;
  return BigInt(yuan.slice(0, dot)) * 100n + BigInt(yuan.slice(dot + 1).padEnd(2, '0'));
}

export function toYuan(fen: bigint): string {
  return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/** premium = sum insured × annual rate × days / 365, half up to the fen; a deductible ≥ 1% earns 10% off the rate. */
export function previewQuote(input: QuoteInput): QuotePreview {
  const sum = toFen(input.sumInsured);
  const deductible = toFen(input.options.deductible);
  let ppm = ANNUAL_RATE_PPM[input.industry];
  if (sum > 0n && deductible * 100n >= sum) ppm = (ppm * 9n) / 10n;
  const numerator = sum * ppm * BigInt(input.termDays);
  const denominator = PPM * DAYS_PER_YEAR;
  const premium = (numerator * 2n + denominator) / (denominator * 2n);
  return {
    productCode: input.productCode,
    premium: toYuan(premium),
    annualRate: `0.${ppm.toString().padStart(6, '0')}`,
    termDays: input.termDays,
  };
}

/** The body every load request sends. */
export const VALID_BODY: QuoteInput = {
  productCode: 'KJ-RD-INTERRUPT-2025',
  sumInsured: '5000000.00',
  termDays: 365,
  industry: 'I65',
  options: { deductible: '50000' },
};

const valid = VALID_BODY as unknown as Record<string, unknown>;
const withOptions = (options: Record<string, unknown>) => JSON.stringify({ ...valid, options });

/** Bodies both servers must refuse with a 400, one rule each. */
export const BAD_BODIES: Record<string, string> = {
  'not JSON': '{"productCode": ',
  'an array': '[]',
  'null body': 'null',
  'extra property': JSON.stringify({ ...valid, discount: '0.5' }),
  'extra property in options': withOptions({ deductible: '0', waiver: true }),
  'own __proto__ key': JSON.stringify(valid).replace('{', '{"__proto__":{"x":1},'),
  'productCode missing': JSON.stringify({ ...valid, productCode: undefined }),
  'productCode empty': JSON.stringify({ ...valid, productCode: '' }),
  'productCode 33 characters': JSON.stringify({ ...valid, productCode: 'K'.repeat(33) }),
  'productCode a number': JSON.stringify({ ...valid, productCode: 7 }),
  'sumInsured a number': JSON.stringify({ ...valid, sumInsured: 5000000 }),
  'sumInsured leading zero': JSON.stringify({ ...valid, sumInsured: '05000000' }),
  'sumInsured three decimals': JSON.stringify({ ...valid, sumInsured: '1.234' }),
  'sumInsured negative': JSON.stringify({ ...valid, sumInsured: '-1' }),
  'termDays 0': JSON.stringify({ ...valid, termDays: 0 }),
  'termDays 3651': JSON.stringify({ ...valid, termDays: 3651 }),
  'termDays 1.5': JSON.stringify({ ...valid, termDays: 1.5 }),
  'termDays a string': JSON.stringify({ ...valid, termDays: '365' }),
  'industry unknown': JSON.stringify({ ...valid, industry: 'Z99' }),
  'options missing': JSON.stringify({ ...valid, options: undefined }),
  'options null': JSON.stringify({ ...valid, options: null }),
  'deductible missing': withOptions({}),
  'deductible bad': withOptions({ deductible: '1e3' }),
};

/** Bodies at the edges of the rules that both servers must accept. */
export const EDGE_BODIES: Record<string, QuoteInput> = {
  'productCode 32 characters': { ...VALID_BODY, productCode: 'K'.repeat(32) },
  'productCode 32 code points, 64 UTF-16 units': { ...VALID_BODY, productCode: '𝒦'.repeat(32) },
  'termDays 1': { ...VALID_BODY, termDays: 1 },
  'termDays 3650': { ...VALID_BODY, termDays: 3650, industry: 'C39' },
  'largest sum insured': { ...VALID_BODY, sumInsured: '9999999999999999.99' },
  'sum insured 0': { ...VALID_BODY, sumInsured: '0', options: { deductible: '0.5' } },
};
