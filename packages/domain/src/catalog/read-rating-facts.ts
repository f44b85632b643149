import { formatYuan } from '../money/index.ts';
import type { CompiledFactor, FactorValue } from './compile-factor.ts';
import { tableKey } from './compile-factor.ts';
import type { BilingualText, RatingBasis } from './definition.ts';
import { moneyFen } from './fact-values.ts';
import type { Facts } from './facts.ts';
import { DEFAULT_TERM_DAYS } from './quote-facts.ts';
import type { RatingError } from './rating-result.ts';

/*
 * Reading what rating needs from the facts. Every problem is collected rather than the first one
 * returned, so a quote can ask for all its missing facts at once.
 */

/** The facts each basis (计费基础) is read from; principal and interest add up. */
export const BASIS_FACTS: Record<RatingBasis, readonly string[]> = {
  sum_insured: ['request.sumInsured'],
  contract_value: ['request.contractValue'],
  loan_principal_plus_interest: ['request.loanPrincipal', 'request.loanInterest'],
  revenue: ['enterprise.revenue'],
  limit: ['request.limit'],
  headcount: ['request.headcount'],
};

/** The basis as units × 10^-scale: fen at scale 2, or persons at scale 0; `input` for the breakdown. */
export interface Basis {
  units: bigint;
  scale: number;
  input: string;
}

export type NameOfFact = (fact: string) => BilingualText;

export function readBasis(
  basisFacts: readonly string[],
  headcount: boolean,
  facts: Facts,
  nameOf: (fact: string) => BilingualText,
  errors: RatingError[],
): Basis | undefined {
  let units = 0n;
  const texts: string[] = [];
  let complete = true;
  for (const fact of basisFacts) {
    const value = facts[fact];
    const names = nameOf(fact);
    if (value === undefined || value === null) {
      errors.push(
        ratingError(
          'rating.basis_missing',
          fact,
          true,
          `缺少计费基础：${names.zh}`,
          `The rating basis was not given: ${names.en}`,
        ),
      );
      complete = false;
      continue;
    }
    const amount = headcount
      ? Number.isSafeInteger(value)
        ? BigInt(value as number)
        : undefined
      : moneyFen(value);
    if (amount === undefined || amount < 0n) {
      errors.push(
        ratingError(
          'rating.fact_invalid',
          fact,
          false,
          `${names.zh}的取值不正确`,
          `${names.en} has an invalid value`,
        ),
      );
      complete = false;
      continue;
    }
    units += amount;
    texts.push(headcount ? String(amount) : formatYuan(amount));
  }
  return complete ? { units, scale: headcount ? 0 : 2, input: texts.join(' + ') } : undefined;
}

export function resolveFactor(
  factor: CompiledFactor,
  facts: Facts,
  nameOf: (fact: string) => BilingualText,
  errors: RatingError[],
): { value: FactorValue; input: string } | undefined {
  const value = facts[factor.fact];
  const missing = value === undefined || value === null;
  const found = missing ? undefined : factor.lookup(value);
  if (found !== undefined) return { value: found, input: tableKey(value as NonNullable<typeof value>) };
  if (factor.fallback !== undefined) return { value: factor.fallback, input: 'default' };
  const fact = nameOf(factor.fact);
  const shown = missing ? '' : tableKey(value);
  errors.push({
    ...ratingError(
      'rating.factor_unresolved',
      factor.fact,
      missing,
      `无法确定因子「${factor.names.zh}」：${missing ? `未提供${fact.zh}` : `${fact.zh}为 ${shown}，不在费率表中`}，且无默认值`,
      `The factor "${factor.names.en}" cannot be resolved: ${missing ? `${fact.en} was not given` : `${fact.en} ${shown} is not in its table`} and there is no default`,
    ),
    factor: factor.key,
  });
  return undefined;
}

/** request.termDays, or the default year when absent (facts made by factsOf always carry it). */
export function readTermDays(facts: Facts, errors: RatingError[]): number | undefined {
  const value = facts['request.termDays'] ?? DEFAULT_TERM_DAYS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    errors.push(
      ratingError(
        'rating.fact_invalid',
        'request.termDays',
        false,
        '保险期间天数应为整数',
        'The term in days must be an integer',
      ),
    );
    return undefined;
  }
  if (value < 1) {
    errors.push(
      ratingError(
        'rating.term_too_short',
        'request.termDays',
        false,
        '保险期间至少 1 天',
        'The term is at least one day',
      ),
    );
    return undefined;
  }
  return value;
}

function ratingError(
  code: RatingError['code'],
  fact: string,
  missing: boolean,
  zh: string,
  en: string,
): RatingError {
  return { code, fact, missing, message_zh: zh, message_en: en };
}
