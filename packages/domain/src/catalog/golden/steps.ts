import type { QuoteEvaluation } from '../evaluate-quote.ts';
import type { BreakdownKind } from '../rating-result.ts';

/** One line of a premium's breakdown as the golden tests write it out: what was applied, to what. */
export type Step = [kind: BreakdownKind, key: string, input: string | undefined, value: string];

/** The breakdown of a priced quote as [kind, key, input, value]; throws when the quote was not priced. */
export function steps(quote: QuoteEvaluation): Step[] {
  if (quote.rating === null || !quote.rating.ok)
    throw new Error(`the quote was not priced: ${JSON.stringify(quote.rating ?? quote.reasons)}`);
  return quote.rating.breakdown.map((step) => [step.kind, step.key, step.input, step.value]);
}
