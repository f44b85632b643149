import { formatYuan } from '../money/index.ts';
import type { BilingualText, ProductDefinition } from './definition.ts';
import type { InputError } from './definition-error.ts';
import type { Truth } from './evaluate-condition.ts';
import { factNames } from './fact-types.ts';
import { compileProductRules, type ProductRules, productRulesOf } from './product-rules.ts';
import { factsOf, missingRequiredOptions, type QuoteInput } from './quote-facts.ts';
import type { RatingResult } from './rating-result.ts';
import { validateQuoteInput } from './validate-quote-input.ts';

/**
 * What a quote comes to:
 * - `ineligible`: an eligibility rule (投保条件) does not hold — the product is not for this enterprise;
 * - `decline`: an underwriting rule (核保规则) declines; every declining reason is given;
 * - `needs_information`: the input has errors, or a fact the decision needs was not given (`missingFacts`);
 * - `refer`: an underwriter must look (a refer rule holds, a rule could not be decided, or a factor has no
 *   value for what was given) — with an indicative premium when one can be computed;
 * - `accept`: eligible, nothing to refer, priced.
 */
export type QuoteOutcome = 'accept' | 'refer' | 'decline' | 'ineligible' | 'needs_information';

export interface QuoteReason {
  reason: string;
  message: BilingualText;
}

export interface QuoteEvaluation {
  /** Every eligibility rule holds. */
  eligible: boolean;
  eligibility: { reason: string; message: BilingualText; result: Truth }[];
  outcome: QuoteOutcome;
  reasons: QuoteReason[];
  /** Facts to ask for, in rule order, each once. */
  missingFacts: string[];
  /** Yuan, e.g. "91200.00"; null when no premium could be computed or the quote is declined. */
  premium: string | null;
  premiumFen: bigint | null;
  rating: RatingResult | null;
  inputErrors: InputError[];
}

/** Evaluates a quote for a product: input → facts → eligibility → underwriting → rating. */
export function evaluateQuote(definition: ProductDefinition, input: QuoteInput): QuoteEvaluation {
  return decide(productRulesOf(definition), input);
}

/** Compiles the product once and answers quotes with the returned function (the fast path for volume). */
export function compileProduct(definition: ProductDefinition): (input: QuoteInput) => QuoteEvaluation {
  const rules = compileProductRules(definition);
  return (input) => decide(rules, input);
}

function decide(rules: ProductRules, input: QuoteInput): QuoteEvaluation {
  const { definition } = rules;
  const inputErrors = validateQuoteInput(definition, input);
  if (inputErrors.length > 0) return answer({ eligible: false, outcome: 'needs_information', inputErrors });
  const facts = factsOf(definition, input);

  const eligibilityMissing: string[] = [];
  const eligibility = rules.eligibility.map(({ rule, holds }) => ({
    reason: rule.reason,
    message: rule.message,
    result: holds(facts, eligibilityMissing),
  }));
  const eligible = eligibility.every((check) => check.result === 'true');
  const failed = eligibility.filter((check) => check.result === 'false');
  if (failed.length > 0) {
    const reasons = failed.map(({ reason, message }) => ({ reason, message }));
    return answer({ eligible, eligibility, outcome: 'ineligible', reasons });
  }

  // Underwriting runs even while eligibility waits for facts: a decline is final and spares the asking.
  const underwritingMissing: string[] = [];
  const declines: QuoteReason[] = [];
  const refers: QuoteReason[] = [];
  let undecided = false;
  for (const { rule, holds } of rules.underwriting) {
    const result = holds(facts, underwritingMissing);
    if (result === 'true')
      (rule.outcome === 'decline' ? declines : refers).push({ reason: rule.reason, message: rule.message });
    else if (result === 'unknown') undecided = true;
  }
  if (declines.length > 0) return answer({ eligible, eligibility, outcome: 'decline', reasons: declines });
  const underwriterNeeds = unique(underwritingMissing);
  if (undecided)
    refers.push(missingInformation(definition, 'underwriting.missing_information', underwriterNeeds));

  const requestNeeds = unique([...eligibilityMissing, ...missingRequiredOptions(definition, facts)]);
  if (requestNeeds.length > 0) {
    const missingFacts = unique([...requestNeeds, ...underwriterNeeds]);
    const reasons = [missingInformation(definition, 'quote.missing_information', missingFacts), ...refers];
    return answer({ eligible, eligibility, outcome: 'needs_information', reasons, missingFacts });
  }

  const rating = rules.rate(facts);
  if (!rating.ok) {
    const ratingNeeds = unique(rating.errors.filter((error) => error.missing).map((error) => error.fact));
    const unresolved = rating.errors
      .filter((error) => !error.missing)
      .map((error) => ({ reason: error.code, message: { zh: error.message_zh, en: error.message_en } }));
    if (ratingNeeds.length > 0) {
      const missingFacts = unique([...ratingNeeds, ...underwriterNeeds]);
      const reasons = [
        missingInformation(definition, 'quote.missing_information', missingFacts),
        ...refers,
        ...unresolved,
      ];
      return answer({ eligible, eligibility, outcome: 'needs_information', reasons, missingFacts, rating });
    }
    // The facts are there but the tariff has no factor for them: an underwriter prices it by hand.
    return answer({
      eligible,
      eligibility,
      outcome: 'refer',
      reasons: [...refers, ...unresolved],
      missingFacts: underwriterNeeds,
      rating,
    });
  }
  return answer({
    eligible,
    eligibility,
    outcome: refers.length > 0 ? 'refer' : 'accept',
    reasons: refers,
    missingFacts: underwriterNeeds,
    rating,
    premiumFen: rating.premium,
  });
}

function answer(
  parts: Partial<QuoteEvaluation> & Pick<QuoteEvaluation, 'eligible' | 'outcome'>,
): QuoteEvaluation {
  const premiumFen = parts.premiumFen ?? null;
  return {
    eligible: parts.eligible,
    eligibility: parts.eligibility ?? [],
    outcome: parts.outcome,
    reasons: parts.reasons ?? [],
    missingFacts: parts.missingFacts ?? [],
    premium: premiumFen === null ? null : formatYuan(premiumFen),
    premiumFen,
    rating: parts.rating ?? null,
    inputErrors: parts.inputErrors ?? [],
  };
}

/** "Please provide: …", naming the facts as the dictionary or the product's options name them. */
function missingInformation(definition: ProductDefinition, reason: string, facts: string[]): QuoteReason {
  const names = facts.map((fact) => factNames(definition, fact));
  const zh = names.map((name) => name.zh).join('、');
  const en = names.map((name) => name.en).join(', ');
  return reason === 'underwriting.missing_information'
    ? { reason, message: { zh: `核保需要补充：${zh}`, en: `The underwriter needs: ${en}` } }
    : { reason, message: { zh: `请补充以下信息：${zh}`, en: `Please provide: ${en}` } };
}

function unique(facts: string[]): string[] {
  return facts.length < 2 ? facts : [...new Set(facts)];
}
