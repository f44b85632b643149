import type { BilingualText, Factor } from './definition.ts';
import type { FactTypeOf } from './fact-types.ts';
import { numericValueOf } from './fact-values.ts';
import type { FactValue } from './facts.ts';
import { compareDecimals, parseDecimal, type ScaledDecimal } from './scaled-decimal.ts';

/** A factor value parsed once, with the text the definition wrote for the breakdown. */
export interface FactorValue extends ScaledDecimal {
  readonly text: string;
}

/** A rating factor (费率因子) ready to look up: table or bands parsed once per product. */
export interface CompiledFactor {
  readonly key: string;
  readonly names: BilingualText;
  readonly fact: string;
  readonly fallback: FactorValue | undefined;
  /** The factor for a given fact value, or undefined when the table or bands have none. */
  lookup(value: Exclude<FactValue, null>): FactorValue | undefined;
}

export function factorValue(text: string): FactorValue {
  const parsed = parseDecimal(text);
  if (parsed === undefined) throw new TypeError(`${text} is not a decimal: validate the definition first`);
  return { ...parsed, text };
}

export function compileFactor(factor: Factor, typeOf: FactTypeOf): CompiledFactor {
  const type = typeOf(factor.fact);
  if (type === undefined) throw new TypeError(`unknown fact ${factor.fact}: validate the definition first`);
  const fallback = factor.default === undefined ? undefined : factorValue(factor.default);
  const base = { key: factor.key, names: factor.names, fact: factor.fact, fallback };
  if (factor.table !== undefined) {
    const table = new Map(Object.entries(factor.table).map(([key, text]) => [key, factorValue(text)]));
    return { ...base, lookup: (value) => table.get(tableKey(value)) };
  }
  const bands = (factor.bands ?? []).map((band) => ({
    from: band.from === undefined ? undefined : parseBound(band.from),
    to: band.to === undefined ? undefined : parseBound(band.to),
    factor: factorValue(band.factor),
  }));
  return {
    ...base,
    lookup: (value) => {
      const number = numericValueOf(type, value);
      if (number === undefined) return undefined;
      for (const band of bands) {
        // `from` inclusive, `to` exclusive: a TRL of exactly 7 falls in the band from 7.
        if (band.from !== undefined && compareDecimals(number, band.from) < 0) continue;
        if (band.to !== undefined && compareDecimals(number, band.to) >= 0) continue;
        return band.factor;
      }
      return undefined;
    },
  };
}

/** The text a fact value is looked up by in a table: booleans "true"/"false", numbers in decimal form. */
export function tableKey(value: Exclude<FactValue, null>): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value);
}

function parseBound(bound: string | number): ScaledDecimal {
  const parsed = parseDecimal(bound);
  if (parsed === undefined) throw new TypeError(`${bound} is not a number: validate the definition first`);
  return parsed;
}
