import { FEN_PER_YUAN, type Fen } from './fen.ts';
import { MoneyFormatError } from './money-format-error.ts';

/**
 * The one shape of an amount in JSON: yuan with up to two decimals, optional leading "-", no leading zeros,
 * at most 16 integer digits. Usable as a JSON Schema `pattern` (ECMA-262, ASCII digits only, so full-width
 * digits never pass).
 */
export const MONEY_PATTERN = '^-?(?:0|[1-9][0-9]{0,15})(?:\\.[0-9]{1,2})?$';

// Looser than MONEY_PATTERN on purpose: a string of this shape is "a number, but too precise or too large",
// which earns a more helpful error code than "not an amount".
const NUMBER_SHAPE = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export type ParseYuanResult = { ok: true; fen: Fen } | { ok: false; error: MoneyFormatError };

/**
 * Parses a yuan string into fen. "-0" and "-0.00" are accepted and give 0n: they are the same amount and
 * rejecting them would only surprise people who type them.
 */
export function parseYuan(text: string): Fen {
  const result = tryParseYuan(text);
  if (!result.ok) throw result.error;
  return result.fen;
}

export function tryParseYuan(text: string): ParseYuanResult {
  const input = typeof text === 'string' ? text : String(text);
  const match = typeof text === 'string' ? NUMBER_SHAPE.exec(text) : null;
  if (match === null) return { ok: false, error: new MoneyFormatError('money.format', input) };
  const integerDigits = match[1] as string;
  const decimals = match[2] ?? '';
  if (decimals.length > 2)
    return { ok: false, error: new MoneyFormatError('money.too_many_decimals', input) };
  if (integerDigits.length > 16) return { ok: false, error: new MoneyFormatError('money.too_large', input) };
  const magnitude = BigInt(integerDigits) * FEN_PER_YUAN + BigInt(decimals.padEnd(2, '0'));
  return { ok: true, fen: text.startsWith('-') ? -magnitude : magnitude };
}
