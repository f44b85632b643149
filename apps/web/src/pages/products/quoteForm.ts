import type { QuotePreviewBody } from '../../api/types.ts';
import type { ProductDefinition, ProductOption } from '../../catalog/definition.ts';
import { OPTION_FACT_PREFIX } from '../../catalog/facts.ts';
import type { EnterpriseKey, QuoteFields, RequestField } from '../../catalog/factWalker.ts';
import { enterpriseFacts, type FactType, requestFacts } from '../../catalog/vocabulary.ts';
import { normaliseYuan } from '../../format/money.ts';

/** What a widget of the quote form holds: text, a number, a switch, tags, or a yes/no/unknown choice. */
export type FieldValue = string | number | boolean | string[] | null | undefined;

/** The quote form mirrors the request body, so the server's error paths name its fields. */
export interface QuoteFormValues {
  enterprise?: Partial<Record<EnterpriseKey, FieldValue>>;
  request?: Partial<Record<RequestField, FieldValue>> & { options?: Record<string, FieldValue> };
}

/** The value as it is sent: amounts as yuan strings, integers as numbers, sets as lists. */
type FactInput = string | number | boolean | string[];

export function enterpriseFactType(key: EnterpriseKey): FactType {
  return enterpriseFacts[`enterprise.${key}`].type;
}

export function requestFieldType(field: RequestField): FactType {
  return requestFacts[`request.${field}`].type;
}

const optionTypes: Record<ProductOption['type'], FactType> = {
  choice: 'string',
  money: 'money',
  integer: 'integer',
  boolean: 'boolean',
};

/**
 * One form value as the API wants it, or undefined when nothing was given (the fact is then unknown,
 * which the rules treat as unknown, never as zero or no). What cannot be read is sent as typed, so the
 * server's message lands under the field.
 */
export function inputOf(type: FactType, value: FieldValue): FactInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const members = [...new Set(value.map((member) => member.trim()).filter((member) => member !== ''))];
    return type === 'set' && members.length > 0 ? members : undefined;
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return type === 'money' || type === 'decimal' ? String(value) : value;
  }
  const text = value.trim();
  if (text === '') return undefined;
  switch (type) {
    case 'money':
      return normaliseYuan(text) ?? text;
    case 'integer':
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'set':
      return [text];
    default:
      return text;
  }
}

/** The body of POST /api/quotes/preview for the form's values; only the fields the form shows are read. */
export function toPreviewBody(
  product: { code: string; version: number },
  fields: QuoteFields,
  values: QuoteFormValues,
): QuotePreviewBody {
  const enterprise: Record<string, FactInput> = {};
  for (const key of fields.enterprise) {
    const input = inputOf(enterpriseFactType(key), values.enterprise?.[key]);
    if (input !== undefined) enterprise[key] = input;
  }
  const request: Record<string, FactInput | Record<string, string | number | boolean>> = {};
  for (const field of fields.request) {
    const input = inputOf(requestFieldType(field), values.request?.[field]);
    if (input !== undefined) request[field] = input;
  }
  const options: Record<string, string | number | boolean> = {};
  for (const option of fields.options) {
    const input = inputOf(optionTypes[option.type], values.request?.options?.[option.key]);
    if (input !== undefined && !Array.isArray(input)) options[option.key] = input;
  }
  if (Object.keys(options).length > 0) request.options = options;
  // The records were filled field by field from the fact dictionary, whose types the body's follow.
  return {
    productCode: product.code,
    version: product.version,
    enterprise: enterprise as QuotePreviewBody['enterprise'],
    request: request as QuotePreviewBody['request'],
  };
}

/** The form's starting values: each option at its default (choices and switches show it). */
export function initialQuoteValues(definition: Pick<ProductDefinition, 'options'>): QuoteFormValues {
  const options: Record<string, FieldValue> = {};
  for (const option of definition.options) {
    if (option.default === undefined) continue;
    options[option.key] =
      option.type === 'money' && typeof option.default === 'number' ? `${option.default}` : option.default;
  }
  return { enterprise: {}, request: { options } };
}

/** The form field of a fact (`enterprise.trl` → enterprise/trl), when the form shows it. */
export function fieldOfFact(fields: QuoteFields, fact: string): string[] | null {
  if (fact.startsWith(OPTION_FACT_PREFIX)) {
    const key = fact.slice(OPTION_FACT_PREFIX.length);
    return fields.options.some((o) => o.key === key) ? ['request', 'options', key] : null;
  }
  const [root, name = ''] = fact.split('.');
  if (root === 'enterprise' && fields.enterprise.some((key) => key === name)) return ['enterprise', name];
  if (root === 'request' && fields.request.some((field) => field === name)) return ['request', name];
  return null;
}

/**
 * The form field a server error is about: `/body/request/options/deductible` arrives as
 * ['request', 'options', 'deductible'], `/body/enterprise/frontierTags/0` as the tags field. Paths
 * outside the form stay in the error box above it.
 */
export function fieldOfErrorPath(fields: QuoteFields, path: string[]): string[] | null {
  const [root, name, key] = path;
  if (root === 'enterprise' && name) return fieldOfFact(fields, `enterprise.${name}`);
  if (root === 'request' && name === 'options' && key)
    return fieldOfFact(fields, `${OPTION_FACT_PREFIX}${key}`);
  if (root === 'request' && name) return fieldOfFact(fields, `request.${name}`);
  return null;
}
