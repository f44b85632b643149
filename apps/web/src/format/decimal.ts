// Rates, factors and shares travel as exact decimal strings ("0.013"); they are shown without floats.

const decimal = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Rounds a non-negative digit string with an implied point `scale` places from the right, half up. */
function roundDigits(digits: string, drop: number): string {
  if (drop <= 0) return digits;
  const kept = digits.slice(0, digits.length - drop) || '0';
  const next = digits.charAt(digits.length - drop) || '0';
  if (next < '5') return kept;
  return (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
}

/**
 * A decimal with at most `maxDecimals` places (half up), trailing zeros removed: `"0.0076931506"`, 4 →
 * `"0.0077"`; `"1.50"` → `"1.5"`. Strings that are not decimals come back unchanged.
 */
export function trimDecimal(value: string, maxDecimals = 10): string {
  const match = decimal.exec(value.trim());
  if (!match) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const drop = Math.max(0, fraction.length - maxDecimals);
  const scale = fraction.length - drop;
  const rounded = roundDigits(`${whole}${fraction}`, drop).padStart(scale + 1, '0');
  const intPart = rounded.slice(0, rounded.length - scale).replace(/^0+(?=\d)/, '');
  const fracPart = rounded.slice(rounded.length - scale).replace(/0+$/, '');
  const text = fracPart ? `${intPart}.${fracPart}` : intPart;
  return sign && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A decimal share as a percentage number text: `"0.013"` → `"1.3"`, `"1.00"` → `"100"` (no % sign). */
export function percentOf(value: string | number, maxDecimals = 4): string {
  const text = String(value).trim();
  const match = decimal.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(2, '0');
  const shifted = `${sign}${whole}${padded.slice(0, 2)}.${padded.slice(2) || '0'}`;
  return trimDecimal(shifted, maxDecimals);
}

/** Yuan (`"1234.5"`, or whole yuan as a number) in fen, or null when it is not an amount. */
export function fenOf(amount: string | number): bigint | null {
  if (typeof amount === 'number') return Number.isSafeInteger(amount) ? BigInt(amount) * 100n : null;
  const match = decimal.exec(amount.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return null;
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -fen : fen;
}

/** How much of `max` is `used`, in percent (0–100, one decimal, rounded down) — for progress bars. */
export function usedPercent(used: string | number, max: string | number): number {
  // Counts and amounts alike: both sides are scaled the same way, so only the ratio matters.
  const u = fenOf(used);
  const m = fenOf(max);
  if (u === null || m === null || m <= 0n) return 0;
  const tenths = (u * 1000n) / m;
  return Math.min(100, Number(tenths) / 10);
}
