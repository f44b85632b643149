import { type CalendarDate, standardEndDate, termDays, tryParseCalendarDate } from '../time/index.ts';
import type { ProductDefinition } from './definition.ts';
import { OPTION_FACT_PREFIX } from './fact-types.ts';
import {
  type EnterpriseFactName,
  enterpriseFacts,
  type Facts,
  type FactType,
  type FactValue,
} from './facts.ts';

/** The value a fact of each type takes in a request: amounts and decimals as exact strings. */
type ValueOfType<T extends FactType> = T extends 'integer'
  ? number
  : T extends 'decimal'
    ? string | number
    : T extends 'set'
      ? readonly string[]
      : T extends 'boolean'
        ? boolean
        : string;

/**
 * What is known about the enterprise, keyed without the 'enterprise.' prefix:
 * `{ staff: 120, revenue: '35000000.00', qualifications: ['high_tech_enterprise'] }`. Absent or null
 * means not known, which rules treat as unknown, never as zero.
 */
export type EnterpriseFacts = {
  readonly [Name in EnterpriseFactName as Name extends `enterprise.${infer Key}` ? Key : never]?: ValueOfType<
    (typeof enterpriseFacts)[Name]['type']
  > | null;
};

/** What is being asked for: amounts are yuan strings ("8000000.00"), dates 'YYYY-MM-DD'. */
export interface QuoteRequest {
  sumInsured?: string;
  contractValue?: string;
  loanPrincipal?: string;
  loanInterest?: string;
  headcount?: number;
  limit?: string;
  /** Days of cover, both ends counted; see requestTermDays for when it is absent. */
  termDays?: number;
  startDate?: string;
  continuousYear?: number;
  /** The agreed retroactive date (追溯日) of claims-made sections whose rule is `required`. */
  retroactiveDate?: string;
  /** The product's options (保险方案选项) by key; absent ones take the option's default. */
  options?: Record<string, string | number | boolean>;
}

/** The input of a quote (询价): the enterprise and its request. */
export interface QuoteInput {
  enterprise: EnterpriseFacts;
  request: QuoteRequest;
}

/** The fact each request field becomes (options aside). */
export const REQUEST_FIELD_FACTS = {
  sumInsured: 'request.sumInsured',
  contractValue: 'request.contractValue',
  loanPrincipal: 'request.loanPrincipal',
  loanInterest: 'request.loanInterest',
  headcount: 'request.headcount',
  limit: 'request.limit',
  termDays: 'request.termDays',
  startDate: 'request.startDate',
  continuousYear: 'request.continuousYear',
  retroactiveDate: 'request.retroactiveDate',
} as const satisfies Record<Exclude<keyof QuoteRequest, 'options'>, string>;

const REQUEST_FACT_OF: ReadonlyMap<string, string> = new Map(Object.entries(REQUEST_FIELD_FACTS));

/** The default term when none is given: a policy year. */
export const DEFAULT_TERM_DAYS = 365;

const ENTERPRISE_FACT_OF: ReadonlyMap<string, string> = new Map(
  Object.keys(enterpriseFacts).map((fact) => [fact.slice('enterprise.'.length), fact]),
);

/**
 * The term in days when `termDays` is absent: with a start date, a standard one-year policy from it
 * (起保日零时 to the day before the anniversary, 24:00: 365 days, or 366 across a 29 February — the time
 * helpers' standardEndDate); without one, 365. Rating prices a standard one-year term as exactly one
 * year whatever its day count (rate.ts), so the leap day costs nothing extra.
 */
export function requestTermDays(request: QuoteRequest): number {
  if (request.termDays !== undefined) return request.termDays;
  if (request.startDate === undefined) return DEFAULT_TERM_DAYS;
  const start = tryParseCalendarDate(request.startDate);
  return start.ok ? oneYearDays(start.date) : DEFAULT_TERM_DAYS;
}

export function oneYearDays(start: CalendarDate): number {
  return termDays(start, standardEndDate(start));
}

/**
 * The facts of a quote, from input that validateQuoteInput accepted: `enterprise.<key>` for what is known
 * of the enterprise, `request.<field>` for the request, `request.termDays` always (requestTermDays), and
 * `request.options.<key>` for every option given or defaulted. Money options given as whole yuan become
 * yuan strings, so every amount in the facts is a string.
 */
export function factsOf(definition: ProductDefinition, input: QuoteInput): Facts {
  const facts: Record<string, FactValue> = {};
  for (const key in input.enterprise) {
    const fact = ENTERPRISE_FACT_OF.get(key);
    const value = (input.enterprise as Record<string, FactValue | undefined>)[key];
    if (fact !== undefined && value !== undefined && value !== null) facts[fact] = value;
  }
  const { request } = input;
  for (const field in request) {
    const fact = REQUEST_FACT_OF.get(field);
    const value = request[field as keyof QuoteRequest];
    if (fact !== undefined && value !== undefined && value !== null) facts[fact] = value as FactValue;
  }
  facts['request.termDays'] = requestTermDays(request);
  for (const option of definition.options) {
    const value = request.options?.[option.key] ?? option.default;
    if (value === undefined) continue;
    facts[OPTION_FACT_PREFIX + option.key] =
      option.type === 'money' && typeof value === 'number' ? String(value) : value;
  }
  return facts;
}

/** Required options (必选项) the request neither gave nor could default: facts to ask for. */
export function missingRequiredOptions(definition: ProductDefinition, facts: Facts): string[] {
  const missing: string[] = [];
  for (const option of definition.options) {
    const fact = OPTION_FACT_PREFIX + option.key;
    if (option.required === true && (facts[fact] ?? null) === null) missing.push(fact);
  }
  return missing;
}

/** The options a request resolves to: what it gave, and every other option's default. */
export function resolvedOptions(
  definition: Pick<ProductDefinition, 'options'>,
  request: QuoteRequest,
): Record<string, string | number | boolean> {
  const options: Record<string, string | number | boolean> = {};
  for (const option of definition.options)
    if (option.default !== undefined) options[option.key] = option.default;
  return { ...options, ...(request.options ?? {}) };
}
