import { moneyFen } from '../catalog/fact-values.ts';
import { type EnterpriseFactName, type EnterpriseFacts, enterpriseFacts } from '../catalog/index.ts';
import { parseDecimal, pow10 } from '../catalog/scaled-decimal.ts';
import { toDayNumber, tryParseCalendarDate } from '../time/index.ts';
import { classPreferences } from './class-preference.ts';
import type { FactEncoding, FeatureSchema } from './feature-schema.ts';

/** Encoded magnitudes stop here: every constant a program may hold is smaller, so order stays exact. */
export const SATURATION = 2 ** 53;

/** An enterprise to encode: its id (ranking ties go to the lower id), what is known, and its consent. */
export interface EnterpriseInput {
  readonly id: string;
  readonly facts: EnterpriseFacts;
  /** Consented to be shown to insurers as a lead (双向互推); without it the enterprise is never a lead. */
  readonly consent: boolean;
}

/** Enterprises as rows of one Float64Array (row-major, `width` columns), sorted by id. */
export interface EnterpriseFeatures {
  readonly width: number;
  readonly count: number;
  readonly ids: readonly string[];
  readonly rows: Float64Array;
}

/**
 * Encodes many enterprises (FeatureSchema says how). Rows are sorted by id, so ranking ties resolve by
 * id. `shared` puts the rows in a SharedArrayBuffer, ready for worker threads without a copy.
 */
export function encodeEnterprises(
  schema: FeatureSchema,
  enterprises: readonly EnterpriseInput[],
  options: { shared?: boolean } = {},
): EnterpriseFeatures {
  const sorted = [...enterprises].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.id === sorted[i - 1]?.id)
      throw new RangeError(`enterprise ${sorted[i]?.id} is given twice`);
  }
  const bytes = sorted.length * schema.width * Float64Array.BYTES_PER_ELEMENT;
  const rows = new Float64Array(
    options.shared === true ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
  sorted.forEach((enterprise, i) => {
    encodeEnterprise(schema, enterprise.facts, enterprise.consent, rows, i * schema.width);
  });
  return { width: schema.width, count: sorted.length, ids: sorted.map((e) => e.id), rows };
}

/**
 * Writes one enterprise's row at `offset` (a new row when none is given). The facts must be of their
 * dictionary types, as a validated profile's are; a value of the wrong type is a TypeError naming it.
 */
export function encodeEnterprise(
  schema: FeatureSchema,
  facts: EnterpriseFacts,
  consent: boolean,
  row: Float64Array = new Float64Array(schema.width),
  offset = 0,
): Float64Array {
  const values = facts as Readonly<Record<string, unknown>>;
  for (const fact of Object.keys(enterpriseFacts) as EnterpriseFactName[]) {
    const encoding = schema.facts[fact];
    const value = values[fact.slice('enterprise.'.length)];
    const at = offset + encoding.column;
    if (encoding.type === 'set') {
      const words = value === undefined || value === null ? Number.NaN : 0;
      for (let word = 0; word < encoding.words; word++) row[at + word] = words;
      if (value !== undefined && value !== null) writeSet(fact, encoding.codes, value, row, at);
    } else {
      row[at] = value === undefined || value === null ? Number.NaN : encodeScalar(fact, encoding, value);
    }
  }
  row[offset + schema.consentColumn] = consent ? 1 : 0;
  const preferences = classPreferences(facts);
  for (let i = 0; i < preferences.length; i++)
    row[offset + schema.preferenceColumn + i] = preferences[i] ?? 0;
  return row;
}

function encodeScalar(fact: string, encoding: FactEncoding, value: unknown): number {
  switch (encoding.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      break;
    case 'date':
      if (typeof value === 'string') {
        const parsed = tryParseCalendarDate(value);
        if (parsed.ok) return toDayNumber(parsed.date);
      }
      break;
    case 'money': {
      const fen = moneyFen(value);
      if (fen !== undefined) return saturate(fen);
      break;
    }
    case 'decimal': {
      const decimal =
        typeof value === 'string' || typeof value === 'number' ? parseDecimal(value) : undefined;
      if (decimal !== undefined) return encodeDecimal(decimal.units, decimal.scale, encoding.scale);
      break;
    }
    case 'string':
      if (typeof value === 'string') return encoding.codes.get(value) ?? 0;
      break;
  }
  throw new TypeError(`${fact}: ${JSON.stringify(value)} is not a ${encoding.type}`);
}

function writeSet(
  fact: string,
  bits: ReadonlyMap<string, number>,
  value: unknown,
  row: Float64Array,
  at: number,
): void {
  if (!Array.isArray(value)) throw new TypeError(`${fact}: ${JSON.stringify(value)} is not a set`);
  for (const member of value) {
    if (typeof member !== 'string') throw new TypeError(`${fact}: ${JSON.stringify(member)} is not a string`);
    const bit = bits.get(member);
    if (bit === undefined) continue;
    const word = at + Math.floor(bit / 32);
    row[word] = (row[word] ?? 0) | (1 << (bit % 32)) | 0;
  }
}

/**
 * A decimal units × 10^-scale at the column's scale, doubled; plus one when digits below the column's
 * scale are cut off (the value lies strictly between two constants' codes, which are even).
 */
export function encodeDecimal(units: bigint, scale: number, columnScale: number): number {
  if (scale <= columnScale) return saturate(2n * units * pow10(columnScale - scale));
  const divisor = pow10(scale - columnScale);
  let quotient = units / divisor;
  if (quotient * divisor > units) quotient -= 1n; // floor, also below zero
  return saturate(2n * quotient + (quotient * divisor === units ? 0n : 1n));
}

function saturate(value: bigint): number {
  const limit = BigInt(SATURATION);
  return Number(value > limit ? limit : value < -limit ? -limit : value);
}
