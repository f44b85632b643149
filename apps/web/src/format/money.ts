const decimal = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Groups a decimal yuan string (`"1000000.00"` → `"1,000,000.00"`) without going through a float,
 * so large amounts keep every fen. Strings that are not decimals are returned unchanged.
 */
export function groupYuan(amount: string): string {
  const match = decimal.exec(amount.trim());
  if (!match) return amount;
  const [, sign = '', whole = '0', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${(fraction ?? '').padEnd(2, '0')}`;
}

/** Accepts `1000000`, `1000000.5`, `1,000,000.00`; the amount with two places, or null. */
export function normaliseYuan(input: string): string | null {
  const match = decimal.exec(input.trim().replaceAll(',', ''));
  if (!match || match[1] === '-') return null;
  const [, , whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return null;
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
}
