import type { ProductDefinition, QuoteRequest, Section } from '../catalog/index.ts';
import { type Fen, mulRate, parseYuan } from '../money/index.ts';

/*
 * What a request covers: the policy's sum insured (保险金额 / 风险保障金额, the "one sum insured" every
 * co-insurer shares) and each section's limit (责任限额). The sum insured is the amount of the product's
 * rating basis when the request names it, else the first named among: sumInsured, limit, contractValue,
 * loan principal + interest; a product rated on revenue or
 * headcount covers the largest of its section limits. A section's limit follows its basis × multiple
 * (capped by `max`); optional sections are covered when the request's option of the same key is true.
 */

export interface SectionCover {
  key: string;
  section: Section;
  limit: Fen;
  sublimits: { key: string; names: { zh: string; en: string }; limit: Fen }[];
}

const amount = (text: string | undefined): Fen | null => (text === undefined ? null : parseYuan(text));

function basisAmount(section: Section, request: QuoteRequest): Fen {
  const { limit } = section;
  const sumInsured = amount(request.sumInsured);
  const loan =
    request.loanPrincipal === undefined
      ? null
      : parseYuan(request.loanPrincipal) + (amount(request.loanInterest) ?? 0n);
  switch (limit.basis) {
    case 'sum_insured':
      return sumInsured ?? 0n;
    case 'equipment_value':
      return sumInsured ?? amount(request.contractValue) ?? 0n;
    case 'contract_value':
      return amount(request.contractValue) ?? sumInsured ?? 0n;
    case 'loan_principal_plus_interest':
      return loan ?? 0n;
    case 'limit':
      return amount(request.limit) ?? sumInsured ?? 0n;
    case 'fixed':
      return amount(limit.amount) ?? 0n;
    case 'per_person':
      return (amount(limit.amount) ?? 0n) * BigInt(request.headcount ?? 0);
  }
}

export function sectionLimit(section: Section, request: QuoteRequest): Fen {
  const base = basisAmount(section, request);
  const multiplied =
    section.limit.basis === 'fixed' ||
    section.limit.basis === 'per_person' ||
    section.limit.multiple === undefined
      ? base
      : mulRate(base, section.limit.multiple);
  const max = amount(section.limit.max);
  return max !== null && multiplied > max ? max : multiplied;
}

/** The sections a request covers, with their limits and sublimits. */
export function coveredSections(definition: ProductDefinition, request: QuoteRequest): SectionCover[] {
  return definition.sections
    .filter((section) => !section.optional || request.options?.[section.key] === true)
    .map((section) => {
      const limit = sectionLimit(section, request);
      return {
        key: section.key,
        section,
        limit,
        sublimits: (section.sublimits ?? []).map((sub) => ({
          key: sub.key,
          names: sub.names,
          limit:
            sub.amount !== undefined
              ? parseYuan(sub.amount)
              : sub.shareOfLimit !== undefined
                ? mulRate(limit, sub.shareOfLimit)
                : limit,
        })),
      };
    });
}

/** The policy's sum insured for a request (see the file comment); 0 when nothing names an amount. */
export function sumInsuredOf(definition: ProductDefinition, request: QuoteRequest): Fen {
  const loan =
    request.loanPrincipal === undefined
      ? null
      : parseYuan(request.loanPrincipal) + (amount(request.loanInterest) ?? 0n);
  const byBasis: Record<string, Fen | null> = {
    sum_insured: amount(request.sumInsured),
    limit: amount(request.limit),
    contract_value: amount(request.contractValue),
    loan_principal_plus_interest: loan,
  };
  const named =
    byBasis[definition.rating.basis] ??
    amount(request.sumInsured) ??
    amount(request.limit) ??
    amount(request.contractValue) ??
    loan;
  if (named !== null && named !== undefined) return named;
  return coveredSections(definition, request).reduce((max, s) => (s.limit > max ? s.limit : max), 0n);
}
