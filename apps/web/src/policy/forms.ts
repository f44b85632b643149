import { normaliseYuan } from '../format/money.ts';
import type {
  CancelBody,
  DecisionBody,
  EndorseBody,
  PlacementTerms,
  QuoteCreateBody,
  QuoteRequestBody,
} from './types.ts';
import {
  type AmountField,
  amountFields,
  type DecisionKind,
  isOneOf,
  type RefundMethod,
} from './vocabulary.ts';

/*
 * The forms of quotes, underwriting, placement and policies: their values, the request bodies they
 * become, and where the server's field errors (`/body/request/limit`) go in each form.
 */

/** An amount as typed (`5,000,000`) in yuan with two places; what cannot be read is sent as typed, so the server's message lands under the field. */
function amountOf(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  return normaliseYuan(text) ?? text;
}

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
}

const wholeNumber = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

// ---- 询价 ------------------------------------------------------------------------------------------

export type QuoteRequestValues = Partial<Record<AmountField, string>> & {
  productCode?: string;
  /** A broker's client. */
  enterpriseId?: string;
  mandateReference?: string;
  mandateValidUntil?: string;
  headcount?: number | null;
  startDate?: string;
  termDays?: number | null;
};

const requestFields = [...amountFields, 'headcount', 'startDate', 'termDays'] as const;

/** The body of POST /api/quotes: only what was filled in; the client and mandate only for a broker. */
export function quoteRequestBody(values: QuoteRequestValues, broker: boolean): QuoteCreateBody {
  const request: QuoteRequestBody = {};
  for (const field of amountFields) {
    const amount = amountOf(values[field]);
    if (amount !== undefined) request[field] = amount;
  }
  const headcount = wholeNumber(values.headcount);
  if (headcount !== undefined) request.headcount = headcount;
  const termDays = wholeNumber(values.termDays);
  if (termDays !== undefined) request.termDays = termDays;
  const startDate = trimmed(values.startDate);
  if (startDate !== undefined) request.startDate = startDate;
  const body: QuoteCreateBody = { productCode: values.productCode ?? '', request };
  if (!broker) return body;
  if (values.enterpriseId) body.enterpriseId = values.enterpriseId;
  const reference = trimmed(values.mandateReference);
  if (reference !== undefined)
    body.mandate = { reference, validUntil: trimmed(values.mandateValidUntil) ?? '' };
  return body;
}

/** `/body/request/limit` → limit, `/body/mandate/validUntil` → mandateValidUntil; others stay in the alert. */
export function quoteFieldOfPath(path: string[]): string[] | null {
  const [root, name] = path;
  if (root === 'productCode' || root === 'version') return ['productCode'];
  if (root === 'enterpriseId') return ['enterpriseId'];
  if (root === 'mandate') return [name === 'validUntil' ? 'mandateValidUntil' : 'mandateReference'];
  if (root === 'request' && isOneOf(requestFields, name)) return [name];
  return null;
}

// ---- 核保 ------------------------------------------------------------------------------------------

export interface DecisionValues {
  decision: DecisionKind;
  /** Percent on the rated premium: "15" = +15 %, "-10" = a 10 % discount. */
  loadingPercent?: string;
  conditions?: (string | undefined)[];
  reasonZh: string;
  reasonEn?: string;
}

const decimal = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A percent as the decimal the API wants: "15" → "0.15", "-2.5" → "-0.025"; text that is no number comes back as it is. */
export function rateOfPercent(percent: string): string {
  const text = percent.trim();
  const match = decimal.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = `${whole.padStart(3, '0')}${fraction}`;
  const intPart = digits.slice(0, digits.length - fraction.length - 2).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(digits.length - fraction.length - 2).replace(/0+$/, '');
  const value = fracPart ? `${intPart}.${fracPart}` : intPart;
  return sign && /[1-9]/.test(value) ? `-${value}` : value;
}

export function decisionBody(values: DecisionValues): DecisionBody {
  const en = trimmed(values.reasonEn);
  const body: DecisionBody = {
    decision: values.decision,
    reason: en === undefined ? { zh: values.reasonZh.trim() } : { zh: values.reasonZh.trim(), en },
  };
  if (values.decision === 'decline') return body;
  const loading = trimmed(values.loadingPercent);
  if (loading !== undefined) body.loading = rateOfPercent(loading);
  const conditions = (values.conditions ?? []).flatMap((c) => trimmed(c) ?? []);
  if (values.decision === 'accept_with_conditions' && conditions.length > 0) body.conditions = conditions;
  return body;
}

export function decisionFieldOfPath(path: string[]): (string | number)[] | null {
  const [root, name] = path;
  if (root === 'decision') return ['decision'];
  if (root === 'loading') return ['loadingPercent'];
  if (root === 'conditions')
    return name !== undefined && /^\d+$/.test(name) ? ['conditions', Number(name)] : null;
  if (root === 'reason') return [name === 'en' ? 'reasonEn' : 'reasonZh'];
  return null;
}

// ---- 签写份额 ----------------------------------------------------------------------------------------

export interface LineValues {
  written: string;
  toStand?: boolean;
  comment?: string;
}

/** A line on the board's terms as they are: the server checks them against the lead's (five sames). */
export function lineBody(values: LineValues, terms: PlacementTerms) {
  const comment = trimmed(values.comment);
  return {
    written: values.written.trim(),
    toStand: values.toStand === true,
    terms,
    ...(comment === undefined ? {} : { comment }),
  };
}

// ---- 批改与退保 -------------------------------------------------------------------------------------

export interface EndorseValues {
  effectiveDate: string;
  sumInsured?: string;
  limit?: string;
  endDate?: string;
  reason: string;
}

export function endorseBody(values: EndorseValues): EndorseBody {
  const body: EndorseBody = { effectiveDate: values.effectiveDate, reason: values.reason.trim() };
  const sumInsured = amountOf(values.sumInsured);
  if (sumInsured !== undefined) body.sumInsured = sumInsured;
  const limit = amountOf(values.limit);
  if (limit !== undefined) body.limit = limit;
  const endDate = trimmed(values.endDate);
  if (endDate !== undefined) body.endDate = endDate;
  return body;
}

export interface CancelValues {
  cancelDate: string;
  method: RefundMethod;
  reason: string;
}

export function cancelBody(values: CancelValues): CancelBody {
  return { cancelDate: values.cancelDate, method: values.method, reason: values.reason.trim() };
}

/** A random key for one attempt of a retry-safe call (`Idempotency-Key`), from the browser's generator. */
export function idempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
